"""Text helpers for linking: sentences with offsets, the headline and the lead."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tally.models import Document

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "gov",
    "sen",
    "rep",
    "st",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.n",
    "jr",
    "sr",
    "inc",
    "corp",
    "co",
    "ft",
    "mt",
    "vs",
    "approx",
    "n.y",
    "d.c",
}
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")


_MENU = re.compile(r"\s(?:\||>|›|»|/|•)\s|^(?:by|published|updated)\b", re.I)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: its span and text."""

    start: int
    end: int
    text: str


def sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences (and lines), keeping offsets; abbreviations do not split."""
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] != "\n":
            word = text[max(start, m.start() - 12) : m.start()].split()[-1:] or [""]
            token = word[0].rstrip(".").lower()
            if token in _ABBREV or re.fullmatch(r"[A-Za-z]", token):
                continue
        _add(out, text, start, m.start())
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def sentence_at(sents: list[Sentence], pos: int) -> int:
    """The index of the sentence holding character `pos` (the nearest one before it)."""
    lo, hi = 0, len(sents) - 1
    best = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if sents[mid].start <= pos:
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    return best


def lead(doc: Document, sents: list[Sentence], limit: int = 6) -> tuple[str, list[Sentence]]:
    """The headline and the first sentences of the article body, outside page furniture.

    The headline is the document's title where known, else its first line that
    reads like one; the lead is the first `limit` sentences of 60+ characters.
    """
    body = [s for s in sents if not doc.in_furniture(s.start, s.end)]
    headline = doc.title or ""
    if not headline:
        for s in body[:6]:
            if (
                20 <= len(s.text) <= 160
                and not s.text.endswith(".")
                and " " in s.text
                and not _MENU.search(s.text)
            ):
                headline = s.text
                break
    first = [s for s in body if len(s.text) >= 60 and s.text != headline]
    return headline, first[:limit]
