"""Errors a user can act on, with stable codes (after spaCy's catalogue).

The core raises these; only the CLI and web layers turn them into output. Each
message names the input it is about and the reason, on one line.
"""

from __future__ import annotations

import unicodedata


def printable(text: str) -> str:
    """`text` with control, format and lone surrogate characters written as escapes.

    File names and fetched titles reach messages; a terminal escape sequence,
    a bidirectional override or an undecodable byte in one must show as what
    it is (`\\x1b`), not act on the user's terminal or break the line.
    """
    if text.isprintable():
        return text
    return "".join(
        ch
        if ch == " " or unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Zl", "Zp"}
        else ascii(ch)[1:-1]
        for ch in text
    )


class TallyError(Exception):
    """Base of every error tally reports to a user instead of a traceback."""

    code = "T000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}" if source else message)

    def line(self) -> str:
        """The one line shown to the user."""
        return printable(f"error [{self.code}] {self}")


class InputError(TallyError):
    """An input could not be read as a document (missing, binary, too large, ...)."""

    code = "T100"


class ManifestError(InputError):
    """A manifest line is not valid JSON or names nothing readable."""

    code = "T110"


class FetchError(InputError):
    """A URL could not be fetched, or was refused by the network guard."""

    code = "T120"


class StoreError(TallyError):
    """The ledger could not be opened or written."""

    code = "T200"


class OutputError(TallyError):
    """An export or report file could not be written."""

    code = "T210"


class NotFound(TallyError):
    """An id the user named (document, incident, figure) is not in the ledger."""

    code = "T300"


class GoldError(TallyError):
    """A gold file for `tally eval` is not in the spec's format."""

    code = "T400"
