"""Fetch a URL for ingest, safely: the one place tally talks to the network.

Every hop (the URL and each redirect) is resolved, every address it resolves to
is checked by `address_problem`, and the connection goes to the address that
was checked, so a DNS answer that changes between check and connect (DNS
rebinding) cannot reach a private network. Loopback, private, link-local,
shared (carrier NAT), reserved, documentation and cloud-metadata addresses are
refused unless `allow_private`; unspecified and multicast addresses always.
Fetches have a connect/read timeout and an overall deadline, a size cap
(`max_bytes`, checked against Content-Length and while reading), a redirect
limit, and accept only `text/html`, `application/xhtml+xml` and `text/plain`.
Compressed transfer is not asked for, so a small response cannot expand.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from tally.errors import FetchError
from tally.ingest.options import IngestOptions

CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "tally/0.1 (casualty-figure ledger; +https://example.invalid/tally)"
_CHUNK = 65_536

Resolver = Callable[[str, int], list[str]]


def resolve_host(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (IPv4 and IPv6), in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise FetchError(f"cannot resolve host {host!r}") from err
    out: list[str] = []
    for info in infos:
        addr = str(info[4][0])
        if addr not in out:
            out.append(addr)
    return out


_REFUSED: tuple[tuple[str, str], ...] = (
    ("168.63.129.16/32", "a cloud metadata address (Azure's wire server)"),
    ("100.100.100.200/32", "a cloud metadata address (Alibaba Cloud)"),
    ("192.0.0.0/24", "an IETF protocol address (192.0.0.192 is Oracle Cloud's metadata)"),
    ("fd00:ec2::254/128", "a cloud metadata address"),
    ("127.0.0.0/8", "a loopback address"),
    ("169.254.0.0/16", "a link-local address (cloud metadata lives there)"),
    ("100.64.0.0/10", "a shared (carrier NAT) address"),
    ("0.0.0.0/8", "a 'this network' address"),
)
"""tally's own table of ranges refused whatever the `ipaddress` flags say."""
_REFUSED_NETS = [(ipaddress.ip_network(net), why) for net, why in _REFUSED]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries: mapped, compatible, 6to4, NAT64 or Teredo."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64 or ip in _NAT64_LOCAL:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.teredo is not None:
        return ip.teredo[1]
    packed = int(ip)
    if packed >> 32 == 0 and packed > 1:
        return ipaddress.IPv4Address(packed)
    return None


def address_problem(address: str, allow_private: bool = False) -> str | None:
    """Why tally must not connect to `address` (e.g. "a loopback address"), or None if it may.

    An IPv6 address that carries an IPv4 one (mapped, 6to4 `2002::/16`, NAT64
    `64:ff9b::/96`, Teredo) is judged by the IPv4 address it reaches.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            problem = address_problem(str(inner), allow_private)
            if problem and ip.ipv4_mapped is None:
                problem = f"{problem} (carried in {ip})"
            return problem
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_multicast:
        return "a multicast address"
    if allow_private:
        return None
    for net, why in _REFUSED_NETS:
        if ip.version == net.version and ip in net:
            return why
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address (cloud metadata lives there)"
    if ip.is_private:
        return "a private address"
    if ip.is_reserved:
        return "a reserved address"
    if not ip.is_global:
        return "not a public address"
    return None


def fetch(
    url: str, options: IngestOptions | None = None, *, resolve: Resolver = resolve_host
) -> tuple[bytes, str]:
    """The body and Content-Type of `url`, following redirects; `FetchError` naming it otherwise."""
    options = options or IngestOptions()
    deadline = time.monotonic() + 3 * options.timeout
    current = url
    try:
        for hop in range(options.max_redirects + 1):
            status, headers, body = _get(current, options, resolve, deadline)
            if status in (301, 302, 303, 307, 308):
                location = headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location")
                if hop == options.max_redirects:
                    raise FetchError(f"more than {options.max_redirects} redirects")
                current = urljoin(current, location)
                continue
            if status != 200:
                raise FetchError(f"HTTP {status}")
            return body, headers.get("content-type", "")
    except FetchError as err:
        where = "" if current == url else f" (redirected to {current})"
        raise FetchError(err.message + where, source=url) from err
    raise FetchError("redirect loop", source=url)  # pragma: no cover - the loop always returns


def _get(
    url: str, options: IngestOptions, resolve: Resolver, deadline: float
) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or 'this'!r}")
    host = parts.hostname
    if not host:
        raise FetchError("the URL names no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as err:
        raise FetchError("the URL has an invalid port") from err
    addresses = resolve(host, port)
    if not addresses:
        raise FetchError(f"cannot resolve host {host!r}")
    for address in addresses:
        problem = address_problem(address, options.allow_private)
        if problem:
            hint = (
                ""
                if "unspecified" in problem or "multicast" in problem
                else ("; --allow-private allows it")
            )
            where = f"{address} is" if host == address else f"{host} resolves to {address},"
            raise FetchError(f"refused: {where} {problem}{hint}")
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"took longer than {3 * options.timeout:g} s")
    conn = _PinnedConnection(
        host,
        port,
        addresses[0],
        https=parts.scheme == "https",
        timeout=min(options.timeout, remaining),
    )
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    watchdog = threading.Timer(remaining, conn.abort)
    watchdog.daemon = True
    watchdog.start()
    try:
        conn.request(
            "GET",
            target,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html, application/xhtml+xml, text/plain;q=0.9",
                "Accept-Encoding": "identity",
            },
        )
        resp = conn.getresponse()
        headers = {k.lower(): v for k, v in resp.getheaders()}
        if resp.status != 200:
            return resp.status, headers, b""
        _check_type(headers.get("content-type", ""))
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > options.max_bytes:
            raise FetchError(_too_large(int(length), options))
        return resp.status, headers, _read_body(resp, options, deadline)
    except (OSError, http.client.HTTPException, ValueError) as err:
        if conn.aborted:
            raise FetchError(f"took longer than {3 * options.timeout:g} s") from err
        if isinstance(err, TimeoutError):
            raise FetchError(f"timed out after {options.timeout:g} s") from err
        if isinstance(err, ValueError):
            raise
        _raise_fetch_error(err)
        raise
    finally:
        watchdog.cancel()
        conn.close()


def _raise_fetch_error(err: OSError | http.client.HTTPException) -> None:
    if isinstance(err, ssl.SSLError):
        raise FetchError(f"TLS error: {err.reason or err}") from err
    reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
    raise FetchError(f"cannot fetch: {reason}") from err


def _check_type(content_type: str) -> None:
    main = content_type.split(";", 1)[0].strip().lower()
    if main not in CONTENT_TYPES:
        shown = main or "none given"
        raise FetchError(f"content type {shown!r} is not HTML or plain text")


def _read_body(resp: http.client.HTTPResponse, options: IngestOptions, deadline: float) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"took longer than {3 * options.timeout:g} s")
        chunk = resp.read1(_CHUNK) if hasattr(resp, "read1") else resp.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > options.max_bytes:
            raise FetchError(_too_large(total, options, partial=True))
        chunks.append(chunk)


def _too_large(size: int, options: IngestOptions, partial: bool = False) -> str:
    what = f"more than {options.max_bytes:,}" if partial else f"{size:,}"
    return (
        f"page is {what} bytes, over the limit of {options.max_bytes:,} (raise it with --max-bytes)"
    )


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to an address checked beforehand, sending the URL's host name."""

    def __init__(self, host: str, port: int, address: str, *, https: bool, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address
        self._https = https
        self.aborted = False

    def abort(self) -> None:
        """End the connection at the fetch's deadline, whatever it is waiting for."""
        self.aborted = True
        sock = self.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self._https:
            context = ssl.create_default_context()
            self.sock = context.wrap_socket(self.sock, server_hostname=self.host)
