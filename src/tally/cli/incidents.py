"""`tally incidents` and `tally show`: the reconciled view."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from tally.cli.app import DbOption, app, console
from tally.models import Incident
from tally.reconcile import movement
from tally.store import Ledger


def _num(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


def _span(fig: dict[str, Any] | None, total: int | None) -> str:
    """`best (low–high)` of a category: the incident's total, with its main row's range."""
    if total is None:
        return ""
    if not fig or fig.get("low") is None or fig.get("high") is None:
        return f"{total:,}"
    lo, hi = fig["low"], fig["high"]
    return f"{total:,}" if lo == hi == total else f"{total:,} ({lo:,}–{hi:,})"


def _main_row(figures: list[dict[str, Any]], category: str) -> dict[str, Any] | None:
    rows = [f for f in figures if f["category"] == category]
    for group in ("people", "civilians"):
        for f in rows:
            if f["group"] == group:
                return f
    return max(rows, key=lambda f: f.get("best") or 0, default=None)


def _where(inc: Incident) -> str:
    parts = [inc.place] if inc.place else []
    if inc.country and inc.country != inc.place:
        parts.append(inc.country)
    return ", ".join(parts)


def incidents_table(ledger: Ledger) -> Table:
    """One row per incident: id, name, date, place, killed and injured, sources, conflicts."""
    table = Table("incident", "name", "date", "place", "killed", "injured", "sources", "conflict")
    for row in ledger.incident_summaries():
        inc: Incident = row["incident"]
        figs = row.get("figures", [])
        totals = row.get("totals", {})
        table.add_row(
            inc.id + (" (background)" if inc.background else ""),
            inc.name or inc.type or "",
            inc.date or "",
            _where(inc),
            _span(_main_row(figs, "killed"), totals.get("killed")),
            _span(_main_row(figs, "injured"), totals.get("injured")),
            str(row["documents"]),
            "⚠" if row["conflict"] else "",
        )
    return table


@app.command("incidents")
def incidents_cli(db: DbOption = None) -> None:
    """One row per incident: id, name, date, place, killed and injured, sources, conflicts."""
    with Ledger(db) as ledger:
        console.print(incidents_table(ledger))


@app.command("show")
def show_cli(
    incident: Annotated[str, typer.Argument(help="Incident id.")],
    db: DbOption = None,
) -> None:
    """One incident: the reconciled table with why each best, the timeline, every statement."""
    with Ledger(db) as ledger:
        inc = ledger.incident(incident)
        rec = ledger.reconciliation(incident)
    figures = rec.get("figures", [])
    head = " · ".join(
        x
        for x in (
            inc.name,
            inc.type,
            inc.date and f"{inc.date} (date_prec {inc.date_prec})",
            _where(inc) and f"{_where(inc)} (where_prec {inc.where_prec})",
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
                f"— {s.get('attribution') or s.get('publisher') or 'the document'}",
                markup=False,
                highlight=False,
            )
