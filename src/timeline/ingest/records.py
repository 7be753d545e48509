"""Records -> Articles: the batch of one source, ids, publish dates and the record Issues."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from timeline.models import Article, Issue

DEFAULT_MAX_BYTES = 10_000_000
RECORD_FIELDS = ("text", "title", "published", "source", "url")
NO_DATE_MESSAGE = "no publish date; relative dates stay unresolved"
SUPPORTED_SUFFIXES = (".csv", ".htm", ".html", ".json", ".jsonl", ".md", ".txt")
RAW_CHARS = 200


@dataclass
class _Batch:
    """The articles and issues read from one source (a file, an upload, a URL)."""

    source: str
    published: dt.date | None
    origin: str | None
    articles: list[Article] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    def report(
        self,
        message: str,
        *,
        locator: str | None = None,
        field: str | None = None,
        raw: object = None,
        severity: str = "error",
    ) -> None:
        clipped = None if raw is None else str(raw)[:RAW_CHARS]
        self.issues.append(Issue(self.source, message, locator, field, clipped, severity))


def article_id(text: str) -> str:
    """First 12 hex digits of sha256 over the NFC, whitespace-normalised text.

    The URL is deliberately not part of the id: the same text re-ingested from a
    file, an upload or a URL keeps its id, so user corrections stay attached.
    """
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


# --- records -----------------------------------------------------------------------


def _add_record(
    batch: _Batch, record: Mapping[str, Any], locator: str | None, *, origin: str = "record"
) -> None:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        batch.report(_no_text(record), locator=locator, field="text", raw=_raw(record))
        return
    text = _normalise_newlines(text).strip()
    published, published_origin = _choose_date(batch, record.get("published"), locator, origin)
    batch.articles.append(
        Article(
            id=article_id(text),
            text=text,
            published=published,
            title=_optional_str(record.get("title")),
            source=_optional_str(record.get("source")),
            url=_optional_str(record.get("url")),
            published_origin=published_origin,
            metadata={k: v for k, v in record.items() if k not in RECORD_FIELDS},
        )
    )


def _choose_date(
    batch: _Batch, value: object, locator: str | None, origin: str
) -> tuple[dt.date | None, str | None]:
    if value is not None and value != "":
        parsed = _parse_date(value)
        if parsed is not None:
            return parsed, origin
        batch.report(
            f"published {value!r} is not a date; expected YYYY-MM-DD (ISO 8601); "
            "this date is ignored",
            locator=locator,
            field="published",
            raw=value,
            severity="warning",
        )
    if batch.published is not None:
        return batch.published, batch.origin
    batch.report(NO_DATE_MESSAGE, locator=locator, field="published", severity="warning")
    return None, None


def _parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:  # a full timestamp keeps the publisher's own calendar date
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _no_text(record: Mapping[str, Any]) -> str:
    if "text" not in record:
        return f"no 'text' field (fields: {', '.join(map(str, record)) or 'none'})"
    if not isinstance(record["text"], str):
        return f"'text' is a {type(record['text']).__name__}, not a string"
    return "text is empty or whitespace only"


def _raw(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, default=str)


def _optional_str(value: object) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value.strip() if isinstance(value, str) else str(value)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
