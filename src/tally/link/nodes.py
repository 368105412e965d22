"""Local incidents as cross-document linking sees them (`Node`), and the thresholds it uses.

A node keeps a local incident without its cues, its date interval, and its cues split
into small tuples of pooled strings: a ledger holds hundreds of thousands of them.
"""

from __future__ import annotations

import dataclasses
import math
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from tally.link.dates import WEEKDAYS, parse_iso
from tally.models import LocalIncident
from tally.words import MONTHS

BIG_BLOCK = 200
BIG_CITY = 300_000
"""Above this population a shared city is weaker evidence: many incidents happen there each day."""
TOWN = 100_000
"""Below this population a place is a town: two events of one type there on one day are
rare, so reports that tell them are one (`evidence._same_day_count`)."""
SLOW_TYPES = {"flood", "conflict", "drought", "famine", "epidemic"}
SLOW_SLACK_DAYS = 120
THRESHOLD = 3
MASS_CASUALTY = 50
"""Two events of one type, each with this many killed or injured, on one day in one place are one."""
NEAR_KM = 25
RARE_SHARE = 1 / 400
"""A proper name in more than this share of local incidents (at least `RARE_MIN`) is a
city, an agency or a stock phrase, not a name that identifies one incident."""
RARE_MIN = 6
MAX_SPAN_DAYS = 4
"""A cluster's day-precise dates may span this much (reports differ by a day or two)."""
DATE_SLACK_DAYS = 1
"""Reports date the same event a day apart (late at night, "on Saturday" vs "overnight")."""
LASTING_TOLL = 10
"""Follow-ups weeks or years later (an inquiry, a revised toll, an anniversary) are written
about events this deadly; only such reports may link across distant dates (`_lasting`)."""
TYPE_PENALTY = 1
"""Reports call one event a fire and an explosion, an attack and a shooting, an air strike
and a bombing: the type is evidence, never a veto."""
STREET_PENALTY = 2
"""Two reports of one city and days that each name streets and share none: two places."""
_STREETS = tomllib.loads(Path(__file__).with_name("streets.toml").read_text(encoding="utf-8"))
STREET_LAST, STREET_FIRST = (frozenset(_STREETS[k]) for k in ("last", "first"))
STREET_SHORT: dict[str, str] = _STREETS["short"]
COMPASS = frozenset(_STREETS["compass"])
_WHEN = frozenset(WEEKDAYS) | (frozenset(MONTHS) - {"may"})
"""Words a capitalised phrase runs into after a street's name ("Payson Street Monday"): a
weekday or a month ("may" ends names)."""


@dataclass(slots=True)
class Node:
    """One local incident as linking sees it, kept small: a ledger holds hundreds of
    thousands. Its cues are split into tuples of pooled strings (tuples of a few items are
    a tenth the size of sets; one string object per distinct word)."""

    li: LocalIncident
    """Without its cues."""
    lo: date | None
    hi: date | None
    places: tuple[str, ...] = ()
    geo: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    figs: tuple[str, ...] = ()
    population: int = 0
    conflict: bool = False
    rare_words: tuple[str, ...] = ()
    rare_figs: tuple[str, ...] = ()
    """The words and figures rare enough in the ledger to identify an incident (`mark_rare`)."""
    lo_day: int = 0
    hi_day: int = 0
    toll: int = 0
    """The largest killed or injured figure: a mass-casualty event is rare enough to identify."""
    streets: tuple[str, ...] = ()
    """The words that name streets (`is_street`), rare or not."""
    alone: bool = False
    """A background that links to no other document's (`within._TALLY`)."""
    outlet: str = ""
    home: str = ""
    """The US state the report is sure of, a vote for its outlet's home (`link.home`)."""
    towns: tuple[str, ...] | None = None
    """Of a report unsure of its state, the towns its outlet's home may place it in."""


def interval(value: str | None, prec: int | None) -> tuple[date | None, date | None]:
    if not value:
        return None, None
    parts = value.split("/")

    def bound(s: str, end: bool) -> date | None:
        if len(s) == 4 and s.isdigit():
            return date(int(s), 12, 31) if end else date(int(s), 1, 1)
        if len(s) == 7:
            d = parse_iso(s + "-01")
            if d and end:
                nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
                return nxt - timedelta(days=1)
            return d
        return parse_iso(s)

    return bound(parts[0], False), bound(parts[-1], True)


_POOLED = ("key", "name", "type", "date", "place", "admin1", "country", "published", "lat", "lon")


def node(li: LocalIncident, pool: dict | None = None) -> Node:
    """A node for `li`; equal strings, dates and day numbers share one object through `pool`."""
    intern = (pool if pool is not None else {}).setdefault
    lo, hi = (d if d is None else intern(d, d) for d in interval(li.date, li.date_prec))
    n = Node(li, lo, hi, conflict="kind:conflict" in li.cues, alone="kind:tally" in li.cues)
    places: set[str] = set()
    geo: set[str] = set()
    words: set[str] = set()
    figs: set[str] = set()
    for cue in li.cues:
        kind, _, value = cue.partition(":")
        if kind == "place":
            places.add(value)
        elif kind == "geo":
            geo.add(value)
        elif kind == "w":
            words.add(word_form(value))
        elif kind == "fig":
            figs.add(value)
            category, _, number = value.rpartition(":")
            if category.startswith(("killed:", "injured:")) and number.isdigit():
                n.toll = max(n.toll, int(number))
        elif kind == "pop" and value.isdigit():
            n.population = max(n.population, int(value))
        elif kind == "outlet":
            n.outlet = intern(value, value)
        elif kind == "home":
            n.home = intern(value, value)
        elif kind == "where":
            n.towns = n.towns or ()
        elif kind == "town":
            n.towns = (*(n.towns or ()), value)
    if li.place:
        places.add(li.place.lower())
    words -= places | {fold(p) for p in places}
    n.places, n.geo, n.words, n.figs = (
        tuple(intern(v, v) for v in sorted(group)) for group in (places, geo, words, figs)
    )
    n.rare_words, n.rare_figs = n.words, n.figs
    n.streets = tuple(w for w in n.words if is_street(w))
    n.li = dataclasses.replace(
        li,
        cues=(),
        doc_id=intern(li.doc_id, li.doc_id),
        **{f: intern(v, v) for f in _POOLED if isinstance(v := getattr(li, f), str | float)},
    )
    if lo and hi:
        n.lo_day, n.hi_day = (intern(day, day) for day in (lo.toordinal(), hi.toordinal()))
    return n


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Without diacritics ("sāmba" → "samba"): a report's spelling of the gazetteer's name."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@lru_cache(maxsize=65536)
def word_form(word: str) -> str:
    """A proper name as linking compares it: a street's name without the weekday or month its
    phrase ran into ("Payson Street Monday"), its abbreviation spelled out and its compass
    word dropped ("N. Walnut St" and "Walnut Street" are one street; `same_street` also
    counts them one). Other names keep their days ("Easter Sunday")."""
    parts = word.split()
    end = len(parts)
    while end > 1 and parts[end - 1] in _WHEN:
        end -= 1
    if end < 2:
        return word
    last = parts[end - 1].rstrip(".")
    last = STREET_SHORT.get(last, last)
    if last not in STREET_LAST and last not in STREET_SHORT.values():
        return word
    street = [*parts[: end - 1], last]
    if len(street) > 2 and street[0].rstrip(".") in COMPASS:
        street.pop(0)
    return " ".join(street)


def is_street(word: str) -> bool:
    """Whether a proper name names a street ("south wabash avenue", "rue de rivoli")."""
    parts = word.replace(".", " ").split()
    return len(parts) > 1 and (parts[-1] in STREET_LAST or parts[0] in STREET_FIRST)


def same_street(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two reports' streets share one, a name with or without its compass word
    ("south wabash avenue", "wabash avenue") counted as one."""
    return any(x == y or x.endswith(" " + y) or y.endswith(" " + x) for x in a for y in b)


def mark_rare(nodes: list[Node], informative: set[str] | frozenset[str]) -> None:
    for n in nodes:
        words = tuple(w for w in n.words if w in informative)
        figs = tuple(f for f in n.figs if f in informative)
        n.rare_words = n.words if len(words) == len(n.words) else words
        n.rare_figs = n.figs if len(figs) == len(n.figs) else figs


def common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """How many items two small tuples share."""
    return sum(1 for x in a if x in b) if a and b else 0


def meet(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two small tuples share an item."""
    return bool(a and b) and any(x in b for x in a)


def precise(n: Node) -> bool:
    """Dated to the day or a few days, and not a slow disaster: blocked by week."""
    return n.lo is not None and (n.li.date_prec or 9) <= 2 and n.li.type not in SLOW_TYPES


def distance_km(a: LocalIncident, b: LocalIncident) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


def day(value: str | None) -> int:
    d = parse_iso(value) if value and len(value) >= 10 else None
    return d.toordinal() if d else 0
