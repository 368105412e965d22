"""A small ledger written for the web tests: three articles about one fire, one of them hostile.

Figures are stored as the extractor would store them (real spans of the real
text), so the pages are tested on the ledger's data model whatever the
extractor finds today; linking and reconciliation run for real.
"""

from __future__ import annotations

from pathlib import Path

from tally.models import Document, Figure, LocalIncident, text_hash
from tally.pipeline import relink
from tally.store import Ledger

HOSTILE = 'Witnesses posted <script>__pwned = 1</script> and <img src=x onerror="__pwned = 2"> as '

ARTICLES = [
    (
        "gazette.txt",
        "2024-03-01",
        "Harbour Gazette",
        "Warehouse fire in Port Elvar\n\nA fire at a textile warehouse in Port Elvar killed "
        "41 people on Monday, the fire brigade said. Among the dead were 12 women. "
        "Another 30 people were injured and taken to the city hospital.",
        [
            ("killed 41 people", "killed", "people", 41, "exact", "the fire brigade"),
            ("12 women", "killed", "women", 12, "exact", None),
            ("30 people were injured", "injured", "people", 30, "exact", None),
        ],
    ),
    (
        "radio.txt",
        "2024-03-03",
        "Coast Radio",
        "Port Elvar fire toll rises\n\nThe death toll from the Port Elvar warehouse fire rose "
        "to 45, including 16 women, according to the city council. At least 28 people were "
        "hurt.",
        [
            (
                "death toll from the Port Elvar warehouse fire rose to 45",
                "killed",
                "people",
                45,
                "exact",
                "the city council",
            ),
            ("16 women", "killed", "women", 16, "exact", "the city council"),
            ("At least 28 people were hurt", "injured", "people", 28, "at_least", None),
        ],
    ),
    (
        "hostile.txt",
        "2024-03-02",
        "Evening Courier",
        "Port Elvar mourns\n\n" + HOSTILE + "the fire in Port Elvar killed 43 people, "
        "officials said.",
        [("killed 43 people", "killed", "people", 43, "exact", "officials")],
    ),
]


def build(path: str | Path) -> str | Path:
    """Write the ledger to `path` (an SQLite file or a PostgreSQL URL), relinked; return it."""
    with Ledger(path) as led:
        for name, published, publisher, text, figures in ARTICLES:
            doc = Document(
                id=text_hash(text),
                text=text,
                kind="text",
                name=name,
                title=text.split("\n", 1)[0],
                published=published,
                publisher=publisher,
            )
            figs = []
            for quote, category, group, value, qualifier, attribution in figures:
                start = text.index(quote)
                figs.append(
                    Figure(
                        doc.id,
                        category,
                        group,
                        value,
                        None,
                        qualifier,
                        attribution,
                        quote,
                        start,
                        start + len(quote),
                        incident="main",
                    )
                )
            local = LocalIncident(
                doc_id=doc.id,
                key="main",
                name="Port Elvar warehouse fire",
                type="fire",
                date="2024-02-26",
                date_prec=1,
                place="Port Elvar",
                country="NZ",
                lat=-41.3,
                lon=174.8,
                where_prec=1,
                published=published,
                cues=("port elvar", "warehouse", "fire"),
            )
            led.add_document(doc, figs, [local])
        relink(led)
    return path
