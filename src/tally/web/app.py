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
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader

from tally.errors import NotFound, TallyError
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
    return env


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


def create_app(db_target: str | None = None, *, secret: bytes | None = None) -> FastAPI:
    """The web UI over one ledger (an SQLite file or a postgresql:// URL)."""
    from tally.web import review, views

    site = Site(str(db_target or default_target()), secret)

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
        response = await call_next(request)
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
