"""`tally incidents` and `tally show`: the reconciled view."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import typer
from rich.table import Table

from tally.cli.app import DbOption, FormatOption, LimitOption, app, console, print_listing
from tally.cli.tables import Column, Format
from tally.evaluate import UNKNOWN_RULE
from tally.models import Incident
from tally.reconcile import movement
from tally.store import Ledger


def _num(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


def _main_row(figures: list[dict[str, Any]], category: str) -> dict[str, Any] | None:
    rows = [f for f in figures if f["category"] == category]
    for group in ("people", "civilians"):
        for f in rows:
            if f["group"] == group:
                return f
    return max(rows, key=lambda f: f.get("best") or 0, default=None)


def _where(place: str | None, country: str | None) -> str:
    """`place, country`, the country once when it is the place."""
    parts = [place] if place else []
    if country and country != place:
        parts.append(country)
    return ", ".join(parts)


def incident_records(ledger: Ledger) -> Iterator[dict[str, Any]]:
    """One record per incident, in list order: what `tally incidents` lists, with each total's
    low and high (those of the incident's main row), streamed from the ledger."""
    for row in ledger.incident_summaries():
        inc: Incident = row["incident"]
        figs = row.get("figures", [])
        rec: dict[str, Any] = {
            "incident": inc.id,
            "name": inc.name,
            "type": inc.type,
            "date": inc.date,
            "place": inc.place,
            "admin1": inc.admin1,
            "country": inc.country,
        }
        for category in ("killed", "injured"):
            main = _main_row(figs, category) or {}
            rec[category] = row.get("totals", {}).get(category)
            rec[f"{category}_low"] = main.get("low") if rec[category] is not None else None
            rec[f"{category}_high"] = main.get("high") if rec[category] is not None else None
        rec |= {
            "sources": row["documents"],
            "conflict": row["conflict"],
            "background": inc.background,
        }
        yield rec


def _range(rec: dict[str, Any], category: str) -> str:
    """`best (low–high)` of a category: the incident's total, with its main row's range."""
    total, lo, hi = (rec[f"{category}{end}"] for end in ("", "_low", "_high"))
    if total is None:
        return ""
    if lo is None or hi is None or lo == hi == total:
        return f"{total:,}"
    return f"{total:,} ({lo:,}–{hi:,})"


INCIDENT_COLUMNS = (
    Column(
        "incident",
        lambda r: r["incident"] + (" (background)" if r["background"] else ""),
        64,
        wrap=False,  # an id is copied whole
    ),
    Column("name", lambda r: r["name"] or r["type"] or "", 30),
    Column("date", lambda r: r["date"] or "", 21, wrap=False),
    Column("place", lambda r: _where(r["place"], r["country"]), 28),
    Column("killed", lambda r: _range(r, "killed"), 20, right=True),
    Column("injured", lambda r: _range(r, "injured"), 20, right=True),
    Column("sources", lambda r: str(r["sources"]), 7, right=True),
    Column("conflict", lambda r: "⚠" if r["conflict"] else "", 8),
)


@app.command("incidents")
def incidents_cli(
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = None,
) -> None:
    """One row per incident: id, name, date, place, killed and injured, sources, conflicts."""
    with Ledger(db, create=False) as ledger:
        records = incident_records(ledger)
        print_listing(records, INCIDENT_COLUMNS, fmt, limit)


def _rules(ledger: Ledger, figures: list[dict[str, Any]]) -> dict[str, str]:
    """Each statement's rule id, with its role when it counts perpetrators, by figure key."""
    docs = {s["doc_id"] for f in figures for s in f.get("statements", []) if s.get("doc_id")}
    out = {}
    for doc in sorted(docs):
        for fig, _ in ledger.named_figures(doc):
            role = ", perpetrator" if fig.role == "perpetrator" else ""
            out[fig.key] = f"{fig.rule or UNKNOWN_RULE}{role}"
    return out


@app.command("show")
def show_cli(
    incident: Annotated[str, typer.Argument(help="Incident id.")],
    db: DbOption = None,
) -> None:
    """One incident: the reconciled table with why each best, the timeline, every statement."""
    with Ledger(db, create=False) as ledger:
        incident = ledger.resolve(incident)
        inc = ledger.incident(incident)
        rec = ledger.reconciliation(incident)
        figures = rec.get("figures", [])
        rules = _rules(ledger, figures)
    where = _where(inc.place, inc.country)
    head = " · ".join(
        x
        for x in (
            inc.name,
            inc.type,
            inc.date and f"{inc.date} (date_prec {inc.date_prec})",
            where and f"{where} (where_prec {inc.where_prec})",
            "background" if inc.background else None,
        )
        if x
    )
    console.print(f"[bold]{inc.id}[/bold] {head}", highlight=False)
    totals = rec.get("totals", {})
    if totals:
        console.print("totals: " + ", ".join(f"{k} {v:,}" for k, v in sorted(totals.items())))
    table = Table("category", "group", "low", "best", "high", "docs", "origins", "conflict")
    for fig in figures:
        table.add_row(
            fig["category"],
            fig["group"],
            _num(fig["low"]),
            _num(fig["best"]),
            _num(fig["high"]),
            str(fig["documents"]),
            str(fig.get("origins", "")),
            "⚠" if fig["conflict"] else "",
        )
    console.print(table)
    console.print("[bold]why each best[/bold]")
    for fig in figures:
        console.print(
            f"  {fig['category']}/{fig['group']}: {fig['why']}", markup=False, highlight=False
        )
    console.print("[bold]timeline[/bold]")
    for fig in figures:
        timeline = tuple((d, v) for d, v in fig.get("timeline", []))
        if timeline:
            dates = " → ".join(sorted({d or "?" for d, _ in timeline}))
            console.print(
                f"  {fig['category']}/{fig['group']}: {movement(timeline)}   [{dates}]",
                markup=False,
                highlight=False,
            )
    console.print("[bold]statements[/bold]")
    for fig in figures:
        for s in fig.get("statements", []):
            high = f"–{s['value_high']}" if s.get("value_high") else ""
            part = " (part)" if s.get("subset") else ""
            console.print(
                f"  {fig['category']}/{fig['group']} {s['value']}{high} {s['qualifier']}{part} "
                f"[{s.get('published') or '?'}] {s['doc']}: “{s['quote']}” "
                f"— {s.get('attribution') or s.get('publisher') or 'the document'} "
                f"(rule {rules.get(s.get('key'), UNKNOWN_RULE)})",
                markup=False,
                highlight=False,
            )
