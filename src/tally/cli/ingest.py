"""`tally ingest`: read files, folders, manifests and URLs into the ledger."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from tally.cli.app import DbOption, app, console, err_console
from tally.errors import printable
from tally.ingest import IngestOptions, discover
from tally.ingest.encoding import known_encoding
from tally.link import gazetteer
from tally.pipeline import Runner, ingest, local_runner, relink
from tally.store import Ledger
from tally.words import counted


def known_total(paths: list[str], manifests: list[str]) -> int | None:
    """How many inputs an ingest will read, where that is known before it starts: the
    manifests' lines and the files and URLs named; None when a folder is to be walked."""
    n = 0
    for given in paths:
        if not given.startswith(("http://", "https://")) and Path(given).is_dir():
            return None
        n += 1
    for manifest in manifests:
        try:
            with open(manifest, "rb") as f:
                n += sum(1 for line in f if line.strip())
        except OSError:
            return None  # discover reports it; the bar just has no end
    return n


def _columns(total: int | None) -> list[ProgressColumn]:
    """A bar with done/total and the time left when the total is known, else a count."""
    if total is None:
        return [SpinnerColumn(), TextColumn("ingest {task.completed} documents"),
                TimeElapsedColumn()]  # fmt: skip
    return [TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("left"), TimeRemainingColumn()]  # fmt: skip


@app.command("ingest")
def ingest_cli(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders or URLs.")] = None,
    manifest: Annotated[
        list[str] | None,
        typer.Option("--manifest", help="JSONL: path and/or url, published, ... (repeatable)."),
    ] = None,
    db: DbOption = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Worker processes for reading and extraction (0: every core).",
        ),
    ] = 1,
    ray: Annotated[
        bool, typer.Option("--ray", help="Read and extract on a Ray cluster (needs tally\\[ray]).")
    ] = False,
    ray_address: Annotated[
        str | None,
        typer.Option("--ray-address", help="Ray cluster to join (default: start a local one)."),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Refuse inputs larger than this.")
    ] = IngestOptions.max_bytes,
    max_line: Annotated[
        int, typer.Option("--max-line", help="Refuse texts with a longer line (characters).")
    ] = IngestOptions.max_line,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds a URL fetch may wait.")
    ] = IngestOptions.timeout,
    budget: Annotated[
        float,
        typer.Option(
            "--budget", min=0, help="Seconds one document may take to read, extract and link."
        ),
    ] = IngestOptions.budget,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Code page of files that are not UTF-8 (e.g. cp1250)."),
    ] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let URLs reach private addresses.")
    ] = False,
    allow_outside: Annotated[
        bool,
        typer.Option("--allow-outside", help="Let manifest paths leave the manifest's folder."),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Language of every input (ISO 639-1, e.g. fr); default: detect."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    link: Annotated[
        bool,
        typer.Option(
            "--link/--no-link",
            help="Link and reconcile the ledger afterwards (--no-link: later, with tally relink).",
        ),
    ] = True,
) -> None:
    """Ingest articles: extract their figures, link incidents, reconcile."""
    if not paths and not manifest:
        raise typer.BadParameter("name at least one file, folder or URL, or --manifest")
    if lang and not (lang.strip().isalpha() and len(lang.strip()) in (2, 3)):
        raise typer.BadParameter(f"not a language code: {lang!r} (use ISO 639-1, e.g. fr)")
    if encoding and not known_encoding(encoding):
        raise typer.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding")
    options = IngestOptions(
        max_bytes=max_bytes,
        max_line=max_line,
        timeout=timeout,
        budget=budget,
        encoding=encoding,
        allow_private=allow_private,
        language=lang.strip().lower() if lang else None,
    )
    runner: Runner
    if ray or ray_address:
        from tally.scale import ray_runner

        runner = ray_runner(ray_address)
    else:
        runner = local_runner(jobs)
    inputs = itertools.chain(
        *(discover([], m, allow_outside=allow_outside) for m in manifest or []),
        discover(paths or [], allow_outside=allow_outside),
    )
    if not gazetteer.built():
        err_console.print(
            "building the offline gazetteer (GeoNames, once per machine, about 15 s)…",
            markup=False,
            highlight=False,
        )
        gazetteer.index()
    with Ledger(db) as ledger:
        total = known_total(paths or [], manifest or [])
        with Progress(
            *_columns(total),
            console=err_console,
            disable=quiet or not err_console.is_terminal,
            transient=True,
        ) as bar:
            task = bar.add_task("ingest", total=total)

            def on_item(name: str, error: str | None) -> None:
                if error:
                    bar.console.print(
                        printable(error), markup=False, highlight=False, soft_wrap=True
                    )
                bar.advance(task)

            report = ingest(inputs, ledger, options, on_item=on_item, runner=runner)
        # a text stored already may bring its date or publisher: reconcile everything then
        linked = relink(ledger, full=report.duplicates > 0) if link else None
        view = "not linked yet (tally relink)" if linked is None else counted(linked, "incident")
    console.print(
        printable(f"{report.summary()}; {view}"), markup=False, highlight=False, soft_wrap=True
    )
    if report.failed:
        raise typer.Exit(1)


@app.command("relink")
def relink_cli(db: DbOption = None) -> None:
    """Link every document's incidents across the ledger and reconcile them anew."""
    with Ledger(db) as ledger:
        n = relink(ledger, full=True)
    console.print(f"{n} incident{'s' * (n != 1)}", markup=False, highlight=False)
