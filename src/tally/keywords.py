"""Keyword tests that let text skip a costly case-insensitive pattern.

Python's `re` tries a case-insensitive alternation at every position of a
text, so for the many sentences that cannot match, checking a lower-cased copy
for the words the pattern needs is much cheaper. `str.lower()` agrees with
`re.IGNORECASE` on ASCII letters for every character but the few in `_UNSAFE`;
a text holding one of those gets no lower-cased copy, and its tests pass.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from tally import cache

_WORD_CHARS = re.compile(r"\w*")
_UNSAFE = re.compile("[\u0130\u0131\u017f\u212a]")
"""İ, ı, ſ and the Kelvin sign: `re.IGNORECASE` or `str.lower()` maps them to an ASCII letter."""


@lru_cache(maxsize=1024)
def lowered(text: str) -> str | None:
    """`text.lower()`, or None where lower-casing could disagree with `re.IGNORECASE`; kept
    for recent texts, as each sentence is asked about by several prefilters."""
    if not text.isascii() and _UNSAFE.search(text):
        return None
    return text.lower()


def may_contain(lower: str | None, words: Iterable[str]) -> bool:
    """False only when `lower` (from `lowered`) holds none of `words`."""
    return lower is None or any(map(lower.__contains__, words))


def _word(ch: str) -> bool:
    """Whether `re`'s `\\w` matches `ch` (a letter, digit or number of any script, or "_")."""
    return ch.isalnum() or ch == "_"


def boundary(text: str, i: int) -> bool:
    """Whether `re`'s `\\b` holds at `i` of `text`: a word character on one side only."""
    before = i > 0 and _word(text[i - 1])
    return before != (i < len(text) and _word(text[i]))


def bounded(text: str, phrase: str) -> bool:
    """Whether `re.search(r"\\b" + re.escape(phrase) + r"\\b", text)` finds it (`phrase`
    not empty), without compiling a pattern for the phrase."""
    i = text.find(phrase)
    while i >= 0:
        if boundary(text, i) and boundary(text, i + len(phrase)):
            return True
        i = text.find(phrase, i + 1)
    return False


def may_end_with(text: str, words: frozenset[str]) -> bool:
    """False only when the word ending `text` is plain ASCII letters and not one of `words`.

    For a pattern anchored at the end of a text whose matches all end (trailing
    whitespace aside) in punctuation, a digit, or one of `words` with no letter
    or digit right before it.
    """
    run = _WORD_CHARS.match(text.rstrip()[::-1]).group(0)
    return not (run.isascii() and run.isalpha()) or run[::-1].lower() in words


def finditer_at(
    pattern: re.Pattern[str], text: str, lower: str, starts: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, tried only where `starts` finds a word every match begins with.

    `lower` is `lowered(text)` (not None) and `starts` a case-sensitive
    alternation of lower-case words, which `re` scans for far faster than it
    tries a case-insensitive pattern at every position.
    """
    pos = 0
    while (start := starts.search(lower, pos)) is not None:
        m = pattern.match(text, start.start())
        if m is None:
            pos = start.start() + 1
        else:
            yield m
            pos = max(m.end(), start.start() + 1)


def quick_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` behind a lookahead for the characters its matches can begin with.

    `re` finds no such set itself for a case-insensitive pattern, so it tries every
    branch of an alternation at every position of a text; the lookahead lets it skip
    the positions no match starts at (most of them, for an end-anchored search).
    Matches, groups and `lastgroup` are those of `pattern`; where the set cannot be
    read off the pattern for certain (a negated class, scoped flags, a possible empty
    match), `pattern` is returned as it is.
    """
    if not isinstance(pattern.pattern, str):
        return pattern
    key = ("quick_start", _DIGEST, pattern.pattern, pattern.flags)
    cls = cache.memo(key, lambda: _start_class(pattern))
    return (
        pattern if cls is None else re.compile(f"(?=[{cls}])(?:{pattern.pattern})", pattern.flags)
    )


def _start_class(pattern: re.Pattern[str]) -> str | None:
    """The class of characters `pattern`'s matches begin with, or None where it is unsure."""
    try:
        chars, nullable = _first(_parser.parse(pattern.pattern, pattern.flags))
        if nullable or not chars:
            return None
        return "".join(c if c in _CATEGORIES.values() else re.escape(c) for c in sorted(chars))
    except (_Unknown, re.error):
        return None


_DIGEST = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=8).hexdigest()
"""This module's code, by which `quick_start`'s classes are kept (`cache.memo`): an edit of
how they are read off a pattern reads them again."""


_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S",
    _c.CATEGORY_WORD: r"\w",
    _c.CATEGORY_NOT_WORD: r"\W",
}
r"""The class escapes (`\d`, `\w`, ...) a first-character set may hold as they are."""


class _Unknown(Exception):
    """A construct whose first characters `quick_start` does not read."""


def _first(items: Iterable[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """The characters a parsed sequence's matches can begin with, and whether it can match
    nothing at all."""
    chars: set[str] = set()
    for op, av in items:
        found, nullable = _first_of(op, av)
        chars |= found
        if not nullable:
            return chars, False
    return chars, True


def _first_of(op: Any, av: Any) -> tuple[set[str], bool]:
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        found: set[str] = set()
        for kind, arg in av:
            if kind is _c.LITERAL:
                found.add(chr(arg))
            elif kind is _c.RANGE and arg[1] - arg[0] < 128:
                found |= {chr(i) for i in range(arg[0], arg[1] + 1)}
            elif kind is _c.CATEGORY and arg in _CATEGORIES:
                found.add(_CATEGORIES[arg])  # the class escape, read with the pattern's flags
            else:
                raise _Unknown
        return found, False
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unknown
        return _first(sub)
    if op is _c.BRANCH:
        found, nullable = set(), False
        for alternative in av[1]:
            more, empty = _first(alternative)
            found |= more
            nullable = nullable or empty
        return found, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, _high, sub = av
        found, nullable = _first(sub)
        return found, nullable or low == 0
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True
    raise _Unknown


def required_words(pattern: re.Pattern[str], shortest: int = 3) -> tuple[str, ...] | None:
    """Literal strings of which every match of `pattern` holds at least one (lower-cased for a
    case-insensitive pattern), read off the pattern itself: the test `Gated` runs before it.

    None where no such set can be read for certain (a branch with no literal, scoped
    flags) or where the best set's shortest string is under `shortest` characters, too
    common to spare a search.
    """
    if not isinstance(pattern.pattern, str):
        return None
    try:
        words = _required(_parser.parse(pattern.pattern, pattern.flags))
    except (_Unknown, re.error, RecursionError):
        return None
    if not words or min(map(len, words)) < shortest:
        return None
    if pattern.flags & re.IGNORECASE:
        words = {w.lower() for w in words}
    return tuple(sorted(words))


def _required(items: Iterable[tuple[Any, Any]]) -> set[str] | None:
    """The most telling set of strings one of which every match of a parsed sequence holds."""
    found: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if op is _c.AT:
            continue  # takes no characters: the literals either side stand next to each other
        if run:
            found.append({"".join(run)})
            run = []
        words: set[str] | None = None
        if op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unknown
            words = _required(sub)
        elif op is _c.BRANCH:
            alternatives = [_required(alt) for alt in av[1]]
            if all(alternatives):
                words = set().union(*alternatives)  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            words = _required(av[2])
        if words:
            found.append(words)
    if run:
        found.append({"".join(run)})
    if not found:
        return None
    return max(found, key=lambda ws: (min(map(len, ws)), -len(ws)))


class Gated:
    """A compiled pattern whose `search` skips, unread, a text that holds none of its
    `required_words`: for patterns tried on every sentence and matching few."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.words = required_words(pattern)
        self._folded = bool(pattern.flags & re.IGNORECASE)

    def may_match(self, text: str, lower: str | None = None) -> bool:
        """False only when no match of the pattern can be in `text` (`lower`: `lowered(text)`,
        if the caller has it)."""
        if self.words is None:
            return True
        if self._folded:
            return may_contain(lower if lower is not None else lowered(text), self.words)
        return any(map(text.__contains__, self.words))

    def search(self, text: str, lower: str | None = None) -> re.Match[str] | None:
        """`pattern.search(text)`, without the search where it cannot match."""
        return self.pattern.search(text) if self.may_match(text, lower) else None


def word_alternation(words: Iterable[str], space: str = " ") -> str:
    """A regex matching what `"|".join(sorted(words, key=len, reverse=True))` matches, in the
    same order of preference, written as a trie ("shoot(?:ers?|ing)?" for "shooting",
    "shooters", "shooter", "shoot").

    `re` tries an alternation's branches one after another at each position it is
    asked, so a list of hundreds of nouns costs hundreds of tries per word of text; the
    trie costs a few. Two words that both match at one position are one the other's
    prefix, and the trie tries the longer first, as the longest-first list does. `space`
    is what a space between a word's parts matches (a regex: `\\s+` for any whitespace).
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in " ".join(word.split(" ")) if space == " " else " ".join(word.split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie(root, space) or "(?!)"


def _trie(node: dict[str, dict], space: str) -> str:
    parts = [
        (space if ch == " " else re.escape(ch)) + _trie(node[ch], space)
        for ch in sorted(k for k in node if k)
    ]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if "" not in node:
        return body
    return f"{body}?" if len(parts) > 1 else f"(?:{body})?"  # the longer words first
