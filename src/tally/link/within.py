"""Within a document: the article's main incident and the background ones it mentions."""

from __future__ import annotations

import dataclasses

from tally.models import Document, Figure, LocalIncident

MAIN = "main"


def link_within(doc: Document, figures: list[Figure]) -> tuple[list[Figure], list[LocalIncident]]:
    """Give each figure a document-local incident key and describe those local incidents."""
    figures = [dataclasses.replace(f, incident=MAIN) for f in figures]
    return figures, [LocalIncident(doc_id=doc.id, key=MAIN, published=doc.published)]
