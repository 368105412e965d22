"""Keyword prefilters never skip text their pattern would match: real sentences and edge cases."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import tally.extract
import tally.ingest
import tally.link
from tally.extract import lexicon as lex
from tally.extract import victims_lexicon as vlex
from tally.extract.phrases import _DATE_BEFORE, _MONTH_WORDS
from tally.extract.victims_phrases import may_end_on_head
from tally.keywords import (
    Gated,
    boundary,
    bounded,
    finditer_at,
    lowered,
    may_contain,
    may_end_with,
    quick_start,
    required_words,
    word_alternation,
)

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
    (vlex.NP, may_end_on_head),
    (vlex.BARE_NP, may_end_on_head),
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
                ends = words(text) if callable(words) else may_end_with(text, words)
                assert ends, (pattern.pattern[:40], text)


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


def _match_list(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups(), m.lastgroup) for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("source", "flags", "text"),
    [
        (r"\b(?:killed|wounded|shot)\s+$", re.I, "Gunmen SHOT "),
        (r"\b(?:killed|wounded|shot)\s+$", re.I, "police said two were \u017fhot "),
        (
            r"\b(?:kill(?:s|ed)?|injur(?:ed|ies))\b",
            re.I,
            "\u212ailled and \u0130NJURED in the blast",
        ),
        (r"(?P<a>at\s+least)|(?P<b>more\s+than)", re.I, "At least six, MORE THAN ten"),
        (r"(?:[$€£]\s*|\bboth\s*)$", re.I, "damage worth €"),
        (r"(?<=, )(?:Ala\.|Calif\.)(?!\w)", 0, "Mobile, Ala. and Fresno, Calif."),
        (r"\b(?:(?:north|south)ern\s+)?(?:Gaza|Kherson)\b", 0, "in northern Gaza and Kherson"),
        (r"\b(?:\d{1,3}|one|two)\s+(?:men|women)\b", re.I, "Police said \u0663 men and TWO women"),
        (r"(?:\w+|\d+) (?:hours?|days?) after", re.I, "Two days after the raid, 3 hours after"),
    ],
)
def test_quick_start_matches_as_the_pattern_does(source: str, flags: int, text: str) -> None:
    pattern = re.compile(source, flags)
    quick = quick_start(pattern)
    assert quick is not pattern
    assert _match_list(quick, text) == _match_list(pattern, text)


@pytest.mark.parametrize(
    "source",
    [
        r"[^\W\d]+ed\b",  # a negated class
        r"\b(?i:since)\s+\d{4}",  # flags scoped to a group
        r"(?:died)?",  # may match nothing
        r"[^,]+ said",  # a negated class
    ],
)
def test_quick_start_leaves_what_it_cannot_read(source: str) -> None:
    pattern = re.compile(source, re.I)
    assert quick_start(pattern) is pattern


def test_quick_start_leaves_bytes_patterns() -> None:
    pattern = re.compile(rb"\b(?:PK|GIF8)")
    assert quick_start(pattern) is pattern


def test_quick_start_is_sound_for_every_pattern_of_ingest_extract_and_link(shared: Path) -> None:
    lines = []
    for path in sorted((shared / "corpus" / "dev").glob("*.txt"))[:15]:
        lines += [ln[:300] for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    tails = [ln[: m.start()] for ln in lines for m in re.finditer(r"\d+", ln)]
    for package in (tally.ingest, tally.extract, tally.link):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, pattern in vars(module).items():
                if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
                    continue
                quick = quick_start(pattern)
                for text in lines + tails:
                    assert _match_list(quick, text) == _match_list(pattern, text), (name, text)


@pytest.mark.parametrize(
    ("source", "flags", "words"),
    [
        (
            r"\bin (?:a|another) (?:separate|unrelated) (?:shooting|attack)",
            re.I,
            ("separate", "unrelated"),
        ),
        (r"\bin (?:a|another) (?:separate|unrelated) shooting", re.I, (" shooting",)),
        (r"(?:\w+|\d+) (?:days?|hours?) (?:after|before)\b", re.I, ("after", "before")),
        (r"\bANOTHER (?:shooting|stabbing)", re.I, ("another s",)),
        (r"(?:killed|died)+ in", 0, ("died", "killed")),
        (r"\b(?:Monday|Tuesday)\b", 0, ("Monday", "Tuesday")),
    ],
)
def test_required_words_are_read_off_the_pattern(
    source: str, flags: int, words: tuple[str, ...]
) -> None:
    assert required_words(re.compile(source, flags)) == words


@pytest.mark.parametrize(
    "source",
    [
        r"(?:killed|\w+)\s+in",  # a branch with no literal, and "in" too short to tell
        r"(?:shooting)?\s+at\s+\d+",  # the only long word may be missing
        r"\b(?i:since)\s+\d{4}",  # flags scoped to a group
        r"[a-z]+ed",
    ],
)
def test_required_words_none_where_nothing_certain_and_telling(source: str) -> None:
    assert required_words(re.compile(source)) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("In a SEPARATE shooting, a man was hurt.", True),
        ("Two days later, in an unrelated shooting on Elm St.", True),
        ("A man was shot on Elm Street.", False),
        ("In a \u017feparate shooting", True),  # the long s: no lower-cased copy, searched
    ],
)
def test_gated_search_is_the_pattern_s(text: str, found: bool) -> None:
    pattern = re.compile(r"\bin (?:a|an|another) (?:separate|unrelated) (?:shooting|attack)", re.I)
    gated = Gated(pattern)
    assert gated.words == ("separate", "unrelated")
    want = pattern.search(text)
    got = gated.search(text)
    assert (want is not None) is found
    assert (got and got.span()) == (want and want.span())


def test_gated_is_sound_for_every_pattern_of_ingest_extract_and_link(shared: Path) -> None:
    lines = []
    for path in sorted((shared / "corpus" / "dev").glob("*.txt"))[:15]:
        lines += [ln[:300] for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    checked = 0
    for package in (tally.ingest, tally.extract, tally.link):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, pattern in vars(module).items():
                if isinstance(pattern, Gated):
                    pattern = pattern.pattern
                if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
                    continue
                gated = Gated(pattern)
                if gated.words is None:
                    continue
                checked += 1
                for text in lines:
                    if pattern.search(text):
                        assert gated.may_match(text), (name, gated.words, text)
    assert checked > 50


@pytest.mark.parametrize(
    ("words", "space", "pattern"),
    [
        (["shooting", "shooters", "shooter", "shoot"], " ", "shoot(?:er(?:s)?|ing)?"),
        (["police officer", "police", "officers"], r"\s+", r"(?:officers|police(?:\s+officer)?)"),
        (["ex-wife", "ex"], " ", r"ex(?:\-wife)?"),
        ([], " ", "(?!)"),
    ],
)
def test_word_alternation_is_a_trie(words: list[str], space: str, pattern: str) -> None:
    assert word_alternation(words, space) == pattern


def test_word_alternation_matches_as_the_longest_first_list_does() -> None:
    """Every people noun as a trie and as the list it replaced, inside a noun phrase's kind of
    pattern (what comes after it can make the regex take a shorter word), on many texts."""
    import random

    words = [*vlex.GROUP_OF, "police officer", "police", "ex", "ex-wife"]
    listed = "|".join(sorted(words, key=len, reverse=True))
    tail = r"(?:s|,|\s+(?:said|was))?"
    plain = re.compile(rf"\b(?:(?:\w+-)?(?:{listed})){tail}\b", re.I)
    trie = re.compile(rf"\b(?:(?:\w+-)?(?:{word_alternation(words)})){tail}\b", re.I)
    rng = random.Random(7)
    pool = [*words, "the", "a", "Police", "MAN", "Officer", "said", "was"]
    ends = ["", "", "s", "-", "-x", ",", " said", " was"]
    for _ in range(5000):
        text = " ".join(rng.choice(pool) + rng.choice(ends) for _ in range(rng.randint(1, 6)))
        assert _match_list(trie, text) == _match_list(plain, text), text


_PHRASE_TEXTS = [
    ("Spencer Police", "Officers of the Spencer Police were called."),
    ("Spencer Police", "The SouthSpencer Police were called."),
    ("Spencer Police", "Spencer Policemen were called."),
    ("Spencer Police", "Spencer Police_unit and Spencer Police."),
    ("Eau Claire", "in Eau Claire's north side"),
    ("São Paulo", "aSão Paulo e São Paulo"),
    ("Ufa", "Уфа, Ufa1 and Ufa"),
    (" police", "city police and police"),
    ("Mt. Vernon", "Mt. Vernon.Mt. Vernon"),
]


@pytest.mark.parametrize(("phrase", "text"), _PHRASE_TEXTS)
def test_bounded_finds_what_the_word_bounded_pattern_finds(phrase: str, text: str) -> None:
    """`bounded` agrees with `re.search(r"\\b" + re.escape(phrase) + r"\\b")` everywhere,
    letters of any script, digits and "_" being word characters as `re` counts them."""
    expected = bool(re.search(rf"\b{re.escape(phrase)}\b", text))
    assert bounded(text, phrase) is expected
    for i in range(len(text) + 1):
        assert boundary(text, i) is bool(re.compile(r"\b").match(text, i)), (text, i)
