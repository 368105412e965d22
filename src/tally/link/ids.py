"""Incident ids: readable slugs that depend only on the incidents, never on ingest order.

An id is the slug of the incident's place, type and year (`kabul-bombing-2021`,
`clusters.cluster_incident`). Where several incidents share that slug, each takes its own
date beyond the year (`chicago-shooting-2016-07-04`, or `-07` for a month), and where
incidents still share it, a short hash of its first member (the smallest document hash and
local key; longer where four digits would read as a year, another incident's id): content,
not the order documents came in, so the same documents give the same ids whatever their
order, at once or in batches (`fresh_ids`).

A published id keeps opening its incident (`redirects`): when linking names an incident
anew (a merge, a second incident of its slug, a report that moves its vote of place), every
published id that no longer names an incident of its own redirects to the incident holding
most of its reports; the web and `tally show` follow redirects (`follow`).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable

from tally.link.clusters import slug

Member = tuple[str, str]
"""(doc_id, local key) of a local incident."""


def fresh_ids(clusters: list[tuple[str, str | None, list[Member]]]) -> list[str]:
    """The id of each cluster, given (slug, date, members): the slug where it is the only one,
    else the slug with its date beyond the year, then a hash of its first member."""
    out = [base for base, _, _ in clusters]
    by_base: dict[str, list[int]] = defaultdict(list)
    for k, (base, _, _) in enumerate(clusters):
        by_base[base].append(k)
    for base, group in by_base.items():
        if len(group) < 2:
            continue
        dated: dict[str, list[int]] = defaultdict(list)
        for k in group:
            day = clusters[k][1] or ""
            tail = slug(day[5:10]) if day[:4].isdigit() and base.endswith(day[:4]) else ""
            dated[f"{base}-{tail}" if tail else base].append(k)
        for stem, same in dated.items():
            if len(same) == 1 and stem != base:
                out[same[0]] = stem
                continue
            firsts = {k: "\x00".join(min(clusters[k][2])) for k in same}
            for size in range(4, 41, 2):
                tags = {k: hashlib.sha1(firsts[k].encode()).hexdigest()[:size] for k in same}
                if len(set(tags.values())) == len(same) and not any(
                    size == 4 and t.isdigit() for t in tags.values()
                ):  # four digits read as a year: `x-shooting` + `2016` is `x-shooting-2016`
                    break
            for k in same:
                out[k] = f"{stem}-{tags[k]}"
    return out


def redirects(
    mapping: dict[Member, str], published: Iterable[tuple[str, str, str]]
) -> dict[str, str]:
    """Each published id that names no incident now → the incident holding most of its reports.

    `published` gives (doc_id, local key, id) of local incidents as last published; an id
    whose reports are all gone (no longer in `mapping`) redirects nowhere.
    """
    live = set(mapping.values())
    spread: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id, key, old in published:
        fresh = mapping.get((doc_id, key))
        if fresh is not None and old not in live:
            spread[old][fresh] += 1
    return {old: min(c, key=lambda f: (-c[f], f)) for old, c in sorted(spread.items())}


def follow(redirects: dict[str, str], incident_id: str) -> str:
    """Where a redirected id leads now (redirects may chain: a merged incident merged again)."""
    seen = {incident_id}
    while incident_id in redirects:
        incident_id = redirects[incident_id]
        if incident_id in seen:
            break
        seen.add(incident_id)
    return incident_id
