"""What each language calls the furniture of a news page (lang/<code>/page.toml).

Furniture is marked when a document is read, before its language is known, so the
headings of every language are tried on every document: "Most read", "À lire aussi",
"Meistgelesen" and "اقرأ أيضاً" head lists of other stories alike.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def furniture() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(headings, inline): the patterns of a line heading a list of other stories, and of a
    line's lead-in to one link ("Read more: ..."), of every language with a page.toml."""
    headings: list[str] = []
    inline: list[str] = []
    for folder in sorted(resources.files("tally.lang").iterdir(), key=lambda f: f.name):
        page = folder / "page.toml"
        if not page.is_file():
            continue
        table = tomllib.loads(page.read_text(encoding="utf-8"))["furniture"]
        headings += table["headings"]
        inline += table.get("inline", [])
    return tuple(headings), tuple(inline)
