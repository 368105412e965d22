"""A read-only JSON API over the ledger, after datasette's habit: a page's data at `.json`.

`/incidents/ID.json` is the incident's row of incidents.jsonl with its figures'
rows of figures.jsonl; `/figures.json` pages through figures.jsonl rows of one
incident or document (or all). Rows are the exports' rows, as reviewers
corrected them, so a program reads what the export would give.
"""

from __future__ import annotations

from itertools import islice
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from tally.errors import NotFound
from tally.export import figure_rows, incident_figure_rows, incident_row
from tally.web.views import site_of

router = APIRouter()
MAX_LIMIT = 1000
"""Most figure rows one `/figures.json` answer holds (`next` pages on)."""


def _not_found(err: NotFound) -> JSONResponse:
    return JSONResponse({"error": err.line()}, status_code=404)


@router.get("/incidents/{incident_id}.json", response_model=None)
def incident_json(request: Request, incident_id: str) -> Response:
    """One incident's spec row and its figures; a merged-away id redirects (301)."""
    with site_of(request).pool.reader() as led:
        if (target := led.resolve(incident_id)) != incident_id:
            url = request.url_for("incident_json", incident_id=target)
            return RedirectResponse(str(url), status_code=301)
        try:
            summary = led.incident_summary(incident_id)
        except NotFound as err:
            return _not_found(err)
        row = incident_row(summary["incident"], summary)
        row["figure_rows"] = incident_figure_rows(led, incident_id)
    return JSONResponse(row)


@router.get("/figures.json", response_model=None)
def figures_json(
    request: Request,
    incident: str = "",
    doc: str = "",
    offset: int = Query(0, ge=0, le=10**9),
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
) -> Response:
    """figures.jsonl rows of one incident or document (or all), `limit` at a time from
    `offset`; `next` is the query for the following page, null after the last."""
    with site_of(request).pool.reader() as led:
        try:
            if incident:
                rows: Any = iter(incident_figure_rows(led, led.resolve(incident)))
            else:
                rows = figure_rows(led, led.document(doc).id if doc else None)
        except NotFound as err:
            return _not_found(err)
        page = list(islice(rows, offset, offset + limit + 1))
    more = len(page) > limit
    params = {k: v for k, v in (("incident", incident), ("doc", doc)) if v}
    following = request.url.include_query_params(**params, offset=offset + limit, limit=limit)
    return JSONResponse(
        {"rows": page[:limit], "offset": offset, "next": str(following) if more else None}
    )
