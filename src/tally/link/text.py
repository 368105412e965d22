"""Text helpers for linking: sentences with offsets, the headline and the lead."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tally.link import gazetteer
from tally.link.where import DATELINE
from tally.models import Document

_MENU = re.compile(r"\s(?:\||>|›|»|/|•)\s|^(?:by|published|updated)\b", re.I)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: its span and text."""

    start: int
    end: int
    text: str


def sentences(doc: Document) -> list[Sentence]:
    """`doc` in sentences (and lines) with offsets: the extractor's (`document_sentences`).

    Split as English whatever the document's language: the cues and places linking reads
    are English rules, measured on English sentences (the language's own sentences lose
    the Mariupol theatre's place on `multilingual`, B3 0.91 -> 0.90).
    """
    from tally.extract.sentences import document_sentences  # here: `tally.extract` loads patterns

    return [Sentence(s, e, doc.text[s:e]) for s, e in document_sentences(doc, "en")]


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
    reads like one; the lead is the first `limit` sentences of 60+ characters, from the
    story's dateline where one of them opens with it.
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
    filed = next((s.start for s in body[: limit * 3] if _filed(doc.text, s.start)), 0)
    if filed and any(s.start < filed for s in first[:limit]):
        first = [s for s in first if s.start >= filed]
    return headline, first[:limit]


def _filed(text: str, at: int) -> bool:
    """Whether the text at `at` opens with a dateline naming a known place and its state
    ("ROSAMOND, Calif. -"): the story starts there, and what a page shows above it (a
    gallery's captions, a video's blurb) is not its lead."""
    m = DATELINE.match(text, at)
    return bool(m and m.group("s") and any(gazetteer.places(m.group("p").strip().title())))
