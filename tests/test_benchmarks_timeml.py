"""The TimeML reader and the TempEval-3 scoring used by benchmarks/te3.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # benchmarks/ is not installed; import it from the checkout
    sys.path.insert(0, str(REPO))

from benchmarks.speed import build_text  # noqa: E402
from benchmarks.te3 import (  # noqa: E402
    collect_errors,
    format_table,
    match_spans,
    score,
    tag_with_dateparser,
)
from benchmarks.timeml import (  # noqa: E402
    Document,
    TimeMLError,
    Timex,
    load_corpus,
    parse_timeml,
    sample_documents,
)

SNIPPET = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>demo</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07T06:18" functionInDocument="CREATION_TIME">\
1998-08-07</TIMEX3></DCT>
<TITLE>Not part of the text</TITLE>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> \
<TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> it <EVENT eid="e2">grew</EVENT> \
<TIMEX3 tid="t2" type="DURATION" value="P3Y" mod="MORE_THAN">more than three years</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t1"/>
</TimeML>
"""

PLAIN = "\nAT&T said Friday it grew more than three years.\n"


def _timex(text: str, phrase: str, type_: str = "DATE", value: str = "", nth: int = 0) -> Timex:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Timex(start, start + len(phrase), phrase, type_, value)


def _doc(text: str, timexes: list[Timex], corpus: str = "TB", name: str = "d1") -> Document:
    return Document(name, corpus, dt.date(1998, 8, 7), text, tuple(timexes))


def test_parse_timeml_strips_tags_and_decodes_entities():
    doc = parse_timeml(SNIPPET, name="demo", corpus="AQUAINT")
    assert doc.text == PLAIN
    assert (doc.name, doc.corpus) == ("demo", "AQUAINT")


def test_parse_timeml_reads_the_dct_as_a_date():
    assert parse_timeml(SNIPPET).dct == dt.date(1998, 8, 7)


def test_parse_timeml_gives_gold_offsets_into_the_plain_text():
    doc = parse_timeml(SNIPPET)
    assert [(t.text, t.type, t.value, t.mod) for t in doc.timexes] == [
        ("Friday", "DATE", "1998-08-07", None),
        ("more than three years", "DURATION", "P3Y", "MORE_THAN"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)
    assert doc.timexes[0].start == PLAIN.index("Friday")


def test_parse_timeml_without_dct_names_the_document():
    broken = SNIPPET.replace("<DCT>", "<X>").replace("</DCT>", "</X>")
    with pytest.raises(TimeMLError, match="demo: no <DCT>"):
        parse_timeml(broken, name="demo")


def test_parse_timeml_rejects_malformed_xml():
    with pytest.raises(TimeMLError, match="not well-formed"):
        parse_timeml("<TimeML><TEXT>unclosed</TimeML>")


def test_load_corpus_skips_macos_resource_forks_and_names_sub_corpora(tmp_path):
    (tmp_path / "TimeBank").mkdir()
    (tmp_path / "TimeBank" / "a.tml").write_text(SNIPPET, encoding="utf-8")
    (tmp_path / "TimeBank" / "._a.tml").write_bytes(b"\x00\x05\x16\x07 resource fork")
    docs = load_corpus(tmp_path)
    assert [(d.corpus, d.name) for d in docs] == [("TimeBank", "a")]


def test_load_corpus_of_an_empty_folder_says_so(tmp_path):
    with pytest.raises(TimeMLError, match="no .tml files"):
        load_corpus(tmp_path)


def test_sample_documents_spreads_over_the_list():
    docs = [_doc("x", [], name=str(i)) for i in range(10)]
    assert [d.name for d in sample_documents(docs, 3)] == ["0", "3", "6"]
    assert sample_documents(docs, None) == docs
    assert sample_documents(docs, 50) == docs


def test_match_spans_strict_needs_the_same_extent_relaxed_needs_overlap():
    text = "It fell last week and on Friday."
    gold = [_timex(text, "last week"), _timex(text, "Friday")]
    system = [_timex(text, "week"), _timex(text, "Friday")]
    match = match_spans(text, gold, system)
    assert match.strict == 1
    assert match.pairs == ((0, 0), (1, 1))
    assert (match.missed, match.spurious) == ((), ())


def test_match_spans_ignores_surrounding_whitespace():
    text = "Sales rose in 1997 ."
    start = text.index(" 1997 ")
    gold = [_timex(text, "1997")]
    system = [Timex(start, start + 6, " 1997 ", "DATE", "1997")]
    assert match_spans(text, gold, system).strict == 1


def test_match_spans_uses_each_span_at_most_once():
    text = "from Monday to Tuesday"
    gold = [_timex(text, "Monday"), _timex(text, "Tuesday")]
    system = [_timex(text, "Monday to Tuesday")]
    match = match_spans(text, gold, system)
    assert match.pairs == ((1, 0),)  # the larger overlap wins
    assert match.missed == (0,)
    assert match.strict == 0


def test_score_counts_value_and_type_over_relaxed_matches():
    text = "In April, two years ago, and every week since, and now."
    gold = [
        _timex(text, "April", value="1998-04"),
        _timex(text, "two years ago", value="1996"),
        _timex(text, "every week", "SET", "P1W"),
    ]
    system = [
        _timex(text, "April", value="1998-04"),  # strict, right value and type
        _timex(text, "years ago", value="1996-08-07"),  # relaxed, wrong value
        _timex(text, "every week", "DURATION", "P1W"),  # strict, right value, wrong type
        _timex(text, "now", value="PRESENT_REF"),  # spurious
    ]
    overall = score([_doc(text, gold)], [_doc(text, system)])["overall"]
    assert (overall["gold"], overall["system"]) == (3, 4)
    assert (overall["strict_matched"], overall["relaxed_matched"]) == (2, 3)
    assert (overall["value_correct"], overall["type_correct"]) == (2, 2)
    assert overall["strict"] == pytest.approx({"precision": 50.0, "recall": 200 / 3, "f1": 400 / 7})
    assert overall["relaxed"]["precision"] == pytest.approx(75.0)
    assert overall["relaxed"]["recall"] == pytest.approx(100.0)
    assert overall["relaxed"]["f1"] == pytest.approx(600 / 7)
    assert overall["value"]["f1"] == pytest.approx(400 / 7)
    assert overall["type"] == overall["value"]


def test_score_reports_each_sub_corpus_and_micro_averages_overall():
    text = "on Friday"
    gold_a = _doc(text, [_timex(text, "Friday", value="1998-08-07")], corpus="A", name="a")
    gold_b = _doc(text, [_timex(text, "Friday", value="1998-08-07")], corpus="B", name="b")
    sys_a = dataclasses.replace(gold_a)
    sys_b = dataclasses.replace(gold_b, timexes=())
    result = score([gold_a, gold_b], [sys_a, sys_b])
    assert list(result) == ["A", "B", "overall"]
    assert result["A"]["value"]["f1"] == pytest.approx(100.0)
    assert result["B"]["relaxed"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert result["overall"]["relaxed"]["precision"] == pytest.approx(100.0)
    assert result["overall"]["relaxed"]["recall"] == pytest.approx(50.0)
    assert "overall (2 docs)" in format_table(result)


def test_score_refuses_documents_out_of_step():
    with pytest.raises(ValueError, match="out of step"):
        score([_doc("x", [], name="a")], [_doc("x", [], name="b")])


def test_collect_errors_lists_misses_false_positives_and_wrong_values_with_context():
    text = "Talks began in April. They resume next week, officials said."
    gold = [_timex(text, "April", value="1998-04"), _timex(text, "next week", value="1998-W33")]
    system = [_timex(text, "April", value="1998-04-07"), _timex(text, "officials", value="X")]
    records = collect_errors([_doc(text, gold)], [_doc(text, system)])
    assert [r["kind"] for r in records] == ["wrong_value", "missed", "spurious"]
    wrong = records[0]
    assert (wrong["gold"]["value"], wrong["system"]["value"]) == ("1998-04", "1998-04-07")
    assert "began in [[April]]. They" in wrong["context"]
    assert records[1]["system"] is None
    assert records[2]["gold"] is None


def test_tag_with_dateparser_maps_found_dates_to_whole_word_offsets():
    text = "The talks led nowhere. Right now my evidence from 5 March 1998 is scant."
    found = tag_with_dateparser(text, dt.date(1998, 3, 9))
    assert [(t.text, t.value) for t in found] == [
        ("now", "1998-03-09"),
        ("from 5 March 1998", "1998-03-05"),
    ]
    assert found[0].start == text.index("Right now") + len("Right ")  # not in "nowhere"
    assert all(text[t.start : t.end] == t.text and t.type == "DATE" for t in found)


def test_tag_with_dateparser_values_are_days_unless_cut_to_the_period():
    text = "Sales fell in June 1989 and again in 1987, from 5 March 1988."
    dct = dt.date(1989, 10, 9)
    by_day = [t.value for t in tag_with_dateparser(text, dct)]
    by_period = [t.value for t in tag_with_dateparser(text, dct, values="period")]
    assert by_day == ["1989-06-09", "1987-10-09", "1988-03-05"]  # days it was never given
    assert by_period == ["1989-06", "1987", "1988-03-05"]


def test_build_text_repeats_the_corpus_to_the_exact_size():
    docs = [_doc(" on Friday ", []), _doc("in April", [])]
    text = build_text(docs, size=50)
    assert len(text) == 50
    assert text.startswith("on Friday\n\nin Aprilon Friday")
