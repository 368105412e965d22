"""Commands that read the ledger: `figures`, `incidents`, `show`, `export`."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from typing import Annotated, Any

import typer

from tally.cli.app import DbOption, FormatOption, LimitOption, app, console, print_listing
from tally.cli.filters import (
    ConflictsOption,
    CountryOption,
    DisputedOption,
    FromOption,
    MinKilledOption,
    ToOption,
    TypeOption,
    incident_filters,
    matching_incidents,
)
from tally.cli.tables import Column, Format
from tally.export import (
    LONG_COLUMNS,
    TABLE_COLUMNS,
    figure_rows,
    incident_record,
    incident_rows,
    long_records,
    table_rows,
    write_csv,
    write_jsonl,
)
from tally.models import CATEGORIES
from tally.store import Ledger
from tally.words import counted


def figure_records(ledger: Ledger, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
    """The export's figure rows (of one document, if given), each figure once, under the
    first name its document arrived under: what `tally figures` lists."""
    last = None
    for row in figure_rows(ledger, doc_id):
        if row["key"] != last:
            last = row["key"]
            yield row


def _value(rec: dict[str, Any]) -> str:
    high = rec["value_high"]
    return f"{rec['value']:,}–{high:,}" if high is not None else f"{rec['value']:,}"


FIGURE_COLUMNS = (
    Column("doc", lambda r: r["doc"] if len(r["doc"]) <= 28 else "…" + r["doc"][-27:], 28),
    Column("incident", lambda r: r["incident"] or "", 28),
    Column("category", lambda r: r["category"], 9, wrap=False),
    Column("group", lambda r: r["group"], 12),
    Column("value", _value, 13, right=True),
    Column("qualifier", lambda r: r["qualifier"], 10, wrap=False),
    Column("attribution", lambda r: r["attribution"] or "", 24),
    Column("quote", lambda r: r["quote"], 60),
)


@app.command("figures")
def figures_cli(
    db: DbOption = None,
    doc: Annotated[
        str | None,
        typer.Option("--doc", help="Only this document: its id, path, or file's base name."),
    ] = None,
    incident: Annotated[
        str | None, typer.Option("--incident", help="Only the figures of this incident.")
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="Only this category (killed, injured, ...).")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", "-s", help="Words that must all occur in the quote or attribution."
        ),
    ] = None,
    country: CountryOption = None,
    type: TypeOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    disputed: DisputedOption = False,
    conflicts: ConflictsOption = False,
    min_killed: MinKilledOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = None,
) -> None:
    """List figures with their quotes; the incident options (country, type, dates,
    conflicts, killed) keep the figures of the incidents `tally incidents` would list."""
    if category and category not in CATEGORIES:
        raise typer.BadParameter(f"one of {', '.join(CATEGORIES)}", param_hint="--category")
    words, filters = incident_filters(
        None, country, type, date_from, date_to, disputed, conflicts, min_killed
    )
    terms = [w.lower() for w in (search or "").split()]
    with Ledger(db, create=False) as ledger:
        doc_id = ledger.document(doc).id if doc else None
        wanted = set(matching_incidents(ledger, words, filters)) if filters else None
        if incident:
            one = ledger.incident(ledger.resolve(incident)).id
            wanted = {one} if wanted is None or one in wanted else set()

        def keep(row: dict[str, Any]) -> bool:
            text = f"{row['quote']} {row['attribution'] or ''}".lower()
            return (
                (wanted is None or row["incident"] in wanted)
                and (not category or row["category"] == category)
                and all(t in text for t in terms)
            )

        records = filter(keep, figure_records(ledger, doc_id))
        print_listing(records, FIGURE_COLUMNS, fmt, limit)


class _FigureCount:
    """Counts the figures in a stream of figure rows (a figure's rows, one per name of its
    document, come together), passing each row on."""

    def __init__(self) -> None:
        self.figures = 0
        self._last: str | None = None

    def __call__(self, row: dict[str, Any]) -> dict[str, Any]:
        if row["key"] != self._last:
            self.figures, self._last = self.figures + 1, row["key"]
        return row


@app.command("export")
def export_cli(
    db: DbOption = None,
    figures: Annotated[
        str | None, typer.Option("--figures", help="Write figures.jsonl here.")
    ] = None,
    incidents: Annotated[
        str | None, typer.Option("--incidents", help="Write incidents.jsonl here.")
    ] = None,
    csv: Annotated[
        str | None,
        typer.Option("--csv", help="Write the incident table here: one row per incident."),
    ] = None,
    csv_long: Annotated[
        str | None,
        typer.Option(
            "--csv-long",
            help="Write the long table here: one row per incident, category and group, and "
            "an is_total row per incident and category.",
        ),
    ] = None,
) -> None:
    """Export the ledger: figures.jsonl, incidents.jsonl, the incident table and the long
    table as CSV (every column: `tally codebook`)."""
    if not (figures or incidents or csv or csv_long):
        raise typer.BadParameter("name at least one of --figures, --incidents, --csv, --csv-long")
    with Ledger(db, create=False) as ledger:
        if figures:
            seen = _FigureCount()
            n = write_jsonl(map(seen, figure_rows(ledger)), figures)
            shown = counted(n, "figure")
            if n != seen.figures:
                shown = (f"{counted(n, 'figure row')} ({counted(seen.figures, 'figure')}: a "
                         "document that arrived under several names has a row for each)")  # fmt: skip
            console.print(f"{shown} → {figures}", markup=False, highlight=False)
        if incidents:
            n = write_jsonl(incident_rows(ledger), incidents)
            console.print(f"{counted(n, 'incident')} → {incidents}", markup=False, highlight=False)
        if csv:
            n = write_csv(map(incident_record, table_rows(ledger)), csv, TABLE_COLUMNS)
            console.print(f"{counted(n, 'incident')} → {csv}", markup=False, highlight=False)
        if csv_long:
            rows = (r for row in table_rows(ledger) for r in long_records(row))
            n = write_csv(rows, csv_long, LONG_COLUMNS)
            console.print(f"{counted(n, 'row')} → {csv_long}", markup=False, highlight=False)


@app.command("codebook")
def codebook_cli() -> None:
    """Print the codebook: every column of the exports, its type, meaning and values."""
    typer.echo(files("tally").joinpath("codebook.md").read_text(encoding="utf-8"), nl=False)
