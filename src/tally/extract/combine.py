"""Putting one document's figures together: numeric figures with victim counts, shared sources."""

from __future__ import annotations

from dataclasses import replace

from tally.extract.victims import shot_counts
from tally.models import Figure


def merge(numeric: list[Figure], victims: list[Figure]) -> list[Figure]:
    """Numeric figures plus victim counts that say something the numerals do not.

    A victim count that overlaps a numeric figure of its category is dropped,
    unless its span contains the numeric ones and counts more than they add up
    to ("two men and a woman" is 3, not "two men"; "14 students and one
    teacher" stays two figures).
    """
    numeric = shot_counts(numeric, victims)
    victims = [v if v.rule else replace(v, rule="victims.count") for v in victims]
    out = list(numeric)
    for v in victims:
        if any(f.value == v.value and f.start < v.end and v.start < f.end for f in numeric):
            continue
        clash = [
            f for f in numeric if f.category == v.category and f.start < v.end and v.start < f.end
        ]
        if not clash:
            if not any(f.category == v.category and f.value == v.value for f in numeric):
                out.append(v)
            continue
        inside = all(v.start <= f.start and f.end <= v.end for f in clash)
        if inside and v.value > sum(f.value for f in clash):
            out = [f for f in out if f not in clash]
            out.append(v)
    return sorted(out, key=lambda f: (f.start, f.end))


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
