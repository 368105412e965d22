"""Find figures in a document's text (placeholder rules; see the extract package)."""

from __future__ import annotations

import re

from tally.extract.victims import count_victims
from tally.models import Document, Figure

_PATTERN = re.compile(r"\b(\d[\d,]*) (?:people )?(killed|dead|injured|wounded)\b")
_CATEGORY = {"killed": "killed", "dead": "killed", "injured": "injured", "wounded": "injured"}


def extract(doc: Document) -> list[Figure]:
    """Every figure stated in `doc`'s text, outside page furniture, in text order."""
    out = []
    for m in _PATTERN.finditer(doc.text):
        if doc.in_furniture(m.start(), m.end()):
            continue
        out.append(
            Figure(
                doc_id=doc.id,
                category=_CATEGORY[m.group(2)],
                group="people",
                value=int(m.group(1).replace(",", "")),
                value_high=None,
                qualifier="exact",
                attribution=None,
                quote=m.group(0),
                start=m.start(),
                end=m.end(),
            )
        )
    return out
