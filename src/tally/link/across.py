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
from collections.abc import Iterable

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
from tally.link.ids import fresh_ids
from tally.link.nodes import RARE_MIN, RARE_SHARE, THRESHOLD, mark_rare, node, precise
from tally.models import Incident, LocalIncident


def link_across(
    local: Iterable[LocalIncident],
) -> tuple[list[Incident], dict[tuple[str, str], str]]:
    """Cluster local incidents; return the incidents and (doc_id, local key) → incident id.

    `local` may be a stream: only the compact nodes built from it are kept.
    """
    pool: dict = {}
    nodes = [node(li, pool) for li in local]
    del pool
    nodes.sort(key=lambda n: (n.li.doc_id, n.li.key))
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    countryless: dict[tuple[str, ...], list[int]] = defaultdict(list)
    """Nodes of unknown country by block key without the country (`Joined`, `members_of`)."""
    for i, n in enumerate(nodes):
        for key in block_keys(n):
            blocks[key].append(i)
            if not n.li.country:
                countryless[(key[0], *key[2:])].append(i)
    df: Counter[str] = Counter(w for n in nodes for w in {*n.words, *n.figs})
    limit = max(RARE_MIN, int(len(nodes) * RARE_SHARE))
    mark_rare(nodes, {w for w, c in df.items() if c <= limit})
    del df
    scored: list[tuple[int, int, int, int]] = []
    """(-score, i, j, lasting): node order is (doc_id, key) order, so ties break by the documents."""
    coarse = [not precise(n) for n in nodes]
    periods: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in blocks:
        if key[0] != "conflict":
            periods[(key[0], *key[2:])].append(key[1])
    for period, countries in periods.items():
        outside = countryless.get(period)
        joined = Joined(outside, nodes, coarse) if outside else None
        seen: set[tuple[int, int]] = set()
        """Pairs scored in this period; one met again in another is scored again, and its
        repeated merge changes nothing: memory holds one period's pairs, not the ledger's."""
        for country in sorted(countries):
            own = [] if country == "?" else blocks[(period[0], country, *period[1:])]
            for i, j in pairs(period[0], own, joined, nodes, coarse):
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
    for _, i, j, lasting in sorted(scored):
        sets.union(i, j, bool(lasting))
    for key in sorted(k for k in blocks if k[0] == "conflict"):
        link_conflicts(members_of(key, blocks, countryless), nodes, sets)
    del blocks, countryless
    for n in nodes:  # what only linking needs: freed before the incidents are built
        n.places = n.geo = n.words = n.figs = n.rare_words = n.rare_figs = n.streets = ()
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        clusters[sets.find(i)].append(i)
    del sets
    left = dict(enumerate(nodes))
    del nodes
    built = []
    for members in clusters.values():
        cluster = [left.pop(i) for i in members]  # each node is freed once its incident is built
        inc, base, _ = cluster_incident(cluster)
        built.append((inc, base, [(n.li.doc_id, n.li.key) for n in cluster]))
    del clusters, left
    ids = fresh_ids([(base, inc.date, keys) for inc, base, keys in built])
    incidents: list[Incident] = []
    mapping: dict[tuple[str, str], str] = {}
    for (inc, _, keys), iid in zip(built, ids, strict=True):
        incidents.append(dataclasses.replace(inc, id=iid))
        for key in keys:
            mapping[key] = iid
    incidents.sort(key=lambda i: i.id)
    return incidents, mapping
