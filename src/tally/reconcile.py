"""Reconcile: per incident and (category, group), low / best / high, conflicts, the timeline."""

from __future__ import annotations

from collections import defaultdict

from tally.models import Reconciled, Statement


def reconcile(statements: list[Statement]) -> list[Reconciled]:
    """The reconciled rows of one incident's statements, one per (category, group)."""
    groups: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for s in statements:
        groups[(s.figure.category, s.figure.group)].append(s)
    out = []
    for (cat, grp), stmts in sorted(groups.items()):
        values = sorted({s.figure.value for s in stmts})
        out.append(
            Reconciled(
                category=cat,
                group=grp,
                low=values[0],
                best=values[-1],
                high=values[-1],
                values=tuple(values),
                documents=len({s.figure.doc_id for s in stmts}),
                origins=len({s.figure.doc_id for s in stmts}),
                conflict=len(values) > 1,
                why="placeholder",
                statements=tuple(stmts),
            )
        )
    return out


def totals(rows: list[Reconciled]) -> dict[str, int]:
    """Everyone harmed per category: the largest best over the groups (placeholder)."""
    out: dict[str, int] = {}
    for r in rows:
        if r.best is not None:
            out[r.category] = max(out.get(r.category, 0), r.best)
    return out
