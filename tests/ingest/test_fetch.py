"""URL fetching against a real HTTP server on 127.0.0.1: limits, content types, the address guard.

No traffic leaves loopback: the guard's view of other addresses is tested on the
address check itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tally.errors import FetchError
from tally.ingest import IngestOptions, read
from tally.ingest.fetch import address_problem, fetch
from tally.models import Source
from tally.store import Ledger
from tests.conftest import run_tally

ARTICLE = (
    "<html><head><title>Blast in the market</title></head><body><article>"
    "<h1>Blast in the market</h1><p>Five people were killed and 12 injured when a bomb "
    "exploded in the central market on Tuesday, the provincial governor said. Rescue "
    "workers searched the rubble for survivors late into the night.</p>"
    "<p>The market had reopened only last month after repairs.</p></article></body></html>"
)
PLAIN = "Three people were killed in the flood, officials said.\n"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        return

    def _send(self, status: int, ctype: str | None, body: bytes, **headers: str) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        port = self.server.server_address[1]
        if path == "/article.html":
            self._send(200, "text/html; charset=utf-8", ARTICLE.encode())
        elif path == "/cp1251":
            page = ARTICLE.replace("Five people", "Погибли пять человек; five people")
            self._send(200, "text/html; charset=windows-1251", page.encode("cp1251"))
        elif path == "/plain":
            self._send(200, "text/plain", PLAIN.encode())
        elif path.startswith("/hops/"):
            n = int(path.rsplit("/", 1)[1])
            target = "/article.html" if n == 0 else f"/hops/{n - 1}"
            self._send(302, None, b"", Location=target)
        elif path == "/to-unspecified":
            self._send(302, None, b"", Location=f"http://0.0.0.0:{port}/article.html")
        elif path == "/to-named":
            self._send(302, None, b"", Location=f"http://metadata.test:{port}/latest/meta-data")
        elif path == "/to-file":
            self._send(302, None, b"", Location="file:///etc/passwd")
        elif path == "/pdf":
            self._send(200, "application/pdf", b"%PDF-1.7\n")
        elif path == "/declared-big":
            self._send(200, "text/html", b"<p>x</p>", Content_Length="50000000")
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(400):
                    self.wfile.write(b"Five people were killed. " * 400)
            except OSError:
                return
        elif path == "/slow":
            time.sleep(3)
            try:
                self._send(200, "text/plain", PLAIN.encode())
            except OSError:
                return
        else:
            self._send(404, "text/plain", b"not found")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 in a thread; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = IngestOptions(allow_private=True, timeout=5)


def test_fetches_a_page_and_reads_its_text(server: str) -> None:
    data, ctype = fetch(f"{server}/article.html", LOCAL)
    assert data == ARTICLE.encode()
    assert ctype.startswith("text/html")
    doc = read(Source(name=f"{server}/article.html", url=f"{server}/article.html"), LOCAL)
    assert "Five people were killed" in doc.text
    assert doc.url == f"{server}/article.html"
    assert doc.kind == "html"


def test_plain_text_and_a_declared_charset(server: str) -> None:
    doc = read(Source(name="p", url=f"{server}/plain"), LOCAL)
    assert doc.kind == "text" and doc.text == PLAIN
    doc = read(Source(name="c", url=f"{server}/cp1251"), LOCAL)
    assert "Погибли пять человек" in doc.text


def test_follows_redirects_up_to_the_limit(server: str) -> None:
    assert fetch(f"{server}/hops/4", LOCAL)[0] == ARTICLE.encode()
    with pytest.raises(FetchError) as err:
        fetch(f"{server}/hops/5", LOCAL)
    assert err.value.source == f"{server}/hops/5"
    assert "more than 5 redirects" in err.value.message


@pytest.mark.parametrize(
    ("path", "options", "reason"),
    [
        ("/pdf", LOCAL, "content type 'application/pdf' is not HTML or plain text"),
        ("/declared-big", LOCAL, "page is 50,000,000 bytes, over the limit of 20,000,000"),
        ("/endless", IngestOptions(allow_private=True, max_bytes=1_000_000), "more than 1,000,000"),
        ("/slow", IngestOptions(allow_private=True, timeout=0.5), "timed out after 0.5 s"),
        ("/missing", LOCAL, "HTTP 404"),
        ("/to-unspecified", LOCAL, "refused: 0.0.0.0 is an unspecified address"),
        ("/to-file", LOCAL, "only http and https URLs are fetched, not 'file'"),
    ],
)
def test_refusals_name_the_url_and_the_reason(
    server: str, path: str, options: IngestOptions, reason: str
) -> None:
    with pytest.raises(FetchError) as err:
        fetch(server + path, options)
    assert err.value.source == server + path
    assert reason in err.value.message
    if "max_bytes" in reason or "limit" in reason:
        assert "--max-bytes" in err.value.message


def test_guard_refuses_loopback_without_the_flag(server: str) -> None:
    with pytest.raises(FetchError) as err:
        fetch(f"{server}/article.html", IngestOptions())
    assert (
        "refused: 127.0.0.1 is a loopback address; --allow-private allows it" in err.value.message
    )


def test_guard_checks_every_address_a_name_resolves_to(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchError) as err:
        fetch(f"http://localhost:{port}/article.html", IngestOptions())
    assert (
        "refused: localhost resolves to " in err.value.message and "loopback" in err.value.message
    )


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "a loopback address"),
        ("127.8.9.10", "a loopback address"),
        ("::1", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("172.16.0.1", "a private address"),
        ("172.31.255.254", "a private address"),
        ("192.168.1.1", "a private address"),
        ("169.254.169.254", "a link-local address (cloud metadata lives there)"),
        ("fe80::1", "a link-local address (cloud metadata lives there)"),
        ("fd00:ec2::254", "a cloud metadata address"),
        ("fd00::1", "a private address"),
        ("100.100.100.200", "a cloud metadata address (Alibaba Cloud)"),
        ("192.0.0.192", "an IETF protocol address (192.0.0.192 is Oracle Cloud's metadata)"),
        ("168.63.129.16", "a cloud metadata address (Azure's wire server)"),
        ("2002:7f00:1::", "a loopback address (carried in 2002:7f00:1::)"),
        (
            "2002:a9fe:a9fe::1",
            "a link-local address (cloud metadata lives there) (carried in 2002:a9fe:a9fe::1)",
        ),
        ("2002:c0a8:101::", "a private address (carried in 2002:c0a8:101::)"),
        ("64:ff9b::127.0.0.1", "a loopback address (carried in 64:ff9b::7f00:1)"),
        (
            "64:ff9b::a9fe:a9fe",
            "a link-local address (cloud metadata lives there) (carried in 64:ff9b::a9fe:a9fe)",
        ),
        ("64:ff9b:1::a00:1", "a private address (carried in 64:ff9b:1::a00:1)"),
        ("64:ff9b::93.184.215.14", None),
        ("2002:5db8:d70e::1", None),
        ("0.0.0.0", "an unspecified address"),
        ("::", "an unspecified address"),
        ("224.0.0.1", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("240.0.0.1", "a private address"),
        ("192.0.2.10", "a private address"),
        ("8.8.8.8", None),
        ("93.184.215.14", None),
        ("172.32.0.1", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_check(address: str, problem: str | None) -> None:
    assert address_problem(address) == problem


@pytest.mark.parametrize(
    ("address", "allowed"),
    [("127.0.0.1", True), ("10.0.0.1", True), ("169.254.169.254", True), ("0.0.0.0", False)],
)
def test_allow_private_opens_private_ranges_only(address: str, allowed: bool) -> None:
    assert (address_problem(address, allow_private=True) is None) is allowed


def test_cli_fetches_with_the_flag_and_refuses_without(server: str, tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    url = f"{server}/article.html"
    refused = run_tally("ingest", "--db", db, url, check=False)
    assert refused.returncode == 1
    assert (
        f"error [T120] {url}: refused: 127.0.0.1 is a loopback address; --allow-private allows it"
        in refused.stderr
    )
    assert "Traceback" not in refused.stderr
    ok = run_tally("ingest", "--db", db, "--allow-private", url)
    assert ok.stdout.startswith("1 document stored")
    with Ledger(db) as ledger:
        assert [(n, u) for _, n, u in ledger.names()] == [(url, url)]


def test_manifest_line_with_path_and_url_reads_the_file_and_keeps_the_url(
    server: str, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(PLAIN)
    url = f"{server}/never-fetched"
    (tmp_path / "m.jsonl").write_text(f'{{"path": "a.txt", "url": "{url}"}}\n')
    db = str(tmp_path / "l.db")
    run_tally("ingest", "--db", db, "--manifest", str(tmp_path / "m.jsonl"))
    with Ledger(db) as ledger:
        (doc,) = ledger.documents()
        assert doc.text == PLAIN
        assert doc.url == url


def test_every_redirect_hop_is_resolved_and_checked_again(server: str) -> None:
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return {"127.0.0.1": ["127.0.0.1"], "metadata.test": ["0.0.0.0"]}[host]

    with pytest.raises(FetchError) as err:
        fetch(f"{server}/to-named", LOCAL, resolve=resolve)
    assert asked == ["127.0.0.1", "metadata.test"]
    assert err.value.message.startswith(
        "refused: metadata.test resolves to 0.0.0.0, an unspecified address (redirected to "
        "http://metadata.test:"
    )


@pytest.fixture()
def trickling_server() -> Iterator[str]:
    """A loopback server that sends its status line one byte every 0.3 s, for 60 s."""
    import socket

    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                for byte in b"HTTP/1.1 200 OK\r\n" * 20:
                    if stop.wait(0.3):
                        break
                    try:
                        conn.sendall(bytes([byte]))
                    except OSError:
                        break

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    stop.set()
    thread.join()
    listener.close()


def test_deadline_covers_a_trickled_status_line(trickling_server: str) -> None:
    options = IngestOptions(allow_private=True, timeout=0.5)
    with pytest.raises(FetchError) as err:
        fetch(trickling_server, options)
    assert err.value.message == "took longer than 1.5 s"
