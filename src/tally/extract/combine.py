"""Figures of one document that share what one of them says: a repeat's source."""

from __future__ import annotations

from dataclasses import replace

from tally.models import Figure


def share_attribution(figures: list[Figure]) -> list[Figure]:
    """A repeat's attribution is the source the article gives it anywhere."""
    named: dict[tuple, str] = {}
    for f in figures:
        if f.attribution:
            named.setdefault((f.category, f.value, f.value_high), f.attribution)
    return [
        replace(f, attribution=named.get((f.category, f.value, f.value_high)))
        if f.attribution is None
        else f
        for f in figures
    ]
