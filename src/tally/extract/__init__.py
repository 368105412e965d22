"""Extract: every casualty figure a document states, with its quote and offsets."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tally.models import Document, Figure


def extract(doc: Document) -> list[Figure]:
    """Every figure stated in `doc`'s text, read by the extractor for its language."""
    from tally.extract.dispatch import extract as by_language  # lang data imports extract.numbers

    return by_language(doc)


__all__ = ["extract"]
