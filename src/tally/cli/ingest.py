"""`tally ingest`: read files, folders, manifests and URLs into the ledger."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tally.cli.app import DbOption, app, console, err_console
from tally.ingest import IngestOptions, discover
from tally.pipeline import ingest, relink
from tally.store import Ledger


@app.command("ingest")
def ingest_cli(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders or URLs.")] = None,
    manifest: Annotated[
        str | None, typer.Option("--manifest", help="JSONL: path and/or url, published, ...")
    ] = None,
    db: DbOption = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Refuse inputs larger than this.")
    ] = IngestOptions.max_bytes,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let URLs reach private addresses.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Ingest articles: extract their figures, link incidents, reconcile."""
    if not paths and not manifest:
        raise typer.BadParameter("name at least one file, folder or URL, or --manifest")
    options = IngestOptions(max_bytes=max_bytes, allow_private=allow_private)
    inputs = list(discover(paths or [], manifest))
    with Ledger(db) as ledger:
        show = not quiet and len(inputs) > 20 and console.is_terminal
        with Progress(
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            disable=not show,
            transient=True,
        ) as bar:
            task = bar.add_task("ingest", total=len(inputs))

            def on_item(name: str, error: str | None) -> None:
                if error:
                    err_console.print(error, markup=False, highlight=False)
                bar.advance(task)

            report = ingest(inputs, ledger, options, on_item=on_item)
        n = relink(ledger)
    console.print(f"{report.summary()}; {n} incidents", markup=False, highlight=False)
    if report.failed:
        raise typer.Exit(1)
