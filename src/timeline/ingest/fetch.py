"""Fetching a page from the public web, and nothing else.

A hosted dashboard fetches URLs its visitors type, so the fetcher must not become a
way into the host's own network (server-side request forgery) or a port scanner:

- only ``http`` and ``https`` URLs, without credentials in them;
- the host name is resolved ONCE and every address it resolves to is checked: no
  loopback, private, link-local, shared (CGNAT), multicast, reserved, unspecified,
  documentation or other non-global address, IPv4-mapped/-compatible IPv6 addresses
  are checked as the IPv4 address they carry, and the cloud metadata addresses
  (``169.254.169.254``, ``fd00:ec2::254``, ...) are named as such;
- the connection goes to the checked address itself (pinned; the URL's host name is
  still sent as ``Host`` and as the TLS server name, and the certificate is checked
  against it), so a second DNS answer cannot swap in an internal address;
- each redirect is checked the same way, at most :attr:`FetchPolicy.max_redirects`;
- a size cap on the body both as sent and after gzip/deflate decompression (a gzip
  bomb stops at the cap), an overall deadline for the whole fetch including
  redirects, and only HTML and plain-text content types;
- every refusal is a :class:`FetchRefused` with a clear message; a connection that
  fails for any reason (refused, reset, timed out) gives the same message, so the
  answers never tell an open port from a closed one.

Hosts that must be reachable although their addresses are not public (an intranet
news server) are listed in ``$TIMELINE_FETCH_ALLOW_HOSTS`` (comma-separated host
names or addresses, matched exactly, case-insensitive); only those skip the address
check, and a redirect from them to another host is checked as usual.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import socket
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from urllib.parse import urljoin, urlsplit

ALLOW_HOSTS_ENV = "TIMELINE_FETCH_ALLOW_HOSTS"
CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
#: Cloud instance metadata services (AWS, GCP, Azure, OpenStack; AWS IPv6; Alibaba; Oracle).
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200", "169.254.169.250",
              "192.0.0.192")
)  # fmt: skip

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]


class FetchRefused(Exception):
    """A URL the fetcher will not fetch, or a fetch it stopped; the message says why."""


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (one DNS lookup)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchRefused(f"host {host!r} not found") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def allowed_hosts_from_env() -> frozenset[str]:
    raw = os.environ.get(ALLOW_HOSTS_ENV, "")
    return frozenset(h.strip().lower().strip("[]") for h in raw.split(",") if h.strip())


@dataclasses.dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch. ``resolve`` is injectable so tests never touch DNS."""

    max_bytes: int = 5_000_000
    deadline: float = 20.0
    connect_timeout: float = 5.0
    max_redirects: int = 5
    allow_hosts: frozenset[str] = dataclasses.field(default_factory=allowed_hosts_from_env)
    resolve: Resolver = resolve_host
    ca_certs: str | None = None  # a CA bundle file; None: the system's


def address_problem(address: IPAddress) -> str | None:
    """Why ``address`` is not a public internet address, or None when it is."""
    if isinstance(address, ipaddress.IPv6Address):
        carried = address.ipv4_mapped or address.sixtofour or _ipv4_compatible(address)
        if carried is not None:
            problem = address_problem(carried)
            return None if problem is None else f"{problem} (inside IPv6 address {address})"
    if address in METADATA_ADDRESSES:
        return "a cloud metadata service address"
    for check, name in _KINDS:
        if getattr(address, check):
            return f"a {name} address"
    if not address.is_global:
        return "not a public internet address"
    return None


_KINDS = (
    ("is_unspecified", "unspecified"),
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_reserved", "reserved"),
    ("is_private", "private-network"),
)


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _ipv4_compatible(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside ``::a.b.c.d`` (deprecated IPv4-compatible form) or a
    NAT64 ``64:ff9b::a.b.c.d``, which a gateway forwards to that IPv4 address."""
    if (int(address) >> 32 == 0 and int(address) > 1) or address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


@dataclasses.dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str
    address: str


def check_url(url: str, policy: FetchPolicy) -> _Target:
    """The address to connect to for ``url``, after every check; raises FetchRefused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchRefused(f"not a valid URL ({exc})") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused("only http:// and https:// URLs with a host name are fetched")
    if parts.username is not None or parts.password is not None:
        raise FetchRefused("URLs with a user name or password are not fetched")
    host = parts.hostname.lower()
    port = port or (443 if parts.scheme == "https" else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    addresses = _literal(host) or policy.resolve(host, port)
    if not addresses:
        raise FetchRefused(f"host {host!r} not found")
    if host not in policy.allow_hosts:
        for text in addresses:
            problem = address_problem(ipaddress.ip_address(text.split("%")[0]))
            if problem is not None:
                raise FetchRefused(
                    f"host {host!r} resolves to {text}, {problem}; only public addresses are "
                    f"fetched (a host may allow intranet hosts in ${ALLOW_HOSTS_ENV})"
                )
    return _Target(parts.scheme, host, port, path, addresses[0])


def _literal(host: str) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        return []


def fetch_page(url: str, policy: FetchPolicy | None = None) -> bytes:
    """The body of the HTML or text page at ``url``, following checked redirects."""
    policy = policy or FetchPolicy()
    stop = time.monotonic() + policy.deadline
    for _ in range(policy.max_redirects + 1):
        target = check_url(url, policy)
        response = _request(target, stop, policy)
        try:
            location = response.headers.get("Location")
            if response.status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            return _body(response, stop, policy)
        finally:
            response.release_conn()
    raise FetchRefused(f"more than {policy.max_redirects} redirects")


def _request(target: _Target, stop: float, policy: FetchPolicy):  # type: ignore[no-untyped-def]
    import urllib3

    remaining = _remaining(stop, policy)
    timeout = urllib3.Timeout(connect=min(policy.connect_timeout, remaining), read=remaining)
    common = {"timeout": timeout, "retries": False, "maxsize": 1}
    if target.scheme == "https":
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            target.address, target.port, server_hostname=target.host,
            assert_hostname=target.host, cert_reqs="CERT_REQUIRED", ca_certs=policy.ca_certs,
            **common,
        )  # fmt: skip
    else:
        pool = urllib3.HTTPConnectionPool(target.address, target.port, **common)
    default_port = 443 if target.scheme == "https" else 80
    host_header = target.host if ":" not in target.host else f"[{target.host}]"
    if target.port != default_port:
        host_header += f":{target.port}"
    headers = {
        "Host": host_header,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
        "Accept-Encoding": "gzip, deflate",
        "User-Agent": "news-timeline (+https://github.com/)",
    }
    try:
        return pool.urlopen(
            "GET", target.path, headers=headers, redirect=False, preload_content=False,
            decode_content=False, assert_same_host=False,
        )  # fmt: skip
    except urllib3.exceptions.SSLError as exc:
        raise FetchRefused(f"TLS failed for {target.host}: certificate not valid") from exc
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        # one message whatever failed: never tell an open port from a closed one
        raise FetchRefused(
            f"no answer from {target.host} port {target.port} (connection failed or timed out)"
        ) from exc


def _remaining(stop: float, policy: FetchPolicy) -> float:
    left = stop - time.monotonic()
    if left <= 0:
        raise FetchRefused(f"took longer than the limit of {policy.deadline:g} s")
    return left


def _body(response, stop: float, policy: FetchPolicy) -> bytes:  # type: ignore[no-untyped-def]
    if response.status >= 400:
        raise FetchRefused(f"the server answered HTTP {response.status}")
    kind = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if kind not in CONTENT_TYPES:
        shown = kind or "none given"
        raise FetchRefused(f"content type {shown!r} is not a web page; fetched: HTML or text")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchRefused(f"page is {int(declared):,} bytes, over the limit of "
                           f"{policy.max_bytes:,}")  # fmt: skip
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    return _read_capped(_raw_chunks(response, stop, policy), encoding, policy.max_bytes)


def _raw_chunks(response, stop: float, policy: FetchPolicy) -> Iterator[bytes]:  # type: ignore[no-untyped-def]
    import urllib3

    try:
        while chunk := response.read1(65536, decode_content=False):
            _remaining(stop, policy)
            yield chunk
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchRefused("the connection failed or timed out while reading the page") from exc


def _read_capped(chunks: Iterator[bytes], encoding: str, cap: int) -> bytes:
    """Join ``chunks`` decoded (identity, gzip or deflate), stopping past ``cap`` bytes."""
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise FetchRefused(f"content encoding {encoding!r} is not supported")
    unzip = None if encoding == "identity" else zlib.decompressobj(
        47 if "gzip" in encoding else zlib.MAX_WBITS  # 47: gzip or zlib header
    )  # fmt: skip
    out = bytearray()
    for chunk in chunks:
        if unzip is None:
            out += chunk
        else:
            try:
                out += unzip.decompress(chunk, cap + 1 - len(out))
                while unzip.unconsumed_tail and len(out) <= cap:
                    out += unzip.decompress(unzip.unconsumed_tail, cap + 1 - len(out))
            except zlib.error as exc:
                raise FetchRefused(f"the {encoding} body is damaged") from exc
        if len(out) > cap:
            raise FetchRefused(f"page is over the limit of {cap:,} bytes")
    return bytes(out)
