"""Which extractor reads a document: by its language.

English (and any language without data in `tally.lang`) is read by
`extract.figures`; every language with data by `extract.multilingual`.
"""

from __future__ import annotations

from tally.extract import figures
from tally.extract.context import by_context
from tally.extract.multilingual import extract_language
from tally.lang import SUPPORTED, load
from tally.models import Document, Figure


def extract(doc: Document) -> list[Figure]:
    """Every figure stated in `doc`'s text, outside page furniture, in text order."""
    if doc.language in SUPPORTED:
        found = extract_language(doc, load(doc.language))
    else:
        found = figures.extract(doc)
    return by_context(doc, found)
