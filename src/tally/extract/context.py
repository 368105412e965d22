"""Whether the words of a figure or right after it make it a part of a total.

Run on every figure the language's reader found: it reads the words right after a
figure's span and decides `subset` ("two were dead when they arrived", "were among
the victims"); an injured count that says how those counted fare ("two in critical
condition", "three critically wounded") counts some of the injured, not all. Linking and reconciliation read the field and never look at the text
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
_CONDITION = re.compile(rf"\b(?:{'|'.join(_VOCAB.part_condition)})\b", re.I)
_CONDITION_AFTER = re.compile(rf"[^.;,]{{0,30}}?\b(?:{'|'.join(_VOCAB.part_condition)})\b", re.I)


def by_context(doc: Document, figures: list[Figure]) -> list[Figure]:
    """`figures` with `subset` decided from the words after each one."""
    return [
        f
        if f.subset or not (part_after(doc.text, f) or condition(doc.text, f))
        else replace(f, subset=True)
        for f in figures
    ]


def part_after(text: str, f: Figure) -> bool:
    """A count the words right after it make a part ("two people were dead when they arrived",
    "seven children were among the victims"): it bounds the total, it is not the total."""
    return bool(_PART_AFTER.match(text, f.end))


def condition(text: str, f: Figure) -> bool:
    """An injured count that says how those counted fare, in its words or right after them
    ("two in critical condition", "three were critically wounded", "one is in stable
    condition"): some of the injured, a part of their total."""
    if f.category != "injured":
        return False
    return bool(_CONDITION.search(text, f.start, f.end) or _CONDITION_AFTER.match(text, f.end))
