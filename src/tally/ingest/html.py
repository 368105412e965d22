"""HTML pages: main text and metadata via trafilatura.

The stored text of an HTML document is its extracted main text, headline
first: trafilatura drops navigation, sidebars, related lists and footers, and
whatever furniture survives inside the article body is marked as in plain text.
What a reader never sees is removed before that: `<textarea>`, `<noscript>`,
`<template>` and hidden elements (the `hidden` attribute, `aria-hidden="true"`,
`display: none` or `visibility: hidden` in their style).
"""

from __future__ import annotations

import html as html_lib
import re
from typing import TYPE_CHECKING

from tally.ingest.repair import clean_field, repair
from tally.ingest.text import PUBLISHER_CUE, find_date, furniture_spans
from tally.models import Document, Source, text_hash

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_TITLE_SEP = re.compile(r"\s+(?:\||—|–|-|::|·)\s+")
_TAG = re.compile(r"<[^<>]+>")
_H1 = (re.compile(r"<h1", re.I), re.compile(r"</h1>", re.I))
_TITLE = (re.compile(r"<title", re.I), re.compile(r"</title>", re.I))
_META = re.compile(r"<meta", re.I)
_UNSEEN_TAGS = ("textarea", "noscript", "template")
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
_SITE_NAME = re.compile(r"property=[\"']og:site_name[\"']", re.I)
_CONTENT = re.compile(r"content=[\"']([^\"'>]+)", re.I)


def parse_html(html: str, source: Source) -> Document:
    """A `Document` holding the page's main text (the stored text for HTML) and metadata."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is not None:
        _drop_unseen(tree)
    headline = _headline(html, tree)
    text = (
        trafilatura.extract(
            tree if tree is not None else html,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=False,
            deduplicate=False,
        )
        or ""
    )
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


def _headline(html: str, tree: HtmlElement | None = None) -> str | None:
    """The page's first (seen) `<h1>`, as text: gold quotes may come from it, so it is kept."""
    if tree is not None:
        h1 = next(tree.iter("h1"), None)
        text = " ".join(" ".join(h1.itertext()).split()) if h1 is not None else ""
    else:
        inner = _first_element(html, *_H1)
        text = " ".join(html_lib.unescape(_TAG.sub(" ", inner)).split()) if inner else ""
    return text if 0 < len(text) <= 300 else None


def _drop_unseen(tree: HtmlElement) -> None:
    """Remove what a reader never sees, keeping the text that follows each removed element."""
    unseen = [el for el in tree.iter() if isinstance(el.tag, str) and _unseen(el)]
    for el in unseen:
        if el.getparent() is not None:
            el.drop_tree()


def _unseen(el: HtmlElement) -> bool:
    tag = el.tag.lower()
    if tag in _UNSEEN_TAGS:
        return True
    if tag in ("html", "body"):
        return False
    if el.get("hidden") is not None:
        return True
    if (el.get("aria-hidden") or "").strip().lower() == "true" and tag not in ("main", "article"):
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _first_element(html: str, opening: re.Pattern[str], closing: re.Pattern[str]) -> str | None:
    """What the first `<tag ...>...</tag>` holds, in time linear in the page.

    Only the first opening can match: a later one ends its start tag at the same or
    a later `>` and so has no more closing tags after it (`<h1>` repeated 400,000
    times made the lazy regex quadratic).
    """
    start = opening.search(html)
    if not start:
        return None
    gt = html.find(">", start.end())
    if gt < 0:
        return None
    end = closing.search(html, gt + 1)
    return html[gt + 1 : end.start()] if end else None


def _iso(date: str) -> str | None:
    m = re.match(r"\d{4}-\d{2}-\d{2}", date)
    return m.group(0) if m else None


def _clean_author(author: str) -> str | None:
    name = re.split(r"\s*[·•|;]\s*", author.strip())[0].strip(" ;,")
    return name or None


def _raw_title(html: str) -> str | None:
    inner = _first_element(html, *_TITLE)
    return html_lib.unescape(inner).strip() if inner is not None else None


def _publisher(title: str | None, html: str) -> str | None:
    """The outlet's name from `og:site_name`, a "Headline | Outlet" title, or a © line."""
    site_name = _site_name(html)
    if site_name:
        return site_name
    if title:
        parts = _TITLE_SEP.split(title)
        if len(parts) >= 2 and 1 <= len(parts[-1].split()) <= 5:
            return parts[-1].strip()
    m = PUBLISHER_CUE.search(html_lib.unescape(_TAG.sub(" ", html[-5000:])))
    if m:
        return re.split(r"\.\s|\s+all rights", m.group("name").strip(" ."), flags=re.I)[0]
    return None


def _site_name(html: str) -> str | None:
    """`<meta property="og:site_name" content="...">`, in time linear in the page.

    Each `<meta` tag is read once up to its `>`; a `<meta` inside a tag already read
    is part of it, so a page of `<meta ` repeated without `>` is scanned once.
    """
    end = 0
    for m in _META.finditer(html):
        if m.start() < end:
            continue
        end = html.find(">", m.end())
        if end < 0:
            return None
        prop = _SITE_NAME.search(html, m.end(), end)
        if prop:
            content = _CONTENT.search(html, prop.end(), end)
            if content:
                return html_lib.unescape(content.group(1)).strip()
    return None
