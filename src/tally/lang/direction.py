"""Which way a language's script runs, for the web UI and reports."""

from __future__ import annotations

RIGHT_TO_LEFT = frozenset(["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"])


def direction(code: str | None) -> str:
    """`rtl` for a right-to-left language, `ltr` for the others, `auto` when unknown."""
    if not code:
        return "auto"
    return "rtl" if code.split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"
