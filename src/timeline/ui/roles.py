"""Who may change the store on a hosted dashboard: visitors read, editors edit.

Three modes, chosen by the host (the library and the CLI are never affected):

- **open** (no setting; local use): everyone may edit, as before;
- **password**: ``$TIMELINE_EDITOR_PASSWORD`` or ``editor_password`` in
  ``.streamlit/secrets.toml`` is set. Visitors read, filter, inspect and download;
  every control that changes the store is hidden until the visitor signs in on the
  sidebar form (:func:`editor_sidebar`). The password is compared in constant time
  (:func:`hmac.compare_digest`), never stored in the session, logged or echoed.
  Wrong passwords are rate-limited per session and across all sessions, with a
  backoff that doubles (see :class:`Limiter`);
- **read-only**: ``$TIMELINE_READ_ONLY=1`` (or a store file that cannot be written)
  turns all editing off, for everyone.

Pages guard their edit controls with one call, :func:`can_edit`.
"""

from __future__ import annotations

import dataclasses
import hmac
import os
import threading
import time
from collections.abc import Callable
from enum import StrEnum

import streamlit as st

PASSWORD_ENV = "TIMELINE_EDITOR_PASSWORD"
READ_ONLY_ENV = "TIMELINE_READ_ONLY"
PASSWORD_SECRET = "editor_password"
_SIGNED_IN = "_editor_signed_in"
_LIMIT = "_editor_sign_in_limit"
_PASSWORD = "_editor_password_box"
_PROBLEM = "_editor_sign_in_problem"


class Mode(StrEnum):
    OPEN = "open"
    PASSWORD = "password"
    READ_ONLY = "read-only"


def _configured_password() -> str | None:
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    try:
        secret = st.secrets.get(PASSWORD_SECRET)
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return None  # no secrets file at all: local use
    return str(secret) if secret else None


def hosting_mode() -> Mode:
    """The mode the host configured (see the module docstring)."""
    if os.environ.get(READ_ONLY_ENV, "").strip().lower() in ("1", "true", "yes", "on"):
        return Mode.READ_ONLY
    return Mode.PASSWORD if _configured_password() else Mode.OPEN


def can_edit() -> bool:
    """Whether this session may change the store (add, upload, fetch, edit, merge, undo,
    save a publish date). Pages hide those controls when it is False."""
    from timeline.ui.data import opened_store

    mode = hosting_mode()
    if mode is Mode.READ_ONLY or opened_store().read_only:
        return False
    return mode is Mode.OPEN or st.session_state.get(_SIGNED_IN) is True


@dataclasses.dataclass
class Limiter:
    """Failed sign-ins: after ``free`` failures within ``window`` seconds, each further
    attempt waits a backoff that doubles per failure (``base`` s, at most ``cap`` s)."""

    free: int
    window: float = 600.0
    base: float = 2.0
    cap: float = 300.0
    clock: Callable[[], float] = time.monotonic
    failures: list[float] = dataclasses.field(default_factory=list)
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock, repr=False)

    def wait(self) -> float:
        """Seconds before the next attempt is allowed (0: now)."""
        with self.lock:
            now = self.clock()
            self.failures = [t for t in self.failures if now - t < self.window]
            extra = len(self.failures) - self.free
            if extra < 0:
                return 0.0
            backoff = min(self.cap, self.base * 2**extra)
            return max(0.0, self.failures[-1] + backoff - now)

    def fail(self) -> None:
        with self.lock:
            self.failures.append(self.clock())


@st.cache_resource
def _global_limiter() -> Limiter:
    """Shared by every session of this server: guessing from many sessions is slowed too."""
    return Limiter(free=20, window=600.0)


def _session_limiter() -> Limiter:
    if _LIMIT not in st.session_state:
        st.session_state[_LIMIT] = Limiter(free=3)
    limiter: Limiter = st.session_state[_LIMIT]
    return limiter


def check_password(given: str) -> str | None:
    """Sign this session in when ``given`` is the editor password; else why not."""
    limiters = (_session_limiter(), _global_limiter())
    wait = max(limiter.wait() for limiter in limiters)
    if wait > 0:
        return f"Too many wrong passwords: try again in {wait:.0f} s."
    expected = _configured_password() or ""
    if expected and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        st.session_state[_SIGNED_IN] = True
        return None
    for limiter in limiters:
        limiter.fail()
    return "Wrong password."


def editor_sidebar() -> None:
    """The sidebar's editor box: sign in or out (password mode), or the read-only note."""
    mode = hosting_mode()
    if mode is Mode.OPEN:
        return
    box = st.sidebar.container(border=True)
    if mode is Mode.READ_ONLY:
        box.caption("Read-only: this instance shows the data; editing is turned off.")
        return
    if st.session_state.get(_SIGNED_IN):
        box.caption("Signed in as editor.")
        if box.button("Sign out", key="editor_sign_out"):
            st.session_state[_SIGNED_IN] = False
            st.rerun()
        return
    with box.form("editor_sign_in", border=False):
        st.caption("Visitors read, filter and download. Editors sign in to change the data.")
        st.text_input("Editor password", type="password", key=_PASSWORD)
        st.form_submit_button("Sign in", on_click=_sign_in)
    problem = st.session_state.pop(_PROBLEM, None)
    if problem:
        box.error(problem)


def _sign_in() -> None:
    """Form callback: runs before the script, so the typed password is checked and wiped
    from the session before anything is drawn; only the outcome is kept."""
    given = str(st.session_state.get(_PASSWORD) or "")
    st.session_state[_PASSWORD] = ""
    st.session_state[_PROBLEM] = check_password(given)
