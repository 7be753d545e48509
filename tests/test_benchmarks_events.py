"""The TimeML EVENT/TLINK reading and the scoring of benchmarks/events_timeml.py, on a
made-up document (the corpus itself stays outside the project)."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # benchmarks/ is not installed; import it from the checkout
    sys.path.insert(0, str(REPO))

from benchmarks.events_timeml import (  # noqa: E402
    dated_events,
    figures,
    interval,
    right,
    score_document,
)
from benchmarks.timeml import parse_timeml  # noqa: E402

DOC = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">\
1998-08-07</TIMEX3></DCT>
<TEXT>
Bombs <EVENT eid="e1" class="OCCURRENCE">exploded</EVENT> outside the embassies \
<TIMEX3 tid="t1" type="DATE" value="1998-08-06">Thursday</TIMEX3>, officials \
<EVENT eid="e2" class="REPORTING">said</EVENT>. Rescuers <EVENT eid="e3" class="OCCURRENCE">\
searched</EVENT> the rubble. Sales <EVENT eid="e4" class="OCCURRENCE">fell</EVENT> in \
<TIMEX3 tid="t2" type="DATE" value="1998-Q2">the second quarter</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" aspect="NONE" polarity="NEG" pos="VERB"/>
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="IS_INCLUDED" eventInstanceID="ei2" relatedToTime="t0"/>
<TLINK lid="l3" relType="SIMULTANEOUS" eventInstanceID="ei3" relatedToEventInstance="ei1"/>
<TLINK lid="l4" relType="IS_INCLUDED" eventInstanceID="ei4" relatedToTime="t2"/>
<TLINK lid="l5" relType="BEFORE" eventInstanceID="ei4" relatedToTime="t0"/>
</TimeML>
"""


@pytest.fixture(scope="module")
def doc():
    return parse_timeml(DOC, name="demo", corpus="test")


def test_events_instances_and_links_are_read(doc) -> None:
    assert [(e.text, e.cls, e.eiid) for e in doc.events] == [
        ("exploded", "OCCURRENCE", "ei1"), ("said", "REPORTING", "ei2"),
        ("searched", "OCCURRENCE", "ei3"), ("fell", "OCCURRENCE", "ei4"),
    ]  # fmt: skip
    assert doc.events[2].polarity == "NEG"
    assert all(doc.text[e.start : e.end] == e.text for e in doc.events)
    assert len(doc.tlinks) == 5
    assert doc.dct_tid == "t0"


def test_dating_links_give_groups_and_the_narrowest_interval(doc) -> None:
    dated = {d.event.text: d for d in dated_events(doc, lambda offset: 0)}
    assert dated["exploded"].gold == (dt.date(1998, 8, 6), dt.date(1998, 8, 6))
    assert dated["exploded"].group == "own sentence"
    assert dated["said"].group == "reporting"
    assert dated["searched"].group == "via another event"
    assert dated["fell"].gold == (dt.date(1998, 4, 1), dt.date(1998, 6, 30))  # BEFORE ignored


@pytest.mark.parametrize(
    ("value", "span"),
    [
        ("1998-08-07", (dt.date(1998, 8, 7), dt.date(1998, 8, 7))),
        ("1998-08", (dt.date(1998, 8, 1), dt.date(1998, 8, 31))),
        ("1998-Q4", (dt.date(1998, 10, 1), dt.date(1998, 12, 31))),
        ("1998-W32", (dt.date(1998, 8, 3), dt.date(1998, 8, 9))),
        ("199", (dt.date(1990, 1, 1), dt.date(1999, 12, 31))),
        ("PAST_REF", None),
    ],
)
def test_gold_values_become_intervals(value: str, span) -> None:
    assert interval(value) == span


def test_a_date_is_right_only_inside_the_gold_interval() -> None:
    month = (dt.date(1998, 8, 1), dt.date(1998, 8, 31))
    assert right((dt.date(1998, 8, 7), dt.date(1998, 8, 7)), month)
    assert not right((dt.date(1998, 1, 1), dt.date(1998, 12, 31)), month)  # too coarse
    assert not right(None, month)


def test_a_document_is_scored_against_the_baseline(doc) -> None:
    counts: Counter[str] = Counter()
    score_document(doc, counts, [])
    result = figures(counts)
    assert result["triggers"]["gold"] == 4
    assert result["triggers"]["matched"] >= 3
    assert result["dating"]["all"]["gold_dated"] == 4
    assert 0 <= result["dating"]["all"]["project"] <= 1


LINKS = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">\
1998-08-07</TIMEX3></DCT>
<TEXT>
Police <EVENT eid="e1" class="OCCURRENCE">arrested</EVENT> two men \
<TIMEX3 tid="t1" type="DATE" value="1998-08-05">Wednesday</TIMEX3> during a \
<EVENT eid="e2" class="OCCURRENCE">search</EVENT> that <EVENT eid="e3" class="OCCURRENCE">\
lasted</EVENT> weeks, and <EVENT eid="e4" class="OCCURRENCE">charged</EVENT> them.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="NONE" aspect="NONE" polarity="POS" pos="NOUN"/>
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="INCLUDES" timeID="t1" relatedToEventInstance="ei1"/>
<TLINK lid="l2" relType="INCLUDES" eventInstanceID="ei2" relatedToEventInstance="ei1"/>
<TLINK lid="l3" relType="IS_INCLUDED" timeID="t1" relatedToEventInstance="ei3"/>
<TLINK lid="l4" relType="INCLUDES" eventInstanceID="ei1" relatedToEventInstance="ei4"/>
<TLINK lid="l5" relType="BEFORE" timeID="t1" relatedToTime="t0"/>
</TimeML>
"""


def test_links_from_a_time_are_read_from_the_event() -> None:
    """ "t INCLUDES e" dates e as "e IS_INCLUDED t" does; "t IS_INCLUDED e" (the event is
    longer than the time) does not date it; a link between two times is left out."""
    doc = parse_timeml(LINKS, name="links", corpus="test")
    assert ("ei1", "IS_INCLUDED", "t1") in [(k.event, k.rel, k.to_time) for k in doc.tlinks]
    assert ("ei3", "INCLUDES", "t1") in [(k.event, k.rel, k.to_time) for k in doc.tlinks]
    assert len(doc.tlinks) == 4
    dated = {d.event.text: d for d in dated_events(doc, lambda offset: 0)}
    assert dated["arrested"].gold == (dt.date(1998, 8, 5), dt.date(1998, 8, 5))
    assert dated["arrested"].group == "own sentence"
    assert "lasted" not in dated


def test_only_an_event_inside_a_dated_one_is_dated_through_it() -> None:
    """ "search INCLUDES arrested": the search may be longer than the arrest's day, so it is
    not dated by it; "arrested INCLUDES charged" puts the charging inside that day."""
    doc = parse_timeml(LINKS, name="links", corpus="test")
    dated = {d.event.text: d for d in dated_events(doc, lambda offset: 0)}
    assert "search" not in dated
    assert dated["charged"].gold == (dt.date(1998, 8, 5), dt.date(1998, 8, 5))
    assert dated["charged"].group == "via another event"
