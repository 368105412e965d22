"""The Typer application and the options commands share."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(
    name="tally",
    help="Turn news reports about deadly incidents into a sourced ledger of casualty figures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Ledger: an SQLite file or a postgresql:// URL (default: $TALLY_DB or tally.db).",
        envvar="TALLY_DB",
        show_default=False,
    ),
]
