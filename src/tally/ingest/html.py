"""HTML pages: main text and metadata via trafilatura.

The stored text of an HTML document is its extracted main text, headline
first: trafilatura drops navigation, sidebars, related lists and footers, and
whatever furniture survives inside the article body is marked as in plain text.
"""

from __future__ import annotations

import html as html_lib
import re

from tally.ingest.repair import clean_field, repair
from tally.ingest.text import PUBLISHER_CUE, find_date, furniture_spans
from tally.models import Document, Source, text_hash

_TITLE_SEP = re.compile(r"\s+(?:\||—|–|-|::|·)\s+")
_TAG = re.compile(r"<[^>]+>")


def parse_html(html: str, source: Source) -> Document:
    """A `Document` holding the page's main text (the stored text for HTML) and metadata."""
    import trafilatura

    text = (
        trafilatura.extract(
            html,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=False,
            deduplicate=False,
        )
        or ""
    )
    headline = _headline(html)
    if headline and headline not in text[: len(headline) + 300]:
        text = f"{headline}\n{text}" if text else headline
    fixed = repair(text)
    text = fixed.text
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta and meta.title else None
    published = _iso(meta.date) if meta and meta.date else None
    publisher = meta.sitename if meta and meta.sitename else None
    byline = _clean_author(meta.author) if meta and meta.author else None
    raw_title = _raw_title(html)
    if not publisher:
        publisher = _publisher(raw_title, html)
    if not published:
        published = find_date(text[:700])
    return Document(
        id=text_hash(text),
        text=text,
        kind="html",
        name=source.name,
        url=source.url,
        title=source.title or clean_field(title or raw_title),
        published=source.published or published,
        publisher=source.publisher or clean_field(publisher),
        byline=clean_field(byline),
        furniture=tuple(furniture_spans(text)),
        repairs=fixed.repairs,
    )


def _headline(html: str) -> str | None:
    """The page's first `<h1>`, as text: gold quotes may come from it, so it must be kept."""
    m = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.I | re.S)
    if not m:
        return None
    text = " ".join(html_lib.unescape(_TAG.sub(" ", m.group(1))).split())
    return text if 0 < len(text) <= 300 else None


def _iso(date: str) -> str | None:
    m = re.match(r"\d{4}-\d{2}-\d{2}", date)
    return m.group(0) if m else None


def _clean_author(author: str) -> str | None:
    name = re.split(r"\s*[·•|;]\s*", author.strip())[0].strip(" ;,")
    return name or None


def _raw_title(html: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    return html_lib.unescape(m.group(1)).strip() if m else None


def _publisher(title: str | None, html: str) -> str | None:
    """The outlet's name from `og:site_name`, a "Headline | Outlet" title, or a © line."""
    m = re.search(
        r"<meta[^>]+property=[\"']og:site_name[\"'][^>]+content=[\"']([^\"']+)", html, re.I
    )
    if m:
        return html_lib.unescape(m.group(1)).strip()
    if title:
        parts = _TITLE_SEP.split(title)
        if len(parts) >= 2 and 1 <= len(parts[-1].split()) <= 5:
            return parts[-1].strip()
    m = PUBLISHER_CUE.search(html_lib.unescape(_TAG.sub(" ", html[-5000:])))
    if m:
        return re.split(r"\.\s|\s+all rights", m.group("name").strip(" ."), flags=re.I)[0]
    return None
