"""HTML pages: main text with its headline, metadata, and no sidebars or footers."""

from __future__ import annotations

from tally.extract import extract
from tally.ingest.html import parse_html
from tally.models import Source

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Thousands flee as river bursts its banks | Valley Courier</title>
<meta property="article:published_time" content="2024-05-12T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Thousands flee as river bursts its banks</h1>
<p class="byline">By Tomas Vega</p>
<p>More than 4,000 people fled their homes on Sunday after the river burst its banks
near the town of Alder, the regional emergency service said.</p>
<p>Two people drowned when their car was swept off a bridge, police said. Crews worked
through the night to reinforce levees upstream of the town centre.</p>
<p>The emergency service said shelters in three schools were open to anyone who needed a
bed, and asked residents to keep away from the water.</p>
</article>
<aside><h2>Most read</h2><ol>
<li>Storm kills 80 along the coast</li>
<li>Drought: 2 million face hunger</li>
</ol></aside>
<footer><p>&copy; 2024 Valley Courier. All rights reserved.</p></footer>
</body></html>
"""


def test_main_text_keeps_the_headline_and_drops_sidebars() -> None:
    doc = parse_html(PAGE, Source(name="p.html", path="p.html"))
    assert doc.kind == "html"
    assert doc.text.startswith("Thousands flee as river bursts its banks")
    assert "More than 4,000 people fled" in doc.text
    assert "Storm kills 80" not in doc.text
    assert "Home" not in doc.text.split("\n")[0:1]
    assert "All rights reserved" not in doc.text


def test_metadata_from_the_page() -> None:
    doc = parse_html(PAGE, Source(name="p.html", path="p.html"))
    assert doc.published == "2024-05-12"
    assert doc.publisher == "Valley Courier"
    assert doc.title and "Thousands flee" in doc.title


def test_source_metadata_wins() -> None:
    doc = parse_html(PAGE, Source(name="p.html", published="2024-05-13", publisher="Wire"))
    assert (doc.published, doc.publisher) == ("2024-05-13", "Wire")


def test_figures_come_from_the_article_only() -> None:
    doc = parse_html(PAGE, Source(name="p.html"))
    got = {(f.category, f.value, f.qualifier) for f in extract(doc)}
    assert ("displaced", 1000, "multiples") in got
    assert ("displaced", 4000, "more_than") in got
    assert all(f.value not in (80, 2_000_000) for f in extract(doc))
    for f in extract(doc):
        assert doc.text[f.start : f.end] == f.quote


def test_a_headline_outside_the_article_is_kept() -> None:
    page = PAGE.replace("<article>\n<h1>Thousands flee as river bursts its banks</h1>", "<article>")
    page = page.replace(
        "<body>", "<body><header><h1>Thousands flee as river bursts its banks</h1></header>"
    )
    doc = parse_html(page, Source(name="p.html"))
    assert doc.text.startswith("Thousands flee as river bursts its banks")
