"""URL fetching reaches only the public web (issue 13).

Refusals are checked with a resolver that answers from the data file and a guard that
fails the test if any socket connects: no traffic leaves the machine. Fetches that must
succeed go to a local HTTP server on 127.0.0.1, reached through the allow-list.
"""

from __future__ import annotations

import dataclasses
import gzip
import http.server
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline.ingest import load_url
from timeline.ingest.fetch import ALLOW_HOSTS_ENV, FetchPolicy, FetchRefused, fetch_page

REFUSED = Path(__file__).parent / "fixtures" / "hostile" / "refused_urls.tsv"
PAGE = (
    b"<html><head><title>Talks in Moscow</title></head><body><article><p>Foreign Minister "
    b"Abbas Araghchi arrived in Moscow on April 18 for talks with Sergei Lavrov about the "
    b"agreement signed in January.</p></article></body></html>"
)


def _refused_cases() -> list[tuple[str, list[str], str]]:
    rows = []
    for line in REFUSED.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            url, addresses, words = line.split("\t")
            rows.append((url, [a for a in addresses.split(",") if a], words))
    return rows


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every attempt to connect a socket is recorded and fails."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise AssertionError(f"a connection was attempted to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.mark.parametrize(("url", "addresses", "words"), _refused_cases())
def test_non_public_addresses_are_refused_without_connecting(
    url: str, addresses: list[str], words: str, no_connections: list[object]
) -> None:
    def resolve(host: str, port: int) -> list[str]:
        assert addresses, f"{host} must not need a lookup"
        return addresses

    policy = FetchPolicy(allow_hosts=frozenset(), resolve=resolve)
    with pytest.raises(FetchRefused, match=words):
        fetch_page(url, policy)
    assert no_connections == []


def test_refusals_reach_the_user_as_issues(
    monkeypatch: pytest.MonkeyPatch, no_connections: list[object]
) -> None:
    monkeypatch.delenv(ALLOW_HOSTS_ENV, raising=False)
    articles, issues = load_url("http://169.254.169.254/latest/meta-data/")
    assert articles == []
    (issue,) = issues
    assert issue.field == "url"
    assert issue.message == (
        "could not fetch URL http://169.254.169.254/latest/meta-data/: host "
        "'169.254.169.254' resolves to 169.254.169.254, a cloud metadata service address; "
        f"only public addresses are fetched (a host may allow intranet hosts in ${ALLOW_HOSTS_ENV})"
    )
    assert no_connections == []


# --- a local server, reached through the allow-list ---------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def _send(self, body: bytes, kind: str = "text/html", **headers: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: C901 - one branch per scenario
        path = self.path
        if path == "/page":
            self._send(PAGE)
        elif path == "/host":
            self._send(f"<html><body><p>{self.headers['Host']}</p></body></html>".encode())
        elif path.startswith("/redirect?"):
            self.send_response(302)
            self.send_header("Location", path.split("?", 1)[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/big":
            self._send(b"<p>" + b"x" * 3_000_000 + b"</p>")
        elif path == "/big-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(300):
                self.wfile.write(b"y" * 10_000)
        elif path == "/bomb":
            self._send(gzip.compress(b"\0" * 50_000_000), Content_Encoding="gzip")
        elif path == "/gzip":
            self._send(gzip.compress(PAGE), Content_Encoding="gzip")
        elif path == "/image":
            self._send(b"\x89PNG\r\n", kind="image/png")
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<p>drip</p>")
                self.wfile.flush()
                time.sleep(0.25)
        else:
            self.send_error(404)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # the fetcher hung up: expected
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _local(**limits: object) -> FetchPolicy:
    def resolve(host: str, port: int) -> list[str]:
        assert host == "news.internal"
        return ["127.0.0.1"]

    allowed = frozenset({"127.0.0.1", "news.internal"})
    return FetchPolicy(allow_hosts=allowed, resolve=resolve, **limits)  # type: ignore[arg-type]


def test_allow_listed_host_is_fetched(server: str) -> None:
    assert fetch_page(f"http://{server}/page", _local()) == PAGE


def test_connection_goes_to_the_checked_address_with_the_host_name(server: str) -> None:
    port = server.split(":")[1]
    body = fetch_page(f"http://news.internal:{port}/host", _local())
    assert f"<p>news.internal:{port}</p>".encode() in body


def test_without_the_allow_list_the_local_server_is_refused(
    server: str, no_connections: list[object]
) -> None:
    with pytest.raises(FetchRefused, match="loopback"):
        fetch_page(f"http://{server}/page", FetchPolicy(allow_hosts=frozenset()))
    assert no_connections == []


def test_redirect_to_an_internal_address_is_refused(server: str) -> None:
    url = f"http://{server}/redirect?http://169.254.169.254/latest/meta-data/"
    with pytest.raises(FetchRefused, match="cloud metadata"):
        fetch_page(url, _local())


def test_redirects_are_followed_and_counted(server: str) -> None:
    assert fetch_page(f"http://{server}/redirect?/page", _local()) == PAGE
    loop = f"http://{server}/redirect?/redirect?/redirect?/page"
    with pytest.raises(FetchRefused, match="more than 1 redirects"):
        fetch_page(loop, _local(max_redirects=1))


@pytest.mark.parametrize("path", ["/big", "/big-undeclared"])
def test_size_cap(server: str, path: str) -> None:
    with pytest.raises(FetchRefused, match="over the limit of 1,000,000"):
        fetch_page(f"http://{server}{path}", _local(max_bytes=1_000_000))


def test_gzip_bomb_stops_at_the_cap(server: str) -> None:
    assert fetch_page(f"http://{server}/gzip", _local()) == PAGE
    with pytest.raises(FetchRefused, match="over the limit of 1,000,000 bytes"):
        fetch_page(f"http://{server}/bomb", _local(max_bytes=1_000_000))


def test_only_html_and_text(server: str) -> None:
    with pytest.raises(FetchRefused, match="content type 'image/png' is not a web page"):
        fetch_page(f"http://{server}/image", _local())


def test_overall_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchRefused, match="longer than the limit of 1 s"):
        fetch_page(f"http://{server}/drip", _local(deadline=1.0))
    assert time.monotonic() - started < 5  # the server would drip for 10 s


def test_open_and_closed_ports_give_the_same_message(server: str) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    silent = socket.socket()  # listens, accepts, never answers HTTP
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    silent_port = silent.getsockname()[1]
    try:
        messages = []
        for port in (closed_port, silent_port):
            with pytest.raises(FetchRefused) as info:
                fetch_page(f"http://127.0.0.1:{port}/", _local(deadline=1.0))
            messages.append(str(info.value).replace(str(port), "PORT"))
    finally:
        silent.close()
    assert (
        messages[0]
        == messages[1]
        == ("no answer from 127.0.0.1 port PORT (connection failed or timed out)")
    )


def test_load_url_uses_the_allow_list_setting(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALLOW_HOSTS_ENV, "127.0.0.1, other.example")
    articles, issues = load_url(f"http://{server}/page", published=None)
    assert [a.title for a in articles] == ["Talks in Moscow"]
    assert "Araghchi" in articles[0].text


def _certificate(folder: Path, host: str) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    assert openssl, "the TLS tests need the openssl command (Debian: apt-get install openssl)"
    cert, key = folder / f"{host}.pem", folder / f"{host}.key"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:{host}",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)  # fmt: skip
    return cert, key


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path, list[str]]]:
    """An HTTPS server on 127.0.0.1 for news.internal; records the TLS server names sent."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = _certificate(folder, "news.internal")
    names: list[str] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name or "")  # type: ignore[assignment, misc]
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], cert, names
    httpd.shutdown()
    httpd.server_close()


def test_https_to_the_pinned_address_keeps_the_name_for_tls_and_host(
    tls_server: tuple[int, Path, list[str]],
) -> None:
    port, cert, names = tls_server
    policy = dataclasses.replace(_local(), ca_certs=str(cert))
    body = fetch_page(f"https://news.internal:{port}/host", policy)
    assert f"<p>news.internal:{port}</p>".encode() in body  # Host header
    assert names[-1] == "news.internal"  # TLS server name, though we connected to 127.0.0.1


def test_https_certificate_for_another_name_is_refused(
    tls_server: tuple[int, Path, list[str]], tmp_path: Path
) -> None:
    port, _, _ = tls_server
    other, _ = _certificate(tmp_path, "other.example")
    policy = dataclasses.replace(_local(), ca_certs=str(other))
    with pytest.raises(FetchRefused, match="TLS failed for news.internal: certificate not valid"):
        fetch_page(f"https://news.internal:{port}/page", policy)
