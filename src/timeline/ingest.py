"""Read raw inputs into Articles: the only module that knows file formats.

Every entry point returns ``(articles, issues)`` and never raises for bad input: a
record that cannot become an Article becomes an :class:`Issue` with severity
``"error"`` (naming source, locator and field), and the rest of the batch goes on.
Only a misused argument (a ``published`` that is not a date, a bad ``max_bytes``)
raises :class:`InputError`.

Formats: ``.txt``/``.md`` (optional ``---`` front matter of ``key: value`` lines),
``.html``/``.htm`` (trafilatura for text and title, htmldate for the date),
``.json`` (an object or a list of objects), ``.jsonl`` (one object per line) and
``.csv`` (header row). Record fields are ``text, title, published, source, url``;
any other key or column is kept in ``Article.metadata``.

Publish date: the record's own date (front matter, field, column or HTML), else the
``published`` argument, else none at all, with a warning Issue. A record date that
is not an ISO 8601 date is reported as a warning on field ``published`` and the
article is kept as if the record had no date (so ``published`` applies if given).
No date is ever taken from the clock: htmldate runs without its opportunistic text
search, which otherwise turns a "(c) 2019" footer into 2019-01-01.

Locators: ``row N`` for CSV counts rows as a spreadsheet does (the header is row 1);
``line N`` for JSONL and front matter; ``record N`` (1-based) for JSON lists.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import json
import logging
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from timeline.errors import InputError
from timeline.models import Article, Issue

__all__ = [
    "DEFAULT_MAX_BYTES",
    "NO_DATE_MESSAGE",
    "RECORD_FIELDS",
    "SUPPORTED_SUFFIXES",
    "article_id",
    "load_bytes",
    "load_paths",
    "load_text",
    "load_url",
]

DEFAULT_MAX_BYTES = 10_000_000
RECORD_FIELDS = ("text", "title", "published", "source", "url")
NO_DATE_MESSAGE = "no publish date; relative dates stay unresolved"
SUPPORTED_SUFFIXES = (".csv", ".htm", ".html", ".json", ".jsonl", ".md", ".txt")
RAW_CHARS = 200
# Passed to htmldate.find_date by trafilatura. extensive_search=False: no guessing a
# date from loose text (copyright years become Jan 1); htmldate never returns today.
HTMLDATE_OPTIONS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}

Fetch = Callable[[str], "str | bytes | None"]


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


def load_paths(
    paths: Sequence[str | Path],
    *,
    published: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    published_origin: str = "cli",
) -> tuple[list[Article], list[Issue]]:
    """Read files and folders (recursively, in sorted order).

    In folders, hidden entries and README files (documentation, not articles) are
    skipped; files of other types become warning Issues; a missing path is an error.
    """
    _check_options(published, max_bytes)
    if isinstance(paths, str | Path):
        raise InputError(f"paths must be a list of paths, got the single path {str(paths)!r}")
    articles: list[Article] = []
    issues: list[Issue] = []
    for path in _collect_files(paths, issues):
        batch = _Batch(str(path), published, published_origin)
        _read_file(batch, path, max_bytes)
        articles.extend(batch.articles)
        issues.extend(batch.issues)
    return articles, issues


def load_bytes(
    name: str,
    data: bytes,
    *,
    published: dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    published_origin: str = "editor",
) -> tuple[list[Article], list[Issue]]:
    """Read an upload. ``name`` only picks the format and labels messages; it is never opened."""
    _check_options(published, max_bytes)
    batch = _Batch(_label(name), published, published_origin)
    suffix = _suffix(name)
    if suffix not in SUPPORTED_SUFFIXES:
        batch.report(_unsupported(suffix), field="format", severity="warning")
    elif len(data) > max_bytes:
        batch.report(f"upload is {len(data):,} bytes, over the limit of {max_bytes:,} bytes")
    else:
        _read_data(batch, suffix, data)
    return batch.articles, batch.issues


def load_text(
    text: str,
    *,
    published: dt.date | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published_origin: str = "editor",
) -> tuple[list[Article], list[Issue]]:
    """Turn pasted text into one Article (or a "no text" Issue)."""
    _check_options(published, DEFAULT_MAX_BYTES)
    if not isinstance(text, str):
        raise InputError(f"text must be a str, got {type(text).__name__}", field="text")
    batch = _Batch("pasted text", published, published_origin)
    _add_record(batch, {"text": text, "title": title, "source": source, "url": url}, None)
    return batch.articles, batch.issues


def load_url(
    url: str,
    *,
    published: dt.date | None = None,
    fetch: Fetch | None = None,
    timeout: float = 10.0,
    published_origin: str = "editor",
) -> tuple[list[Article], list[Issue]]:
    """Fetch a page (trafilatura) and read it as HTML; failures are Issues, never raised.

    ``fetch(url)`` returns the page as str or bytes (None for no page); it defaults to
    ``trafilatura.fetch_url`` with ``timeout`` seconds.
    """
    _check_options(published, DEFAULT_MAX_BYTES)
    batch = _Batch(_label(url), published, published_origin)
    if not _is_http_url(url):
        batch.report(f"not an http(s) URL: {url!r}", field="url", raw=url)
        return batch.articles, batch.issues
    try:
        page = (fetch or _fetcher(timeout))(url)
    except Exception as exc:  # any failure of the fetcher is this URL's Issue
        batch.report(f"could not fetch URL {url}: {exc}", field="url", raw=url)
        return batch.articles, batch.issues
    if not page:
        batch.report(f"could not fetch URL {url}: empty response", field="url", raw=url)
    else:
        _read_html(batch, page, url=url)
    return batch.articles, batch.issues


def _is_http_url(url: object) -> bool:
    try:
        parts = urlsplit(url) if isinstance(url, str) else None
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts is not None and parts.scheme in ("http", "https") and bool(parts.netloc)


# --- options and paths -------------------------------------------------------------


def _check_options(published: object, max_bytes: object) -> None:
    if published is not None and (
        not isinstance(published, dt.date) or isinstance(published, dt.datetime)
    ):
        raise InputError(
            f"published must be a datetime.date or None, got {published!r}", field="published"
        )
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise InputError(f"max_bytes must be a positive int, got {max_bytes!r}", field="max_bytes")


def _collect_files(paths: Sequence[str | Path], issues: list[Issue]) -> list[Path]:
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.is_file() and not _skipped(p, path))
            files.extend(sorted(found))
        elif path.is_file():
            files.append(path)
        else:
            issues.append(Issue(str(path), "no such file or folder", field="path"))
    return files


def _skipped(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return any(part.startswith(".") for part in parts) or path.stem.upper() == "README"


def _read_file(batch: _Batch, path: Path, max_bytes: int) -> None:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        batch.report(_unsupported(suffix), field="format", severity="warning")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            batch.report(f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes")
            return
        data = path.read_bytes()
    except OSError as exc:
        batch.report(f"cannot read file: {exc.strerror or exc}")
        return
    _read_data(batch, suffix, data)


def _unsupported(suffix: str) -> str:
    shown = f"'{suffix}'" if suffix else "without an extension"
    return f"unsupported file type {shown}; supported: {', '.join(SUPPORTED_SUFFIXES)}"


def _suffix(name: str) -> str:
    return PurePosixPath(str(name).replace("\\", "/").rsplit("/", 1)[-1]).suffix.lower()


def _label(name: object) -> str:
    return "".join(c if c.isprintable() else "?" for c in str(name))[:RAW_CHARS]


# --- formats -----------------------------------------------------------------------


def _read_data(batch: _Batch, suffix: str, data: bytes) -> None:
    if suffix in (".html", ".htm"):
        _read_html(batch, data)
    else:
        text = _decode(batch, data)
        if text is not None:
            _TEXT_READERS[suffix](batch, text)
    if not batch.articles and not batch.issues:
        batch.report("no records found", severity="warning")


def _decode(batch: _Batch, data: bytes) -> str | None:
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else None
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        batch.report(
            f"not {encoding or 'UTF-8'} text: byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start} cannot be decoded; save the file as UTF-8",
            field="encoding",
            raw=data[:RAW_CHARS].decode("utf-8", "backslashreplace"),
        )
        return None


def _read_plain(batch: _Batch, text: str) -> None:
    _add_record(batch, _split_front_matter(batch, _normalise_newlines(text)), None)


def _split_front_matter(batch: _Batch, text: str) -> dict[str, Any]:
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {"text": text}
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return {"text": text}
    record: dict[str, Any] = {}
    for number, line in enumerate(lines[1:end], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        if not colon or not key.strip() or key[0].isspace():
            batch.report(
                "front matter line is not 'key: value'; ignored",
                locator=f"line {number}",
                field="front matter",
                raw=line,
                severity="warning",
            )
            continue
        record[key.strip()] = _scalar(value.strip())
    record["text"] = "\n".join(lines[end + 1 :])
    return record


def _scalar(value: str) -> str | bool:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return {"true": True, "false": False}.get(value.lower(), value)


def _read_html(batch: _Batch, page: str | bytes, *, url: str | None = None) -> None:
    import trafilatura  # imported on use: it costs ~0.3 s, and article_id users need none of it

    try:
        doc = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, date_extraction_params=dict(HTMLDATE_OPTIONS)
        )
    except Exception as exc:  # lxml/trafilatura failures on one page are that page's Issue
        batch.report(f"could not read HTML: {exc}", field="text")
        return
    text = getattr(doc, "text", None)
    if not text:
        batch.report("no main text found in the HTML page", field="text")
        return
    title = doc.title or None
    record = {"text": _drop_title_line(text, title), "title": title, "url": url or doc.url}
    record.update({"published": doc.date, "source": doc.sitename or None})
    _add_record(batch, record, None, origin="html")


def _drop_title_line(text: str, title: str | None) -> str:
    first, newline, rest = text.partition("\n")
    return rest if title and newline and first.strip() == title.strip() and rest.strip() else text


def _read_json(batch: _Batch, text: str) -> None:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        batch.report(f"invalid JSON: {exc.msg}", locator=f"line {exc.lineno}", raw=text)
        return
    items = value if isinstance(value, list) else [value]
    for number, item in enumerate(items, start=1):
        _add_object(batch, item, f"record {number}")


def _read_jsonl(batch: _Batch, text: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines(): U+2028
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            batch.report(f"invalid JSON: {exc.msg}", locator=f"line {number}", raw=line)
            continue
        _add_object(batch, item, f"line {number}")


def _add_object(batch: _Batch, item: object, locator: str) -> None:
    if isinstance(item, dict):
        _add_record(batch, item, locator)
    else:
        kind = type(item).__name__
        batch.report(f"record is a JSON {kind}, not an object", locator=locator, raw=item)


def _read_csv(batch: _Batch, text: str) -> None:
    rows = enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
    number = 1
    try:
        _, header = next(rows, (1, None))
        if header is None:
            batch.report("empty CSV file: no header row", locator="row 1")
            return
        columns = [name.strip() for name in header]
        if "text" not in columns:
            _report_no_text_column(batch, columns, rows)
            return
        for number, row in rows:
            _add_csv_row(batch, columns, row, number)
    except csv.Error as exc:
        batch.report(f"CSV not readable after row {number}: {exc}", locator=f"row {number + 1}")


def _report_no_text_column(batch: _Batch, columns: list[str], rows: Iterator[Any]) -> None:
    skipped = sum(1 for _, row in rows if row)
    batch.report(
        f"CSV header has no 'text' column (columns: {', '.join(columns)}); "
        f"{skipped} data row(s) not read",
        locator="row 1",
        field="text",
        raw=_csv_line(columns),
    )


def _csv_line(row: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    return out.getvalue()


def _add_csv_row(batch: _Batch, columns: list[str], row: list[str], number: int) -> None:
    if not row:
        return  # a blank line is not a record
    if len(row) != len(columns):
        message = f"row has {len(row)} columns, the header has {len(columns)}"
        batch.report(message, locator=f"row {number}", field="columns", raw=_csv_line(row))
        return
    record = {name: value for name, value in zip(columns, row, strict=True) if value.strip()}
    record.setdefault("text", "")
    _add_record(batch, record, f"row {number}")


_TEXT_READERS: Mapping[str, Callable[[_Batch, str], None]] = {
    ".csv": _read_csv,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
    ".md": _read_plain,
    ".txt": _read_plain,
}


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


# --- fetching ----------------------------------------------------------------------


def _fetcher(timeout: float) -> Fetch:
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(max(1, round(timeout))))
    config.set("DEFAULT", "INSECURE_SSL_FALLBACK", "off")

    def fetch(url: str) -> str:
        with _logged_errors("trafilatura", url) as errors:
            page = trafilatura.fetch_url(url, config=config)
        if page is None:
            raise ConnectionError(errors[-1] if errors else "no page received")
        return page

    return fetch


@contextmanager
def _logged_errors(logger_name: str, url: str) -> Iterator[list[str]]:
    """Collect the reasons trafilatura logs (it returns None without one) for ``url``."""
    errors: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if url in message and record.levelno >= logging.WARNING:
                errors.append(" ".join(message.replace(url, "").split()))

    logger = logging.getLogger(logger_name)
    handler = _Collect(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield errors
    finally:
        logger.removeHandler(handler)
