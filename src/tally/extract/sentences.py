"""Sentences with their offsets, split by rule (no parser needed for news prose)."""

from __future__ import annotations

import re

_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")
_ABBREV = re.compile(
    r"(?:\b(?:[A-Za-z]\.){1,4}|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Cpt|Sen|Rep|Gov|St|Sgt|Jr|Sr|No|Nos"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|Inc|Co|Corp|Maj|Adm|Cmdr|Prof|Rev"
    r"|Mt|Ft|Pte|Cpl|Brig|Supt|Insp|Hon|approx|est)\.)$"
)

_ABBREV_REACH = 12
"""More characters than an `_ABBREV` match and the one before it span: only they need a look."""


def split_sentences(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each sentence of `text`; newlines always end a sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if (
            m.group(0).strip("\n")
            and "\n" not in m.group(0)
            and _ABBREV.search(text[max(start, m.start() - _ABBREV_REACH) : m.start()])
        ):
            continue
        _add(text, start, m.start(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
