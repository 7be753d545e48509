"""One reader per format: plain text with front matter, HTML, JSON, JSON lines and CSV."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from timeline.ingest.records import RAW_CHARS, _add_record, _Batch, _normalise_newlines

# Passed to htmldate.find_date by trafilatura. extensive_search=False: no guessing a
# date from loose text (copyright years become Jan 1); htmldate never returns today.
HTMLDATE_OPTIONS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


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
    if encoding is None and _looks_utf16(data):
        batch.report(
            "looks like UTF-16 text without a byte-order mark (every other byte is zero); "
            "save the file as UTF-8",
            field="encoding",
            raw=data[:RAW_CHARS].decode("utf-8", "backslashreplace"),
        )
        return None
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


def _looks_utf16(data: bytes) -> bool:
    """Most of the even or the odd bytes are zero: UTF-16 (LE or BE) of mostly ASCII text,
    which decodes as "valid" UTF-8 full of NUL characters."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    halves = (sample[0::2], sample[1::2])
    return any(half.count(0) > 0.4 * len(half) for half in halves)


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
    impossible = _impossible_page_date(page, doc.date)
    if impossible is not None:
        batch.report(
            f"page date {impossible!r} is not a calendar date (read as {doc.date}); "
            "this date is ignored",
            field="published",
            raw=impossible,
            severity="warning",
        )
        record["published"] = None
    _add_record(batch, record, None, origin="html")


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _impossible_page_date(page: str | bytes, found: str | None) -> str | None:
    """An ISO date in the page that names no calendar day ("2025-02-31") in the month of
    the date htmldate ``found`` (which reads it as the first of that month)."""
    if not found or not found.endswith("-01"):
        return None
    head = page[:200_000].decode("utf-8", "replace") if isinstance(page, bytes) else page[:200_000]
    for m in _ISO_DAY.finditer(head):
        if f"{m[1]}-{m[2]}-01" != found:
            continue
        try:
            dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return m.group()
    return None


def _drop_title_line(text: str, title: str | None) -> str:
    first, newline, rest = text.partition("\n")
    return rest if title and newline and first.strip() == title.strip() and rest.strip() else text


#: JSON nesting deeper than this, or an integer longer than this many digits, is
#: refused as an Issue (Python's parser would raise RecursionError or ValueError).
MAX_JSON_DEPTH = 100
MAX_JSON_INT_DIGITS = 100
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")


class _JSONLimitError(ValueError):
    """A JSON text over one of the limits above; the message says which."""


def _json_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_JSON_INT_DIGITS:
        raise _JSONLimitError(
            f"a number has {len(digits.lstrip('-')):,} digits; at most "
            f"{MAX_JSON_INT_DIGITS} are read"
        )
    return int(digits)


def _json_depth(text: str) -> int:
    """How deep ``text`` nests arrays and objects (brackets inside strings ignored)."""
    depth = deepest = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _parse_json(text: str) -> Any:
    """``json.loads`` within the depth and number limits (raises _JSONLimitError)."""
    depth = _json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise _JSONLimitError(
            f"JSON nested {depth:,} levels deep; at most {MAX_JSON_DEPTH} are read"
        )
    return json.loads(text, parse_int=_json_int)


def _read_json(batch: _Batch, text: str) -> None:
    try:
        value = _parse_json(text)
    except json.JSONDecodeError as exc:
        batch.report(f"invalid JSON: {exc.msg}", locator=f"line {exc.lineno}", raw=text)
        return
    except _JSONLimitError as exc:
        batch.report(f"JSON refused: {exc}", raw=text)
        return
    items = value if isinstance(value, list) else [value]
    for number, item in enumerate(items, start=1):
        _add_object(batch, item, f"record {number}")


def _read_jsonl(batch: _Batch, text: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines(): U+2028
        if not line.strip():
            continue
        try:
            item = _parse_json(line)
        except json.JSONDecodeError as exc:
            batch.report(f"invalid JSON: {exc.msg}", locator=f"line {number}", raw=line)
            continue
        except _JSONLimitError as exc:
            batch.report(f"JSON refused: {exc}", locator=f"line {number}", raw=line)
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
