"""Commands for people who would rather look: `serve`, `report`, `reviewer add` (see tally.web)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from tally.cli.app import DbOption, app, console
from tally.errors import InputError
from tally.export import write_jsonl
from tally.store import Ledger, default_target
from tally.store.corrections import Corrections
from tally.words import counted

reviewer_app = typer.Typer(help="Reviewers who may correct figures in the web UI.")
app.add_typer(reviewer_app, name="reviewer")
corrections_app = typer.Typer(help="Carry reviewers' corrections to another (rebuilt) ledger.")
app.add_typer(corrections_app, name="corrections")


@app.command("serve")
def serve_cli(
    db: DbOption = None,
    host: Annotated[
        str,
        typer.Option(
            "--host", help="Address to listen on; requests may also name it as their Host."
        ),
    ] = "127.0.0.1",
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Another host name requests may use (a proxy's, a LAN name; repeatable).",
        ),
    ] = None,
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    get: Annotated[
        str | None,
        typer.Option(
            "--get", help="Push one GET request for this path through the app and print it."
        ),
    ] = None,
) -> None:
    """Serve the web UI: incidents, their evidence, documents, and reviewers' corrections."""
    from tally.web import create_app, request_once

    Ledger(db, create=False).close()  # a mistyped --db is an error, not an empty ledger
    web = create_app(db or default_target(), hosts=[host, *(allow_host or [])])
    if get is not None:
        status, body = request_once(web, get if get.startswith("/") else f"/{get}")
        sys.stdout.write(body if body.endswith("\n") else body + "\n")
        if status >= 400:
            raise typer.Exit(1)
        return
    import uvicorn

    console.print(
        f"tally serving {db or default_target()} on http://{host}:{port}/", highlight=False
    )
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command("report")
def report_cli(
    out: Annotated[str, typer.Option("--out", help="The HTML file to write.")],
    db: DbOption = None,
    incident: Annotated[
        str | None, typer.Option("--incident", help="Only this incident (default: every one).")
    ] = None,
) -> None:
    """Write one self-contained HTML report (tables, quotes, chart) that can be mailed."""
    from tally.web.report import write_report

    with Ledger(db, create=False) as ledger:
        n = write_report(ledger, out, incident)
    console.print(f"report of {counted(n, 'incident')} → {out}", markup=False, highlight=False)


@reviewer_app.command("add")
def reviewer_add_cli(
    name: Annotated[str, typer.Argument(help="The reviewer's name, as the audit log shows it.")],
    db: DbOption = None,
) -> None:
    """Add a reviewer and print their token once (only its hash is stored)."""
    with Ledger(db) as ledger:
        token = Corrections(ledger.conn).add_reviewer(name)
    typer.echo(f"reviewer {name} added; token (shown once): {token}")


@reviewer_app.command("revoke")
def reviewer_revoke_cli(
    name: Annotated[str, typer.Argument(help="The reviewer's name (tally reviewer list).")],
    db: DbOption = None,
) -> None:
    """End a reviewer's token and every browser signed in with it."""
    with Ledger(db) as ledger:
        Corrections(ledger.conn).revoke(name)
    console.print(f"reviewer {name} revoked", markup=False, highlight=False)


@reviewer_app.command("list")
def reviewer_list_cli(db: DbOption = None) -> None:
    """List the reviewers' names."""
    with Ledger(db, create=False) as ledger:
        for name in Corrections(ledger.conn).reviewers():
            console.print(name, markup=False, highlight=False)


@corrections_app.command("export")
def corrections_export_cli(
    out: Annotated[str, typer.Option("--out", help="The JSONL file to write.")],
    db: DbOption = None,
) -> None:
    """Write every correction, merge, split and audit entry as JSON lines (no tokens)."""
    with Ledger(db, create=False) as ledger:
        rows = list(Corrections(ledger.conn).dump())
    write_jsonl(rows, out)
    console.print(f"{counted(len(rows), 'row')} → {out}", markup=False, highlight=False)


@corrections_app.command("import")
def corrections_import_cli(
    path: Annotated[str, typer.Argument(help="A file `tally corrections export` wrote.")],
    db: DbOption = None,
) -> None:
    """Add exported corrections to this ledger (keyed by text hash and span), then relink."""
    from tally.pipeline import relink

    rows = []
    try:
        with open(path, encoding="utf-8") as fh:
            for i, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as err:
                        raise InputError(f"line {i} is not JSON ({err.msg})", source=path) from err
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", source=path) from err
    with Ledger(db) as ledger:
        n = Corrections(ledger.conn).load(rows, source=path)
        incidents = relink(ledger)
    console.print(
        f"{counted(n, 'row')} imported; {counted(incidents, 'incident')}",
        markup=False,
        highlight=False,
    )
