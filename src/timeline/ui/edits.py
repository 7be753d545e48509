"""Corrections made in the events table: what changed, and storing it.

The table is indexed by event id, and what changed is worked out by
:func:`timeline.frames.event_edits`, which matches rows by id: a sort in the browser
or a re-sort after a save cannot pair an edit with another event. The editor's key
changes with every write to the store (:func:`editor_key`), so the browser's own edit
state, which it keeps by row position, starts afresh on the saved data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pandas as pd

from timeline.errors import TimelineError
from timeline.frames import EventEdit, event_edits
from timeline.store import Store
from timeline.ui.data import data_stamp

EDITOR_COLUMNS = ["title", "type", "value", "when", "time_text", "actors_text", "status",
                  "sentence", "delete"]  # fmt: skip


def editor_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The event table the Events page edits, indexed by event id, with a delete tick."""
    table = events.set_index("id").assign(delete=False)[EDITOR_COLUMNS].copy()
    for column in ("value", "time_text", "actors_text", "sentence"):
        table[column] = table[column].fillna("")
    return table


def editor_key(store: Store) -> str:
    """A data editor key that is new after every write to the store."""
    digest = hashlib.sha256(repr(data_stamp(store)).encode()).hexdigest()[:12]
    return f"events_editor_{digest}"


def table_edits(before: pd.DataFrame, after: pd.DataFrame) -> list[EventEdit]:
    """The edits between two editor tables, matched by event id; a ticked row is deleted."""
    kept = after.loc[~after["delete"].astype(bool)]
    return event_edits(before.reset_index(), kept.reset_index())


def apply_edits(store: Store, edits: Sequence[EventEdit]) -> list[str]:
    """Store each edit as a correction; returns a message for each one refused."""
    refused: list[str] = []
    for edit in edits:
        try:
            if edit.field is None:
                store.delete_event(edit.event_id)
            else:
                store.correct_event(edit.event_id, edit.field, edit.value)
        except TimelineError as exc:
            refused.append(str(exc))
    return refused
