"""The pages that read: the incident list, an incident with its evidence, a document.

Every page reads through a pooled connection and touches only indexed rows of
the incident or document it shows, so it answers quickly on a large ledger.
The stored reconciliation JSON is rendered defensively: missing keys are empty.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from tally.errors import NotFound
from tally.export import TABLE_COLUMNS, cell, incident_record, table_rows
from tally.models import CATEGORIES, GROUPS, QUALIFIERS, Figure, Incident, outlet
from tally.store import Ledger
from tally.store.corrections import Corrections, CorrectionSet, FigureFix
from tally.store.ledger import INCIDENT_SORTS
from tally.web import audit, render
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


def list_params(
    q: str = "",
    country: str = "",
    type: str = "",
    date_from: str = "",
    date_to: str = "",
    sort: str = "date",
    order: str = "desc",
    conflict: str = "",
    background: str = "",
) -> dict[str, str]:
    """The incident list's query parameters (the page and its downloads take the same)."""
    return {
        "q": q,
        "country": country,
        "type": type,
        "date_from": date_from,
        "date_to": date_to,
        "sort": sort if sort in INCIDENT_SORTS else "date",
        "order": order,
        "conflict": conflict,
        "background": background,
    }


ListParams = Annotated[dict[str, str], Depends(list_params)]


def _filters(params: dict[str, str]) -> dict[str, Any]:
    """The list's query parameters as `Ledger.find_incidents` takes them (without the words)."""
    conflict = params["conflict"]
    return {
        "country": params["country"],
        "type": params["type"],
        "date_from": params["date_from"],
        "date_to": params["date_to"],
        "conflict": conflict in {"1", "any"},
        "conflict_kind": conflict if conflict in {"dispute", "revision"} else "",
        "background": None if params["background"] else False,
        "sort": params["sort"],
        "descending": params["order"] != "asc",
    }


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
def incident_list(request: Request, params: ListParams, page: int = 1) -> HTMLResponse:
    """Every incident, searchable, filterable by country, type and date, sortable."""
    site = site_of(request)
    page = max(1, page)
    query, words = _filters(params), params["q"].split()
    with site.pool.reader() as led:

        def fetch(page: int) -> tuple[list[dict[str, Any]], int]:
            return led.find_incidents(
                words, **query, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
            )

        everything, countries, types = led.incident_choices()
        rows, total = fetch(page)
        pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
        if page > pages:  # past the end (the ledger changed, or a hand-made link): the last page
            page = pages
            rows, total = fetch(page)
        reviewer = _reviewer(request, led)
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


def _download(request: Request, q: str, filters: dict[str, Any], fmt: str) -> StreamingResponse:
    """Every incident the list shows with these filters (all pages), streamed as the
    incident table (`tally codebook`) in CSV or JSON lines, as a file to save."""
    site = site_of(request)

    def lines() -> Iterator[str]:
        with site.pool.reader() as led:
            if fmt == "csv":
                yield _csv_line(TABLE_COLUMNS)
            for row in table_rows(led, q.split(), **filters):
                rec = incident_record(row)
                if fmt == "csv":
                    yield _csv_line([cell(rec[c]) for c in TABLE_COLUMNS])
                else:
                    yield json.dumps(rec, ensure_ascii=False) + "\n"

    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
    return StreamingResponse(
        lines(),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="incidents.{fmt}"'},
    )


def _csv_line(values: Iterable[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()


@router.get("/incidents.{fmt}", response_class=StreamingResponse)
def incident_download(request: Request, fmt: str, params: ListParams) -> StreamingResponse:
    """The incident list's rows with its filters, as `incidents.csv` or `incidents.jsonl`."""
    if fmt not in {"csv", "jsonl"}:
        raise NotFound(f"no download as {fmt!r}: incidents.csv or incidents.jsonl")
    return _download(request, params["q"], _filters(params), fmt)


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
    outlets = led.outlets(all_docs)
    for row in rows:  # sources named by outlet, else the URL's host, never by file hash
        for s in row["statements"]:
            s["publisher"] = s.get("publisher") or outlets.get(str(s.get("doc_id") or ""))
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
    raw_audit = corrections.audit(incident_id, [f.key for f in figures])
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
        "audit": _audit_in_words(led, raw_audit, {k: f.quote for k, f in by_key.items()}),
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
        suggestions = merge_suggestions(led, context["incident"]) if reviewer else []
    return site.page(
        request,
        "incident.html",
        reviewer=reviewer,
        categories=CATEGORIES,
        groups=GROUPS,
        qualifiers=QUALIFIERS,
        suggestions=suggestions,
        **context,
    )


def _audit_in_words(
    led: Ledger, raw: list[dict[str, Any]], quotes: dict[str, str]
) -> list[audit.Entry]:
    """The audit rows in words, incidents named by their names where the ledger has them."""
    ids: set[str] = set()
    for r in raw:
        before, after = r.get("before") or {}, r.get("after") or {}
        ids.update(str(x) for x in (r.get("incident"), r.get("target"), before.get("incident"),
                   after.get("merged_into"), after.get("split_into"), after.get("moved_to"))
                   if x)  # fmt: skip
    names = {}
    for iid in sorted(ids):
        with contextlib.suppress(NotFound):
            inc = led.incident(led.resolve(iid))
            names[iid] = inc.name or inc.id
    return [audit.entry(r, quotes, names) for r in raw]


def merge_suggestions(led: Ledger, inc: Incident, limit: int = 12) -> list[Incident]:
    """Incidents this one might be merged into, so a reviewer picks a name instead of typing
    an id: those of its country first, then those within a year of its date, each
    nearest in date first."""
    day = render.day_number((inc.date or "")[:10])

    def distance(r: dict[str, Any]) -> int:
        other = render.day_number((r["incident"].date or "")[:10])
        return abs(other - day) if day is not None and other is not None else 10**6

    near: list[dict[str, Any]] = []
    if inc.country:
        near += sorted(led.find_incidents(country=inc.country, limit=300)[0], key=distance)
    if day is not None:
        first = date(1970, 1, 1) + timedelta(days=day)
        window = {
            "date_from": (first - timedelta(days=366)).isoformat(),
            "date_to": (first + timedelta(days=366)).isoformat(),
        }
        near += sorted(led.find_incidents(**window, limit=300)[0], key=distance)
    out: dict[str, Incident] = {}
    for r in near:
        if r["incident"].id != inc.id:
            out.setdefault(r["incident"].id, r["incident"])
    return list(out.values())[:limit]


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
        outlet=outlet(doc.publisher, doc.url),
        names=names,
        segments=render.segments(doc.text, shown, doc.furniture),
        figures=shown,
        rejected=rejected,
        incidents=incidents,
        incident_ids={inc.id for inc in incidents},
        reviewer=reviewer,
    )
