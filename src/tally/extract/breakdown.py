"""Counts that lean on another count: breakdowns of a total, counts referred back to, ranges.

"Of the injured, 16 were children, 46 women" breaks a total down: the numbers
after it count part of that total, in its category. "Of those, 111 needed
treatment" takes the category of the figure before. "Nine were children"
right after a breakdown goes on with it. "the 207 they reported", "against 450
in their count" refer back to a count of the figure they are compared with.
"ranged from 230 to as many as 520" is one range; "from at least 30 to 42" is
two counts, not a range.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tally.extract.numbers import NumberMention
from tally.extract.vocab import english

_VOCAB = english()
_TOTAL = re.compile(
    r"^[\"“]?(?:Of|Among)\s+(?:(?:the|these|those|its|their|all)\s+)?(?:[\d,]+\s+)?"
    r"(?:[a-z-]+\s+){0,2}?(?P<noun>" + _VOCAB.alternation(frozenset(_VOCAB.total_nouns)) + r")\b"
    r"(?:(?!\b(?:were|was|are|is|includ\w*)\b)[^,;.]){0,60},\s*",
    re.I,
)
_NOT_HARMED = re.compile(
    rf"^(?:(?!\band\b)[^.;,]){{0,40}}?\b(?:{'|'.join(_VOCAB.not_harmed_after)})\b", re.I
)
_IDENTIFIED = re.compile(
    r"^\s+(?:of\s+(?:them|whom)\s+)?(?:have|has|had)?\s*(?:been|were|was|are)\s+(?:\w+ly\s+)?"
    r"(?:identified|named|buried|recovered|claimed|exhumed|returned\s+to\s+their\s+families)\b",
    re.I,
)
_RANGE_JOIN = re.compile(r"^\s+to\s+(?:as\s+many\s+as|up\s+to)\s+$", re.I)
_RANGE_FROM = re.compile(r"\b(?:rang(?:ed|es|ing)|var(?:ied|ies|ying))\s+from\s+$", re.I)
_FROM_QUALIFIED = re.compile(
    r"\bfrom\s+(?:at\s+least|more\s+than|over|about|around|some|nearly|almost|roughly)\s+$", re.I
)
_RANGE_PARTS = re.compile(r"^(?P<a>.+?)\s+to\s+(?P<b>.+)$", re.S)


def total_of(sentence: str, carry_category: str | None) -> str | None:
    """The category of the total a sentence opens by breaking down ("Of the dead, ..."), or None.

    A total named by a pronoun ("Of those, ...") is the category of the figure before.
    """
    m = _TOTAL.match(sentence)
    if not m:
        return None
    return _VOCAB.total_nouns[m.group("noun").lower()] or carry_category


def total_end(sentence: str) -> int:
    """Where the opening "Of the dead, " of a breakdown ends (0 when there is none)."""
    m = _TOTAL.match(sentence)
    return m.end() if m else 0


def not_harmed(after: str) -> bool:
    """True when the words after a number say its people came to no harm ("found safe")."""
    return bool(_NOT_HARMED.match(after))


def identified(after: str) -> bool:
    """True for "... have been identified / named / buried": part of the dead, named later."""
    return bool(_IDENTIFIED.match(after))


def join_ranges(sentence: str, nums: list[NumberMention]) -> list[NumberMention]:
    """Numbers with prose ranges read as ranges and counts compared "from ... to" kept apart."""
    out: list[NumberMention] = []
    for n in nums:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.value_high is None
            and prev.qualifier is None
            and n.qualifier is None
            and n.value > prev.value
            and _RANGE_JOIN.match(sentence[prev.end : n.start])
            and _RANGE_FROM.search(sentence[: prev.start])
        ):
            out[-1] = NumberMention(prev.start, n.end, prev.value, n.value, "range")
            continue
        if n.qualifier == "range" and _FROM_QUALIFIED.search(sentence[: n.start]):
            parts = _split_range(sentence, n)
            if parts:
                out.extend(parts)
                continue
        out.append(n)
    return out


def _split_range(sentence: str, n: NumberMention) -> list[NumberMention] | None:
    m = _RANGE_PARTS.match(sentence[n.start : n.end])
    if not m or n.value_high is None:
        return None
    a = NumberMention(n.start, n.start + m.end("a"), n.value)
    b = NumberMention(n.start + m.start("b"), n.end, n.value_high)
    return [replace(a), replace(b)]
