"""Numbers as news text writes them: digits, words, ranges and vague multiples.

`parse_number` reads one number ("1,275", "1.2 million", "two-hundred",
"one hundred and twelve"); `find_numbers` finds every number mention in a
text with its span, including ranges ("between 30 and 40", "five or six") and
multiples ("dozens", "tens of thousands"), which set their own qualifier.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from tally.words import NUMBER_WORDS, TENS

UNITS = NUMBER_WORDS

SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
MULTIPLES = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
    "millions": 1_000_000,
}

_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES, "dozen"], key=len, reverse=True))
_WORDNUM = rf"(?:a\s+)?(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_AFTER = r"(?:[\s-]+(?:hundred|thousand|million|billion)\b)?"
_SINGLE = rf"(?:(?:{_DIGITS}){_SCALE_AFTER}|\b{_WORDNUM}\b)"
_MULTIPLE = r"\b(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands|millions)\b"

_NUMBER_RE = re.compile(_SINGLE, re.I)
_VAGUE = r"\b(?:several|a\s+few|few|many)\s+(?:hundred|thousand|million|dozen)\b"
_MENTION_RE = re.compile(
    rf"(?P<vague>{_VAGUE})|(?P<half>\bhalf\s+a\s+million\b)"
    rf"|(?P<between>\bbetween\s+)?(?P<a>{_SINGLE})"
    rf"(?:(?P<sep>\s+(?:and|to|or)\s+|\s*[-–]\s*)(?P<b>{_SINGLE}))?"
    rf"|(?P<mult>{_MULTIPLE})",
    re.I,
)
_DIGIT_WORD = re.compile(
    rf"^(?P<num>{_DIGITS})[\s-]*(?P<scale>hundred|thousand|million|billion)?$", re.I
)


@dataclass(frozen=True)
class NumberMention:
    """A number (or range, or multiple) found in text, with its span."""

    start: int
    end: int
    value: int
    value_high: int | None = None
    qualifier: str | None = None
    """`range` or `multiples` when the mention itself sets it, else None."""


def parse_number(text: str) -> int | None:
    """The integer `text` writes ("1,275", "1.2 million", "Thirty-nine"), or None."""
    s = " ".join(text.strip().lower().replace("–", "-").split())
    if not s:
        return None
    m = _DIGIT_WORD.match(s)
    if m:
        digits = m.group("num").replace(",", "")
        scale = SCALES[m.group("scale").lower()] if m.group("scale") else 1
        try:
            if scale == 1:
                return None if "." in digits else int(digits)
            value = float(digits) * scale
        except ValueError:
            return None
        return round(value) if math.isfinite(value) else None
    return _parse_words(s)


def _parse_words(s: str) -> int | None:
    words = [w for w in re.split(r"[\s-]+", s) if w and w != "and"]
    if words and words[0] == "a":
        words[0] = "one"
    if not words:
        return None
    total = 0
    current = 0
    seen = False
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


_TOKEN = re.compile(r"\d+|[A-Za-z]+")
_TRIGGERS = frozenset(
    [*UNITS, *TENS, *SCALES, "dozen", "between", "several", "few", "many", "half"]
    + [w.split()[0] for w in MULTIPLES]
)


def _mentions(text: str) -> Iterator[re.Match[str]]:
    """`_MENTION_RE` matches, tried only where a number can start (a whole-text scan is slow)."""
    tokens = list(_TOKEN.finditer(text))
    done = 0
    for i, tok in enumerate(tokens):
        start = tok.start()
        if start < done:
            continue
        word = tok.group(0).lower()
        if not (
            word[0].isdigit()
            or word in _TRIGGERS
            or (word == "a" and i + 1 < len(tokens) and tokens[i + 1].group(0).lower() in _TRIGGERS)
        ):
            continue
        m = _MENTION_RE.match(text, start)
        if m and m.end() > start:
            done = m.end()
            yield m


def find_numbers(text: str) -> Iterator[NumberMention]:
    """Every number mention in `text`, left to right, with ranges and multiples resolved."""
    for m in _mentions(text):
        if m.group("vague"):
            scale = m.group("vague").split()[-1].lower()
            value = 12 if scale == "dozen" else SCALES[scale]
            yield NumberMention(m.start(), m.end(), value, None, "multiples")
            continue
        if m.group("half"):
            yield NumberMention(m.start(), m.end(), 500_000)
            continue
        if m.group("mult"):
            word = " ".join(m.group("mult").lower().split())
            yield NumberMention(m.start(), m.end(), MULTIPLES[word], None, "multiples")
            continue
        a = parse_number(m.group("a"))
        if a is None:
            continue
        b = parse_number(m.group("b")) if m.group("b") else None
        sep = (m.group("sep") or "").strip().lower()
        is_range = (
            b is not None
            and b > a
            and (
                (m.group("between") and sep == "and")
                or (sep in {"to", "-", "–"} and not re.search(r"\bfrom\s+$", text[: m.start()]))
                or (sep == "or" and b - a <= max(2, a // 5))
            )
        )
        if is_range:
            start = m.start("between") if m.group("between") else m.start("a")
            yield NumberMention(start, m.end(), a, b, "range")
            continue
        yield NumberMention(m.start("a"), m.end("a"), a)
        if m.group("b") and b is not None:
            yield NumberMention(m.start("b"), m.end("b"), b)
