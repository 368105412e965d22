"""Stable incident ids: once published, an id keeps naming the same incident.

`link_across` names clusters afresh from their place, type and year
(`kabul-bombing-2021`, collisions numbered in date order). `carry_ids` then
gives each cluster the id its reports were published under, so a new report
joins its incident's id and an earlier report never renumbers later ones:

- a cluster keeps the published id that most of its local incidents had, when it
  holds most of that id's local incidents (the id's heir);
- a merge keeps one id (the one most of its reports had; ties: the smaller id) and
  redirects the others to it;
- a split keeps the id on the part holding most of its reports; the other parts
  mint new ids;
- a cluster that inherits no id takes its fresh slug, numbered past every id
  already published or redirected (`-2`, `-3`, ...).

Without published ids (a ledger linked for the first time) the fresh ids stand
unchanged, so the same documents ingested at once give the same ids in any
order; in batches the ids published by earlier batches stay.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from tally.models import Incident

_NUMBERED = re.compile(r"^(?P<base>.+?)-(?P<n>[2-9]|[1-9]\d{1,2})$")
"""A collision number (`-2` .. `-999`); a year (`-2015`) is part of the slug."""


def carry_ids(
    incidents: list[Incident],
    mapping: dict[tuple[str, str], str],
    published: Iterable[tuple[str, str, str]],
    redirected: Iterable[str] = (),
) -> tuple[list[Incident], dict[tuple[str, str], str], dict[str, str]]:
    """Rename fresh clusters to their published ids; return incidents, mapping and redirects.

    `published` gives (doc_id, local key, id) of local incidents as last published;
    `redirected` the ids already redirected elsewhere (never minted again). The
    redirects returned map each published id that no longer names an incident of
    its own to the id that now holds most of its reports.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    """Fresh id → published id → how many of its local incidents had it."""
    spread: dict[str, Counter[str]] = defaultdict(Counter)
    """Published id → fresh id → how many of its local incidents went there."""
    for doc_id, key, old in published:
        fresh = mapping.get((doc_id, key))
        if fresh is None:
            continue
        votes[fresh][old] += 1
        spread[old][fresh] += 1
    if not spread:
        return incidents, mapping, {}
    heir = {old: min(c, key=lambda f: (-c[f], f)) for old, c in spread.items()}
    rename: dict[str, str] = {}
    redirects: dict[str, str] = {}
    for fresh in sorted(votes):
        mine = Counter({old: n for old, n in votes[fresh].items() if heir[old] == fresh})
        if not mine:
            continue
        keep = min(mine, key=lambda old: (-mine[old], old))
        rename[fresh] = keep
        for old in mine:
            if old != keep:
                redirects[old] = keep
    taken = set(rename.values()) | set(redirects) | set(redirected)
    for inc in sorted(incidents, key=lambda i: i.id):
        if inc.id in rename:
            continue
        rename[inc.id] = new = _mint(inc.id, taken)
        taken.add(new)
    out = [dataclasses.replace(inc, id=rename[inc.id]) for inc in incidents]
    return out, {k: rename[v] for k, v in mapping.items()}, redirects


def _mint(fresh: str, taken: set[str]) -> str:
    """`fresh`, or the next free number of its slug when an incident already holds it."""
    if fresh not in taken:
        return fresh
    m = _NUMBERED.match(fresh)
    base = m["base"] if m else fresh
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def follow(redirects: dict[str, str], incident_id: str) -> str:
    """Where a redirected id leads now (redirects may chain: a merged incident merged again)."""
    seen = {incident_id}
    while incident_id in redirects:
        incident_id = redirects[incident_id]
        if incident_id in seen:
            break
        seen.add(incident_id)
    return incident_id
