"""The routes that change the ledger: sign in, and confirm / reject / correct / move / merge / split.

Reading is open; every change needs a reviewer's token (kept in an HttpOnly,
SameSite=Strict cookie after signing in) and a form CSRF token bound to the
browser's CSRF cookie. Each change is logged, then the incidents are relinked
so the page shows the new reconciliation: both in a worker thread
(`Site.write`), so the event loop, and every reader, go on meanwhile. The
audit entry's incident is the figure's own, never a form field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tally.store import Ledger
from tally.store.corrections import EDITABLE, Corrections, ReviewError
from tally.store.fixes import INCIDENT_EDITABLE, clean_incident_fields
from tally.web.app import TOKEN_COOKIE, Site
from tally.web.views import site_of

router = APIRouter()
ACTIONS = {"confirm", "reject", "correct", "move", "reset"}
NEED_REASON = {"reject", "correct", "move"}
"""Figure actions that change what the ledger counts: each needs the reviewer's reason."""
Form = dict[str, list[str]]
"""A posted form: each field's values."""


def _back(target: str | None, default: str = "/") -> str:
    """A local path to return to (never another site: no scheme, no host, no `//`)."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


async def _form(request: Request) -> Form:
    form = await request.form()
    out: Form = {}
    for key, value in form.multi_items():
        out.setdefault(key, []).append(str(value))
    return out


def _one(form: Form, key: str) -> str:
    return (form.get(key) or [""])[0]


def _reason(form: Form, what: str) -> str:
    """The reviewer's reason for a change, else `ReviewError` (every correction gives one)."""
    reason = " ".join(_one(form, "reason").split())
    if not reason:
        raise ReviewError(f"give a reason to {what} (it is kept in the audit log)")
    return reason


def _target(led: Ledger, given: str, exclude: str) -> str:
    """The incident a reviewer named by id or by words of its name, place or date.

    An id (or one a merge redirected) is taken as it is; words must match exactly one
    other incident, else `ReviewError` lists the first matches to choose from.
    """
    given = " ".join(given.split())
    if not given:
        raise ReviewError("name the other incident (its name or id)")
    resolved = led.resolve(given)
    if led.conn.query("SELECT 1 FROM incidents WHERE id = ?", (resolved,)):
        return resolved
    rows, _ = led.find_incidents(given.split(), limit=6)
    found = [r["incident"] for r in rows if r["incident"].id != exclude]
    if len(found) == 1:
        return found[0].id
    if not found:
        raise ReviewError(f"no incident matches {given[:60]!r}")
    shown = "; ".join(f"{i.name or i.id} ({i.id})" for i in found[:5])
    raise ReviewError(f"{given[:60]!r} matches several incidents, name one by its id: {shown}")


def _located(values: dict[str, str]) -> dict[str, Any]:
    """The edited place with its coordinates and precision from the gazetteer, and its
    region where the reviewer left it empty; unknown places keep no coordinates."""
    from tally.link import gazetteer

    place = " ".join(values.get("place", "").split())
    country = values.get("country", "").strip().upper()
    admin1 = " ".join(values.get("admin1", "").split())
    out: dict[str, Any] = {"lat": None, "lon": None, "where_prec": None}
    if place:
        for p in gazetteer.places(place):
            if (not country or p.country == country) and (
                not admin1 or admin1.lower() in {(p.admin1 or "").lower(), (p.code or "").lower()}
            ):
                out |= {"lat": p.lat, "lon": p.lon, "where_prec": 1}
                if not admin1 and p.admin1:
                    out["admin1"] = p.admin1
                if not country:
                    out["country"] = p.country
                return out
        out["where_prec"] = 2
        return out
    area = gazetteer.us_state(admin1) if admin1 and country in {"", "US"} else None
    land = gazetteer.country(country) if country else None
    if area or land:
        found = area or land
        assert found is not None
        out |= {"lat": found.lat, "lon": found.lon, "where_prec": 4 if area else 6}
    return out


def _refuse(site: Site, request: Request, message: str) -> HTMLResponse:
    return site.page(request, "error.html", status=403, message=message)


def _authorise(
    site: Site, request: Request, form: Form, led: Ledger
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


Change = Callable[[Ledger, str, Form], Response]
"""A reviewer's change: the writer's ledger, the signed-in reviewer and the form, to a response."""


async def _as_reviewer(request: Request, change: Change) -> Response:
    """Run `change` on the writer once the form's CSRF token and the reviewer's session check out.

    A refusal (expired form, nobody signed in) is answered without touching the ledger.
    """
    site = site_of(request)
    form = await _form(request)

    def guarded(led: Ledger) -> Response:
        reviewer, refusal = _authorise(site, request, form, led)
        if refusal:
            return refusal
        return change(led, str(reviewer), form)

    return await site.write(guarded)


@router.post("/figures/review")
async def review_figure(request: Request) -> Response:
    """Confirm, reject, correct, move or reset one figure, keyed by document hash and span."""

    def change(led: Ledger, reviewer: str, form: Form) -> Response:
        action = _one(form, "action")
        if action not in ACTIONS:
            raise ReviewError(f"unknown action {action[:40]!r}")
        key = _one(form, "key")
        doc_id = key.split(":", 1)[0]
        fig = next((f for f in led.figures(doc_id=doc_id) if f.key == key), None)
        if fig is None:
            raise ReviewError(f"no figure {key[:80]!r} in the ledger")
        values = {name: _one(form, name) for name in EDITABLE}
        reason = _reason(form, f"{action} a figure") if action in NEED_REASON else ""
        reason = reason or " ".join(_one(form, "reason").split())
        move_to = _one(form, "move_to").strip()
        if action == "move":
            move_to = _target(led, move_to, fig.incident or "")
        Corrections(led.conn).review_figure(
            reviewer, fig, action, fig.incident, values, move_to or None, reason
        )
        return RedirectResponse(_back(_one(form, "back")), status_code=303)

    return await _as_reviewer(request, change)


@router.post("/incidents/{incident_id}/merge")
async def merge(request: Request, incident_id: str) -> Response:
    """Merge this incident into another one."""

    def change(led: Ledger, reviewer: str, form: Form) -> Response:
        led.incident(incident_id)
        target = _target(led, _one(form, "target"), incident_id)
        reason = _reason(form, "merge incidents")
        Corrections(led.conn).merge(reviewer, incident_id, target, reason)
        return RedirectResponse(f"/incidents/{quote(target)}", status_code=303)

    return await _as_reviewer(request, change)


@router.post("/incidents/{incident_id}/edit")
async def edit(request: Request, incident_id: str) -> Response:
    """Set this incident's name, type, date or place, with the reviewer's reason."""

    def change(led: Ledger, reviewer: str, form: Form) -> Response:
        current = led.incident(incident_id)
        values: dict[str, Any] = {name: _one(form, name) for name in INCIDENT_EDITABLE}
        changed = clean_incident_fields(values, current)
        if not changed:
            raise ReviewError("nothing to change: the fields are as they were")
        reason = _reason(form, "edit the incident")
        if {"place", "admin1", "country"} & changed.keys():
            values |= _located(values)
        Corrections(led.conn).edit_incident(reviewer, current, values, reason)
        return RedirectResponse(f"/incidents/{quote(incident_id)}", status_code=303)

    return await _as_reviewer(request, change)


@router.post("/incidents/{incident_id}/split")
async def split(request: Request, incident_id: str) -> Response:
    """Split the chosen figures off this incident into a new one."""

    def change(led: Ledger, reviewer: str, form: Form) -> Response:
        keys = set(form.get("keys") or [])
        figures = [f for f in led.figures(incident_id=incident_id) if f.key in keys]
        if not figures:
            raise ReviewError("choose the figures that form the new incident")
        reason = _reason(form, "split the incident")
        part = Corrections(led.conn).split(reviewer, incident_id, figures, reason)
        return RedirectResponse(f"/incidents/{quote(part)}", status_code=303)

    return await _as_reviewer(request, change)
