"""Events stored under ids of the form before :mod:`timeline.merge.ids` (12 digits, no
article part) keep those ids when their article is saved again, so the corrections
keyed on them stay attached."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Sequence

from timeline.merge.ids import legacy_event_id
from timeline.models import Event, Extraction

_CHUNK = 500


def keep_legacy_ids(conn: sqlite3.Connection, extraction: Extraction) -> Extraction:
    """``extraction`` with each event whose article already has it stored under its
    legacy id renamed to that id (and the anchors naming it)."""
    ids = [a.id for a in extraction.articles]
    stored: set[str] = set()
    for i in range(0, len(ids), _CHUNK):
        part = ids[i : i + _CHUNK]
        sql = f"SELECT id FROM events WHERE article_id IN ({', '.join('?' * len(part))})"
        stored.update(r[0] for r in conn.execute(sql, part))
    renamed = {
        e.id: old
        for e in extraction.events
        if e.id not in stored and (old := legacy_event_id(e.id)) in stored
    }
    if not renamed:
        return extraction
    return dataclasses.replace(extraction, events=tuple(_renamed(extraction.events, renamed)))


def _renamed(events: Sequence[Event], renamed: dict[str, str]) -> list[Event]:
    out = []
    for e in events:
        anchor = e.anchor
        if anchor.event_id in renamed:
            anchor = dataclasses.replace(anchor, event_id=renamed[anchor.event_id])
        if e.id in renamed or anchor is not e.anchor:
            e = dataclasses.replace(e, id=renamed.get(e.id, e.id), anchor=anchor)
        out.append(e)
    return out
