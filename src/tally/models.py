"""Plain data that flows between the pipeline stages.

Every stage takes and returns these frozen dataclasses; only `store` turns them
into rows and back. Field names follow `shared/spec/FIGURES.md`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

Category = Literal["killed", "injured", "missing", "captured", "displaced"]
Group = Literal["people", "civilians", "combatants", "women", "men", "children", "elderly"]
Role = Literal["victim", "perpetrator"]
ConflictKind = Literal["revision", "dispute"]
Qualifier = Literal[
    "exact", "at_least", "more_than", "at_most", "fewer_than", "about", "range", "multiples"
]

MAX_VALUE = 10**10
"""The largest figure a count of people can be (above the world's population): larger
numbers are not figures, and reviewers cannot enter them."""
CATEGORIES: tuple[str, ...] = ("killed", "injured", "missing", "captured", "displaced")
GROUPS: tuple[str, ...] = (
    "people",
    "civilians",
    "combatants",
    "women",
    "men",
    "children",
    "elderly",
)
QUALIFIERS: tuple[str, ...] = (
    "exact",
    "at_least",
    "more_than",
    "at_most",
    "fewer_than",
    "about",
    "range",
    "multiples",
)


_ARCHIVED = re.compile(r"^https?://(?:web\.)?archive\.org/web/[^/]+/(.+)$", re.I)


def outlet(publisher: str | None, url: str | None) -> str | None:
    """The name a source goes by: its publisher, else the host of its URL (of the archived
    page for a web-archive URL), without `www.`; None when neither is known."""
    if publisher:
        return publisher
    if not url:
        return None
    archived = _ARCHIVED.match(url)
    if archived:
        url = archived.group(1)
        if "://" not in url:
            url = "http://" + url
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return host or None


def text_hash(text: str) -> str:
    """The id of a document: a hash of its stored text, so the same text is stored once."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Source:
    """One input as the user named it: a file, a URL, or a manifest line."""

    name: str
    """What the user called it: a path as given, or a URL. Exported as `doc`."""
    path: str | None = None
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    title: str | None = None
    language: str | None = None
    """ISO 639-1 code the user gave (manifest `language`); None: detected from the text."""


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range `[start, end)` of a document's stored text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """A document as stored: its text, what we know about it, and where it came from."""

    id: str
    text: str
    kind: Literal["text", "html"]
    name: str
    """The name it first arrived under (a path or URL as the user gave it)."""
    url: str | None = None
    title: str | None = None
    published: str | None = None
    """ISO date `YYYY-MM-DD` where known."""
    publisher: str | None = None
    byline: str | None = None
    furniture: tuple[Span, ...] = ()
    """Page furniture (menus, related-story lists, promos): kept in the text, marked here."""
    language: str = "en"
    """ISO 639-1 code of the text's language: detected, or as the user gave it."""
    source_hash: str | None = None
    """Hash of the bytes as they arrived, where the stored text was repaired from them."""
    repairs: tuple[str, ...] = ()
    """What was repaired to make the stored text (for example "mojibake"), in order."""

    def in_furniture(self, start: int, end: int) -> bool:
        """True when `[start, end)` overlaps marked page furniture."""
        return bool(self.furniture) and any(s.start < end and start < s.end for s in self.furniture)


@dataclass(frozen=True, slots=True)
class Citation:
    """What a figure is cited by: its document under one name it arrived under."""

    name: str
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    """The publisher the page or manifest names, else the URL's host (`outlet`)."""
    title: str | None = None
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Figure:
    """One stated number of harmed people, grounded in its document's text."""

    doc_id: str
    category: Category
    group: Group
    value: int
    value_high: int | None
    qualifier: Qualifier
    attribution: str | None
    quote: str
    start: int
    end: int
    subset: bool = False
    incident: str | None = None
    """The incident it counts: a document-local key after extraction, a ledger id after linking."""
    rule: str | None = None
    """Id of the extraction rule that produced it (`make eval` scores each rule)."""
    role: Role = "victim"
    """Whether it counts victims or perpetrators (attackers who died count in totals)."""
    official: bool = False
    """Whether its attribution names an authority (police, a ministry): `extract.source`."""
    source_key: str | None = None
    """Who the number comes from, normalised from its attribution (`extract.source`): two
    statements with one key are one origin however many outlets repeat them; None for a
    document's own voice."""
    part_of: str | None = None
    """The span `start-end` of the run of counts this figure is one term of ("two soldiers
    and three civilians were killed": 5), set by `extract.runs`; totals add a run's terms."""

    @property
    def key(self) -> str:
        """A stable identity for this statement: the document hash and its span.

        Corrections are keyed by it, so they survive re-ingesting the same text.
        """
        return f"{self.doc_id}:{self.start}-{self.end}:{self.category}"


@dataclass(frozen=True, slots=True)
class Incident:
    """One real-world event (or a wider conflict) that figures count."""

    id: str
    name: str | None = None
    type: str | None = None
    date: str | None = None
    date_prec: int | None = None
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    where_prec: int | None = None
    background: bool = False
    """A wider conflict or past incident mentioned in passing, not an article's subject."""


@dataclass(frozen=True, slots=True)
class LocalIncident:
    """An incident as one document describes it, before linking across documents.

    Within-document linking (per document, in the parallel stage) produces these;
    cross-document linking clusters them into ledger `Incident`s.
    """

    doc_id: str
    key: str
    """Document-local key that the document's figures carry in `Figure.incident`."""
    name: str | None = None
    type: str | None = None
    date: str | None = None
    date_prec: int | None = None
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    where_prec: int | None = None
    background: bool = False
    published: str | None = None
    cues: tuple[str, ...] = ()
    """Words that identify it for cross-document linking (names, places, years)."""


@dataclass(frozen=True, slots=True)
class Statement:
    """A figure as reconciliation sees it: with its document's date, source and language."""

    figure: Figure
    published: str | None
    publisher: str | None
    doc_name: str
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Reconciled:
    """The reconciled view of one incident's (category, group)."""

    category: str
    group: str
    low: int | None
    best: int | None
    high: int | None
    values: tuple[int, ...]
    documents: int
    origins: int
    conflict: bool
    why: str
    """Why `best` was chosen, in a sentence a reviewer can check."""
    timeline: tuple[tuple[str | None, int, str], ...] = ()
    """(published date, that day's best, the statement's own words) in date order: how the
    figure moved, as stated ("hundreds", not the 200 its interval starts at)."""
    statements: tuple[Statement, ...] = field(default=(), repr=False)
    conflict_kind: ConflictKind | None = None
    """For a conflict: `revision` (the toll moved and the statements that stand agree) or
    `dispute` (they still disagree)."""
    superseded: frozenset[str] = frozenset()
    """Keys of the statements a later report raised: history, not a credible low."""


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a headline total: a group's best (or a report's sum of parts), with why."""

    label: str
    value: int
    low: int
    high: int
    why: str


@dataclass(frozen=True, slots=True)
class Total:
    """The headline total of one category, decided from the reconciled rows, with reasons.

    `best` is the sum of `terms` (disjoint groups) kept within what the rows allow:
    no lower than any row's low, no higher than all rows' highs together.
    """

    category: str
    best: int
    low: int
    high: int
    why: str
    terms: tuple[Term, ...] = ()
    set_aside: tuple[Statement, ...] = field(default=(), repr=False)
    """Statements that claimed more than the total (another event's, an aggregate's)."""
