"""Whether a figure's source is an authority, decided once from its attribution.

Police, ministries, officials, hospitals, the UN: a figure they give is an
*official* figure, and reconciliation says so when it picks one. The words are
the language's data (`[official_sources]` in `lang/en/speech.toml`, `official`
in each language's `words.toml`); this component only reads the `attribution`
an earlier component assigned, never the text.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from tally.extract.numbers import word_pattern
from tally.extract.vocab import english
from tally.lang import SUPPORTED, load
from tally.models import Document, Figure

REQUIRES = ("doc.language", "attribution")
ASSIGNS = ("official",)


@cache
def official_sources(language: str) -> re.Pattern[str]:
    """The pattern of authorities' names in `language` (English for a language without data)."""
    if language in SUPPORTED:
        return load(language).official
    return re.compile(word_pattern(list(english().official_sources)), re.I)


def is_official(attribution: str | None, language: str = "en") -> bool:
    """True when `attribution` names an authority ("police", "the health ministry")."""
    return bool(attribution and official_sources(language).search(attribution))


def by_source(doc: Document, found: list[Figure]) -> list[Figure]:
    """`found`, each figure with `official` set from its attribution."""
    return [
        dataclasses.replace(f, official=official)
        if (official := is_official(f.attribution, doc.language)) != f.official
        else f
        for f in found
    ]
