"""Extraction's components declare what they read and write, and keep to it."""

from __future__ import annotations

import dataclasses

import pytest

from tally.extract import extract
from tally.extract.dispatch import FOUND, components
from tally.models import Document, Figure, text_hash

DOC_FIELDS = {f.name for f in dataclasses.fields(Document)}
FIGURE_FIELDS = {f.name for f in dataclasses.fields(Figure)}


@pytest.mark.parametrize("language", ["en", "it", "de", "fr", "ar"])
def test_each_component_reads_only_what_is_there_before_it(language: str) -> None:
    assigned: set[str] = set()
    for c in components(language):
        for need in c.requires:
            if need.startswith("doc."):
                assert need[4:] in DOC_FIELDS, (c.name, need)
            else:
                assert need in assigned, f"{c.name} reads {need} before anyone assigns it"
        assert set(c.assigns) <= FIGURE_FIELDS, c.name
        assert "incident" not in c.assigns, f"{c.name}: the incident is linking's field"
        assigned |= set(c.assigns)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Gunmen stormed a bus station in the north on Sunday, killing 14 people and wounding "
            "30 others, police said. The gunman, identified as Tom Reed, was killed by officers. "
            "Seven children were among the victims.",
        ),
        (
            "fr",
            "Une explosion a fait au moins 12 morts et 40 blessés samedi à Lyon, selon la "
            "préfecture.",
        ),
    ],
)
def test_a_component_writes_only_the_fields_it_assigns(language: str, text: str) -> None:
    doc = Document(id=text_hash(text), text=text, kind="text", name="t", language=language)
    found: list[Figure] = []
    for c in components(language):
        before = found
        found = c.run(doc, found)
        if before and c.assigns != FOUND:  # a reader adds figures; the others only write fields
            assert len(found) == len(before), c.name
            for old, new in zip(before, found, strict=True):
                changed = {f for f in FIGURE_FIELDS if getattr(old, f) != getattr(new, f)}
                assert changed <= set(c.assigns), (c.name, changed)
    assert found


@pytest.mark.parametrize(
    "text",
    [
        "Three men were shot and a fourth was wounded by shrapnel.",
        "An 18-year-old man was shot in the leg. A 31-year-old man was also shot.",
        "Two men were killed and a third was wounded in the attack.",
    ],
)
def test_extraction_gives_one_figure_per_key(text: str) -> None:
    doc = Document(id=text_hash(text), text=text, kind="text", name="t.txt")
    keys = [f.key for f in extract(doc)]
    assert keys and len(keys) == len(set(keys))
