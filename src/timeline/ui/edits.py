"""Corrections made in the events table: what changed, and storing it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from timeline.errors import TimelineError
from timeline.store import Store

EDITABLE = {"type": "type", "value": "value", "actors_text": "actors", "status": "status"}
EDITOR_COLUMNS = ["id", "title", "type", "value", "time_text", "actors_text", "status",
                  "sentence", "delete"]  # fmt: skip


def editor_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The event table the Events page edits: editable columns plus a delete tick."""
    table = events.assign(delete=False)[EDITOR_COLUMNS].copy()
    table["value"] = table["value"].fillna("")
    return table.reset_index(drop=True)


def event_changes(before: pd.DataFrame, after: pd.DataFrame) -> list[tuple[str, str, Any]]:
    """(event_id, field, new value) for every edited cell; field "delete" for ticked rows."""
    changes: list[tuple[str, str, Any]] = []
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows(), strict=True):
        for column, field in EDITABLE.items():
            if str(old[column] or "") != str(new[column] or ""):
                value: Any = str(new[column] or "").strip()
                if field == "actors":
                    value = [a.strip() for a in value.split(";") if a.strip()]
                changes.append((str(old["id"]), field, value))
        if bool(new["delete"]):
            changes.append((str(old["id"]), "delete", True))
    return changes


def apply_changes(store: Store, changes: Sequence[tuple[str, str, Any]]) -> list[str]:
    """Store each change as a correction; returns a message for each one refused."""
    refused: list[str] = []
    for event_id, field, value in changes:
        try:
            if field == "delete":
                store.delete_event(event_id)
            else:
                store.correct_event(event_id, field, value)
        except TimelineError as exc:
            refused.append(str(exc))
    return refused
