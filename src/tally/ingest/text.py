"""Plain-text articles: the text as stored, its metadata, and its page furniture."""

from __future__ import annotations

from tally.models import Document, Source, text_hash


def parse_text(text: str, source: Source) -> Document:
    """A `Document` for a plain-text article; the text is stored unchanged so offsets hold."""
    return Document(
        id=text_hash(text),
        text=text,
        kind="text",
        name=source.name,
        url=source.url,
        title=source.title,
        published=source.published,
        publisher=source.publisher,
    )
