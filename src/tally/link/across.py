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
name or figure, the name, or a mass-casualty day (`candidates.cue_keys`), and in small blocks
nearby places with the same specific type and day (`candidates._near_keys`); a conflict block's
pairs are merged as they come, never stored. So the cost grows with the documents of
one place and week, never with the whole ledger. Reports of unknown country join every
country's block of their dates; they are indexed once per period, and paired among
themselves once per kind of block (`candidates.Joined`), not once per country. Accepted pairs are merged
strongest first (ties by the documents' hashes, never by ingest order), and
a merge that would put two gazetteer places, or day-precise dates more than
a few days apart, into one cluster is refused, so chains of weak links do
not snowball. The same documents give the same incidents in any order, so
`-j N` ingest gives the same ids. Ids are readable slugs of place,
type and year (`kabul-bombing-2021`), collisions numbered in date order.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tally.link.candidates import (
    Joined,
    block_keys,
    lasting_pairs,
    members_of,
    pairs,
    undated_pairs,
)
from tally.link.clusters import Sets, cluster_incident, link_conflicts
from tally.link.evidence import pair_score
from tally.link.home import homes
from tally.link.ids import Member, fresh_ids
from tally.link.nodes import RARE_MIN, RARE_SHARE, THRESHOLD, Node, mark_rare, node, precise
from tally.models import Incident, LocalIncident

Block = tuple[str, ...]
"""A block key: (kind, country or "?", *period), as `candidates.block_keys` gives it."""


@dataclass
class Wide:
    """What linking a part of the ledger must know of the whole, so the part links as it
    would in the whole: which of its words and figures are rare, and how many nodes (and
    coarse ones) each of its periods' blocks holds in the whole ledger."""

    rare: set[str] | frozenset[str]
    blocks: dict[Block, tuple[int, int]]
    """(kind, country, *period) → (nodes, coarse nodes) in the whole ledger; every country
    of each period the part meets, "?" for the nodes of unknown country."""
    homes: Mapping[str, str] = field(default_factory=dict)
    """The home state of each outlet of the part that has one (`link.home`), from the votes
    of all its reports in the ledger."""


def rare_limit(nodes: int) -> int:
    """How many local incidents a word or figure may appear in and still be rare."""
    return max(RARE_MIN, int(nodes * RARE_SHARE))


@dataclass
class Cluster:
    """One cluster linking found: its incident (without its id), the slug its id starts
    from, and its members in (doc_id, key) order."""

    incident: Incident
    base: str
    members: list[Member] = field(default_factory=list)


def link_across(
    local: Iterable[LocalIncident],
) -> tuple[list[Incident], dict[tuple[str, str], str]]:
    """Cluster local incidents; return the incidents and (doc_id, local key) → incident id.

    `local` may be a stream: only the compact nodes built from it are kept.
    """
    incidents, mapping, _, _ = link_whole(local)
    return incidents, mapping


def link_whole(
    local: Iterable[LocalIncident],
) -> tuple[
    list[Incident],
    dict[Member, str],
    dict[Member, str],
    list[tuple[str, str, str | None, str, str]],
]:
    """`link_across`, with what incremental linking keeps: each local incident's group
    (`link_part`) and each incident's id, slug, date and first member (`LinkIndex`)."""
    pool: dict = {}
    nodes = [node(li, pool) for li in local]
    del pool
    nodes.sort(key=lambda n: (n.li.doc_id, n.li.key))
    df: Counter[str] = Counter(w for n in nodes for w in {*n.words, *n.figs})
    limit = rare_limit(len(nodes))
    rare = {w for w, c in df.items() if c <= limit}
    del df
    counts: dict[Block, list[int]] = defaultdict(lambda: [0, 0])
    for n in nodes:
        coarse = not precise(n)
        for key in block_keys(n):
            counts[key][0] += 1
            counts[key][1] += coarse
    votes = homes((n.outlet, n.home) for n in nodes if n.outlet and n.home)
    wide = Wide(rare, {k: (a, b) for k, (a, b) in counts.items()}, votes)
    del counts, rare
    clusters, groups = link_part(nodes, wide)
    ids = fresh_ids([(c.base, c.incident.date, c.members) for c in clusters])
    incidents: list[Incident] = []
    mapping: dict[Member, str] = {}
    named: list[tuple[str, str, str | None, str, str]] = []
    for cluster, iid in zip(clusters, ids, strict=True):
        incidents.append(dataclasses.replace(cluster.incident, id=iid))
        named.append((iid, cluster.base, cluster.incident.date, *min(cluster.members)))
        for key in cluster.members:
            mapping[key] = iid
    del clusters
    incidents.sort(key=lambda i: i.id)
    return incidents, mapping, groups, named


def link_part(nodes: list[Node], wide: Wide) -> tuple[list[Cluster], dict[Member, str]]:
    """Cluster `nodes` (sorted by doc_id and key, and consumed) as the whole ledger would
    (`wide`).

    Returns the clusters, and each node's group: the nodes any pair that scores joins,
    merged or refused. Groups never share a pair, so a part made of whole groups (and the
    new nodes) links alone as it links in the whole ledger (`tally.incremental`)."""
    blocks: dict[Block, list[int]] = defaultdict(list)
    countryless: dict[Block, list[int]] = defaultdict(list)
    """Nodes of unknown country by block key without the country (`Joined`, `members_of`)."""
    for i, n in enumerate(nodes):
        for key in block_keys(n):
            blocks[key].append(i)
            if not n.li.country:
                countryless[(key[0], *key[2:])].append(i)
    mark_rare(nodes, wide.rare)
    scored: list[tuple[int, int, int, int]] = []
    """(-score, i, j, lasting): node order is (doc_id, key) order, so ties break by the documents."""
    coarse = [not precise(n) for n in nodes]
    periods: dict[Block, set[str]] = defaultdict(set)
    for key in wide.blocks:
        if key[0] != "conflict":
            periods[(key[0], *key[2:])].add(key[1])
    for period in sorted({(k[0], *k[2:]) for k in blocks if k[0] != "conflict"}):
        outside = countryless.get(period)
        joined = Joined(outside, nodes) if outside else None
        elsewhere = wide.blocks.get((period[0], "?", *period[1:]), (0, 0))
        seen: set[tuple[int, int]] = set()
        """Pairs scored in this period; one met again in another is scored again, and its
        repeated merge changes nothing: memory holds one period's pairs, not the ledger's."""
        for country in sorted(periods[period]):
            own = [] if country == "?" else blocks.get((period[0], country, *period[1:]), [])
            if not own and joined is None:
                continue
            mine = (0, 0) if country == "?" else wide.blocks[(period[0], country, *period[1:])]
            size, n_coarse = mine[0] + elsewhere[0], mine[1] + elsewhere[1]
            for i, j in pairs(period[0], own, joined, nodes, coarse, size, n_coarse):
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                score = pair_score(nodes[i], nodes[j])
                if score is not None and score >= THRESHOLD:
                    scored.append((-score, i, j, 0))
    del coarse, periods
    scored.extend(lasting_pairs(nodes))
    scored.extend(undated_pairs(nodes))
    sets = Sets(nodes)
    groups = list(range(len(nodes)))

    def group(i: int) -> int:
        while groups[i] != i:
            groups[i] = groups[groups[i]]
            i = groups[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = group(i), group(j)
        groups[max(a, b)] = min(a, b)

    for _, i, j, lasting in sorted(scored):
        sets.union(i, j, bool(lasting))
        join(i, j)
    del scored
    by_place: dict[tuple[str, ...], int] = {}
    for key in sorted(k for k in blocks if k[0] == "conflict"):
        link_conflicts(members_of(key, blocks, countryless), nodes, sets)
        for i in blocks[key]:
            if nodes[i].li.country and not nodes[i].alone:
                join(i, by_place.setdefault((key[1], *nodes[i].places), i))
    del blocks, countryless, by_place
    for n in nodes:  # what only linking needs: freed before the incidents are built
        n.places = n.geo = n.words = n.figs = n.rare_words = n.rare_figs = n.streets = ()
    keys = [(n.li.doc_id, n.li.key) for n in nodes]
    named = {i: f"{keys[i][0]}/{keys[i][1]}" for i in range(len(nodes)) if group(i) == i}
    grouped = {keys[i]: named[group(i)] for i in range(len(nodes))}
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        clusters[sets.find(i)].append(i)
    del sets, named
    left = dict(enumerate(nodes))
    nodes.clear()  # the caller's list too: each node is freed once its incident is built
    built = []
    for members in clusters.values():
        cluster = [left.pop(i) for i in members]
        inc, base, _ = cluster_incident(cluster, wide.homes)
        built.append(Cluster(inc, base, [keys[i] for i in members]))
    return built, grouped
