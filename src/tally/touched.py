"""Which incidents a reviewer's change touches, and their figures' incidents after it.

A change names incidents in the reviewers' log (the figure's, the one it moved to, the
one merged into, the part split off); linking reads no corrections, so only those, closed
under the merges and splits that join them to others, need reconciling again. Pure: the
ledger's reads and writes are `store.touched`'s; `pipeline.relink` runs it.
"""

from __future__ import annotations

from collections.abc import Iterable

from tally.store.corrections import CorrectionSet

_NAMED = ("moved_to", "merged_into", "split_into", "incident")
"""What a log entry's before and after states may name an incident by."""


def named(entries: Iterable[tuple[str | None, str, dict, dict]]) -> tuple[set[str], set[str]]:
    """The incidents some log entries name, and the targets that are figures' keys."""
    ids: set[str] = set()
    targets: set[str] = set()
    for incident, target, before, after in entries:
        if incident:
            ids.add(incident)
        targets.add(target)
        for state in (before, after):
            ids.update(v for k in _NAMED if isinstance(v := state.get(k), str) and v)
    return ids, targets


def known(linked: set[str], fixes: CorrectionSet) -> set[str]:
    """The incidents of the view among `linked` and the parts split off them, less those
    merged into another (what `CorrectionSet.incidents` keeps)."""
    ids = linked | {part for part, parent in fixes.splits.items() if parent in linked}
    gone = {
        s for s in fixes.merges if s in ids and fixes.resolve(s) in ids and fixes.resolve(s) != s
    }
    return ids - gone


def relevant(scope: set[str], fixes: CorrectionSet) -> set[str]:
    """The incidents whose place in the view decides `scope`'s: its own, and every one a
    merge, a split or a move names (the view is read for these only, not the ledger)."""
    out = set(scope) | set(fixes.merges) | set(fixes.merges.values())
    out |= set(fixes.splits) | set(fixes.splits.values())
    return out | {fix.incident for fix in fixes.figures.values() if fix.incident}


def closed(ids: set[str], fixes: CorrectionSet) -> set[str]:
    """`ids` with every incident a merge or a split joins to them, both ways."""
    out = set(ids)
    while True:
        more = {fixes.resolve(i) for i in out}
        more |= {s for s in fixes.merges if fixes.resolve(s) in out}
        more |= {p for p, parent in fixes.splits.items() if parent in out}
        more |= {fixes.splits[p] for p in out if p in fixes.splits}
        more |= {
            fixes.resolve(fix.incident) for fix in fixes.figures.values() if fix.incident in out
        }
        if more <= out:
            return out
        out |= more


def moved_keys(ids: set[str], fixes: CorrectionSet) -> set[str]:
    """Keys of figures a reviewer moved into one of `ids` (after merges)."""
    return {
        key
        for key, fix in fixes.figures.items()
        if fix.incident and fixes.resolve(fix.incident) in ids
    }
