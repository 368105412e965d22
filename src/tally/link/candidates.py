"""Which pairs of local incidents linking scores: blocks by country and period, and inside
a block only pairs that share what a score needs (a rare name or figure, the name, a
mass-casualty day, or a nearby place with the same type and day), so the cost grows with
the documents of one place and week, never with the whole ledger.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from itertools import chain, combinations, product

from tally.link.describe import DISASTERS, VIOLENT_GENERIC, is_actor
from tally.link.evidence import full_name, pair_score
from tally.link.nodes import (
    BIG_BLOCK,
    LASTING_TOLL,
    MASS_CASUALTY,
    NEAR_KM,
    SLOW_SLACK_DAYS,
    SLOW_TYPES,
    THRESHOLD,
    TOWN,
    Node,
    meet,
    precise,
)
from tally.models import LocalIncident


def months(lo: date, hi: date) -> list[str]:
    out = []
    y, m = lo.year, lo.month
    while (y, m) <= (hi.year, hi.month) and len(out) < 24:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def block_keys(n: Node) -> list[tuple[str, ...]]:
    """Blocks: conflicts by country; day-precise incidents by country and week (and month,
    where they meet coarser ones); the rest by country and month, or year. A node whose
    country is unknown also joins every country's blocks of its dates (`Joined`; conflict
    blocks: `members_of`)."""
    country = n.li.country or "?"
    if n.conflict:
        return [("conflict", country)]
    if n.lo is None or n.hi is None:
        return [("undated", country)]
    slack = SLOW_SLACK_DAYS if n.li.type in SLOW_TYPES else 3
    lo, hi = n.lo - timedelta(days=slack), n.hi + timedelta(days=slack)
    if (hi - lo).days > 730:
        return [("year", country, str(y)) for y in range(lo.year, hi.year + 1)][:30]
    keys = [("month", country, m) for m in months(lo, hi)]
    if precise(n):
        first, last = lo.toordinal() // 7, hi.toordinal() // 7
        keys += [("week", country, str(w)) for w in range(first, last + 1)]
    return keys


def lasting_pairs(nodes: list[Node]) -> list[tuple[int, int, int, int]]:
    """Scored pairs of reports that share a rare multi-word name, whatever their dates (a
    follow-up weeks later, an undated flash), of deadly reports or of placed ones (a small
    event's victims named again: `evidence._followed_up`): indexed by that name, so the cost
    grows with the reports of one name, never with the ledger."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if n.conflict:
            continue
        if n.toll < LASTING_TOLL:  # a small event: only its people's names, if it is placed
            if n.places and n.figs:
                for w in n.rare_words:
                    if full_name(w):
                        by_name[w].append(i)
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


def undated_pairs(nodes: list[Node]) -> list[tuple[int, int, int, int]]:
    """Scored pairs of an undated, placed report (a page that lost its dateline) with any
    report that shares its place and a rare cue: an undated node meets no date block, so it
    is indexed by what it must share, and the cost grows with the undated reports only."""
    wanted: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if n.lo is None and n.places and not n.conflict:
            for key in cue_keys(n):
                wanted[key].append(i)
    if not wanted:
        return []
    out = []
    seen: set[tuple[int, int]] = set()
    for j, m in enumerate(nodes):
        for key in cue_keys(m):
            for i in wanted.get(key, ()):
                pair = (min(i, j), max(i, j))
                if i == j or pair in seen or not meet(nodes[i].places, m.places):
                    continue
                seen.add(pair)
                score = pair_score(nodes[pair[0]], nodes[pair[1]])
                if score is not None and score >= THRESHOLD:
                    out.append((-score, *pair, 0))
    return out


def cue_keys(n: Node) -> Iterator[tuple[str, ...]]:
    """What two nodes must share for `pair_score` to give `specific` > 0."""
    for w in n.rare_words:
        yield ("w", w)
    for f in n.rare_figs:
        yield ("f", f)
    if n.li.name:
        yield ("n", n.li.name.lower())
    if n.toll >= MASS_CASUALTY and n.li.date_prec == 1 and n.li.type and n.li.date:
        yield ("m", n.li.type, n.li.date)
    t = n.li.type
    if n.li.date_prec == 1 and n.li.date and t and t not in VIOLENT_GENERIC and n.population < TOWN:
        for p in n.places:  # one town, day and type (`evidence._same_day_count`)
            yield ("t", p, n.li.date)


def _near_keys(n: Node) -> Iterator[tuple[str, ...]]:
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


def _near_pairs(group: list[int], nodes: list[Node]) -> Iterator[tuple[int, int]]:
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


class Joined:
    """The nodes of unknown country of one period (a block key without its country): they
    join the block of every country with that period, so they are indexed once per period,
    not once per country, and pairs among themselves are made once per kind of block."""

    __slots__ = ("done", "index", "members")

    def __init__(self, members: list[int], nodes: list[Node]) -> None:
        self.members = members
        self.index = _index(members, nodes, near=True)
        self.done: set[tuple[bool, bool]] = set()
        """The kinds of block (`pairs`) whose pairs among these nodes were made already."""


def _index(
    members: list[int] | tuple[int, ...], nodes: list[Node], near: bool
) -> dict[tuple[str, ...], list[int]]:
    """Members by what a pair of them must share to score (`cue_keys`, and `_near_keys`)."""
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in members:
        for key in cue_keys(nodes[i]):
            groups[key].append(i)
        if near:
            for key in _near_keys(nodes[i]):
                groups[("near", *key)].append(i)
    return groups


def _cued(
    own: list[int],
    joined: Joined | None,
    nodes: list[Node],
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


def pairs(
    kind: str,
    own: list[int],
    joined: Joined | None,
    nodes: list[Node],
    coarse: list[bool],
    size: int,
    n_coarse: int,
) -> Iterator[tuple[int, int]]:
    """Candidate pairs of one block (its own members, then those `joined` from unknown
    countries), only those that can score. Day-precise nodes meet each other in week
    blocks, so a month block pairs only where one side is coarser; a big block pairs only
    members that share a place or of which one has none. Pairs come out as the block would
    order them (`combinations` of a small block, else lowest node first). Pairs of two
    joined members depend only on the kind of block, so each kind makes them once.
    `size` and `n_coarse` count the block's nodes (and coarse ones) in the whole ledger, of
    which `own` and `joined` may be a part (`across.Wide`)."""
    outside = joined.members if joined else []
    anchored = False
    if kind == "month":
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
            or meet(nodes[i].places, nodes[j].places)
            or not (nodes[i].places and nodes[j].places)
        ):
            yield min(i, j), max(i, j)


def members_of(
    key: tuple[str, ...],
    blocks: dict[tuple[str, ...], list[int]],
    countryless: dict[tuple[str, ...], list[int]],
) -> list[int]:
    """A block's nodes: its own, then those of unknown country with the same dates, which
    join every country's block as it is read instead of being copied into each."""
    joining = countryless.get((key[0], *key[2:])) if key[1] != "?" else None
    return blocks[key] + joining if joining else blocks[key]
