"""Keyword tests that let text skip a costly case-insensitive pattern.

Python's `re` tries a case-insensitive alternation at every position of a
text, so for the many sentences that cannot match, checking a lower-cased copy
for the words the pattern needs is much cheaper. `str.lower()` agrees with
`re.IGNORECASE` on ASCII letters for every character but the few in `_UNSAFE`;
a text holding one of those gets no lower-cased copy, and its tests pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_WORD_CHARS = re.compile(r"\w*")
_UNSAFE = re.compile("[\u0130\u0131\u017f\u212a]")
"""İ, ı, ſ and the Kelvin sign: `re.IGNORECASE` or `str.lower()` maps them to an ASCII letter."""


def lowered(text: str) -> str | None:
    """`text.lower()`, or None where lower-casing could disagree with `re.IGNORECASE`."""
    if not text.isascii() and _UNSAFE.search(text):
        return None
    return text.lower()


def may_contain(lower: str | None, words: Iterable[str]) -> bool:
    """False only when `lower` (from `lowered`) holds none of `words`."""
    return lower is None or any(map(lower.__contains__, words))


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
