"""HTML pages: main text and metadata via trafilatura."""

from __future__ import annotations

from tally.models import Document, Source, text_hash


def parse_html(html: str, source: Source) -> Document:
    """A `Document` holding the page's main text (the stored text for HTML) and metadata."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    return Document(
        id=text_hash(text),
        text=text,
        kind="html",
        name=source.name,
        url=source.url,
        title=source.title,
        published=source.published,
        publisher=source.publisher,
    )
