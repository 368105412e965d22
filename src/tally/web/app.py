"""The FastAPI application: a pool of ledger readers, one writer, templates, strict headers.

Reads go through a small pool of connections (SQLite in WAL answers while an
ingest writes); every change goes through one writer under a lock, so the web
process never has two writers of its own (after datasette).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import queue
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.concurrency import run_in_threadpool

from tally.errors import NotFound, TallyError, printable
from tally.lang.direction import direction
from tally.store import Ledger, default_target
from tally.store.corrections import ReviewError
from tally.web import render

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
T = TypeVar("T")
CSRF_COOKIE = "tally_csrf"
TOKEN_COOKIE = "tally_token"


def environment() -> Environment:
    """The Jinja2 environment: autoescape on for every template, so text is never markup.

    Missing keys of the stored JSON render empty (the reconciliation format may grow).
    """
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = lambda v, high=None: render.number(v, high)
    env.filters["describe"] = render.describe
    env.filters["short"] = render.short_name
    env.filters["dates"] = render.date_range
    env.filters["direction"] = direction
    env.filters["where"] = public_name
    return env


def public_name(name: str | None, reviewer: object = None) -> str:
    """A document's name as a page may show it: a URL whole; a file only by its own name,
    unless a reviewer is signed in (a server's folders are not for anonymous readers)."""
    text = str(name or "")
    if reviewer or text.startswith(("http://", "https://")):
        return text
    return render.short_name(text)


class Pool:
    """A few reusable ledger connections for readers, and one writer behind a lock."""

    def __init__(self, target: str, size: int = 4) -> None:
        self.target = target
        self.size = size
        self._idle: queue.LifoQueue[Ledger] = queue.LifoQueue()
        self._idle.put(Ledger(target))  # applies migrations once, up front
        self.write_lock = threading.Lock()
        self._writer: Ledger | None = None

    @contextmanager
    def reader(self) -> Iterator[Ledger]:
        """A ledger connection for one request's reads."""
        try:
            led = self._idle.get_nowait()
        except queue.Empty:
            led = Ledger(self.target)
        try:
            yield led
        finally:
            if self._idle.qsize() < self.size:
                self._idle.put(led)
            else:
                led.close()

    @contextmanager
    def writer(self) -> Iterator[Ledger]:
        """The one writing connection, held for one change at a time."""
        with self.write_lock:
            if self._writer is None:
                self._writer = Ledger(self.target)
            yield self._writer

    def close(self) -> None:
        """Close every idle connection and the writer."""
        while not self._idle.empty():
            self._idle.get_nowait().close()
        if self._writer is not None:
            self._writer.close()


class Site:
    """What the routes share: the pool, the templates, and the secret behind CSRF tokens."""

    def __init__(self, target: str, secret: bytes | None = None) -> None:
        self.pool = Pool(target)
        self.env = environment()
        self.secret = secret or secrets.token_bytes(32)

    async def write(self, change: Callable[[Ledger], T], *, relink: bool = True) -> T:
        """Run `change` on the writer, then relink, in a worker thread; return its result.

        The event loop goes on serving readers meanwhile (a relink of a large
        ledger takes a second or more). Nothing is relinked when `change` raises
        or answers with an error page (a refusal).
        """

        def run() -> T:
            with self.pool.writer() as led:
                result = change(led)
                if relink and not (isinstance(result, Response) and result.status_code >= 400):
                    relink_after_change(led)
                return result

        return await run_in_threadpool(run)

    def csrf_for(self, cookie: str) -> str:
        """The form token that matches a browser's CSRF cookie."""
        return hmac.new(self.secret, cookie.encode(), hashlib.sha256).hexdigest()[:40]

    def csrf_ok(self, request: Request, form_token: str | None) -> bool:
        """True when the form's token matches the browser's CSRF cookie."""
        cookie = request.cookies.get(CSRF_COOKIE)
        return bool(cookie and form_token) and hmac.compare_digest(
            self.csrf_for(cookie), str(form_token)
        )

    def page(
        self, request: Request, template: str, status: int = 200, **context: Any
    ) -> HTMLResponse:
        """Render a page with the CSRF token its forms carry, setting the cookie on first visit."""
        cookie = request.cookies.get(CSRF_COOKIE)
        fresh = cookie is None or len(cookie) < 20
        if fresh:
            cookie = secrets.token_urlsafe(24)
        context.setdefault("reviewer", None)
        html = self.env.get_template(template).render(
            csrf=self.csrf_for(cookie), path=request.url.path, **context
        )
        response = HTMLResponse(html, status_code=status)
        if fresh:
            response.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="strict", path="/")
        return response


def relink_after_change(led: Ledger) -> None:
    """Bring the incidents up to date after a reviewer's change (the one relink call)."""
    from tally.pipeline import relink

    relink(led)


def create_app(
    db_target: str | None = None, *, secret: bytes | None = None, hosts: Iterable[str] = ()
) -> FastAPI:
    """The web UI over one ledger (an SQLite file or a postgresql:// URL).

    Requests must name this server by a loopback name or one of `hosts` in
    their Host header: a page of another site whose name was made to resolve to
    this address (DNS rebinding) is refused, so it cannot read a local ledger.
    """
    from tally.web import review, views

    site = Site(str(db_target or default_target()), secret)
    allowed = LOOPBACK_HOSTS | {h.strip("[]").lower() for h in hosts}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        site.pool.close()

    app = FastAPI(title="tally", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.site = site
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(views.router)
    app.include_router(review.router)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        refusal = _refusal(request, allowed)
        if refusal is not None:
            response: Response = PlainTextResponse(refusal[1] + "\n", status_code=refusal[0])
        else:
            response = await call_next(request)
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(TallyError)
    async def tally_error(request: Request, err: TallyError) -> HTMLResponse:
        status = 404 if isinstance(err, NotFound) else 400 if isinstance(err, ReviewError) else 500
        return site.page(request, "error.html", status=status, message=err.line())

    return app


LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "localhost.localdomain"})
"""Host names a request may use by default: this machine's own."""
MAX_PAGE = 1_000_000
MAX_PARAM = 500
"""The longest query parameter (a search, a filter) the pages take, in characters."""
MAX_TERMS = 20
"""The most words a search may have."""


def _host_name(header: str) -> str:
    """The name in a Host header, without its port (`[::1]:8000` → `::1`)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _refusal(request: Request, allowed: set[str] | frozenset[str]) -> tuple[int, str] | None:
    """(status, one line) when a request is refused before any route sees it, else None."""
    host = _host_name(request.headers.get("host", ""))
    if host not in allowed:
        shown = printable(host[:80]) or "(none)"
        return 421, f"this server does not answer to the host name {shown}; start it with --host"
    for name, value in request.query_params.multi_items():
        if len(value) > MAX_PARAM:
            return 400, f"the parameter {name[:40]!r} is over {MAX_PARAM} characters"
    if len(request.query_params.get("q", "").split()) > MAX_TERMS:
        return 400, f"a search may have at most {MAX_TERMS} words"
    page = request.query_params.get("page")
    if page is not None and not (page.isascii() and page.isdigit() and 1 <= int(page) <= MAX_PAGE):
        return 400, f"page must be a whole number from 1 to {MAX_PAGE:,}"
    return None


def request_once(app: FastAPI, path: str) -> tuple[int, str]:
    """Push one GET request through the app in-process; return (status, body)."""
    raw_path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": raw_path,
        "raw_path": raw_path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 0),
        "server": ("localhost", 80),
    }
    status = 500
    body = bytearray()

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    asyncio.run(app(scope, receive, send))
    return status, body.decode("utf-8", "replace")
