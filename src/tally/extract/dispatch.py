"""Which components read a document, in order, by its language.

Extraction is an ordered list of declared components (as spaCy's `requires` and
`assigns`): each names the document or figure fields it reads and the figure
fields it writes, and a later component reads those fields, never the text again
for the same fact. English (and any language without data in `tally.lang`) is
read in two steps: the numerals (`extract.figures`), then the victims a text names
(`extract.victims`, merged with the numerals by `extract.victims_merge`, which needs
to know which numerals count the attackers); every language with data is read by
`extract.multilingual`. `extract.captives` reads the fate of people taken ("their bodies
were found"). Then `extract.attacker` decides whether a figure counts
the attackers, `extract.context` whether the words after it make it a part, and
`extract.source` whether its source is an authority.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tally.extract import attacker, captives, context, figures, runs, source
from tally.extract.multilingual import extract_language
from tally.extract.victims import count_victims
from tally.extract.victims_merge import combine
from tally.lang import SUPPORTED, load
from tally.models import Document, Figure

FOUND = (
    "category", "group", "value", "value_high", "qualifier", "attribution", "quote", "start",
    "end", "subset", "rule", "role",
)  # fmt: skip
"""The figure fields a reader assigns when it finds a figure (`incident` is linking's)."""


@dataclass(frozen=True)
class Component:
    """One step of extraction: what it reads, what it writes, and how."""

    name: str
    requires: tuple[str, ...]
    """Document fields (`doc.<name>`) and figure fields an earlier component assigns."""
    assigns: tuple[str, ...]
    """The figure fields it writes; it leaves every other field as it found it."""
    run: Callable[[Document, list[Figure]], list[Figure]]


NUMERALS = Component(
    "numerals", ("doc.text", "doc.furniture"), FOUND, lambda doc, _: figures.extract_numeric(doc)
)
VICTIMS = Component(
    "victims",
    ("doc.text", "doc.furniture", *FOUND),
    FOUND,
    lambda doc, found: combine(doc, found, attacker.of_victims(doc, count_victims(doc))),
)
LANGUAGE_READER = Component(
    "multilingual",
    ("doc.text", "doc.furniture", "doc.language", "doc.kind"),
    FOUND,
    lambda doc, _: extract_language(doc, load(doc.language)),
)
ATTACKER = Component("attacker", attacker.REQUIRES, attacker.ASSIGNS, attacker.by_role)
CONTEXT = Component("context", ("doc.text", *context.REQUIRES), context.ASSIGNS, context.by_context)
SOURCE = Component("source", source.REQUIRES, source.ASSIGNS, source.by_source)
RUNS = Component("runs", ("doc.text", *runs.REQUIRES), runs.ASSIGNS, runs.by_run)
CAPTIVES = Component(
    "captives", ("doc.text", *captives.REQUIRES), captives.ASSIGNS, captives.by_fate
)


def components(language: str) -> tuple[Component, ...]:
    """The components that read a document in `language`, in the order they run."""
    if language in SUPPORTED:
        return (LANGUAGE_READER, ATTACKER, CONTEXT, SOURCE)
    return (NUMERALS, ATTACKER, VICTIMS, CAPTIVES, CONTEXT, RUNS, SOURCE)


def extract(doc: Document) -> list[Figure]:
    """Every figure stated in `doc`'s text, outside page furniture, in text order."""
    found: list[Figure] = []
    for component in components(doc.language):
        found = component.run(doc, found)
    return one_per_key(found)


RUNNING = frozenset({"victim.ordinal", "num.running_total"})
"""Rules of a running total an ordinal tells ("a fourth victim was shot": the fourth)."""


def one_per_key(figures: list[Figure]) -> list[Figure]:
    """The figures with one per key (document, span, category: what the ledger and a
    correction know a statement by), in text order, so that what the ledger stores is what
    extraction returns: of two readings of one span the first, unless the other is the
    running total its ordinal tells (the spec's "a 13th service member died" is killed 13,
    and no figure of one)."""
    best: dict[str, Figure] = {}
    for f in figures:
        if f.key not in best or (f.rule in RUNNING and best[f.key].rule not in RUNNING):
            best[f.key] = f
    return [f for f in figures if best[f.key] is f]
