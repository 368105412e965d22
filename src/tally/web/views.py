"""The pages that read: the incident list, an incident with its evidence, a document.

Every page reads through a pooled connection and touches only indexed rows of
the incident or document it shows, so it answers quickly on a large ledger.
The stored reconciliation JSON is rendered defensively: missing keys are empty.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tally.errors import NotFound
from tally.models import CATEGORIES, GROUPS, QUALIFIERS, Figure
from tally.store import Ledger
from tally.store.corrections import Corrections, CorrectionSet, FigureFix
from tally.store.ledger import INCIDENT_SORTS
from tally.web import render
from tally.web.app import TOKEN_COOKIE, Site

router = APIRouter()
PAGE_SIZE = 50
STATEMENTS_SHOWN = 50
"""Statements an incident page shows per reconciled row before "show all"."""


def site_of(request: Request) -> Site:
    """The shared state of the app serving this request."""
    return request.app.state.site


def _reviewer(request: Request, led: Ledger) -> str | None:
    return Corrections(led.conn).session(request.cookies.get(TOKEN_COOKIE))


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
def incident_list(
    request: Request,
    q: str = "",
    country: str = "",
    type: str = "",
    date_from: str = "",
    date_to: str = "",
    sort: str = "date",
    order: str = "desc",
    conflict: str = "",
    background: str = "",
    page: int = 1,
) -> HTMLResponse:
    """Every incident, searchable, filterable by country, type and date, sortable."""
    site = site_of(request)
    sort = sort if sort in INCIDENT_SORTS else "date"
    page = max(1, page)
    query = {
        "country": country,
        "type": type,
        "date_from": date_from,
        "date_to": date_to,
        "conflict": conflict in {"1", "any"},
        "conflict_kind": conflict if conflict in {"dispute", "revision"} else "",
        "background": None if background else False,
        "sort": sort,
        "descending": order != "asc",
    }
    with site.pool.reader() as led:

        def fetch(page: int) -> tuple[list[dict[str, Any]], int]:
            return led.find_incidents(
                q.split(), **query, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
            )

        everything, countries, types = led.incident_choices()
        rows, total = fetch(page)
        pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
        if page > pages:  # past the end (the ledger changed, or a hand-made link): the last page
            page = pages
            rows, total = fetch(page)
        reviewer = _reviewer(request, led)
    params = {
        "q": q,
        "country": country,
        "type": type,
        "date_from": date_from,
        "date_to": date_to,
        "sort": sort,
        "order": order,
        "conflict": conflict,
        "background": background,
    }
    return site.page(
        request,
        "list.html",
        rows=rows,
        total=total,
        all_total=everything,
        page=page,
        pages=pages,
        params=params,
        countries=countries,
        types=types,
        reviewer=reviewer,
    )


def incident_context(
    led: Ledger, incident_id: str, per_row: int | None = STATEMENTS_SHOWN
) -> dict[str, Any]:
    """Everything an incident page (or its report) shows, read through indexed lookups.

    Each reconciled row shows its first `per_row` statements by date (None: all), each
    in its sentence; the chart counts them all. Only the shown statements' documents
    are read, so an incident with thousands of reports still answers quickly.
    """
    inc = led.incident(incident_id)
    rec = led.reconciliation(incident_id)
    rows = [r for r in rec.get("figures") or [] if isinstance(r, dict)]
    figures = led.figures(incident_id=incident_id)
    for row in rows:
        row["statements"] = sorted(
            (s for s in row.get("statements") or [] if isinstance(s, dict)),
            key=lambda s: (str(s.get("published") or "9999"), str(s.get("doc") or "")),
        )
        row["shown"] = row["statements"][:per_row] if per_row else row["statements"]
        row["more"] = len(row["statements"]) - len(row["shown"])
    all_docs = {f.doc_id for f in figures} | {
        s.get("doc_id") for r in rows for s in r["statements"] if s.get("doc_id")
    }
    corrections = Corrections(led.conn)
    fixes = corrections.for_documents(all_docs)
    correction_set = CorrectionSet(figures=fixes)
    by_key = {f.key: f for f in figures}
    decisions = {c: d for c, d in (rec.get("decisions") or {}).items() if isinstance(d, dict)}
    listed = {correction_set.original_key(str(s.get("key") or "")) for r in rows
              for s in r["statements"]}  # fmt: skip
    listed |= {correction_set.original_key(str(a.get("key") or ""))
               for d in decisions.values() for a in d.get("set_aside") or []}  # fmt: skip
    set_aside = [f for f in figures if f.key not in listed]
    docs = led.documents_by_id(
        {s.get("doc_id") for r in rows for s in r["shown"] if s.get("doc_id")}
        | {f.doc_id for f in set_aside}
    )
    for row in rows:
        for s in row["shown"]:
            s.setdefault("category", row.get("category"))
            s.setdefault("group", row.get("group"))
            key = correction_set.original_key(str(s.get("key") or ""))
            s["review_key"] = key
            s["fix"] = fixes.get(key)
            s["figure"] = by_key.get(key)
            doc = docs.get(s.get("doc_id") or "")
            s["doc_title"] = doc.title if doc else None
            s["doc_url"] = doc.url if doc else None
            if doc and isinstance(s.get("start"), int) and isinstance(s.get("end"), int):
                s["sentence"] = render.sentence(doc.text, s["start"], s["end"])
            else:
                s["sentence"] = ("", str(s.get("quote") or ""), "")
    point = None
    if inc.lat is not None and inc.lon is not None:
        point = {"lat": inc.lat, "lon": inc.lon, "label": inc.name or inc.id}
    return {
        "incident": inc,
        "totals": rec.get("totals") or {},
        "decisions": decisions,
        "rows": rows,
        "set_aside": [(f, fixes.get(f.key), docs.get(f.doc_id)) for f in set_aside],
        "charts": render.chart_data(rows),
        "point": point,
        "audit": corrections.audit(incident_id, [f.key for f in figures]),
        "documents": len(all_docs),
    }


@router.api_route("/incidents/{incident_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str, all: str = "") -> Response:
    """One incident: the reconciled table, each statement in its sentence, chart, map, log.
    An id a merge folded into another redirects there (bookmarks keep working)."""
    site = site_of(request)
    with site.pool.reader() as led:
        if (target := led.resolve(incident_id)) != incident_id:
            url = request.url_for("incident_page", incident_id=target).include_query_params(
                **request.query_params
            )
            return RedirectResponse(str(url), status_code=301)
        context = incident_context(led, incident_id, None if all else STATEMENTS_SHOWN)
        reviewer = _reviewer(request, led)
    return site.page(
        request,
        "incident.html",
        reviewer=reviewer,
        categories=CATEGORIES,
        groups=GROUPS,
        qualifiers=QUALIFIERS,
        **context,
    )


def _fixed(fig: Figure, fix: FigureFix | None) -> Figure:
    shown = CorrectionSet(figures={fix.key: fix} if fix else {}).figure(fig)
    return shown or fig


@router.api_route("/documents/{doc_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    """One document: its metadata, its text with every figure highlighted, its incidents."""
    site = site_of(request)
    with site.pool.reader() as led:
        doc = led.document(doc_id)
        figures = led.figures(doc_id=doc.id)
        fixes = Corrections(led.conn).for_documents([doc.id])
        names = led.names(doc.id)
        incidents = []
        for iid in sorted({f.incident for f in figures if f.incident}):
            try:
                incidents.append(led.incident(iid))
            except NotFound:
                continue
        reviewer = _reviewer(request, led)
    shown = [
        _fixed(f, fixes.get(f.key))
        for f in figures
        if (fixes.get(f.key) is None or fixes[f.key].status != "rejected")
    ]
    rejected = [f for f in figures if fixes.get(f.key) and fixes[f.key].status == "rejected"]
    return site.page(
        request,
        "document.html",
        doc=doc,
        names=names,
        segments=render.segments(doc.text, shown, doc.furniture),
        figures=shown,
        rejected=rejected,
        incidents=incidents,
        incident_ids={inc.id for inc in incidents},
        reviewer=reviewer,
    )
