"""``streamlit run app.py`` on a free loopback port, for tests, screenshots and benchmarks.

    with local_server(db, log) as server:
        ...  # the dashboard over store ``db`` answers at ``server.url`` (process
             # ``server.pid``); its output goes to ``log``

``env`` adds environment variables (an editor password, ...); ``code`` is the checkout
whose ``app.py`` and ``src/`` run (a benchmark's baseline), this one by default.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 90


@dataclass(frozen=True)
class Served:
    url: str
    pid: int


class ServerError(RuntimeError):
    """The dashboard exited or did not answer its health check in time (the log says why)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def local_server(
    db: Path, log: Path, *, env: Mapping[str, str] | None = None, code: Path = ROOT
) -> Iterator[Served]:
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(code / "app.py"),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    # PYTHONPATH first: the code's own library, not whatever checkout is installed.
    full_env = {**os.environ, "TIMELINE_DB": str(db), "PYTHONPATH": str(code / "src")}
    full_env.pop("TIMELINE_READ_ONLY", None)
    full_env.update(env or {})
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=code, env=full_env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log)
        yield Served(url, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise ServerError(f"streamlit not healthy after {STARTUP_SECONDS} s:\n{log.read_text()}")
