"""Clusters of local incidents: the union-find that refuses merges across places and distant
days (`Sets`), the merging of conflicts, and the incident a cluster describes, with the
readable slug its id starts from.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import date
from functools import lru_cache

from tally.link.describe import VIOLENT_GENERIC
from tally.link.home import placed as at_outlet_home
from tally.link.nodes import BIG_BLOCK, MAX_SPAN_DAYS, SLOW_TYPES, Node
from tally.models import Incident


class Sets:
    """Union-find over nodes whose clusters refuse to merge across places or distant days."""

    def __init__(self, nodes: list[Node]) -> None:
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


def link_conflicts(members: list[int], nodes: list[Node], sets: Sets) -> None:
    """Merge one country's conflict block: conflicts at the same town, or at none (the
    country's war). Its pairs all score `THRESHOLD` and touch no other node, so they are merged here, in the order the ledger's sort would give (lowest node
    first), as they come, never stored. A big block pairs only members that share a place or
    of which one has none."""
    known = sorted(i for i in members if nodes[i].li.country and not nodes[i].alone)
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


def cluster_incident(
    members: list[Node], homes: Mapping[str, str] | None = None
) -> tuple[Incident, str, date | None]:
    """The incident its members describe, each unsure member placed in its outlet's home
    state (`homes`, outlet → state: `link.home`)."""
    lis = [at_outlet_home(n.li, n.outlet, n.towns, homes or {}, n.home) for n in members]
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
        admin1=at.admin1 if at else _vote([li.admin1 for li in main if li.country == country]),
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
