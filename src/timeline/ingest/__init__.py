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

URLs are fetched by ``fetch`` (:func:`timeline.ingest.fetch.fetch_page`), which reaches
only public http(s) addresses, pinned, with size, time and content-type limits.

Modules: ``records`` (records -> Articles and Issues), ``formats`` (one reader per
format) and ``loaders`` (:func:`load_paths`, :func:`load_bytes`, :func:`load_text`,
:func:`load_url`).
"""

from timeline.ingest.loaders import is_readme, load_bytes, load_paths, load_text, load_url
from timeline.ingest.records import (
    DEFAULT_MAX_BYTES,
    NO_DATE_MESSAGE,
    RECORD_FIELDS,
    SUPPORTED_SUFFIXES,
    article_id,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "NO_DATE_MESSAGE",
    "RECORD_FIELDS",
    "SUPPORTED_SUFFIXES",
    "article_id",
    "is_readme",
    "load_bytes",
    "load_paths",
    "load_text",
    "load_url",
]
