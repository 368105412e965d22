"""`tally incidents` and `tally show`: the reconciled view."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tally.cli.app import DbOption, app, console
from tally.store import Ledger


def _range(fig: dict | None) -> str:
    if not fig or fig.get("best") is None:
        return ""
    lo, best, hi = fig.get("low"), fig["best"], fig.get("high")
    return f"{best:,}" if lo == hi == best else f"{best:,} ({lo:,}–{hi:,})" if hi else f"{best:,}"


@app.command("incidents")
def incidents_cli(db: DbOption = None) -> None:
    """One row per incident: id, name, date, place, killed and injured, sources, conflicts."""
    with Ledger(db) as ledger:
        table = Table("incident", "name", "date", "place", "killed", "injured", "docs", "conflict")
        for row in ledger.incident_summaries():
            inc = row["incident"]
            table.add_row(
                inc.id,
                inc.name or "",
                inc.date or "",
                inc.place or "",
                _num(row["killed"]),
                _num(row["injured"]),
                str(row["documents"]),
                "⚠" if row["conflict"] else "",
            )
        console.print(table)


def _num(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


@app.command("show")
def show_cli(
    incident: Annotated[str, typer.Argument(help="Incident id.")],
    db: DbOption = None,
) -> None:
    """The reconciled table of one incident, then every statement with its quote and source."""
    with Ledger(db) as ledger:
        inc = ledger.incident(incident)
        rec = ledger.reconciliation(incident)
    console.print(f"[bold]{inc.id}[/bold] {inc.name or ''} {inc.date or ''} {inc.place or ''}")
    table = Table("category", "group", "low", "best", "high", "docs", "conflict", "why")
    for fig in rec.get("figures", []):
        table.add_row(
            fig["category"],
            fig["group"],
            _num(fig["low"]),
            _num(fig["best"]),
            _num(fig["high"]),
            str(fig["documents"]),
            "⚠" if fig["conflict"] else "",
            fig["why"],
        )
    console.print(table)
    for fig in rec.get("figures", []):
        for s in fig.get("statements", []):
            console.print(
                f"  {fig['category']}/{fig['group']} {s['value']} {s['qualifier']} "
                f"[{s.get('published') or '?'}] {s['doc']}: “{s['quote']}” "
                f"— {s.get('attribution') or 'the document'}",
                markup=False,
                highlight=False,
            )
