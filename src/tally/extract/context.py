"""Whether the words right after a figure make it a part of a total.

Run on every figure the language's reader found: it reads the words right after a
figure's span and decides `subset` ("two were dead when they arrived", "were among
the victims"). Linking and reconciliation read the field and never look at the text
again. Whose death a figure counts is `extract.attacker`'s.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tally.extract.vocab import english
from tally.models import Document, Figure

REQUIRES = ("end", "subset")
ASSIGNS = ("subset",)

_VOCAB = english()
_PART_AFTER = re.compile(rf"[^.;]{{0,30}}?\b(?:{'|'.join(_VOCAB.part_after)})\b", re.I)


def by_context(doc: Document, figures: list[Figure]) -> list[Figure]:
    """`figures` with `subset` decided from the words after each one."""
    return [
        f if f.subset or not part_after(doc.text, f) else replace(f, subset=True) for f in figures
    ]


def part_after(text: str, f: Figure) -> bool:
    """A count the words right after it make a part ("two people were dead when they arrived",
    "seven children were among the victims"): it bounds the total, it is not the total."""
    return bool(_PART_AFTER.match(text, f.end))
