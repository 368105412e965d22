"""People taken and then found dead: "Four engineers were abducted. Their bodies were found".

A description of a kidnapping often gives its toll only by the captives' fate, told after the
count of those taken, without a number ("their bodies were found the next day", "the gunmen
later killed them"). This component reads that fate once, after the readers: a count of
captives followed in its paragraph by such words (`lang/en/fates.toml [captives_dead]`) gives
a count of the dead of the same size (a part where the captives were one), quoted from the
words that tell it, unless a count of the dead already stands between them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from tally.extract.vocab import english
from tally.models import Document, Figure

REQUIRES = ("category", "role", "value", "group", "end")
ASSIGNS = ("category", "quote", "start", "end", "rule")

WINDOW = 300
"""The most characters from the count of captives to the words of their fate."""


@cache
def _fate() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in english().captives_dead), re.I)


def by_fate(doc: Document, figures: list[Figure]) -> list[Figure]:
    """`figures`, with a count of the dead added for each count of captives found dead."""
    text = doc.text
    added: list[Figure] = []
    for f in figures:
        if f.category != "captured" or f.role != "victim":
            continue
        window = text[f.end : f.end + WINDOW].split("\n\n")[0]
        m = _fate().search(window)
        if m is None:
            continue
        start, end = f.end + m.start(), f.end + m.end()
        if any(g.category == "killed" and f.end <= g.start < end for g in figures + added):
            continue  # the dead are counted by number already ("two of them were killed")
        added.append(
            replace(
                f,
                category="killed",
                quote=text[start:end],
                start=start,
                end=end,
                rule="num.captives_dead",
                part_of=None,
            )
        )
    return sorted(figures + added, key=lambda g: (g.start, g.end)) if added else figures
