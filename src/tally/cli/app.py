"""The Typer application and the options commands share."""

from __future__ import annotations

import os
import sys
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


def _width(stream: object) -> int | None:
    """Rich's own width on a terminal; a wide page when piped, so tables are not cut at 80."""
    if "COLUMNS" in os.environ or getattr(stream, "isatty", lambda: False)():
        return None
    return 160


console = Console(width=_width(sys.stdout))
err_console = Console(stderr=True, width=_width(sys.stderr))

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Ledger: an SQLite file or a postgresql:// URL (default: $TALLY_DB or tally.db).",
        envvar="TALLY_DB",
        show_default=False,
    ),
]
