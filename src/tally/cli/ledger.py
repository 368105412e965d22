"""Commands that read the ledger: `figures`, `incidents`, `show`, `export`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tally.cli.app import DbOption, app, console
from tally.export import figure_rows, incident_rows, write_csv, write_jsonl
from tally.store import Ledger


def _num(value: int | None, high: int | None = None) -> str:
    if value is None:
        return ""
    return f"{value:,}–{high:,}" if high is not None else f"{value:,}"


@app.command("figures")
def figures_cli(
    db: DbOption = None,
    doc: Annotated[
        str | None, typer.Option("--doc", help="Only this document (id or name).")
    ] = None,
) -> None:
    """List figures with their quotes."""
    with Ledger(db) as ledger:
        doc_id = ledger.document(doc).id if doc else None
        names = {d: n for d, n, _ in reversed(ledger.names(doc_id))}
        table = Table(
            "doc",
            "incident",
            "category",
            "group",
            "value",
            "qualifier",
            "attribution",
            "quote",
            show_lines=False,
        )
        for f in ledger.figures(doc_id=doc_id):
            table.add_row(
                names.get(f.doc_id, f.doc_id)[-40:],
                f.incident or "",
                f.category,
                f.group,
                _num(f.value, f.value_high),
                f.qualifier,
                f.attribution or "",
                f.quote,
            )
        console.print(table)


@app.command("export")
def export_cli(
    db: DbOption = None,
    figures: Annotated[
        str | None, typer.Option("--figures", help="Write figures.jsonl here.")
    ] = None,
    incidents: Annotated[
        str | None, typer.Option("--incidents", help="Write incidents.jsonl here.")
    ] = None,
    csv: Annotated[str | None, typer.Option("--csv", help="Write a UCDP-like CSV here.")] = None,
) -> None:
    """Export the ledger in the spec's formats."""
    if not (figures or incidents or csv):
        raise typer.BadParameter("name at least one of --figures, --incidents, --csv")
    with Ledger(db) as ledger:
        if figures:
            n = write_jsonl(figure_rows(ledger), figures)
            console.print(f"{n} figures → {figures}", markup=False, highlight=False)
        if incidents:
            n = write_jsonl(incident_rows(ledger), incidents)
            console.print(f"{n} incidents → {incidents}", markup=False, highlight=False)
        if csv:
            n = write_csv(ledger, csv)
            console.print(f"{n} rows → {csv}", markup=False, highlight=False)
