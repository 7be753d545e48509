"""Ingestion: every format, every bad-record kind, and the sample corpus in data/."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.errors import InputError
from timeline.ingest import (
    NO_DATE_MESSAGE,
    article_id,
    load_bytes,
    load_paths,
    load_text,
    load_url,
)

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
DATA = Path(__file__).resolve().parent.parent / "data"
CLI_DATE = dt.date(2025, 5, 1)
SEED_SHA256 = "db739adcaa6646fdbae58e568ba451ff0d7cd7886e236aaf41b86493bbfce81d"


def errors(issues):
    return [i for i in issues if i.severity == "error"]


def warnings_(issues):
    return [i for i in issues if i.severity == "warning"]


# --- ids ---------------------------------------------------------------------------


def test_article_id_ignores_whitespace_layout():
    assert article_id("Iran and  Russia\nsigned.") == article_id(" Iran and Russia signed. ")
    assert len(article_id("x")) == 12
    assert article_id("Iran signed.") != article_id("Russia signed.")


def test_article_id_is_the_same_for_the_same_text_from_any_input(tmp_path):
    text = "The treaty was signed in January."
    (tmp_path / "a.txt").write_text(f"---\ntitle: A\n---\n{text}\n", encoding="utf-8")
    from_file, _ = load_paths([tmp_path / "a.txt"], published=CLI_DATE)
    pasted, _ = load_text(text, published=CLI_DATE)
    assert from_file[0].id == pasted[0].id == article_id(text)


# --- text and front matter ------------------------------------------------------------


def test_front_matter_sets_fields_and_keeps_other_keys_in_metadata():
    articles, issues = load_paths([FIXTURES / "article.md"], published=CLI_DATE)
    (article,) = articles
    assert article.title == "Lavrov hosts Araghchi in Moscow"
    assert article.published == dt.date(2025, 4, 18)
    assert article.published_origin == "record"
    assert article.source == "Example Wire"
    assert article.url == "https://example.org/2025/04/18/lavrov-araghchi"
    assert article.metadata == {"desk": "world", "synthetic": True}
    assert article.text.startswith("Russian Foreign Minister Sergei Lavrov")
    assert "---" not in article.text
    assert [(i.locator, i.field, i.severity) for i in issues] == [
        ("line 10", "front matter", "warning")
    ]


def test_plain_text_takes_the_published_argument_and_normalises_newlines():
    articles, issues = load_paths([FIXTURES / "plain.txt"], published=CLI_DATE)
    (article,) = articles
    assert issues == []
    assert article.published == CLI_DATE
    assert article.published_origin == "cli"
    assert "\r" not in article.text
    assert article.text.splitlines()[1] == "Officials said the talks would continue in May."


def test_missing_publish_date_keeps_the_article_with_a_warning():
    articles, issues = load_paths([FIXTURES / "plain.txt"])
    (article,) = articles
    assert article.published is None
    assert article.published_origin is None
    (issue,) = issues
    assert (issue.message, issue.field, issue.severity) == (NO_DATE_MESSAGE, "published", "warning")
    assert issue.source.endswith("plain.txt")


@pytest.mark.parametrize("bad", ["yesterday-ish", "2025-13-45"])
def test_a_date_that_is_not_a_date_is_reported_and_never_guessed(bad):
    data = f"---\npublished: {bad}\n---\nThe talks ended on Friday.\n".encode()
    articles, issues = load_bytes("note.md", data)
    assert [a.published for a in articles] == [None]
    assert [(i.field, i.severity) for i in issues] == [
        ("published", "warning"),
        ("published", "warning"),
    ]
    assert bad in issues[0].message
    assert "YYYY-MM-DD" in issues[0].message
    assert issues[1].message == NO_DATE_MESSAGE


def test_a_bad_record_date_falls_back_to_the_published_argument():
    data = b"---\npublished: 2025-02-30\n---\nThe talks ended on Friday.\n"
    articles, issues = load_bytes("note.md", data, published=CLI_DATE)
    assert (articles[0].published, articles[0].published_origin) == (CLI_DATE, "editor")
    assert [i.field for i in issues] == ["published"]


def test_record_date_wins_over_the_published_argument():
    articles, _ = load_paths([FIXTURES / "records.json"], published=CLI_DATE)
    assert articles[0].published == dt.date(2025, 4, 9)
    assert articles[0].published_origin == "record"


def test_file_starting_with_a_rule_but_no_closing_rule_is_all_text():
    articles, _ = load_bytes("x.md", b"---\nJust a horizontal rule and text.\n", published=CLI_DATE)
    assert articles[0].text == "---\nJust a horizontal rule and text."
    assert articles[0].metadata == {}


# --- HTML --------------------------------------------------------------------------


def test_html_text_title_and_date_come_from_trafilatura_and_htmldate():
    articles, issues = load_paths([FIXTURES / "page.html"], published=CLI_DATE)
    (article,) = articles
    assert issues == []
    assert article.title == "Araghchi arrives in Moscow"
    assert article.published == dt.date(2025, 4, 18)
    assert article.published_origin == "html"
    assert article.source == "Example News"
    assert "arrived in Moscow on Thursday" in article.text
    assert "Khamenei" in article.text
    assert "All rights reserved" not in article.text
    assert "About us" not in article.text


def test_html_without_a_date_is_not_dated_from_its_copyright_footer():
    articles, issues = load_paths([FIXTURES / "page-undated.html"])
    (article,) = articles
    assert article.published is None
    assert "North-South transport corridor" in article.text
    assert [i.message for i in issues] == [NO_DATE_MESSAGE]


def test_html_without_a_date_takes_the_published_argument():
    articles, _ = load_paths([FIXTURES / "page-undated.html"], published=CLI_DATE)
    assert (articles[0].published, articles[0].published_origin) == (CLI_DATE, "cli")


def test_html_without_main_text_is_an_error():
    articles, issues = load_bytes("empty.html", b"<html><body></body></html>")
    assert articles == []
    assert [(i.field, i.severity) for i in issues] == [("text", "error")]


# --- JSON, JSONL, CSV ------------------------------------------------------------------


def test_json_list_keeps_good_records_and_reports_the_rest():
    articles, issues = load_paths([FIXTURES / "records.json"], published=CLI_DATE)
    assert [a.title for a in articles] == ["Duma ratifies", None]
    assert articles[0].metadata == {"desk": "politics", "tags": ["treaty", "duma"]}
    assert articles[0].url == "https://example.org/duma"
    assert articles[1].published == dt.date(2025, 4, 9)  # timestamp keeps its own day
    assert [(i.locator, i.field) for i in errors(issues)] == [
        ("record 3", "text"),
        ("record 4", None),
    ]
    assert "no 'text' field" in issues[0].message
    assert "JSON str" in issues[1].message


def test_json_single_object_is_one_record():
    data = json.dumps({"text": "Talks ended.", "published": "2025-01-18"}).encode()
    articles, issues = load_bytes("one.json", data)
    assert [a.published for a in articles] == [dt.date(2025, 1, 18)]
    assert issues == []


def test_invalid_json_file_is_one_error_with_its_line():
    articles, issues = load_bytes("bad.json", b'[\n{"text": "a"},\n{"text": }\n]')
    assert articles == []
    assert [(i.locator, i.severity) for i in issues] == [("line 3", "error")]
    assert issues[0].message.startswith("invalid JSON")


def test_jsonl_reports_each_bad_line_and_goes_on():
    articles, issues = load_paths([FIXTURES / "records.jsonl"])
    assert [a.text for a in articles] == [
        "Putin may visit Tehran later this year.",
        "Officials said preparations are underway.",
    ]
    assert [(i.locator, i.field) for i in errors(issues)] == [("line 3", None), ("line 4", "text")]
    assert [(i.locator, i.field) for i in warnings_(issues)] == [
        ("line 5", "published"),
        ("line 5", "published"),
    ]
    assert (
        errors(issues)[0].raw
        == '{"text": "Peskov said no dates had been set.", "published": "2025-05-06"'
    )


def test_csv_rows_become_articles_with_extra_columns_as_metadata():
    articles, issues = load_paths([FIXTURES / "records.csv"], published=CLI_DATE)
    assert [a.title for a in articles] == ["Trade grows", "Payments", "Corridor"]
    first, second, third = articles
    assert first.metadata == {"desk": "economy"}
    assert (first.source, first.url) == ("Example Wire", "https://example.org/trade")
    assert (second.source, second.url, second.metadata) == (None, None, {})
    assert second.text == "Most payments, the bank said, are now made in national currencies."
    assert (third.published, third.published_origin) == (CLI_DATE, "cli")
    assert [(i.locator, i.field, i.severity) for i in issues] == [
        ("row 4", "columns", "error"),
        ("row 5", "text", "error"),
        ("row 6", "published", "warning"),
    ]
    assert issues[0].message == "row has 2 columns, the header has 6"
    assert issues[0].raw == "this row has too few columns,2025-03-12"
    assert all(i.source.endswith("records.csv") for i in issues)


def test_csv_without_a_text_column_names_the_columns_it_has():
    data = b"body,published\nTalks ended.,2025-01-18\nMore talks.,2025-01-19\n"
    articles, issues = load_bytes("x.csv", data)
    assert articles == []
    (issue,) = issues
    assert (issue.locator, issue.field) == ("row 1", "text")
    assert "columns: body, published" in issue.message
    assert "2 data row(s)" in issue.message


# --- bytes, encodings, sizes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.txt", b"   \n\t \n"),
        ("a.md", b"---\ntitle: Only a title\n---\n   \n"),
        ("a.jsonl", b'{"text": ""}\n'),
        ("a.json", b'{"text": 42}'),
        ("a.csv", b"text,title\n ,Blank\n"),
    ],
)
def test_blank_text_is_an_error_on_field_text(name, data):
    articles, issues = load_bytes(name, data, published=CLI_DATE)
    assert articles == []
    assert [(i.field, i.severity) for i in issues] == [("text", "error")]


def test_undecodable_bytes_are_an_error_not_mojibake():
    articles, issues = load_bytes("a.txt", "Tehran – talks".encode("cp1252"), published=CLI_DATE)
    assert articles == []
    (issue,) = issues
    assert (issue.field, issue.severity) == ("encoding", "error")
    assert "0x96" in issue.message
    assert "UTF-8" in issue.message
    assert "\\x96" in issue.raw


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks_are_honoured(encoding):
    data = "text,published\n“Tehran – talks”,2025-04-29\n".encode(encoding)
    articles, issues = load_bytes("a.csv", data)
    assert issues == []
    assert articles[0].text == "“Tehran – talks”"


def test_an_oversize_file_is_rejected_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50_000_000)

    def refuse(self):
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    articles, issues = load_paths([big], published=CLI_DATE)
    assert articles == []
    (issue,) = issues
    assert issue.severity == "error"
    assert "50,000,000 bytes" in issue.message
    assert "10,000,000" in issue.message


def test_max_bytes_applies_to_uploads():
    articles, issues = load_bytes("a.txt", b"x" * 101, published=CLI_DATE, max_bytes=100)
    assert articles == []
    assert "101 bytes" in issues[0].message


# --- folders, paths and uploads ----------------------------------------------------------


def test_folders_are_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b.txt").write_text("Second article.", encoding="utf-8")
    (tmp_path / "a.md").write_text("First article.", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "c.txt").write_text("Third article.", encoding="utf-8")
    (tmp_path / "sub" / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".git" / "HEAD.txt").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    (tmp_path / "README.md").write_text("About this folder.", encoding="utf-8")
    articles, issues = load_paths([tmp_path], published=CLI_DATE)
    assert [a.text for a in articles] == ["First article.", "Second article.", "Third article."]
    (issue,) = issues
    assert issue.severity == "warning"
    assert issue.source.endswith("notes.pdf")
    assert "'.pdf'" in issue.message
    assert ".jsonl" in issue.message


def test_a_missing_path_is_an_error_and_the_others_still_load(tmp_path):
    missing = tmp_path / "nope.txt"
    articles, issues = load_paths([missing, FIXTURES / "plain.txt"], published=CLI_DATE)
    assert len(articles) == 1
    assert [(i.source, i.severity) for i in issues] == [(str(missing), "error")]


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\etc\\passwd", "/etc/passwd"])
def test_an_upload_name_is_never_opened(name):
    articles, issues = load_bytes(name, b"Iran and Russia met.", published=CLI_DATE)
    assert articles == []
    assert [(i.source, i.severity) for i in issues] == [(name, "warning")]
    assert "unsupported" in issues[0].message


def test_an_upload_name_only_picks_the_format():
    name = "../../etc/passwd.csv"
    articles, issues = load_bytes(name, b"text\nIran and Russia met.\n", published=CLI_DATE)
    assert [a.text for a in articles] == ["Iran and Russia met."]
    assert issues == []
    assert all("root:" not in a.text for a in articles)


def test_control_characters_in_an_upload_name_are_not_echoed():
    _, issues = load_bytes("evil\n\x1b[31m.bin", b"x")
    assert issues[0].source == "evil??[31m.bin"


# --- pasted text and URLs -----------------------------------------------------------------


def test_pasted_text_keeps_its_given_fields():
    articles, issues = load_text(
        "  Talks ended on Friday.  ",
        published=dt.date(2025, 4, 29),
        title="Talks",
        source="Wire",
        url="https://example.org/t",
    )
    assert issues == []
    (article,) = articles
    assert (article.text, article.title, article.source, article.url) == (
        "Talks ended on Friday.",
        "Talks",
        "Wire",
        "https://example.org/t",
    )
    assert (article.published, article.published_origin) == (dt.date(2025, 4, 29), "editor")


def test_pasted_blank_text_is_an_error():
    articles, issues = load_text("  \n ", published=CLI_DATE)
    assert articles == []
    assert [(i.source, i.field) for i in issues] == [("pasted text", "text")]


def test_url_page_is_read_with_its_html_date():
    page = (FIXTURES / "page.html").read_text(encoding="utf-8")
    seen = []

    def fetch(url):
        seen.append(url)
        return page

    url = "https://example.org/world/araghchi"
    articles, issues = load_url(url, published=CLI_DATE, fetch=fetch)
    assert seen == [url]
    assert issues == []
    (article,) = articles
    assert (article.url, article.published, article.published_origin) == (
        url,
        dt.date(2025, 4, 18),
        "html",
    )
    assert "Lavrov" in article.text


def test_url_fetch_failures_are_issues():
    def fetch(url):
        raise OSError("Network is unreachable")

    articles, issues = load_url("https://example.org/x", published=CLI_DATE, fetch=fetch)
    assert articles == []
    assert issues[0].message == "could not fetch URL https://example.org/x: Network is unreachable"


def test_url_that_cannot_be_fetched_for_real_gives_a_clear_issue():
    articles, issues = load_url("http://127.0.0.1:9/", published=CLI_DATE, timeout=2)
    assert articles == []
    (issue,) = issues
    assert issue.message.startswith("could not fetch URL http://127.0.0.1:9/: ")
    assert len(issue.message) > len("could not fetch URL http://127.0.0.1:9/: ")
    assert (issue.field, issue.severity) == ("url", "error")


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/a", "example.org/a", "http://[::1/a"]
)
def test_only_http_urls_are_fetched(url):
    def fetch(url):
        raise AssertionError("must not be called")

    articles, issues = load_url(url, fetch=fetch)
    assert articles == []
    assert issues[0].message.startswith("not an http(s) URL")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"published": "2025-04-29"},
        {"published": dt.datetime(2025, 4, 29, 12, 0)},
        {"max_bytes": 0},
        {"max_bytes": True},
    ],
)
def test_misused_options_raise_input_error(kwargs):
    with pytest.raises(InputError) as info:
        load_bytes("a.txt", b"x", **kwargs)
    assert next(iter(kwargs)) in str(info.value)


def test_a_single_path_string_is_refused_rather_than_read_letter_by_letter():
    with pytest.raises(InputError, match="list of paths"):
        load_paths(str(DATA))


# --- invariant: every record is an Article or an error Issue ---------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from(',"\n \r\x85\u2028'),
    max_size=40,
)
_GOOD_DATE = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)).map(str)
_ANY_DATE = st.one_of(_GOOD_DATE, st.just(""), st.sampled_from(["2025-13-45", "yesterday-ish"]))
_CSV_ROW = st.one_of(
    st.tuples(st.just("good"), _TEXT.filter(str.strip), _ANY_DATE),
    st.tuples(st.just("blank"), st.sampled_from(["", "  ", "\n\t"]), _ANY_DATE),
    st.tuples(st.just("short"), _TEXT, st.just("")),
)


def _csv_batch(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["text", "published", "note"])
    for kind, text, date in rows:
        writer.writerow([text] if kind == "short" else [text, date, "n"])
    return out.getvalue().encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CSV_ROW, max_size=12))
def test_every_csv_row_is_an_article_or_an_error(rows):
    articles, issues = load_bytes("batch.csv", _csv_batch(rows), published=CLI_DATE)
    rejected = errors(issues)
    assert len(articles) == sum(kind == "good" for kind, _, _ in rows)
    assert len(articles) + len(rejected) == len(rows)
    assert len({i.locator for i in rejected}) == len(rejected)
    assert all(a.published is not None for a in articles)


_JSONL_LINE = st.one_of(
    st.tuples(st.just("good"), _TEXT.filter(str.strip), _ANY_DATE),
    st.tuples(st.just("blank"), st.sampled_from(["", " ", "\n"]), _ANY_DATE),
    st.tuples(st.just("broken"), _TEXT, _ANY_DATE),
    st.tuples(st.just("not-object"), _TEXT, _ANY_DATE),
)


def _jsonl_line(kind, text, date):
    if kind == "broken":
        return json.dumps({"text": text}, ensure_ascii=False)[:-1]
    if kind == "not-object":
        return json.dumps([text, date])
    return json.dumps({"text": text, "published": date}, ensure_ascii=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(_JSONL_LINE, max_size=12))
def test_every_jsonl_line_is_an_article_or_an_error(lines):
    data = "\n".join(_jsonl_line(*line) for line in lines).encode("utf-8")
    articles, issues = load_bytes("batch.jsonl", data)
    rejected = errors(issues)
    assert len(articles) == sum(kind == "good" for kind, _, _ in lines)
    assert len(articles) + len(rejected) == len(lines)
    assert {i.locator for i in rejected} == {
        f"line {n}" for n, (kind, _, _) in enumerate(lines, start=1) if kind != "good"
    }
    undated = [a for a in articles if a.published is None]
    no_date_warnings = [i for i in issues if i.message == NO_DATE_MESSAGE]
    assert len(undated) == len(no_date_warnings)


# --- the sample corpus ----------------------------------------------------------------------


def test_sample_corpus_loads_dated_and_labelled():
    articles, issues = load_paths([DATA])
    assert errors(issues) == []
    assert warnings_(issues) == []
    assert len(articles) >= 6
    assert all(a.published is not None and a.published_origin == "record" for a in articles)
    assert len({a.id for a in articles}) == len(articles)
    seed = [a for a in articles if a.metadata.get("synthetic") is False]
    assert len(seed) == 1
    assert seed[0].published == dt.date(2025, 4, 29)
    assert "editor" in seed[0].metadata["published_note"]
    for variant in ("Mohajelani", "Mohajerani", "Mokhajelani", "Araguchi", "Ari Khamenei"):
        assert variant in seed[0].text
    synthetic = [a for a in articles if a.metadata.get("synthetic") is True]
    assert len(synthetic) == len(articles) - 1
    assert all("not a real news report" in a.metadata["note"] for a in synthetic)
    assert all(150 <= len(a.text.split()) <= 300 for a in synthetic)


def test_sample_corpus_seed_is_the_shared_sample_verbatim():
    # sha256 of ../shared/samples/iran-russia-partnership.txt (stripped), taken when copied.
    articles, _ = load_paths([DATA])
    seed = next(a for a in articles if a.metadata.get("synthetic") is False)
    assert hashlib.sha256(seed.text.encode("utf-8")).hexdigest() == SEED_SHA256
