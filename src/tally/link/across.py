"""Across documents: cluster local incidents into the ledger's incidents.

Two local incidents (from different documents) are the same incident when
nothing rules it out — different countries, incompatible types ("air strike"
vs "bombing", "flood" vs "shooting"), date intervals that do not meet — and
enough evidence speaks for it: the same place, the same specific type, the
same exact day, and what identifies an incident: the same name, shared proper
names (victims, streets, buildings — only names rare in the ledger count)
and the same figures. Place, type and day never suffice without something
identifying (several incidents happen in one town on one day, and in a big
city the place itself counts for less); when one side has no place, two
identifying cues are needed.
Wider conflicts link by country alone.

Candidates are blocked by country and week (day-precise incidents) or month
(coarser ones; conflicts by country alone), and big blocks are split by
place. Inside a block only pairs that can score are scored: those sharing a rare
name or figure, the name, or a mass-casualty day (`_cue_keys`), and in small blocks
nearby places with the same specific type and day (`_near_keys`); a conflict block's
pairs are merged as they come, never stored. So the cost grows with the documents of
one place and week, never with the whole ledger. Reports of unknown country join every
country's block of their dates; they are indexed once per period, and paired among
themselves once per kind of block (`_Joined`), not once per country. Accepted pairs are merged
strongest first (ties by the documents' hashes, never by ingest order), and
a merge that would put two gazetteer places, or day-precise dates more than
a few days apart, into one cluster is refused, so chains of weak links do
not snowball. The same documents give the same incidents in any order, so
`-j N` ingest gives the same ids. Ids are readable slugs of place,
type and year (`kabul-bombing-2021`), collisions numbered in date order.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import chain, combinations, product

from tally.link.dates import parse_iso
from tally.link.describe import DISASTERS, VIOLENT_GENERIC, is_actor, types_compatible
from tally.models import Incident, LocalIncident

BIG_BLOCK = 200
BIG_CITY = 300_000
"""Above this population a shared city is weaker evidence: many incidents happen there each day."""
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


@dataclass(slots=True)
class _Node:
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
    """The words and figures rare enough in the ledger to identify an incident (`_mark_rare`)."""
    lo_day: int = 0
    hi_day: int = 0
    toll: int = 0
    """The largest killed or injured figure: a mass-casualty event is rare enough to identify."""


def _interval(value: str | None, prec: int | None) -> tuple[date | None, date | None]:
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


def _node(li: LocalIncident, pool: dict | None = None) -> _Node:
    """A node for `li`; equal strings, dates and day numbers share one object through `pool`."""
    intern = (pool if pool is not None else {}).setdefault
    lo, hi = (d if d is None else intern(d, d) for d in _interval(li.date, li.date_prec))
    n = _Node(li, lo, hi, conflict="kind:conflict" in li.cues)
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
            words.add(value)
        elif kind == "fig":
            figs.add(value)
            category, _, number = value.rpartition(":")
            if category.startswith(("killed:", "injured:")) and number.isdigit():
                n.toll = max(n.toll, int(number))
        elif kind == "pop" and value.isdigit():
            n.population = max(n.population, int(value))
    if li.place:
        places.add(li.place.lower())
    words -= places | {_fold(p) for p in places}
    n.places, n.geo, n.words, n.figs = (
        tuple(intern(v, v) for v in sorted(group)) for group in (places, geo, words, figs)
    )
    n.rare_words, n.rare_figs = n.words, n.figs
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
def _fold(text: str) -> str:
    """Without diacritics ("sāmba" → "samba"): a report's spelling of the gazetteer's name."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _mark_rare(nodes: list[_Node], informative: set[str] | frozenset[str]) -> None:
    for n in nodes:
        words = tuple(w for w in n.words if w in informative)
        figs = tuple(f for f in n.figs if f in informative)
        n.rare_words = n.words if len(words) == len(n.words) else words
        n.rare_figs = n.figs if len(figs) == len(n.figs) else figs


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """How many items two small tuples share."""
    return sum(1 for x in a if x in b) if a and b else 0


def _meet(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two small tuples share an item."""
    return bool(a and b) and any(x in b for x in a)


def _months(lo: date, hi: date) -> list[str]:
    out = []
    y, m = lo.year, lo.month
    while (y, m) <= (hi.year, hi.month) and len(out) < 24:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _precise(n: _Node) -> bool:
    """Dated to the day or a few days, and not a slow disaster: blocked by week."""
    return n.lo is not None and (n.li.date_prec or 9) <= 2 and n.li.type not in SLOW_TYPES


def _block_keys(n: _Node) -> list[tuple[str, ...]]:
    """Blocks: conflicts by country; day-precise incidents by country and week (and month,
    where they meet coarser ones); the rest by country and month, or year. A node whose
    country is unknown also joins every country's blocks of its dates (`_Joined`; conflict
    blocks: `_members`)."""
    country = n.li.country or "?"
    if n.conflict:
        return [("conflict", country)]
    if n.lo is None or n.hi is None:
        return [("undated", country)]
    slack = SLOW_SLACK_DAYS if n.li.type in SLOW_TYPES else 3
    lo, hi = n.lo - timedelta(days=slack), n.hi + timedelta(days=slack)
    if (hi - lo).days > 730:
        return [("year", country, str(y)) for y in range(lo.year, hi.year + 1)][:30]
    keys = [("month", country, m) for m in _months(lo, hi)]
    if _precise(n):
        first, last = lo.toordinal() // 7, hi.toordinal() // 7
        keys += [("week", country, str(w)) for w in range(first, last + 1)]
    return keys


def _distance_km(a: LocalIncident, b: LocalIncident) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


def _lasting(a: _Node, b: _Node) -> bool:
    """Whether two reports far apart in time may be one event followed up: both deadly
    (`LASTING_TOLL`), sharing two rare multi-word names (a tower, an arena, a theatre), or
    one or the incident's name and a figure, and neither published before the other's
    event."""
    if min(a.toll, b.toll) < LASTING_TOLL:
        return False
    for x, y in ((a, b), (b, a)):
        if x.lo_day and (x.li.date_prec or 9) <= 2 and x.lo_day < _day(x.li.published) - 7:
            pub = _day(y.li.published)  # x is dated to its event, not to its report
            if pub and pub < x.lo_day - DATE_SLACK_DAYS:
                return False
    names = [w for w in a.rare_words if " " in w and w in b.rare_words and not is_actor(w)]
    if len(names) >= 2:
        return True
    return bool(names or _same_name(a, b)) and _meet(a.rare_figs, b.rare_figs)


def _tolls_apart(x: int, y: int) -> int:
    """How strongly two tolls speak against one event within days (20 dead and 600 dead):
    beyond ten times the smaller, strongly; below, or where the smaller is a first count of
    a few (tolls rise; a toll here is the larger of the killed and the injured), not at all."""
    lo, hi = min(x, y), max(x, y)
    return 2 if lo >= LASTING_TOLL and hi > 10 * lo else 0


def _same_name(a: _Node, b: _Node) -> bool:
    """The same incident name, or one report's name ("the Grenfell Tower fire") whose proper
    part the other names ("Grenfell Tower")."""
    na, nb = (n.li.name.lower() if n.li.name else "" for n in (a, b))
    if na and na == nb:
        return True
    return any(
        n and (stem := n.rsplit(" ", 1)[0]) != n and stem in other.words
        for n, other in ((na, b), (nb, a))
    )


def _day(value: str | None) -> int:
    d = parse_iso(value) if value and len(value) >= 10 else None
    return d.toordinal() if d else 0


def pair_score(a: _Node, b: _Node, lasting: bool = False) -> int | None:
    """The evidence that two local incidents are one, or None when something rules it out.

    With `lasting`, the dates need not meet (`_lasting` decides whether they may differ)."""
    if a.li.doc_id == b.li.doc_id:
        return None
    ca, cb = a.li.country, b.li.country
    if ca and cb and ca != cb:
        return None
    if a.conflict or b.conflict:
        return THRESHOLD if a.conflict and b.conflict and ca and cb else None
    penalty = 0
    if not types_compatible(a.li.type, b.li.type):
        penalty = TYPE_PENALTY * (1 + ((a.li.type in DISASTERS) != (b.li.type in DISASTERS)))
    if a.lo_day and b.lo_day and not lasting:
        slow = a.li.type in SLOW_TYPES or b.li.type in SLOW_TYPES
        slack = SLOW_SLACK_DAYS if slow else DATE_SLACK_DAYS
        if a.lo_day - slack > b.hi_day or b.lo_day - slack > a.hi_day:
            return None
    if lasting and not _lasting(a, b):
        return None
    shared = [w for w in a.rare_words if w in b.rare_words] if a.rare_words else []
    one_disaster = a.li.type == b.li.type and a.li.type in DISASTERS | SLOW_TYPES
    actors = 0 if one_disaster else sum(1 for w in shared if is_actor(w))
    specific = min(3, len(shared) - actors) + min(2, _common(a.rare_figs, b.rare_figs))
    if specific and actors:
        specific += 1  # an armed group or a force acts in many events: it only adds (an
        # agency that counts the dead of one flood or quake names that disaster)
    if a.li.name and b.li.name and a.li.name.lower() == b.li.name.lower():
        specific += 2
    if (
        not specific
        and min(a.toll, b.toll) >= MASS_CASUALTY
        and a.li.date_prec == b.li.date_prec == 1
        and a.li.date == b.li.date
        and a.li.type == b.li.type
    ):
        specific = 1
    score = 0
    big = max(a.population, b.population) > BIG_CITY
    if _meet(a.geo, b.geo) or _meet(a.places, b.places):
        score += 1 if big else 2
        if not specific:
            return None
    elif not (a.places and b.places):
        named = _meet(a.places, b.words) or _meet(b.places, a.words)
        same_disaster = a.li.type == b.li.type and a.li.type in DISASTERS | SLOW_TYPES
        if specific < (1 if named or same_disaster else 2):
            return None
        score += 1 if named else 0
    elif (
        _meet(a.places, b.words)
        or _meet(b.places, a.words)
        or ((km := _distance_km(a.li, b.li)) is not None and km < NEAR_KM)
    ):
        score += 1
    elif (a.geo and b.geo) or specific < 3 or not _same_name(a, b):
        # two places apart that neither report names in the other: two events unless the
        # reports name the incident alike
        return None
    if a.li.type and a.li.type == b.li.type and a.li.type not in VIOLENT_GENERIC:
        score += 1
        if a.li.type in DISASTERS | SLOW_TYPES and ca and ca == cb:
            score += 1
    if a.li.date_prec == 1 and a.li.date == b.li.date:
        score += 1
    if not lasting and not _meet(a.rare_figs, b.rare_figs):
        score -= _tolls_apart(a.toll, b.toll)
    if min(a.toll, b.toll) >= MASS_CASUALTY and ca and ca == cb:
        score += 1  # two mass-casualty events in one country within days are rare
    return score + specific - penalty


def _lasting_pairs(nodes: list[_Node]) -> list[tuple[int, int, int, int]]:
    """Scored pairs of deadly reports that share a rare multi-word name, whatever their dates
    (a follow-up weeks later, an undated flash): indexed by that name, so the cost grows
    with the reports of one name, never with the ledger."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if n.toll < LASTING_TOLL or n.conflict:
            continue
        for w in n.rare_words:
            if " " in w and not is_actor(w):
                by_name[w].append(i)
        if n.li.name:
            by_name[f"name:{n.li.name.lower()}"].append(i)
    out = []
    seen: set[tuple[int, int]] = set()
    for group in by_name.values():
        for i, j in combinations(group, 2):
            if (i, j) in seen:
                continue
            seen.add((i, j))
            score = pair_score(nodes[i], nodes[j], lasting=True)
            if score is not None and score >= THRESHOLD:
                out.append((-score, i, j, 1))
    return out


def _undated_pairs(nodes: list[_Node]) -> list[tuple[int, int, int, int]]:
    """Scored pairs of an undated, placed report (a page that lost its dateline) with any
    report that shares its place and a rare cue: an undated node meets no date block, so it
    is indexed by what it must share, and the cost grows with the undated reports only."""
    wanted: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if n.lo is None and n.places and not n.conflict:
            for key in _cue_keys(n):
                wanted[key].append(i)
    if not wanted:
        return []
    out = []
    seen: set[tuple[int, int]] = set()
    for j, m in enumerate(nodes):
        for key in _cue_keys(m):
            for i in wanted.get(key, ()):
                pair = (min(i, j), max(i, j))
                if i == j or pair in seen or not _meet(nodes[i].places, m.places):
                    continue
                seen.add(pair)
                score = pair_score(nodes[pair[0]], nodes[pair[1]])
                if score is not None and score >= THRESHOLD:
                    out.append((-score, *pair, 0))
    return out


class _Sets:
    """Union-find over nodes whose clusters refuse to merge across places or distant days."""

    def __init__(self, nodes: list[_Node]) -> None:
        self.parent = list(range(len(nodes)))
        self.geo: list[tuple[str, ...] | frozenset[str]] = [n.geo for n in nodes]
        self.days = [
            (n.lo, n.hi) if n.lo and n.hi and (n.li.date_prec or 9) <= 2 else None for n in nodes
        ]
        self.slow = [n.li.type in SLOW_TYPES or n.conflict for n in nodes]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, lasting: bool = False) -> bool:
        """Merge the clusters of i and j unless they name different places or days; a
        `lasting` link (a follow-up) may span any days and keeps the earlier event's."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        ga, gb = self.geo[a], self.geo[b]
        if ga and gb and frozenset(ga).isdisjoint(gb):
            return False
        da, db = self.days[a], self.days[b]
        span = None
        if da and db and lasting:
            span = min(da, db)
        elif da and db:
            span = (min(da[0], db[0]), max(da[1], db[1]))
            if not (self.slow[a] or self.slow[b]) and (span[1] - span[0]).days > MAX_SPAN_DAYS:
                return False
        keep, gone = min(a, b), max(a, b)
        self.parent[gone] = keep
        self.geo[keep] = frozenset(ga).union(gb) if ga and gb else ga or gb
        self.days[keep] = span or da or db
        self.slow[keep] = self.slow[a] or self.slow[b]
        return True


def _link_conflicts(members: list[int], nodes: list[_Node], sets: _Sets) -> None:
    """Merge one country's conflict block: conflicts at the same town, or at none (the
    country's war). Its pairs all score `THRESHOLD` and touch no other node, so they are merged here, in the order the ledger's sort would give (lowest node
    first), as they come, never stored. A big block pairs only members that share a place or
    of which one has none."""
    known = sorted(i for i in members if nodes[i].li.country)
    by_place: dict[str, list[int]] = defaultdict(list)
    for i in known:
        for p in nodes[i].places:
            by_place[p].append(i)
    unplaced = [i for i in known if not nodes[i].places]
    for k, i in enumerate(known):
        if len(members) <= BIG_BLOCK or not nodes[i].places:
            others: list[int] = known[k + 1 :]
        else:
            near = {j for p in nodes[i].places for j in by_place[p]} | set(unplaced)
            others = sorted(j for j in near if j > i)
        for j in others:
            if (
                nodes[i].li.doc_id != nodes[j].li.doc_id
                and nodes[i].places == nodes[j].places
                and sets.find(i) != sets.find(j)
            ):
                sets.union(i, j)


def _cue_keys(n: _Node) -> Iterator[tuple[str, ...]]:
    """What two nodes must share for `pair_score` to give `specific` > 0."""
    for w in n.rare_words:
        yield ("w", w)
    for f in n.rare_figs:
        yield ("f", f)
    if n.li.name:
        yield ("n", n.li.name.lower())
    if n.toll >= MASS_CASUALTY and n.li.date_prec == 1 and n.li.type and n.li.date:
        yield ("m", n.li.type, n.li.date)


def _near_keys(n: _Node) -> Iterator[tuple[str, ...]]:
    """Groups in which a pair of placed nodes can score without `specific`: the same specific
    type and the same day, or the same disaster type and country (`_near_pairs`)."""
    t = n.li.type
    if not n.places or not t or t in VIOLENT_GENERIC:
        return
    if n.li.date:
        yield ("d", t, n.li.date)
    if t in DISASTERS | SLOW_TYPES and n.li.country:
        yield ("c", t, n.li.country)


def _cell(li: LocalIncident) -> tuple[int, int, int] | None:
    """A cube of the earth's 3-D grid: nodes within `NEAR_KM` lie in neighbouring cubes
    (a chord is never longer than its arc)."""
    if li.lat is None or li.lon is None:
        return None
    la, lo = math.radians(li.lat), math.radians(li.lon)
    xyz = (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))
    return tuple(math.floor(6371 * c / (NEAR_KM + 1)) for c in xyz)  # type: ignore[return-value]


def _near_pairs(group: list[int], nodes: list[_Node]) -> Iterator[tuple[int, int]]:
    """Pairs of one `_near_keys` group that are near or where one names the other's place."""
    cells: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for i in group:
        if (c := _cell(nodes[i].li)) is not None:
            cells[c].append(i)
    for (x, y, z), here in cells.items():
        for dx, dy, dz in ((a, b, c) for a in (-1, 0, 1) for b in (-1, 0, 1) for c in (-1, 0, 1)):
            for j in cells.get((x + dx, y + dy, z + dz), ()):
                for i in here:
                    if i < j:
                        yield i, j
    places = {p for i in group for p in nodes[i].places}
    naming: dict[str, list[int]] = defaultdict(list)
    for j in group:
        for w in places.intersection(nodes[j].words):
            naming[w].append(j)
    for i in group:
        for p in nodes[i].places:
            for j in naming.get(p, ()):
                if j != i:
                    yield i, j


class _Joined:
    """The nodes of unknown country of one period (a block key without its country): they
    join the block of every country with that period, so they are indexed once per period,
    not once per country, and pairs among themselves are made once per kind of block."""

    __slots__ = ("coarse", "done", "index", "members")

    def __init__(self, members: list[int], nodes: list[_Node], coarse: list[bool]) -> None:
        self.members = members
        self.coarse = sum(1 for i in members if coarse[i])
        self.index = _index(members, nodes, near=True)
        self.done: set[tuple[bool, bool]] = set()
        """The kinds of block (`_pairs`) whose pairs among these nodes were made already."""


def _index(
    members: list[int] | tuple[int, ...], nodes: list[_Node], near: bool
) -> dict[tuple[str, ...], list[int]]:
    """Members by what a pair of them must share to score (`_cue_keys`, and `_near_keys`)."""
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in members:
        for key in _cue_keys(nodes[i]):
            groups[key].append(i)
        if near:
            for key in _near_keys(nodes[i]):
                groups[("near", *key)].append(i)
    return groups


def _cued(
    own: list[int],
    joined: _Joined | None,
    nodes: list[_Node],
    coarse: list[bool] | None,
    near: bool,
    among_joined: bool,
) -> Iterator[tuple[int, int]]:
    """Unordered pairs of a block's members (its own, then the joined) that can score
    (`pair_score`), possibly repeated; with `coarse`, only pairs with a coarse member;
    pairs of two joined members only when `among_joined`."""
    groups = _index(own, nodes, near)
    shared = joined.index if joined else {}
    keys = list(groups)
    if among_joined:
        keys += [k for k in shared if k not in groups]
    for key in keys:
        if key[0] == "near" and not near:
            continue
        mine, theirs = groups.get(key, []), shared.get(key, [])
        if len(mine) + len(theirs) < 2:
            continue
        pairs: Iterable[tuple[int, int]]
        if key[0] == "near":
            outside = set() if among_joined else set(theirs)
            pairs = (
                (i, j)
                for i, j in _near_pairs(mine + theirs, nodes)
                if (coarse is None or coarse[i] or coarse[j])
                and not (i in outside and j in outside)
            )
        elif coarse is None:
            pairs = chain(
                combinations(mine, 2),
                product(mine, theirs),
                combinations(theirs, 2) if among_joined else (),
            )
        else:
            group = mine + theirs
            pairs = chain(
                ((a, b) for a in mine if coarse[a] for b in group if b != a),
                (
                    (a, b)
                    for a in theirs
                    if coarse[a]
                    for b in (group if among_joined else mine)
                    if b != a
                ),
            )
        yield from pairs


def _pairs(
    kind: str, own: list[int], joined: _Joined | None, nodes: list[_Node], coarse: list[bool]
) -> Iterator[tuple[int, int]]:
    """Candidate pairs of one block (its own members, then those `joined` from unknown
    countries), only those that can score. Day-precise nodes meet each other in week
    blocks, so a month block pairs only where one side is coarser; a big block pairs only
    members that share a place or of which one has none. Pairs come out as the block would
    order them (`combinations` of a small block, else lowest node first). Pairs of two
    joined members depend only on the kind of block, so each kind makes them once."""
    outside = joined.members if joined else []
    size = len(own) + len(outside)
    anchored = False
    if kind == "month":
        n_coarse = sum(1 for i in own if coarse[i]) + (joined.coarse if joined else 0)
        if not n_coarse:
            return
        anchored = n_coarse < size
    small = size <= BIG_BLOCK
    among_joined = True
    if joined is not None:
        among_joined = (anchored, small) not in joined.done
        joined.done.add((anchored, small))
    if not own and not among_joined:
        return
    pos = {i: k for k, i in enumerate(own + outside)} if small and not anchored else {}
    for i, j in _cued(
        own, joined, nodes, coarse if anchored else None, small or anchored, among_joined
    ):
        if i == j or nodes[i].li.doc_id == nodes[j].li.doc_id:
            continue
        if pos:
            yield (i, j) if pos[i] < pos[j] else (j, i)
        elif (
            anchored
            or _meet(nodes[i].places, nodes[j].places)
            or not (nodes[i].places and nodes[j].places)
        ):
            yield min(i, j), max(i, j)


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A readable, ASCII, hyphenated form of a name (places and kinds recur: cached)."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:40].strip("-")


def _vote(values: list, prefer: list | None = None) -> object | None:
    pool = [v for v in (prefer or []) if v is not None] or [v for v in values if v is not None]
    if len(pool) < 2:
        return pool[0] if pool else None
    counts = Counter(pool)
    return min(counts, key=lambda v: (-counts[v], str(v)))


def _incident(members: list[_Node]) -> tuple[Incident, str, date | None]:
    lis = [n.li for n in members]
    main = [li for li in lis if not li.background] or lis
    precise = min((li.date_prec or 9 for li in main), default=9)
    date_s = _vote([li.date for li in main if (li.date_prec or 9) == precise])
    prec = next((li.date_prec for li in main if li.date == date_s), None)
    best_where = min((li.where_prec or 9 for li in main), default=9)
    placed = [li for li in main if (li.where_prec or 9) == best_where and li.place]
    place = _vote([li.place for li in placed])
    at = next((li for li in placed if li.place == place), None)
    kinds = [li.type for li in main if li.type]
    specific = [k for k in kinds if k not in VIOLENT_GENERIC]
    kind = _vote(kinds, specific)
    country = _vote([li.country for li in main]) or _vote([li.country for li in lis])
    inc = Incident(
        id="",
        name=_vote([li.name for li in main]),  # type: ignore[arg-type]
        type=kind,  # type: ignore[arg-type]
        date=date_s,  # type: ignore[arg-type]
        date_prec=prec,
        place=place,  # type: ignore[arg-type]
        admin1=at.admin1 if at else None,
        country=country,  # type: ignore[arg-type]
        lat=at.lat if at else None,
        lon=at.lon if at else None,
        where_prec=best_where if best_where < 9 else (6 if country else None),
        background=all(li.background for li in lis),
    )
    lo = min((n.lo for n in members if n.lo), default=None)
    stem = slug(place or "") or slug(inc.name or "") or slug(country or "") or "incident"
    if kind and not slug(place or "").endswith(slug(kind)):
        stem = f"{stem}-{slug(kind)}"
    year = (date_s or "")[:4]
    base = f"{stem}-{year}" if year.isdigit() else stem
    return inc, base, lo


def _members(
    key: tuple[str, ...],
    blocks: dict[tuple[str, ...], list[int]],
    countryless: dict[tuple[str, ...], list[int]],
) -> list[int]:
    """A block's nodes: its own, then those of unknown country with the same dates, which
    join every country's block as it is read instead of being copied into each."""
    joining = countryless.get((key[0], *key[2:])) if key[1] != "?" else None
    return blocks[key] + joining if joining else blocks[key]


def link_across(
    local: Iterable[LocalIncident],
) -> tuple[list[Incident], dict[tuple[str, str], str]]:
    """Cluster local incidents; return the incidents and (doc_id, local key) → incident id.

    `local` may be a stream: only the compact nodes built from it are kept.
    """
    pool: dict = {}
    nodes = [_node(li, pool) for li in local]
    del pool
    nodes.sort(key=lambda n: (n.li.doc_id, n.li.key))
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    countryless: dict[tuple[str, ...], list[int]] = defaultdict(list)
    """Nodes of unknown country by block key without the country (`_Joined`, `_members`)."""
    for i, n in enumerate(nodes):
        for key in _block_keys(n):
            blocks[key].append(i)
            if not n.li.country:
                countryless[(key[0], *key[2:])].append(i)
    df: Counter[str] = Counter(w for n in nodes for w in {*n.words, *n.figs})
    limit = max(RARE_MIN, int(len(nodes) * RARE_SHARE))
    _mark_rare(nodes, {w for w, c in df.items() if c <= limit})
    del df
    scored: list[tuple[int, int, int, int]] = []
    """(-score, i, j, lasting): node order is (doc_id, key) order, so ties break by the documents."""
    coarse = [not _precise(n) for n in nodes]
    periods: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in blocks:
        if key[0] != "conflict":
            periods[(key[0], *key[2:])].append(key[1])
    for period, countries in periods.items():
        outside = countryless.get(period)
        joined = _Joined(outside, nodes, coarse) if outside else None
        seen: set[tuple[int, int]] = set()
        """Pairs scored in this period; one met again in another is scored again, and its
        repeated merge changes nothing: memory holds one period's pairs, not the ledger's."""
        for country in sorted(countries):
            own = [] if country == "?" else blocks[(period[0], country, *period[1:])]
            for i, j in _pairs(period[0], own, joined, nodes, coarse):
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                score = pair_score(nodes[i], nodes[j])
                if score is not None and score >= THRESHOLD:
                    scored.append((-score, i, j, 0))
    del coarse, periods
    scored.extend(_lasting_pairs(nodes))
    scored.extend(_undated_pairs(nodes))
    sets = _Sets(nodes)
    for _, i, j, lasting in sorted(scored):
        sets.union(i, j, bool(lasting))
    for key in sorted(k for k in blocks if k[0] == "conflict"):
        _link_conflicts(_members(key, blocks, countryless), nodes, sets)
    del blocks, countryless
    for n in nodes:  # what only linking needs: freed before the incidents are built
        n.places = n.geo = n.words = n.figs = n.rare_words = n.rare_figs = ()
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        clusters[sets.find(i)].append(i)
    del sets
    left = dict(enumerate(nodes))
    del nodes
    built = []
    for members in clusters.values():
        cluster = [left.pop(i) for i in members]  # each node is freed once its incident is built
        inc, base, lo = _incident(cluster)
        keys = [(n.li.doc_id, n.li.key) for n in cluster]
        built.append((base, lo or date.max, members[0], inc, keys))
    del clusters, left
    built.sort(key=lambda b: (b[0], b[1], b[2]), reverse=True)
    incidents: list[Incident] = []
    mapping: dict[tuple[str, str], str] = {}
    used: Counter[str] = Counter()
    while built:
        base, _, _, inc, keys = built.pop()
        used[base] += 1
        iid = base if used[base] == 1 else f"{base}-{used[base]}"
        incidents.append(dataclasses.replace(inc, id=iid))
        for key in keys:
            mapping[key] = iid
    return incidents, mapping
