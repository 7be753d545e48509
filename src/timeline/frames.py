"""Pure conversions between model objects and pandas DataFrames.

The dashboard's charts and the exports consume these frames, so their columns are a
contract: the names below are constants and every frame has all of its columns, in this
order, even when empty.

``events_frame`` — one row per event:

=============  ==============================================================
``id``         event id (stable across re-extraction of the same text)
``article_id`` the article that reports it
``type``       event type (``statement``, ``visit``, ... as str)
``cameo``      CAMEO code (str, e.g. ``"042"``)
``title``      short title ("Araghchi travels to Moscow")
``sentence``   the sentence it was read from (plain text, never markup)
``actors``     list[str] of canonical actor names
``actors_text`` the same names joined with ``"; "`` (for tables and CSV)
``location``   str or None
``time_text``  the expression that dates it as written, or None
``value``      TIMEX3 value (``2025-04``, ``PAST_REF``) or None
``when``       the date in words for readers ("April 2025", "week of 10 March 2025",
               "before April 2025"; ``wording.date_in_words``)
``earliest``   start of its interval, ``datetime64`` at midnight (NaT when unknown)
``latest``     last day of its interval, ``datetime64`` at midnight (NaT when unknown);
               a day event has ``earliest == latest``, a month event spans the month
``granularity`` ``day``, ``month``, ``year``, ... (str)
``anchor``     what the value was taken from, as words ("expression: Friday", "publish date")
``anchor_kind`` ``expression``, ``event``, ``narrative``, ``report``, ``publish date`` or
               ``unresolved`` (str); ``anchor_event`` the id of the event it hangs on or None
``status``     ``happened``, ``planned``, ``possible`` or ``reported`` (str)
``event_class`` TimeML class (``OCCURRENCE``, ``REPORTING``, ``STATE``, ...)
``lemma``      the trigger's lemma; ``polarity`` ``positive`` or ``negative``
``salience``   float in [0, 1]: how central to the story (key events first)
``confidence`` float in [0, 1]
``sources``    list[str] of the article ids that report it
=============  ==============================================================

``agreements_frame`` — one row per agreement x area x provision (``agreement_id``,
``article_id``, ``agreement``, ``kind``, ``duration``, ``area``, ``provision``,
``evidence``): an area without provisions has one row with provision None, an
agreement without areas one row with area None; ``evidence`` is the area's evidence
sentences joined with newlines.

``articles_frame`` — one row per article: ``id``, ``title``, ``source``, ``url``,
``published`` (datetime64, NaT when unknown), ``published_origin``, ``chars``.

``issues_frame`` — one row per issue: ``severity``, ``source``, ``locator``,
``field``, ``message``, ``raw``.

``corrections_frame`` — one row per stored correction: ``id``, ``event_id``,
``action``, ``field``, ``old_value``, ``new_value``, ``created_seq``, ``undone``.

``flatten`` turns list cells into ``"; "``-joined strings, for CSV.

``event_edits(before, after)`` compares two events frames (say, before and after an
editable table) and lists the changes as :class:`EventEdit` records, ready for
``Store.correct_event`` / ``Store.delete_event``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import pandas as pd

from timeline.models import Agreement, Article, Event, Issue
from timeline.wording import date_in_words

__all__ = [
    "AGREEMENT_COLUMNS",
    "ARTICLE_COLUMNS",
    "CORRECTION_COLUMNS",
    "EDITABLE_COLUMNS",
    "EVENT_COLUMNS",
    "EventEdit",
    "ISSUE_COLUMNS",
    "LIST_SEPARATOR",
    "agreements_frame",
    "articles_frame",
    "corrections_frame",
    "corrections_table",
    "event_edits",
    "events_frame",
    "flatten",
    "issues_frame",
    "most_salient",
]

LIST_SEPARATOR = "; "

ID, ARTICLE_ID, TYPE, CAMEO, TITLE, SENTENCE = (
    "id", "article_id", "type", "cameo", "title", "sentence",
)  # fmt: skip
ACTORS, ACTORS_TEXT, LOCATION, TIME_TEXT, VALUE, WHEN = (
    "actors", "actors_text", "location", "time_text", "value", "when",
)  # fmt: skip
EARLIEST, LATEST, GRANULARITY, ANCHOR, STATUS, CONFIDENCE, SOURCES = (
    "earliest", "latest", "granularity", "anchor", "status", "confidence", "sources",
)  # fmt: skip
ANCHOR_KIND, ANCHOR_EVENT, EVENT_CLASS, LEMMA, POLARITY, SALIENCE = (
    "anchor_kind", "anchor_event", "event_class", "lemma", "polarity", "salience",
)  # fmt: skip
EVENT_COLUMNS = (
    ID, ARTICLE_ID, TYPE, CAMEO, TITLE, SENTENCE, ACTORS, ACTORS_TEXT, LOCATION, TIME_TEXT,
    VALUE, WHEN, EARLIEST, LATEST, GRANULARITY, ANCHOR, STATUS, CONFIDENCE, SOURCES,
    ANCHOR_KIND, ANCHOR_EVENT, EVENT_CLASS, LEMMA, POLARITY, SALIENCE,
)  # fmt: skip

AGREEMENT_ID, AGREEMENT, KIND, DURATION, AREA, PROVISION, EVIDENCE = (
    "agreement_id", "agreement", "kind", "duration", "area", "provision", "evidence",
)  # fmt: skip
AGREEMENT_COLUMNS = (
    AGREEMENT_ID, ARTICLE_ID, AGREEMENT, KIND, DURATION, AREA, PROVISION, EVIDENCE,
)  # fmt: skip

SOURCE, URL, PUBLISHED, PUBLISHED_ORIGIN, CHARS = (
    "source", "url", "published", "published_origin", "chars",
)  # fmt: skip
ARTICLE_COLUMNS = (ID, TITLE, SOURCE, URL, PUBLISHED, PUBLISHED_ORIGIN, CHARS)

SEVERITY, LOCATOR, FIELD, MESSAGE, RAW = "severity", "locator", "field", "message", "raw"
ISSUE_COLUMNS = (SEVERITY, SOURCE, LOCATOR, FIELD, MESSAGE, RAW)

CORRECTION_COLUMNS = (
    "id", "event_id", "action", "field", "old_value", "new_value", "created_seq", "undone",
)  # fmt: skip

_DATE_COLUMNS = (EARLIEST, LATEST, PUBLISHED)


def _frame(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    for name in _DATE_COLUMNS:
        if name in frame.columns:
            frame[name] = pd.to_datetime(frame[name].astype("object"))
    return frame


def _day(value: dt.date | None) -> dt.datetime | None:
    return None if value is None else dt.datetime(value.year, value.month, value.day)


def events_frame(events: Iterable[Event]) -> pd.DataFrame:
    """One row per event; see the module docstring for the columns."""
    rows = [
        {
            ID: e.id,
            ARTICLE_ID: e.article_id,
            TYPE: str(e.type),
            CAMEO: e.cameo,
            TITLE: e.title,
            SENTENCE: e.sentence,
            ACTORS: list(e.actors),
            ACTORS_TEXT: LIST_SEPARATOR.join(e.actors),
            LOCATION: e.location,
            TIME_TEXT: e.time_text,
            VALUE: e.value,
            WHEN: date_in_words(e.value, e.granularity, e.earliest, e.latest),
            EARLIEST: _day(e.earliest),
            LATEST: _day(e.latest),
            GRANULARITY: str(e.granularity),
            ANCHOR: str(e.anchor),
            STATUS: str(e.status),
            CONFIDENCE: float(e.confidence),
            SOURCES: list(e.sources),
            ANCHOR_KIND: str(e.anchor.kind),
            ANCHOR_EVENT: e.anchor.event_id,
            EVENT_CLASS: str(e.event_class),
            LEMMA: e.lemma,
            POLARITY: str(e.polarity),
            SALIENCE: float(e.salience),
        }  # fmt: skip
        for e in events
    ]
    frame = _frame(rows, EVENT_COLUMNS)
    frame[CONFIDENCE] = frame[CONFIDENCE].astype("float64")
    frame[SALIENCE] = frame[SALIENCE].astype("float64")
    return frame


def _agreement_rows(agreement: Agreement) -> list[dict[str, Any]]:
    base = {
        AGREEMENT_ID: agreement.id, ARTICLE_ID: agreement.article_id, AGREEMENT: agreement.name,
        KIND: agreement.kind, DURATION: agreement.duration,
    }  # fmt: skip
    if not agreement.areas:
        return [{**base, AREA: None, PROVISION: None, EVIDENCE: None}]
    rows = []
    for area in agreement.areas:
        evidence = "\n".join(area.evidence) or None
        for provision in area.provisions or (None,):
            rows.append({**base, AREA: area.area, PROVISION: provision, EVIDENCE: evidence})
    return rows


def agreements_frame(agreements: Iterable[Agreement]) -> pd.DataFrame:
    """One row per agreement x area x provision; see the module docstring."""
    return _frame([row for g in agreements for row in _agreement_rows(g)], AGREEMENT_COLUMNS)


def articles_frame(articles: Iterable[Article]) -> pd.DataFrame:
    """One row per article (its text is left out; ``chars`` gives its length)."""
    rows = [
        {
            ID: a.id,
            TITLE: a.title,
            SOURCE: a.source,
            URL: a.url,
            PUBLISHED: _day(a.published),
            PUBLISHED_ORIGIN: a.published_origin,
            CHARS: len(a.text),
        }  # fmt: skip
        for a in articles
    ]
    frame = _frame(rows, ARTICLE_COLUMNS)
    frame[CHARS] = frame[CHARS].astype("int64")
    return frame


def issues_frame(issues: Iterable[Issue]) -> pd.DataFrame:
    """One row per issue, errors before warnings as given."""
    rows = [
        {
            SEVERITY: i.severity,
            SOURCE: i.source,
            LOCATOR: i.locator,
            FIELD: i.field,
            MESSAGE: i.message,
            RAW: i.raw,
        }  # fmt: skip
        for i in issues
    ]
    return _frame(rows, ISSUE_COLUMNS)


def corrections_frame(corrections: Iterable[Any]) -> pd.DataFrame:
    """One row per correction (``store.Correction`` objects), oldest first."""
    rows = [{name: getattr(c, name) for name in CORRECTION_COLUMNS} for c in corrections]
    return _frame(rows, CORRECTION_COLUMNS)


def flatten(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with list/tuple cells joined by ``"; "`` (CSV has no lists)."""
    out = frame.copy()
    for name in out.columns:
        # Lists only live in object columns; probing others fails on empty datetimes.
        if out[name].dtype == object and out[name].map(lambda v: isinstance(v, list | tuple)).any():
            out[name] = out[name].map(
                lambda v: LIST_SEPARATOR.join(map(str, v)) if isinstance(v, list | tuple) else v
            )
    return out


#: Columns of the events frame a user may edit; each maps to a correctable field
#: (``actors_text`` to ``actors``, split on ``";"``).
EDITABLE_COLUMNS = (
    VALUE, EARLIEST, LATEST, GRANULARITY, TYPE, ACTORS, ACTORS_TEXT, STATUS, TITLE, LOCATION,
)  # fmt: skip


class EventEdit(NamedTuple):
    """One change to an event: ``field`` None means the row was removed (delete it)."""

    event_id: str
    field: str | None
    value: Any


def _plain(value: Any) -> Any:
    """Cell value as the store takes it: None for missing, ISO text for dates, lists."""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat()
    return value


def _split_names(text: Any) -> list[str]:
    return [name.strip() for name in str(text or "").split(";") if name.strip()]


def event_edits(before: pd.DataFrame, after: pd.DataFrame) -> list[EventEdit]:
    """What changed between two events frames, row by row (matched on ``id``).

    Rows missing from ``after`` become deletions; rows new in ``after`` are ignored
    (events come from articles, not from the table).
    """
    old = {row[ID]: row for row in before.to_dict("records")}
    new = {row[ID]: row for row in after.to_dict("records")}
    edits = [EventEdit(i, None, None) for i in old if i not in new]
    for event_id, row in new.items():
        if event_id not in old:
            continue
        for column in EDITABLE_COLUMNS:
            if column not in row or column not in old[event_id]:
                continue
            was, now = _plain(old[event_id][column]), _plain(row[column])
            if column == ACTORS_TEXT:
                column, was, now = ACTORS, _split_names(was), _split_names(now)
            if was != now and EventEdit(event_id, column, now) not in edits:
                edits.append(EventEdit(event_id, column, now))
    return edits


#: The events' salience score column (0..1), when the store gives one.
SALIENCE = "salience"


def most_salient(events: pd.DataFrame, *, limit: int) -> pd.DataFrame:
    """The ``limit`` most salient events, in their order; all of them without a score."""
    if SALIENCE not in events.columns or len(events) <= limit:
        return events
    keep = events[SALIENCE].rank(method="first", ascending=False) <= limit
    return events.loc[keep]


_FIELD_WORDS = {"value": "date", "location": "place", "earliest": "first day",
                "latest": "last day"}  # fmt: skip


def _cell(value: Any) -> str:
    """A stored value as a reader sees it: lists joined, nothing for missing."""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(map(str, value))
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return ""
    return str(value)


def corrections_table(corrections: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """The corrections in words, newest first: event (by title), change, from, to, undone.

    ``titles`` maps event ids to titles; an event no longer shown is named as such.
    """
    rows = []
    for c in corrections.to_dict("records")[::-1]:
        field = _FIELD_WORDS.get(str(c["field"]), str(c["field"]))
        if c["action"] == "delete":
            change, before, after = "deleted", "", ""
        elif c["action"] == "merge":
            into = titles.get(str(c["new_value"]), "another event")
            change, before, after = "merged into another event", "", into
        else:
            change, before, after = f"{field} changed", _cell(c["old_value"]), _cell(c["new_value"])
        rows.append(
            {
                "event": titles.get(str(c["event_id"]), "(an event no longer shown)"),
                "change": change,
                "from": before,
                "to": after,
                "undone": "yes" if c["undone"] else "",
            }
        )
    return pd.DataFrame(rows, columns=["event", "change", "from", "to", "undone"])
