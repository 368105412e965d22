"""The Typer application and the options commands share."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console

from tally.cli.tables import Column, Format, write_listing
from tally.errors import OutputError

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
FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="table (for people), csv, tsv or jsonl (all fields)."),
]


class TextFormat(StrEnum):
    """How a command that prints one answer prints it."""

    text = "text"
    json = "json"


TextFormatOption = Annotated[
    TextFormat, typer.Option("--format", "-f", help="text (for people) or json (one object).")
]
LimitOption = Annotated[
    int | None, typer.Option("--limit", "-n", min=1, help="At most this many rows.")
]


def print_listing(
    records: Iterable[dict[str, Any]], columns: Sequence[Column], fmt: Format, limit: int | None
) -> None:
    """Write a listing to standard output, as it is read: a table that fits the terminal
    (or $COLUMNS; piped, each column its own width), or CSV, TSV or JSON lines."""
    screen = None
    if "COLUMNS" in os.environ or sys.stdout.isatty():
        screen = shutil.get_terminal_size().columns
    try:
        write_listing(records, columns, fmt, sys.stdout, limit=limit, screen=screen)
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away (`| head`): click ends quietly
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror or err}", source="standard output") from err
