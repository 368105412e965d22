"""Who a figure's source is, decided once from its attribution: its key and whether official.

Police, ministries, officials, hospitals, the UN: a figure they give is an
*official* figure, and reconciliation says so when it picks one. Two statements
with the same `source_key` come from one source ("Azerbaijani figures" and
"Azerbaijani authorities"), however many outlets repeat them: reconciliation
counts origins by it. The words are the language's data (`[official_sources]`
and `[source_key]` in `lang/en/speech.toml`; `official` and `source_stop` in each
language's `words.toml`); this component only reads the `attribution` an earlier
component assigned, never the text.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache, lru_cache

from tally.extract.numbers import word_pattern
from tally.extract.vocab import english
from tally.lang import SUPPORTED, load
from tally.models import Document, Figure

REQUIRES = ("doc.language", "attribution")
ASSIGNS = ("official", "source_key")

_WORD = re.compile(r"[^\W_]+")
"""A word in any script: letters and digits, never punctuation or an underscore."""


@cache
def official_sources(language: str) -> re.Pattern[str]:
    """The pattern of authorities' names in `language` (English for a language without data)."""
    if language in SUPPORTED:
        return load(language).official
    return re.compile(word_pattern(list(english().official_sources)), re.I)


@lru_cache(maxsize=16384)
def is_official(attribution: str | None, language: str = "en") -> bool:
    """True when `attribution` names an authority ("police", "the health ministry")."""
    return bool(attribution and official_sources(language).search(attribution))


def _stop_words(language: str) -> frozenset[str]:
    return load(language).source_stop if language in SUPPORTED else english().source_stop


@lru_cache(maxsize=16384)
def source_key(attribution: str | None, language: str = "en") -> str | None:
    """The source's identity: the attribution's words but those that tell no source from
    another, case-folded and sorted ("Azerbaijani figures" -> "azerbaijani"); None when the
    figure has no attribution or only such words. Kept per attribution: the ledger decides it
    again for every stored figure a relink reads, and a few attributions recur."""
    if not attribution:
        return None
    stop = _stop_words(language)
    words = {w for w in _WORD.findall(attribution.casefold()) if w not in stop}
    return " ".join(sorted(words)) or None


def sourced(fig: Figure, language: str = "en") -> Figure:
    """`fig` with `official` and `source_key` decided from its attribution (at extraction,
    and again when a reviewer corrects the attribution)."""
    official = is_official(fig.attribution, language)
    key = source_key(fig.attribution, language)
    if (official, key) == (fig.official, fig.source_key):
        return fig
    return dataclasses.replace(fig, official=official, source_key=key)


def by_source(doc: Document, found: list[Figure]) -> list[Figure]:
    """`found`, each figure with `official` and `source_key` set from its attribution."""
    return [sourced(f, doc.language) for f in found]
