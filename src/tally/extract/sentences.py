"""Sentences with their offsets, split by rule (no parser needed for news prose).

One splitter for every language; a `Splitter` says how one language's sentences end.
English (`ENGLISH`, the default) asks for an ASCII capital or digit after the stop and
knows its abbreviations ("Mr.", "Gen.", "Sept."). A language with data in `tally.lang`
gets `open_splitter`: any character but a lower-case letter opens a sentence ("Élodie",
"Через", an Arabic letter, which has no case), ؟ and … end one, and its
`[sentences] abbreviations` ("Nr.", "p. ej.", "г.") never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from tally.keywords import quick_start

if TYPE_CHECKING:
    from tally.models import Document

_END = quick_start(re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+"))
_ABBREV = re.compile(
    r"(?:\b(?:[A-Za-z]\.){1,4}|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Cpt|Sen|Rep|Gov|St|Sgt|Jr|Sr|No|Nos"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|Inc|Co|Corp|Maj|Adm|Cmdr|Prof|Rev"
    r"|Mt|Ft|Pte|Cpl|Brig|Supt|Insp|Hon|approx|est)\.)$"
)

_ABBREV_REACH = 12
"""More characters than an `_ABBREV` match and the one before it span: only they need a look."""

_OPEN_END = re.compile(r"(?<=[.!?؟…])[\"'”’»)\]]*\s+|\n+")
_INITIAL = re.compile(r"(?:\b\w|\d)\.$")
"""A letter or digit before the stop ("J. Martín", "3."): it ends a sentence only before a capital."""


@dataclass(frozen=True)
class Splitter:
    """How one language's sentences end."""

    end: re.Pattern[str]
    """A stop and the space after it, or a line break (which always ends a sentence)."""
    abbreviation: re.Pattern[str]
    """Text before a stop that makes the stop an abbreviation's, never a sentence end."""
    reach: int | None
    """How far back `abbreviation` needs to look (None: to the sentence start)."""
    lower_joins: bool = False
    """Whether a lower-case letter after the stop continues the sentence (`end` does not ask)."""
    initial: re.Pattern[str] | None = None
    """Text before a stop that ends a sentence only when a capital follows."""
    ordinal: re.Pattern[str] | None = None
    """A number's stop and the month name after it: a date ("16. März"), inside a sentence."""
    glued: re.Pattern[str] | None = None
    """Where a crawled page glued two paragraphs ("the hospital.Police said"): the end of
    each match is a sentence end when asked for (`split_sentences(glued=True)`)."""


_GLUED = re.compile(r"[.!?](?<=[a-z]{3}.)(?=[A-Z][a-z])")
"""The stop of a glued end ("hospital.Police"): matched as a character, not as the empty
place after it, so `re` looks only at stops, not at every position."""

ENGLISH = Splitter(_END, _ABBREV, _ABBREV_REACH, glued=_GLUED)


def open_splitter(abbreviations: list[str], months: list[str] = ()) -> Splitter:  # type: ignore[assignment]
    """The splitter for a language whose sentences may open with any capital or uncased letter.

    An abbreviation of several parts ("z. B.") holds at each of its stops; a day's number
    before a month name ("am 16. März") is an ordinal, not a sentence end.
    """
    parts = {a[: i + 1] for a in abbreviations for i, ch in enumerate(a) if ch == "."}
    forms = "|".join(re.escape(a).replace(r"\ ", r"\s*") for a in sorted(parts, key=len))
    pattern = rf"(?<![^\W\d_])(?:{forms})$" if forms else "(?!)"
    month = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    ordinal = re.compile(rf"(?<=\d)\.\s+(?:{month})(?![^\W\d_])") if month else None
    return Splitter(_OPEN_END, re.compile(pattern), None, True, _INITIAL, ordinal)


def split_sentences(
    text: str, splitter: Splitter = ENGLISH, glued: bool = False
) -> list[tuple[int, int]]:
    """`(start, end)` of each sentence of `text`; newlines always end a sentence.

    With `glued`, paragraphs a crawled page joined without a space also end one (the victims
    reader asks for it; splitting them for every stage moves gva-dev: incident accuracy
    0.7103 -> 0.7107, injured 0.7729 -> 0.7726).
    """
    joined = splitter.glued if glued else None
    spans: list[tuple[int, int]] = []
    for start, end in _between_ends(text, splitter):
        _add(text, start, end, spans, joined)
    return spans


@lru_cache(maxsize=8)
def _between_ends(text: str, splitter: Splitter) -> tuple[tuple[int, int], ...]:
    """The stretches of `text` between its sentence ends, untrimmed: the same whether glued
    paragraphs are split or not, so a document asked for both is scanned once."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in splitter.end.finditer(text):
        if "\n" not in m.group(0) and _joins(text, start, m, splitter):
            continue
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return tuple(out)


def document_sentences(
    doc: Document, language: str | None = None, glued: bool = False
) -> tuple[tuple[int, int], ...]:
    """`(start, end)` of each sentence of `doc`, split once with its language's splitter.

    Every stage that reads a document by sentence (extraction, victims, linking within,
    describing in the document's language) reads these spans, so they agree on where a
    sentence ends and the text is split once, not once per stage. `language` overrides
    the document's (linking within reads every document with English rules, so with
    English sentences); `glued` as in `split_sentences`.
    """
    return _document_sentences(doc.text, language or doc.language, glued)


@lru_cache(maxsize=8)
def _document_sentences(text: str, language: str, glued: bool) -> tuple[tuple[int, int], ...]:
    from tally.lang import SUPPORTED, load  # here: the language data imports this module

    splitter = load(language).splitter if language in SUPPORTED else ENGLISH
    return tuple(split_sentences(text, splitter, glued))


def _joins(text: str, start: int, m: re.Match[str], splitter: Splitter) -> bool:
    """Whether the stop at `m` is inside a sentence (an abbreviation, or a lower-case word after)."""
    nxt = text[m.end() : m.end() + 1]
    if splitter.lower_joins and nxt.islower():
        return True
    lo = start if splitter.reach is None else max(start, m.start() - splitter.reach)
    before = text[lo : m.start()]
    if splitter.abbreviation.search(before):
        return True
    if splitter.ordinal and splitter.ordinal.match(text, m.start() - 1):
        return True
    return bool(splitter.initial and splitter.initial.search(before) and nxt and not nxt.isupper())


def _add(
    text: str, start: int, end: int, spans: list[tuple[int, int]], glued: re.Pattern[str] | None
) -> None:
    if glued is not None:
        for m in glued.finditer(text, start, end):
            _add(text, start, m.end(), spans, None)
            start = m.end()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
