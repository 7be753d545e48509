"""Frames: stable columns, honest intervals, empty inputs give empty frames."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from timeline import frames
from timeline.models import Agreement, Area, Article, Event, EventType, Granularity, Issue
from timeline.store import Correction

MONTH_EVENT = Event(
    id="e1", article_id="a1", type=EventType.VISIT, cameo="042", trigger="traveled",
    title="Araghchi travels to Moscow", sentence="<script>alert(1)</script> traveled.",
    sentence_start=0, sentence_end=30, actors=("Abbas Araghchi", "Sergei Lavrov"),
    location="Moscow", time_text="Earlier this month", value="2025-04",
    earliest=dt.date(2025, 4, 1), latest=dt.date(2025, 4, 30), granularity=Granularity.MONTH,
    confidence=0.75, sources=("a1", "a2"),
)  # fmt: skip
UNDATED = Event(
    id="e2", article_id="a1", type=EventType.VISIT, cameo="042", trigger="visit",
    title="Putin may visit Iran", sentence="Putin may visit.", sentence_start=31,
    sentence_end=47,
)  # fmt: skip


@pytest.mark.parametrize(
    ("build", "columns"),
    [
        (frames.events_frame, frames.EVENT_COLUMNS),
        (frames.agreements_frame, frames.AGREEMENT_COLUMNS),
        (frames.articles_frame, frames.ARTICLE_COLUMNS),
        (frames.issues_frame, frames.ISSUE_COLUMNS),
        (frames.corrections_frame, frames.CORRECTION_COLUMNS),
    ],
    ids=["events", "agreements", "articles", "issues", "corrections"],
)
def test_empty_input_gives_empty_frame_with_columns(build, columns) -> None:  # noqa: ANN001
    frame = build([])
    assert frame.empty
    assert tuple(frame.columns) == columns


def test_events_frame_columns_and_values() -> None:
    frame = frames.events_frame([MONTH_EVENT, UNDATED])
    assert tuple(frame.columns) == frames.EVENT_COLUMNS
    month = frame.iloc[0]
    assert month["actors"] == ["Abbas Araghchi", "Sergei Lavrov"]
    assert month["actors_text"] == "Abbas Araghchi; Sergei Lavrov"
    assert (month["type"], month["granularity"], month["status"]) == ("visit", "month", "happened")
    assert month["earliest"] == pd.Timestamp("2025-04-01")
    assert month["latest"] == pd.Timestamp("2025-04-30")  # the band covers the whole month
    assert month["sentence"] == "<script>alert(1)</script> traveled."  # data, untouched
    assert month["sources"] == ["a1", "a2"]
    assert pd.isna(frame.iloc[1]["earliest"])
    assert pd.isna(frame.iloc[1]["latest"])
    assert pd.api.types.is_datetime64_any_dtype(frame["earliest"])
    assert frame["earliest"].dt.tz is None  # calendar days, not instants: no time zone
    assert frame["confidence"].dtype == "float64"


def test_agreements_frame_has_one_row_per_provision() -> None:
    treaty = Agreement(
        id="g1", article_id="a1", name="Treaty", kind="treaty", duration="P20Y",
        areas=(Area("energy", ("oil and gas exploration", "peaceful nuclear energy"),
                    ("It covers energy.",)),
               Area("culture", (), ("and culture", "and the arts"))),
    )  # fmt: skip
    bare = Agreement(id="g2", article_id="a2", name="Memorandum", kind="memorandum")
    frame = frames.agreements_frame([treaty, bare])
    assert tuple(frame.columns) == frames.AGREEMENT_COLUMNS
    rows = frame[["agreement", "area", "provision"]].astype(object).where(frame.notna(), None)
    assert rows.values.tolist() == [
        ["Treaty", "energy", "oil and gas exploration"],
        ["Treaty", "energy", "peaceful nuclear energy"],
        ["Treaty", "culture", None],
        ["Memorandum", None, None],
    ]
    assert frame.iloc[2]["evidence"] == "and culture\nand the arts"
    assert frame.iloc[0]["duration"] == "P20Y"


def test_articles_and_issues_frames() -> None:
    article = Article(id="a1", text="Some text.", published=dt.date(2025, 4, 29), title="T")
    undated = Article(id="a2", text="More", published=None)
    frame = frames.articles_frame([article, undated])
    assert frame["published"].tolist()[0] == pd.Timestamp("2025-04-29")
    assert pd.isna(frame["published"].tolist()[1])
    assert frame["chars"].tolist() == [10, 4]
    issue = Issue("f.csv", "row has 2 columns", locator="row 3", field="text")
    issues = frames.issues_frame([issue])
    assert issues.iloc[0][["source", "locator", "field"]].tolist() == ["f.csv", "row 3", "text"]


def test_corrections_frame() -> None:
    c = Correction(1, "e1", "set", "actors", ["A"], ["A", "B"], 1, False)
    frame = frames.corrections_frame([c])
    assert frame.iloc[0]["new_value"] == ["A", "B"]
    assert not frame.iloc[0]["undone"]


def test_flatten_joins_lists_only() -> None:
    flat = frames.flatten(frames.events_frame([MONTH_EVENT, UNDATED]))
    assert flat["actors"].tolist() == ["Abbas Araghchi; Sergei Lavrov", ""]
    assert flat["sources"].tolist() == ["a1; a2", ""]
    assert flat["title"].tolist() == ["Araghchi travels to Moscow", "Putin may visit Iran"]


def test_flatten_keeps_an_empty_view_with_its_columns() -> None:
    empty = frames.events_frame([])
    flat = frames.flatten(empty)
    assert flat.empty
    assert list(flat.columns) == list(empty.columns)


def test_event_edits_lists_changes_and_deletions() -> None:
    before = frames.events_frame([MONTH_EVENT, UNDATED])
    after = before.copy()
    after.loc[0, "title"] = "Araghchi in Moscow"
    after.loc[0, "actors_text"] = "Abbas Araghchi;  Vladimir Putin "
    after.loc[0, "latest"] = pd.Timestamp("2025-04-20")
    after = after[after["id"] != "e2"]
    assert frames.event_edits(before, after) == [
        frames.EventEdit("e2", None, None),
        frames.EventEdit("e1", "latest", "2025-04-20"),
        frames.EventEdit("e1", "actors", ["Abbas Araghchi", "Vladimir Putin"]),
        frames.EventEdit("e1", "title", "Araghchi in Moscow"),
    ]


def test_event_edits_sees_nothing_in_an_unchanged_frame() -> None:
    frame = frames.events_frame([MONTH_EVENT, UNDATED])
    assert frames.event_edits(frame, frame.copy()) == []


def test_corrections_table_reads_in_words_without_ids_nones_or_list_reprs() -> None:
    corrections = pd.DataFrame(
        [
            {"id": 1, "event_id": "e1", "action": "set", "field": "actors",
             "old_value": ["Iran"], "new_value": ["Iran", "Russia"], "created_seq": 1,
             "undone": False},
            {"id": 2, "event_id": "e1", "action": "set", "field": "location",
             "old_value": None, "new_value": "Moscow", "created_seq": 2, "undone": True},
            {"id": 3, "event_id": "e9", "action": "delete", "field": None,
             "old_value": None, "new_value": None, "created_seq": 3, "undone": False},
        ]
    )  # fmt: skip
    table = frames.corrections_table(corrections, {"e1": "Araghchi visits Moscow"})
    assert list(table.columns) == ["event", "change", "from", "to", "undone"]
    assert table.to_dict("records") == [
        {"event": "(an event no longer shown)", "change": "deleted", "from": "", "to": "",
         "undone": ""},
        {"event": "Araghchi visits Moscow", "change": "place changed", "from": "",
         "to": "Moscow", "undone": "yes"},
        {"event": "Araghchi visits Moscow", "change": "actors changed", "from": "Iran",
         "to": "Iran; Russia", "undone": ""},
    ]  # fmt: skip


def test_most_salient_keeps_the_top_events_in_their_order() -> None:
    events = pd.DataFrame({"id": list("abcde"), "salience": [0.1, 0.9, 0.5, 0.9, 0.2]})
    assert list(frames.most_salient(events, limit=3)["id"]) == ["b", "c", "d"]
    assert list(frames.most_salient(events, limit=9)["id"]) == list("abcde")


def test_most_salient_keeps_everything_without_a_score() -> None:
    events = frames.events_frame([MONTH_EVENT, UNDATED]).drop(columns=frames.SALIENCE)
    assert frames.most_salient(events, limit=1).equals(events)
