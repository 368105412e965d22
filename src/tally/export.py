"""Exports in the spec's formats: figures.jsonl, incidents.jsonl, and UCDP GED-like CSVs.

Every column is described in the codebook (`tally codebook`, src/tally/codebook.md)."""

from __future__ import annotations

import calendar
import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from tally.errors import OutputError
from tally.link import gazetteer
from tally.models import Incident
from tally.store import Ledger
from tally.store.corrections import Corrections

CATEGORY_ORDER = ("killed", "injured", "missing", "captured", "displaced")
"""The categories the incident table gives columns to, in codebook order."""

PLACE_COLUMNS = (
    "incident",
    "name",
    "type",
    "date_start",
    "date_end",
    "date_prec",
    "place",
    "admin1",
    "admin2",
    "country",
    "country_name",
    "lat",
    "lon",
    "where_prec",
)
"""What identifies and places an incident: the first columns of both incident CSVs."""
TABLE_COLUMNS = (
    *PLACE_COLUMNS,
    *(f"{c}_{end}" for c in CATEGORY_ORDER for end in ("best", "low", "high")),
    "sources",
    "origins",
    "first_report",
    "last_report",
    "conflict",
    "conflict_kind",
    "background",
)
"""The incident table (`export --csv`, `tally incidents`, the web list's download)."""
LONG_COLUMNS = (
    *PLACE_COLUMNS,
    "category",
    "group",
    "is_total",
    "low",
    "best",
    "high",
    "documents",
    "origins",
    "conflict",
    "conflict_kind",
    "background",
)
"""The long table (`export --csv-long`): one row per incident, category and group, and one
`is_total` row per incident and category carrying its headline total."""


def figure_rows(ledger: Ledger, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
    """One spec row per figure (of one document, if given) and per name its document
    arrived under, as reviewers corrected it."""
    fixes = Corrections(ledger.conn).snapshot()
    for stored, cite in ledger.named_figures(doc_id):
        f = fixes.figure(stored, cite.language)
        if f is not None:
            yield {
                "doc": cite.name,
                "doc_id": f.doc_id,
                "incident": f.incident,
                "category": f.category,
                "group": f.group,
                "value": f.value,
                "value_high": f.value_high,
                "qualifier": f.qualifier,
                "attribution": f.attribution,
                "quote": f.quote,
                "start": f.start,
                "end": f.end,
                "subset": f.subset,
                "rule": f.rule,
                "role": f.role,
                "official": f.official,
                "key": stored.key,
                "published": cite.published,
                "publisher": cite.publisher,
                "url": cite.url,
                "title": cite.title,
                "language": cite.language,
            }


def incident_figure_rows(ledger: Ledger, incident_id: str) -> list[dict[str, Any]]:
    """The figures.jsonl rows that count this incident, read from its documents only."""
    docs = sorted({f.doc_id for f in ledger.figures(incident_id=incident_id)})
    return [r for d in docs for r in figure_rows(ledger, d) if r["incident"] == incident_id]


def incident_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    """One spec row per incident, with its reconciled figures and totals."""
    for row in ledger.incident_summaries():
        yield incident_row(row["incident"], row)


def incident_row(inc: Incident, row: dict[str, Any]) -> dict[str, Any]:
    """The spec row of one incident from its stored reconciliation (`row`: totals,
    conflict_kind, decisions and figures, as `Ledger.incident_summaries` gives them)."""
    return {
        "incident": inc.id,
        "name": inc.name,
        "type": inc.type,
        "date": inc.date,
        "date_prec": inc.date_prec,
        "place": inc.place,
        "admin1": inc.admin1,
        "country": inc.country,
        "lat": inc.lat,
        "lon": inc.lon,
        "where_prec": inc.where_prec,
        "background": inc.background,
        "totals": row.get("totals", {}),
        "conflict_kind": row.get("conflict_kind"),
        "decisions": row.get("decisions", {}),
        "figures": row.get("figures", []),
    }


def date_span(date: str | None, prec: int | None) -> tuple[str | None, str | None, int | None]:
    """An incident date as UCDP gives it: ISO start and end days, and the precision.

    `2015` is 2015-01-01 to 2015-12-31 (precision 5, a year or more), `2015-03` the whole
    month (4), a range `start/end` from the first day of its start to the last of its end;
    a stated precision coarser than the span's is kept."""
    if not date:
        return None, None, prec
    first, _, last = date.partition("/")
    last = last or first
    start, end = _day(first, start=True), _day(last, start=False)
    if start is None or end is None:
        return None, None, prec
    coarse = (
        5 if len(first) == 4 or len(last) == 4 else 4 if len(first) == 7 or len(last) == 7 else 0
    )
    return start, end, max(prec or 0, coarse) or None


def _day(date: str, *, start: bool) -> str | None:
    """`YYYY[-MM[-DD]]` as its first (or last) day, `YYYY-MM-DD`; None if it is no date."""
    parts = date.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (1 if start else 12)
        day = (
            int(parts[2])
            if len(parts) > 2
            else (1 if start else calendar.monthrange(year, month)[1])
        )
        return f"{year:04d}-{month:02d}-{day:02d}"
    except (ValueError, IndexError, calendar.IllegalMonthError):
        return None


def _country_name(code: str | None) -> str | None:
    """The English name of an ISO country code, as the gazetteer knows it."""
    if not code:
        return None
    found = gazetteer.country(code)
    return found.name if found else None


def _admin1_name(admin1: str | None, country: str | None) -> str | None:
    """A first-level admin area by name: a US state's name; a bare numeric code (which no
    reader can decode) is left out; any other value is already a name."""
    if not admin1:
        return None
    if country == "US":
        state = gazetteer.us_state(admin1)
        return state.name if state else admin1
    return None if admin1.isdigit() else admin1


def incident_record(row: dict[str, Any]) -> dict[str, Any]:
    """One incident as the incident table gives it (`TABLE_COLUMNS`), from an
    `incident_summaries` row with its reconciliation: the one place that shape is made."""
    inc = row["incident"]
    start, end, prec = date_span(inc.date, inc.date_prec)
    rec: dict[str, Any] = {
        "incident": inc.id,
        "name": inc.name,
        "type": inc.type,
        "date_start": start,
        "date_end": end,
        "date_prec": prec,
        "place": inc.place,
        "admin1": _admin1_name(inc.admin1, inc.country),
        "admin2": None,
        "country": inc.country,
        "country_name": _country_name(inc.country),
        "lat": inc.lat,
        "lon": inc.lon,
        "where_prec": inc.where_prec,
    }
    totals = row.get("totals") or {}
    decisions = row.get("decisions") or {}
    for category in CATEGORY_ORDER:
        best = totals.get(category)
        decided = decisions.get(category) or {}
        rec[f"{category}_best"] = best
        rec[f"{category}_low"] = decided.get("low", best)
        rec[f"{category}_high"] = decided.get("high", best)
    figures = row.get("figures") or []
    published = sorted(
        str(s["published"])[:10]
        for f in figures
        for s in f.get("statements") or ()
        if s.get("published")
    )
    rec |= {
        "sources": row.get("documents"),
        "origins": max((f.get("origins") or 0 for f in figures), default=None),
        "first_report": published[0] if published else None,
        "last_report": published[-1] if published else None,
        "conflict": bool(row.get("conflict")),
        "conflict_kind": row.get("conflict_kind") or ("dispute" if row.get("conflict") else None),
        "background": inc.background,
    }
    return rec


def long_records(row: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One incident as the long table gives it (`LONG_COLUMNS`): per category its headline
    total (`is_total`), then each reconciled (category, group) row, which the total is
    decided from and must not be added to it."""
    head = incident_record(row)
    place = {c: head[c] for c in PLACE_COLUMNS}
    tail = {c: head[c] for c in ("conflict", "conflict_kind", "background")}
    figures = row.get("figures") or []
    categories = [c for c in CATEGORY_ORDER if head[f"{c}_best"] is not None]
    categories += sorted({f["category"] for f in figures} - set(categories))
    for category in categories:
        rows = [f for f in figures if f["category"] == category]
        if head.get(f"{category}_best") is not None:
            yield {
                **place,
                "category": category,
                "group": None,
                "is_total": True,
                "low": head[f"{category}_low"],
                "best": head[f"{category}_best"],
                "high": head[f"{category}_high"],
                "documents": len({s.get("doc_id") for f in rows for s in f.get("statements") or ()})
                or None,
                "origins": max((f.get("origins") or 0 for f in rows), default=None),
                "conflict": any(f.get("conflict") for f in rows),
                "conflict_kind": _kind(rows),
                "background": tail["background"],
            }
        for f in rows:
            yield {
                **place,
                "category": category,
                "group": f["group"],
                "is_total": False,
                "low": f["low"],
                "best": f["best"],
                "high": f["high"],
                "documents": f["documents"],
                "origins": f.get("origins"),
                "conflict": bool(f["conflict"]),
                "conflict_kind": f.get("conflict_kind") or ("dispute" if f["conflict"] else None),
                "background": tail["background"],
            }


def _kind(rows: list[dict[str, Any]]) -> str | None:
    """A category's conflict kind: a dispute if any row is one, else a revision if any."""
    kinds = {r.get("conflict_kind") or ("dispute" if r.get("conflict") else None) for r in rows}
    return "dispute" if "dispute" in kinds else "revision" if "revision" in kinds else None


def table_rows(
    ledger: Ledger, words: Iterable[str] = (), *, page: int = 500, **filters: Any
) -> Iterator[dict[str, Any]]:
    """Incident summaries with their reconciliation, streamed: every incident in list order,
    or with `words` or `filters` (as `Ledger.find_incidents` takes them) every match, a
    page of ids at a time, each reconciliation read as its row is written."""
    if not words and not filters:
        yield from ledger.incident_summaries()
        return
    words = list(words)
    offset = 0
    while True:
        rows, total = ledger.find_incidents(words, **filters, limit=page, offset=offset)
        for row in rows:
            yield row | ledger.reconciliation(row["incident"].id)
        offset += page
        if not rows or offset >= total:
            return


@contextmanager
def open_output(path: str | Path, newline: str | None = None) -> Iterator[TextIO]:
    """A text file opened for writing; a path that cannot be written is an `OutputError`."""
    try:
        fh = open(path, "w", encoding="utf-8", newline=newline)  # noqa: SIM115 - closed below
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror or err}", source=str(path)) from err
    with fh:
        yield fh


def write_jsonl(rows: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write rows as JSON lines; return how many."""
    n = 0
    with open_output(path) as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def cell(value: Any) -> Any:
    """A raw value as every CSV and TSV the tool writes shows it: nothing for none, and
    `true`/`false` as JSON writes them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(rows: Iterable[dict[str, Any]], path: str | Path, columns: Sequence[str]) -> int:
    """Write rows as CSV with these columns (booleans `true`/`false`); return how many."""
    n = 0
    with open_output(path, newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(columns)
        for row in rows:
            out.writerow([cell(row.get(c)) for c in columns])
            n += 1
    return n
