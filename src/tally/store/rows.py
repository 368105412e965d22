"""Rows of the ledger's tables and the models they hold, both ways (for `Ledger` and its
staging): the only place that knows how a model is laid out in a row."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from tally.models import Document, Figure, Incident, LocalIncident, Reconciled, Span, Total
from tally.reconcile import stated
from tally.totals import total_json

_DOC_COLS = (
    "id, kind, name, url, title, published, publisher, byline, furniture, text, "
    "language, source_hash, repairs"
)
_FIG_COLS = (
    "key, doc_id, category, grp, value, value_high, qualifier, attribution, quote, "
    "start_char, end_char, subset, rule, role, official, part_of, local_incident, incident_id"
)
_FIG_N = len(_FIG_COLS.split(","))
"""Columns of a figure row; queries append their own after these (incident_id is the last)."""
_FIG_F = ", ".join(f"f.{c.strip()}" for c in _FIG_COLS.split(","))
"""A figure's columns from `figures f`."""
_FIG_SELECT = _FIG_F.rsplit(", ", 1)[0]
"""A figure's columns from `figures f` but its incident, which a statement query puts after."""
_FIRST_NAME = (
    "COALESCE((SELECT MIN(n.name) FROM document_names n WHERE n.doc_id = f.doc_id), "
    "d.name, f.doc_id)"
)
"""The first name of a figure's document, from `figures f` and `documents d`."""
_INC_COLS = (
    "id, name, type, date, date_prec, place, admin1, country, lat, lon, where_prec, background"
)


_SUMMARY_COLS = (
    f"{_INC_COLS}, killed, injured, documents, conflict, conflict_kind, "
    "killed_low, killed_high, injured_low, injured_high"
)
_LIST_ORDER = "background, date DESC, id"
"""Main incidents first, newest first: the order of every incident listing."""


def _summary(r: tuple) -> dict[str, Any]:
    return {
        "incident": _incident(r[:12]),
        "killed": r[12],
        "injured": r[13],
        "documents": r[14],
        "conflict": bool(r[15]),
        "conflict_kind": r[16],
        "killed_low": r[17],
        "killed_high": r[18],
        "injured_low": r[19],
        "injured_high": r[20],
        **(json.loads(r[21]) if len(r) > 21 else {}),
    }


_LOCAL_FIELDS = tuple(f.name for f in dataclasses.fields(LocalIncident))


def _local_json(li: LocalIncident) -> str:
    """A local incident as stored: its fields as a JSON object (`asdict` without its deep copy)."""
    return json.dumps({name: getattr(li, name) for name in _LOCAL_FIELDS})


def _figure_row(f: Figure) -> tuple:
    return (
        f.key,
        f.doc_id,
        f.category,
        f.group,
        f.value,
        f.value_high,
        f.qualifier,
        f.attribution,
        f.quote,
        f.start,
        f.end,
        bool(f.subset),
        f.rule,
        f.role,
        bool(f.official),
        f.part_of,
        f.incident,
        None,
    )


def _incident_row(inc: Incident, recs: list[Reconciled], tot: dict[str, Total | int]) -> tuple:
    """An incident's row; a total given as a plain number is stored without its decision."""
    kinds = {r.conflict_kind for r in recs}
    best = {c: t.best if isinstance(t, Total) else t for c, t in tot.items()}
    return (
        inc.id,
        inc.name,
        inc.type,
        inc.date,
        inc.date_prec,
        inc.place,
        inc.admin1,
        inc.country,
        inc.lat,
        inc.lon,
        inc.where_prec,
        inc.background,
        best.get("killed"),
        best.get("injured"),
        len({s.figure.doc_id for r in recs for s in r.statements}),
        any(r.conflict for r in recs),
        json.dumps(
            {
                "totals": best,
                "decisions": {c: total_json(t) for c, t in tot.items() if isinstance(t, Total)},
                "figures": [_reconciled_json(r) for r in recs],
            }
        ),
        _search(inc),
        "dispute" if "dispute" in kinds else "revision" if "revision" in kinds else None,
        *(_span(tot.get(c), end) for c in ("killed", "injured") for end in ("low", "high")),
    )


def _span(total: Total | int | None, end: str) -> int | None:
    """A total's low or high end (a plain number is its own range)."""
    if total is None or isinstance(total, int):
        return total
    return total.low if end == "low" else total.high


def _search(inc: Incident) -> str:
    """What the incident list's search matches: id, name, place, region, country and type."""
    fields = (inc.id, inc.name, inc.place, inc.admin1, inc.country, inc.type)
    return " ".join(f or "" for f in fields).lower()


def _figure(r: tuple, language: str | None = None) -> Figure:
    """The figure of row `r`; with its document's `language`, with its `source_key` too.

    The key is not stored yet (it needs a column): it is decided again from the stored
    attribution by the one function extraction decides it with, so a reviewer's corrected
    attribution counts as its source."""
    if language is not None:
        from tally.extract.source import source_key  # extraction's modules: only when asked

        key = source_key(r[7], language)
    else:
        key = None
    return Figure(
        doc_id=r[1],
        category=r[2],
        group=r[3],
        value=int(r[4]),
        value_high=None if r[5] is None else int(r[5]),
        qualifier=r[6],
        attribution=r[7],
        quote=r[8],
        start=int(r[9]),
        end=int(r[10]),
        subset=bool(r[11]),
        rule=r[12],
        role=r[13] or "victim",
        official=bool(r[14]),
        part_of=r[15],
        incident=r[17] if r[17] is not None else r[16],
        source_key=key,
    )


def _document(r: tuple) -> Document:
    return Document(
        id=r[0],
        kind=r[1],
        name=r[2],
        url=r[3],
        title=r[4],
        published=r[5],
        publisher=r[6],
        byline=r[7],
        furniture=tuple(Span(a, b) for a, b in json.loads(r[8] or "[]")),
        text=r[9],
        language=r[10] or "en",
        source_hash=r[11],
        repairs=tuple(json.loads(r[12] or "[]")),
    )


def _incident(r: tuple) -> Incident:
    return Incident(
        id=r[0],
        name=r[1],
        type=r[2],
        date=r[3],
        date_prec=r[4],
        place=r[5],
        admin1=r[6],
        country=r[7],
        lat=r[8],
        lon=r[9],
        where_prec=r[10],
        background=bool(r[11]),
    )


def _reconciled_json(r: Reconciled) -> dict[str, Any]:
    return {
        "category": r.category,
        "group": r.group,
        "low": r.low,
        "best": r.best,
        "high": r.high,
        "values": list(r.values),
        "documents": r.documents,
        "origins": r.origins,
        "conflict": r.conflict,
        "conflict_kind": r.conflict_kind,
        "why": r.why,
        "timeline": [list(t) for t in r.timeline],
        "statements": [
            {
                "key": s.figure.key,
                "doc": s.doc_name,
                "doc_id": s.figure.doc_id,
                "published": s.published,
                "publisher": s.publisher,
                "value": s.figure.value,
                "value_high": s.figure.value_high,
                "qualifier": s.figure.qualifier,
                "attribution": s.figure.attribution,
                "quote": s.figure.quote,
                "start": s.figure.start,
                "end": s.figure.end,
                "subset": s.figure.subset,
                "role": s.figure.role,
                "stated": stated(s.figure.qualifier, s.figure.value, s.figure.value_high),
                "superseded": s.figure.key in r.superseded,
            }
            for s in r.statements
        ],
    }


def _renames(counts: Iterable[tuple[str, str | None, int]]) -> dict[str, str]:
    """Old id → new id from (old, new, how many local incidents) rows grouped by old id:
    each old id goes where most of its local incidents went; unchanged ids are left out."""
    out: dict[str, str] = {}
    for old, group in groupby(counts, key=lambda r: r[0]):
        tally: dict[str, int] = {}
        for _, new, n in group:
            if new is not None:
                tally[new] = tally.get(new, 0) + n
        if tally:
            new = min(tally, key=lambda k: (-tally[k], k))
            if new != old:
                out[old] = new
    return out
