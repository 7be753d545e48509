"""The entry points: paths (files and folders), uploads, pasted text and URLs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from timeline.errors import InputError
from timeline.ingest.formats import _read_data, _read_html
from timeline.ingest.records import (
    DEFAULT_MAX_BYTES,
    RAW_CHARS,
    SUPPORTED_SUFFIXES,
    _add_record,
    _Batch,
)
from timeline.models import Article, Issue

Fetch = Callable[[str], "str | bytes | None"]


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
    """Fetch a page from the public web and read it as HTML; failures are Issues, never raised.

    ``fetch(url)`` returns the page as str or bytes (None for no page); it defaults to
    :func:`timeline.ingest.fetch.fetch_page`, which reaches only public http(s)
    addresses (see that module), within ``timeout`` seconds for the whole fetch.
    """
    _check_options(published, DEFAULT_MAX_BYTES)
    batch = _Batch(_label(url), published, published_origin)
    if not _is_http_url(url):
        batch.report(f"not an http(s) URL: {_label(url)!r}", field="url", raw=url)
        return batch.articles, batch.issues
    try:
        page = (fetch or _fetcher(timeout))(url)
    except Exception as exc:  # any failure of the fetcher is this URL's Issue
        batch.report(f"could not fetch URL {_label(url)}: {exc}", field="url", raw=url)
        return batch.articles, batch.issues
    if not page:
        batch.report(f"could not fetch URL {_label(url)}: empty response", field="url", raw=url)
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
            files.extend(_folder_files(path, issues))
        elif path.is_file():
            files.append(path)
        elif path.exists():
            issues.append(Issue(_label(path), _NOT_REGULAR, field="path"))
        else:
            issues.append(Issue(_label(path), "no such file or folder", field="path"))
    return files


_NOT_REGULAR = "not a regular file (a FIFO, device or socket); not read"


def _folder_files(root: Path, issues: list[Issue]) -> list[Path]:
    """Files under ``root``; a symbolic link that leads outside it is reported, not followed
    (a link to a system file inside an ingested folder must not be read)."""
    files: list[Path] = []
    inside = root.resolve()
    for path in sorted(root.rglob("*")):
        if _skipped(path, root):
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            message = "symbolic link to a file outside the folder; not followed"
            issues.append(Issue(_label(path), message, field="path", severity="warning"))
        elif path.is_file():
            files.append(path)
        elif path.exists() and not path.is_dir():
            issues.append(Issue(_label(path), _NOT_REGULAR, field="path", severity="warning"))
    return files


def is_readme(path: Path) -> bool:
    """True for a README file (documentation next to the articles, not an article)."""
    return path.stem.upper() == "README"


def _skipped(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return any(part.startswith(".") for part in parts) or is_readme(path)


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


# --- fetching ----------------------------------------------------------------------


def _fetcher(timeout: float) -> Fetch:
    from timeline.ingest.fetch import FetchPolicy, fetch_page

    policy = FetchPolicy(deadline=timeout)
    return lambda url: fetch_page(url, policy)
