"""The exceptions the library raises.

Every error a caller can see is a :class:`TimelineError`; third-party errors are
wrapped (``raise ... from exc``) so callers never need to know which library failed.

    TimelineError
    ├── InputError       bad argument, file, record or URL (names where and which field)
    ├── ResolutionError  a time expression could not be resolved
    ├── StorageError     the SQLite store could not be read or written
    └── ExportError      an export could not be produced
        └── ExportTimeoutError  a browser start or image render overran its time limit
"""

from __future__ import annotations

__all__ = [
    "ExportError",
    "ExportTimeoutError",
    "InputError",
    "ResolutionError",
    "StorageError",
    "TimelineError",
]


class TimelineError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(TimelineError, ValueError):
    """Something given to the library is not valid.

    ``source`` names the file, URL or argument, ``locator`` the row/line/record and
    ``field`` the offending field, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        locator: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.locator = locator
        self.field = field


class ResolutionError(TimelineError):
    """A time expression was found but cannot be given a value."""


class StorageError(TimelineError):
    """The store could not be opened, migrated, read or written."""


class ExportError(TimelineError):
    """An export format could not be produced (missing browser, time limit, bad option)."""


class ExportTimeoutError(ExportError):
    """A browser start or an image render took longer than its time limit."""
