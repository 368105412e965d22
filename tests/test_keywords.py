"""Keyword prefilters never skip text their pattern would match: real sentences and edge cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tally.extract import lexicon as lex
from tally.extract import victims_lexicon as vlex
from tally.extract.phrases import _DATE_BEFORE, _MONTH_WORDS
from tally.extract.victims_phrases import _HEAD_ENDS
from tally.keywords import finditer_at, lowered, may_contain, may_end_with

_CONTAINS = [
    (vlex.ELSEWHERE, vlex.ELSEWHERE_WORDS),
    (vlex.ROUNDUP, vlex.ROUNDUP_WORDS),
    (vlex.ATTRIBUTION, vlex.ATTRIBUTION_WORDS),
]
_STARTS = [
    (vlex.PASSIVE, vlex.PASSIVE_STARTS),
    (vlex.INTRANSITIVE, vlex.INTRANSITIVE_STARTS),
    (vlex.REDUCED, vlex.REDUCED_STARTS),
    (vlex.ACTIVE, vlex.ACTIVE_STARTS),
]
_ENDS = [
    (lex.NOT_COUNT_BEFORE, lex.NOT_COUNT_BEFORE_ENDS),
    (_DATE_BEFORE, _MONTH_WORDS),
    (vlex.NP, _HEAD_ENDS),
    (vlex.BARE_NP, _HEAD_ENDS),
]


def _prefixes(shared: Path) -> list[str]:
    """Every sentence prefix ending at a word of the dev corpus's text files."""
    out = []
    for path in sorted((shared / "corpus" / "dev").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out.extend(line[: m.end()] for m in re.finditer(r"\S+", line[:400]))
    return out


def test_contains_is_sound_on_the_dev_corpus(shared: Path) -> None:
    for text in _prefixes(shared)[::7]:
        for pattern, words in _CONTAINS:
            if pattern.search(text):
                assert may_contain(lowered(text), words), (pattern.pattern[:40], text)


def test_ends_is_sound_on_the_dev_corpus(shared: Path) -> None:
    for text in _prefixes(shared)[::7]:
        for pattern, words in _ENDS:
            if any(not text[m.end() :].strip() for m in pattern.finditer(text[-160:])):
                assert may_end_with(text, words), (pattern.pattern[:40], text)


def test_finditer_at_finds_what_finditer_finds(shared: Path) -> None:
    for path in sorted((shared / "corpus" / "dev").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            lower = lowered(line)
            if lower is None:
                continue
            for pattern, starts in _STARTS:
                want = [m.span() for m in pattern.finditer(line)]
                assert [m.span() for m in finditer_at(pattern, line, lower, starts)] == want


@pytest.mark.parametrize(
    ("text", "lower"),
    [
        ("Police SAID", "police said"),
        ("\u017fhot", None),
        ("\u0130njured", None),
        ("\u212aill", None),
    ],
)
def test_lowered_refuses_letters_case_folding_disagrees_on(text: str, lower: str | None) -> None:
    assert lowered(text) == lower


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("costs of $", True),
        ("aged 5to ", True),
        ("Route ", True),
        ("No.", True),
        ("in March, ", True),
        ("the flood killed ", False),
    ],
)
def test_may_end_with(text: str, ends: bool) -> None:
    assert may_end_with(text, lex.NOT_COUNT_BEFORE_ENDS) is ends
