"""Roles a figure's surroundings give it: a part of a total, an attacker's death.

The last extraction component, run on every figure the language's extractor
found: it reads the words right around a figure's span, decides `subset` (the
words after it make it a part: "two were dead when they arrived") and `group`
(the death or wound is the attacker's: combatants), and writes those fields.
Linking and reconciliation read them and never look at the text again.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tally.extract.vocab import english
from tally.models import Document, Figure

REQUIRES = ("start", "end", "group", "value", "subset")
ASSIGNS = ("subset", "group")

_VOCAB = english()
_PART_AFTER = re.compile(rf"[^.;]{{0,30}}?\b(?:{'|'.join(_VOCAB.part_after)})\b", re.I)
_ATTACKER = re.compile(rf"\b(?:{'|'.join(_VOCAB.attacker_nouns)})s?\b(?!['’]s?\b)", re.I)
_DIED = re.compile(rf"^[^.;]{{0,40}}?\b(?:{'|'.join(_VOCAB.attacker_died)})\b", re.I)


def by_context(doc: Document, figures: list[Figure]) -> list[Figure]:
    """`figures` with `subset` and `group` decided from the words around each one."""
    out = []
    for f in figures:
        subset = f.subset or part_after(doc.text, f)
        group = "combatants" if attacker_harmed(doc.text, f) else f.group
        out.append(
            f if (subset, group) == (f.subset, f.group) else replace(f, subset=subset, group=group)
        )
    return out


def part_after(text: str, f: Figure) -> bool:
    """A count the words right after it make a part ("two people were dead when they arrived",
    "seven children were among the victims"): it bounds the total, it is not the total."""
    return bool(_PART_AFTER.match(text, f.end))


def attacker_harmed(text: str, f: Figure) -> bool:
    """A death or wound the sentence gives to the attacker ("the gunman, identified as X, was
    killed by officers"): the spec counts attackers as combatants, apart from their victims."""
    if f.group != "people" or f.value > 3:
        return False
    start = max(text.rfind(".", 0, f.start) + 1, f.start - 80)
    before = text[start : f.start]
    if not _ATTACKER.search(before + text[f.start : f.end]) or "victim" in before.lower():
        return False
    return bool(_DIED.match(text[f.start : f.end + 40]))
