"""Reviewers' corrections, their audit log, and the reviewers themselves.

Corrections are keyed by `Figure.key` (the document's text hash, the figure's
span and its category), never by row ids, so they survive re-ingesting and
re-extracting the same documents. `CorrectionSet` is a snapshot that relinking
and exports apply to the figures stream and the incident assignments.
"""

from __future__ import annotations

import dataclasses
import json
import secrets
from collections.abc import Iterable, Iterator
from typing import Any

from tally.models import Figure, Incident
from tally.store.db import Connection
from tally.store.fixes import (
    EDITABLE,
    CorrectionSet,
    FigureFix,
    checked_fields,
    checked_incident_fields,
    clean_fields,
    clean_incident_fields,
    now,
    renamed_merges,
)
from tally.store.reviewers import ReviewError, Reviewers

__all__ = ["EDITABLE", "CorrectionSet", "Corrections", "FigureFix", "ReviewError", "clean_fields"]


class Corrections(Reviewers):
    """Reviewers, corrections and the audit log of one ledger."""

    # reading -----------------------------------------------------------------

    def snapshot(self) -> CorrectionSet:
        """Every correction (for relinking and exports)."""
        return CorrectionSet(
            figures={
                r[0]: _fix(r)
                for r in self.conn.query(
                    "SELECT key, status, fields, incident, reviewer, at FROM figure_corrections"
                )
            },
            merges=dict(self.conn.query("SELECT source, target FROM incident_merges")),
            splits=dict(self.conn.query("SELECT id, parent FROM incident_splits")),
            edits={
                iid: json.loads(fields or "{}")
                for iid, fields in self.conn.query("SELECT id, fields FROM incident_edits")
            },
        )

    def for_documents(self, doc_ids: Iterable[str]) -> dict[str, FigureFix]:
        """The figure corrections of some documents, by figure key (uses the doc index)."""
        return {
            r[0]: _fix(r)
            for r in self.conn.query_in(
                "SELECT key, status, fields, incident, reviewer, at FROM figure_corrections "
                "WHERE doc_id IN ({})",
                doc_ids,
            )
        }

    def audit(self, incident_id: str | None = None, keys: Iterable[str] = ()) -> list[dict]:
        """Audit entries about an incident or any of the given figure keys, newest first."""
        keys = sorted(set(keys))
        clauses, params = [], []
        if incident_id is not None:
            clauses.append("incident = ?")
            params.append(incident_id)
        if keys:
            clauses.append(f"target IN ({', '.join('?' * len(keys))})")
            params.extend(keys)
        where = f" WHERE {' OR '.join(clauses)}" if clauses else ""
        rows = self.conn.query(
            "SELECT at, reviewer, action, incident, target, before, after, reason FROM audit_log"
            f"{where} ORDER BY at DESC, id DESC LIMIT 500",
            params,
        )
        return [
            {
                "at": r[0],
                "reviewer": r[1],
                "action": r[2],
                "incident": r[3],
                "target": r[4],
                "before": json.loads(r[5]) if r[5] else None,
                "after": json.loads(r[6]) if r[6] else None,
                "reason": r[7],
            }
            for r in rows
        ]

    # writing -----------------------------------------------------------------

    def review_figure(
        self,
        reviewer: str,
        fig: Figure,
        action: str,
        incident_id: str | None,
        values: dict[str, Any] | None = None,
        move_to: str | None = None,
        reason: str = "",
    ) -> FigureFix:
        """Confirm, reject, correct, move or reset one figure, and log it; return the new state."""
        with self.conn.transaction() as c:
            rows = c.query(
                "SELECT key, status, fields, incident, reviewer, at FROM figure_corrections "
                "WHERE key = ?",
                (fig.key,),
            )
            before = _fix(rows[0]) if rows else FigureFix(fig.key)
            if action == "confirm":
                after = dataclasses.replace(before, status="confirmed")
            elif action == "reject":
                after = dataclasses.replace(before, status="rejected")
            elif action == "correct":
                fields = {
                    k: v for k, v in clean_fields(values or {}).items() if getattr(fig, k) != v
                }
                after = dataclasses.replace(before, fields=fields, status=None)
            elif action == "move":
                if not move_to:
                    raise ReviewError("name the incident to move the figure to")
                if not c.query("SELECT 1 FROM incidents WHERE id = ?", (move_to,)):
                    raise ReviewError(f"no incident {move_to!r} in the ledger")
                after = dataclasses.replace(before, incident=move_to)
            elif action == "reset":
                after = FigureFix(fig.key)
            else:
                raise ReviewError(f"unknown action {action!r}")
            after = dataclasses.replace(after, reviewer=reviewer, at=now())
            c.execute(
                "INSERT INTO figure_corrections (key, doc_id, status, fields, incident, reviewer, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                "status = excluded.status, fields = excluded.fields, "
                "incident = excluded.incident, reviewer = excluded.reviewer, at = excluded.at",
                (
                    fig.key,
                    fig.doc_id,
                    after.status,
                    json.dumps(after.fields),
                    after.incident,
                    reviewer,
                    after.at,
                ),
            )
            self._log(
                c,
                reviewer,
                action,
                incident_id,
                fig.key,
                before.state(fig),
                after.state(fig),
                reason,
            )
        return after

    def rename_incidents(self, renames: dict[str, str]) -> None:
        """Store the corrections with the incident ids linking renamed, as
        `CorrectionSet.renamed` applies them (the audit log keeps the ids of its day)."""
        if not renames:
            return
        with self.conn.transaction() as c:
            moved = c.query(
                "SELECT key, incident FROM figure_corrections WHERE incident IS NOT NULL"
            )
            c.executemany(
                "UPDATE figure_corrections SET incident = ? WHERE key = ?",
                [(renames[iid], key) for key, iid in moved if iid in renames],
            )
            parents = c.query("SELECT id, parent FROM incident_splits")
            c.executemany(
                "UPDATE incident_splits SET parent = ? WHERE id = ?",
                [(renames[parent], part) for part, parent in parents if parent in renames],
            )
            edits = c.query("SELECT id, fields, reviewer, at FROM incident_edits")
            if any(iid in renames for iid, *_ in edits):
                c.execute("DELETE FROM incident_edits")
                kept: dict[str, tuple] = {}
                for iid, *rest in sorted(edits):
                    kept.setdefault(renames.get(iid, iid), (renames.get(iid, iid), *rest))
                c.executemany(
                    "INSERT INTO incident_edits (id, fields, reviewer, at) VALUES (?, ?, ?, ?)",
                    list(kept.values()),
                )
            merges = c.query("SELECT source, target, reviewer, at FROM incident_merges")
            if any(s in renames or t in renames for s, t, _, _ in merges):
                c.execute("DELETE FROM incident_merges")
                c.executemany(
                    "INSERT INTO incident_merges (source, target, reviewer, at) VALUES (?, ?, ?, ?)",
                    renamed_merges(merges, renames),
                )

    def edit_incident(
        self, reviewer: str, current: Incident, values: dict[str, Any], reason: str = ""
    ) -> dict[str, Any]:
        """Set an incident's name, type, date or place (`clean_incident_fields`) over what
        linking gives, and log it; return the fields that changed (none: nothing logged).

        `values` may carry the place's `lat`, `lon` and `where_prec` (the caller looks
        them up); a changed place without them has no coordinates.
        """
        fields = clean_incident_fields(values, current)
        if not fields:
            return {}
        if {"place", "admin1", "country"} & fields.keys():
            for name in ("lat", "lon", "where_prec"):
                fields[name] = values.get(name)
        with self.conn.transaction() as c:
            rows = c.query("SELECT fields FROM incident_edits WHERE id = ?", (current.id,))
            stored = json.loads(rows[0][0] or "{}") if rows else {}
            c.execute(
                "INSERT INTO incident_edits (id, fields, reviewer, at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET fields = excluded.fields, "
                "reviewer = excluded.reviewer, at = excluded.at",
                (current.id, json.dumps(stored | fields), reviewer, now()),
            )
            before = {k: getattr(current, k) for k in fields}
            self._log(c, reviewer, "edit", current.id, current.id, before, fields, reason)
        return fields

    def merge(self, reviewer: str, source: str, target: str, reason: str = "") -> None:
        """Merge incident `source` into `target`, and log it."""
        if source == target:
            raise ReviewError("an incident cannot be merged into itself")
        with self.conn.transaction() as c:
            if not c.query("SELECT 1 FROM incidents WHERE id = ?", (target,)):
                raise ReviewError(f"no incident {target!r} in the ledger")
            merges = dict(c.query("SELECT source, target FROM incident_merges"))
            probe = target
            while probe in merges:
                probe = merges[probe]
                if probe == source:
                    raise ReviewError(f"{target!r} is already merged into {source!r}")
            c.execute(
                "INSERT INTO incident_merges (source, target, reviewer, at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (source) DO UPDATE SET target = excluded.target, "
                "reviewer = excluded.reviewer, at = excluded.at",
                (source, target, reviewer, now()),
            )
            for about in (source, target):
                before, after = {"incident": source}, {"merged_into": target}
                self._log(c, reviewer, "merge", about, source, before, after, reason)

    def split(self, reviewer: str, parent: str, figures: list[Figure], reason: str = "") -> str:
        """Move `figures` of incident `parent` into a new incident split off it; return its id."""
        if not figures:
            raise ReviewError("choose the figures that form the new incident")
        with self.conn.transaction() as c:
            n = 1 + len(c.query("SELECT id FROM incident_splits WHERE parent = ?", (parent,)))
            part = f"{parent}-split-{n}"
            while c.query("SELECT 1 FROM incident_splits WHERE id = ?", (part,)):
                n += 1
                part = f"{parent}-split-{n}"
            c.execute(
                "INSERT INTO incident_splits (id, parent, reviewer, at) VALUES (?, ?, ?, ?)",
                (part, parent, reviewer, now()),
            )
            self._log(
                c,
                reviewer,
                "split",
                parent,
                parent,
                {"incident": parent},
                {"split_into": part, "figures": [f.key for f in figures]},
                reason,
            )
            for fig in figures:
                rows = c.query(
                    "SELECT key, status, fields, incident, reviewer, at FROM figure_corrections "
                    "WHERE key = ?",
                    (fig.key,),
                )
                before = _fix(rows[0]) if rows else FigureFix(fig.key)
                after = dataclasses.replace(before, incident=part, reviewer=reviewer, at=now())
                c.execute(
                    "INSERT INTO figure_corrections "
                    "(key, doc_id, status, fields, incident, reviewer, at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                    "incident = excluded.incident, reviewer = excluded.reviewer, at = excluded.at",
                    (
                        fig.key,
                        fig.doc_id,
                        after.status,
                        json.dumps(after.fields),
                        part,
                        reviewer,
                        after.at,
                    ),
                )
        return part

    # carrying corrections to a rebuilt ledger ----------------------------------

    def dump(self) -> Iterator[dict[str, Any]]:
        """Every correction, merge, split and audit entry as plain rows (no reviewer tokens)."""
        for r in self.conn.query(
            "SELECT key, doc_id, status, fields, incident, reviewer, at FROM figure_corrections "
            "ORDER BY key"
        ):
            yield {
                "kind": "figure",
                "key": r[0],
                "doc_id": r[1],
                "status": r[2],
                "fields": json.loads(r[3] or "{}"),
                "incident": r[4],
                "reviewer": r[5],
                "at": r[6],
            }
        for r in self.conn.query(
            "SELECT source, target, reviewer, at FROM incident_merges ORDER BY source"
        ):
            yield {"kind": "merge", "source": r[0], "target": r[1], "reviewer": r[2], "at": r[3]}
        for r in self.conn.query(
            "SELECT id, parent, reviewer, at FROM incident_splits ORDER BY id"
        ):
            yield {"kind": "split", "id": r[0], "parent": r[1], "reviewer": r[2], "at": r[3]}
        for r in self.conn.query("SELECT id, fields, reviewer, at FROM incident_edits ORDER BY id"):
            yield {
                "kind": "edit",
                "id": r[0],
                "fields": json.loads(r[1] or "{}"),
                "reviewer": r[2],
                "at": r[3],
            }
        for r in self.conn.query(
            "SELECT id, at, reviewer, action, incident, target, before, after, reason "
            "FROM audit_log ORDER BY at, id"
        ):
            yield {
                "kind": "audit",
                "id": r[0],
                "at": r[1],
                "reviewer": r[2],
                "action": r[3],
                "incident": r[4],
                "target": r[5],
                "before": json.loads(r[6] or "null"),
                "after": json.loads(r[7] or "null"),
                "reason": r[8],
            }

    def load(self, rows: Iterable[dict[str, Any]], source: str = "") -> int:
        """Add dumped rows to this ledger (a later decision on the same key wins); return how many."""
        n = 0
        with self.conn.transaction() as c:
            for row in rows:
                try:
                    kind = row["kind"]
                    if kind == "figure":
                        c.execute(
                            "INSERT INTO figure_corrections "
                            "(key, doc_id, status, fields, incident, reviewer, at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                            "status = excluded.status, fields = excluded.fields, "
                            "incident = excluded.incident, reviewer = excluded.reviewer, "
                            "at = excluded.at WHERE excluded.at > figure_corrections.at",
                            (
                                row["key"],
                                row["doc_id"],
                                row.get("status"),
                                json.dumps(checked_fields(row.get("fields") or {})),
                                row.get("incident"),
                                row["reviewer"],
                                row["at"],
                            ),
                        )
                    elif kind == "merge":
                        c.execute(
                            "INSERT INTO incident_merges (source, target, reviewer, at) "
                            "VALUES (?, ?, ?, ?) ON CONFLICT (source) DO NOTHING",
                            (row["source"], row["target"], row["reviewer"], row["at"]),
                        )
                    elif kind == "split":
                        c.execute(
                            "INSERT INTO incident_splits (id, parent, reviewer, at) "
                            "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                            (row["id"], row["parent"], row["reviewer"], row["at"]),
                        )
                    elif kind == "edit":
                        c.execute(
                            "INSERT INTO incident_edits (id, fields, reviewer, at) "
                            "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                            "fields = excluded.fields, reviewer = excluded.reviewer, "
                            "at = excluded.at WHERE excluded.at > incident_edits.at",
                            (
                                row["id"],
                                json.dumps(checked_incident_fields(row.get("fields") or {})),
                                row["reviewer"],
                                row["at"],
                            ),
                        )
                    elif kind == "audit":
                        c.execute(
                            "INSERT INTO audit_log "
                            "(id, at, reviewer, action, incident, target, before, after, reason) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                            (
                                row["id"],
                                row["at"],
                                row["reviewer"],
                                row["action"],
                                row.get("incident"),
                                row["target"],
                                json.dumps(row.get("before")),
                                json.dumps(row.get("after")),
                                row.get("reason"),
                            ),
                        )
                    else:
                        raise ReviewError(f"unknown row kind {kind!r}", source=source)
                except (KeyError, TypeError) as err:
                    raise ReviewError(
                        f"row {n + 1} is not a tally correction ({err})", source=source
                    ) from err
                n += 1
        return n

    @staticmethod
    def _log(
        c: Connection,
        reviewer: str,
        action: str,
        incident_id: str | None,
        target: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        reason: str = "",
    ) -> None:
        c.execute(
            "INSERT INTO audit_log "
            "(id, at, reviewer, action, incident, target, before, after, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                secrets.token_hex(8),
                now(),
                reviewer,
                action,
                incident_id,
                target,
                json.dumps(before),
                json.dumps(after),
                " ".join(reason.split())[:500] or None,
            ),
        )


def _fix(r: tuple) -> FigureFix:
    return FigureFix(
        key=r[0],
        status=r[1],
        fields=json.loads(r[2] or "{}"),
        incident=r[3],
        reviewer=r[4],
        at=r[5],
    )
