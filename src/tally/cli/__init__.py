"""The `tally` command: thin commands over the library (after sqlite-utils and spaCy).

Each command module registers its commands on `app`; each command parses its
arguments, calls one library function, and prints. `TallyError`s become one
line on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import sys

# Command modules register themselves on import.
from tally.cli import evaluate, incidents, ingest, ledger, web  # noqa: F401
from tally.cli.app import app
from tally.errors import TallyError


def main() -> None:
    """Entry point of the `tally` console script."""
    try:
        app()
    except TallyError as err:
        print(err.line(), file=sys.stderr)
        sys.exit(1)


__all__ = ["app", "main"]
