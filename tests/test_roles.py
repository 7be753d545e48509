"""Roles on a hosted instance: visitors read, editors sign in to edit (issue 13)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from timeline.store import open_store
from timeline.ui.roles import PASSWORD_ENV, READ_ONLY_ENV, Limiter

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120
SECRET = "correct horse battery staple"
# key of every control that changes the store, per page
EDIT_KEYS = {
    "app.py": ["add_text", "add_files", "add_url"],
    "pages/3_Events.py": ["save_changes", "merge", "undo_last"],
    "pages/4_Date_inspector.py": ["di_save"],
}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("roles") / "timeline.db"
    store = open_store(path)
    store.seed_if_empty(ROOT / "data")
    store.correct_event(store.events()[0].id, "status", "planned")  # an undo to offer
    return path


@pytest.fixture
def store_path(seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "timeline.db"
    for suffix in ("", "-wal", "-shm"):
        if seeded.with_name(seeded.name + suffix).exists():
            shutil.copy(seeded.with_name(seeded.name + suffix), path.with_name(path.name + suffix))
    monkeypatch.setenv("TIMELINE_DB", str(path))
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.delenv(READ_ONLY_ENV, raising=False)
    return path


def _run(page: str, *, prepare=None) -> AppTest:  # type: ignore[no-untyped-def]
    at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT)
    if prepare:
        prepare(at)
    at.run()
    if page == "pages/4_Date_inspector.py":  # a date other than the article's: Save offered
        at.date_input(key="di_dct").set_value(dt.date(2025, 1, 2))
        next(b for b in at.button if b.label == "Find the dates").click().run()  # the form
    return at


def _edit_controls(at: AppTest, page: str) -> list[str]:
    found = []
    for key in EDIT_KEYS[page]:
        for kind in ("text_area", "text_input", "button", "file_uploader"):
            if any(getattr(w, "key", None) == key for w in at.get(kind)):
                found.append(key)
    return found


@pytest.mark.parametrize("page", sorted(EDIT_KEYS))
def test_without_configuration_everyone_edits(page: str, store_path: Path) -> None:
    at = _run(page)
    assert not at.exception
    assert _edit_controls(at, page) == EDIT_KEYS[page]


@pytest.mark.parametrize("page", sorted(EDIT_KEYS))
def test_with_a_password_visitors_see_no_edit_control(
    page: str, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, SECRET)
    at = _run(page)
    assert not at.exception
    assert _edit_controls(at, page) == []
    assert at.get("plotly_chart") or at.get("dataframe") or at.metric  # still reads


def test_password_from_streamlit_secrets(store_path: Path) -> None:
    def prepare(at: AppTest) -> None:
        at.secrets["editor_password"] = SECRET

    at = _run("app.py", prepare=prepare)
    assert _edit_controls(at, "app.py") == []
    assert [t.label for t in at.sidebar.text_input] == ["Editor password"]


def test_sign_in_wrong_then_right(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, SECRET)
    at = _run("app.py")
    at.sidebar.text_input[0].set_value("guess")
    at.sidebar.button[0].click().run()
    assert [e.value for e in at.error] == ["Wrong password."]
    assert _edit_controls(at, "app.py") == []
    kinds = ("markdown", "caption", "error", "warning", "info", "success", "text", "code",
             "text_input")  # fmt: skip
    shown = [str(e.value) for kind in kinds for e in getattr(at, kind)]
    assert not any("guess" in s for s in shown)  # never echoed, the box is cleared
    at.sidebar.text_input[0].set_value(SECRET)
    at.sidebar.button[0].click().run()
    assert _edit_controls(at, "app.py") == EDIT_KEYS["app.py"]
    assert not any(SECRET in str(v) for v in at.session_state.values())  # not kept either
    at.button(key="editor_sign_out").click().run()
    assert _edit_controls(at, "app.py") == []


def test_read_only_flag_turns_editing_off_for_everyone(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(READ_ONLY_ENV, "1")
    monkeypatch.setenv(PASSWORD_ENV, SECRET)
    for page in sorted(EDIT_KEYS):

        def signed_in(at: AppTest) -> None:
            at.session_state["_editor_signed_in"] = True

        at = _run(page, prepare=signed_in)
        assert not at.exception
        assert _edit_controls(at, page) == []


def test_wrong_passwords_are_rate_limited_with_doubling_backoff() -> None:
    now = [1000.0]
    limiter = Limiter(free=3, base=2.0, cap=60.0, window=600.0, clock=lambda: now[0])
    for _ in range(3):
        assert limiter.wait() == 0
        limiter.fail()
    waits = []
    for _ in range(6):
        waits.append(limiter.wait())
        now[0] += waits[-1]
        limiter.fail()
    assert waits == [2.0, 4.0, 8.0, 16.0, 32.0, 60.0]
    now[0] += 600.0  # failures older than the window are forgotten
    assert limiter.wait() == 0


def test_sessions_share_the_global_limit(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.ui import roles

    monkeypatch.setenv(PASSWORD_ENV, SECRET)
    shared = Limiter(free=2, base=30.0)
    monkeypatch.setattr(roles, "_global_limiter", lambda: shared)
    for _ in range(2):  # two different sessions, one wrong guess each
        at = _run("app.py")
        at.sidebar.text_input[0].set_value("guess")
        at.sidebar.button[0].click().run()
        assert [e.value for e in at.error] == ["Wrong password."]
    at = _run("app.py")  # a third session, even with the right password, must wait
    at.sidebar.text_input[0].set_value(SECRET)
    at.sidebar.button[0].click().run()
    assert at.error[0].value.startswith("Too many wrong passwords: try again in ")
    assert _edit_controls(at, "app.py") == []
