"""The routes that change the ledger: sign in, and confirm / reject / correct / move / merge / split.

Reading is open; every change needs a reviewer's token (kept in an HttpOnly,
SameSite=Strict cookie after signing in) and a form CSRF token bound to the
browser's CSRF cookie. Each change is logged, then the incidents are relinked
so the page shows the new reconciliation: both in a worker thread
(`Site.write`), so the event loop, and every reader, go on meanwhile. The
audit entry's incident is the figure's own, never a form field.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tally.store import Ledger
from tally.store.corrections import EDITABLE, Corrections, ReviewError
from tally.web.app import TOKEN_COOKIE, Site
from tally.web.views import site_of

router = APIRouter()
ACTIONS = {"confirm", "reject", "correct", "move", "reset"}


def _back(target: str | None, default: str = "/") -> str:
    """A local path to return to (never another site: no scheme, no host, no `//`)."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


async def _form(request: Request) -> dict[str, list[str]]:
    form = await request.form()
    out: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        out.setdefault(key, []).append(str(value))
    return out


def _one(form: dict[str, list[str]], key: str) -> str:
    return (form.get(key) or [""])[0]


def _refuse(site: Site, request: Request, message: str) -> HTMLResponse:
    return site.page(request, "error.html", status=403, message=message)


def _authorise(
    site: Site, request: Request, form: dict[str, list[str]], led: Ledger
) -> tuple[str | None, HTMLResponse | None]:
    """The reviewer behind this request, or the refusal to send back."""
    if not site.csrf_ok(request, _one(form, "csrf")):
        return None, _refuse(
            site,
            request,
            "the form has expired or was not sent by this site; reload the page and try again",
        )
    reviewer = Corrections(led.conn).session(request.cookies.get(TOKEN_COOKIE))
    if reviewer is None:
        return None, _refuse(
            site,
            request,
            "sign in with a reviewer token to change the ledger (tally reviewer add NAME)",
        )
    return reviewer, None


@router.api_route("/login", methods=["GET", "HEAD"], response_class=HTMLResponse)
def login_page(request: Request, back: str = "/") -> HTMLResponse:
    """The sign-in form: a reviewer pastes the token `tally reviewer add` printed."""
    return site_of(request).page(request, "login.html", back=_back(back), failed=False)


@router.post("/login")
async def login(request: Request) -> Response:
    """Check a reviewer's token and keep it in an HttpOnly cookie."""
    site = site_of(request)
    form = await _form(request)
    if not site.csrf_ok(request, _one(form, "csrf")):
        return _refuse(site, request, "the form has expired; reload the page and try again")
    token = _one(form, "token").strip()
    signed = await site.write(lambda led: Corrections(led.conn).sign_in(token), relink=False)
    back = _back(_one(form, "back"))
    if signed is None:
        return site.page(request, "login.html", status=403, back=back, failed=True)
    response = RedirectResponse(back, status_code=303)
    response.set_cookie(TOKEN_COOKIE, signed[1], httponly=True, samesite="strict", path="/")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """End the browser's session on the server (its cookie signs nobody in again) and forget it."""
    site = site_of(request)
    form = await _form(request)
    if not site.csrf_ok(request, _one(form, "csrf")):
        return _refuse(site, request, "the form has expired; reload the page and try again")
    session = request.cookies.get(TOKEN_COOKIE)
    await site.write(lambda led: Corrections(led.conn).sign_out(session), relink=False)
    response = RedirectResponse(_back(_one(form, "back")), status_code=303)
    response.delete_cookie(TOKEN_COOKIE, path="/")
    return response


@router.post("/figures/review")
async def review_figure(request: Request) -> Response:
    """Confirm, reject, correct, move or reset one figure, keyed by document hash and span."""
    site = site_of(request)
    form = await _form(request)
    action = _one(form, "action")
    key = _one(form, "key")

    def change(led: Ledger) -> Response | None:
        reviewer, refusal = _authorise(site, request, form, led)
        if refusal:
            return refusal
        if action not in ACTIONS:
            raise ReviewError(f"unknown action {action[:40]!r}")
        doc_id = key.split(":", 1)[0]
        fig = next((f for f in led.figures(doc_id=doc_id) if f.key == key), None)
        if fig is None:
            raise ReviewError(f"no figure {key[:80]!r} in the ledger")
        values = {name: _one(form, name) for name in EDITABLE}
        Corrections(led.conn).review_figure(
            str(reviewer), fig, action, fig.incident, values, _one(form, "move_to").strip() or None
        )
        return None

    return await site.write(change) or RedirectResponse(_back(_one(form, "back")), status_code=303)


@router.post("/incidents/{incident_id}/merge")
async def merge(request: Request, incident_id: str) -> Response:
    """Merge this incident into another one."""
    site = site_of(request)
    form = await _form(request)
    target = _one(form, "target").strip()

    def change(led: Ledger) -> Response | None:
        reviewer, refusal = _authorise(site, request, form, led)
        if refusal:
            return refusal
        led.incident(incident_id)
        Corrections(led.conn).merge(str(reviewer), incident_id, target)
        return None

    return await site.write(change) or RedirectResponse(f"/incidents/{target}", status_code=303)


@router.post("/incidents/{incident_id}/split")
async def split(request: Request, incident_id: str) -> Response:
    """Split the chosen figures off this incident into a new one."""
    site = site_of(request)
    form = await _form(request)
    keys = set(form.get("keys") or [])

    def change(led: Ledger) -> Response:
        reviewer, refusal = _authorise(site, request, form, led)
        if refusal:
            return refusal
        figures = [f for f in led.figures(incident_id=incident_id) if f.key in keys]
        part = Corrections(led.conn).split(str(reviewer), incident_id, figures)
        return RedirectResponse(f"/incidents/{part}", status_code=303)

    return await site.write(change)
