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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tally.models import CATEGORIES, GROUPS, MAX_VALUE, QUALIFIERS, Figure, Incident
from tally.store.db import Connection
from tally.store.reviewers import ReviewError, Reviewers

EDITABLE = ("value", "value_high", "category", "group", "qualifier", "attribution")
"""Figure fields a reviewer may correct."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class FigureFix:
    """What reviewers decided about one figure."""

    key: str
    status: str | None = None
    """`confirmed`, `rejected`, or None (only corrected or moved)."""
    fields: dict[str, Any] = field(default_factory=dict)
    incident: str | None = None
    """The incident a reviewer moved it to."""
    reviewer: str | None = None
    at: str | None = None

    def state(self, fig: Figure | None = None) -> dict[str, Any]:
        """A plain dict for the audit log: the figure's fields as corrected, status, move."""
        shown = {k: getattr(fig, k) for k in EDITABLE} if fig is not None else {}
        return {**shown, **self.fields, "status": self.status, "moved_to": self.incident}


@dataclass
class CorrectionSet:
    """A snapshot of every correction, applied to figures and incident assignments."""

    figures: dict[str, FigureFix] = field(default_factory=dict)
    merges: dict[str, str] = field(default_factory=dict)
    splits: dict[str, str] = field(default_factory=dict)

    def figure(self, fig: Figure) -> Figure | None:
        """The figure as corrected, or None when a reviewer rejected it."""
        fix = self.figures.get(fig.key)
        if fix is None:
            return fig
        if fix.status == "rejected":
            return None
        if not fix.fields:
            return fig
        return dataclasses.replace(fig, **fix.fields)

    def renamed(self, renames: dict[str, str]) -> CorrectionSet:
        """These corrections with the incident ids linking renamed (`Ledger.renames`): a
        reviewer's merge, split or move follows its incident, not the old id."""
        if not renames:
            return self

        def new(iid: str) -> str:
            return renames.get(iid, iid)

        merges = {
            source: target for source, target in _renamed_merges(self.merges.items(), renames)
        }
        return CorrectionSet(
            figures={
                k: fix
                if fix.incident is None
                else dataclasses.replace(fix, incident=new(fix.incident))
                for k, fix in self.figures.items()
            },
            merges=merges,
            splits={part: new(parent) for part, parent in self.splits.items()},
        )

    def resolve(self, incident_id: str) -> str:
        """Follow merges to the incident that absorbed `incident_id`."""
        seen = {incident_id}
        while incident_id in self.merges:
            incident_id = self.merges[incident_id]
            if incident_id in seen:
                break
            seen.add(incident_id)
        return incident_id

    def incident_of(self, incident_id: str, known: set[str]) -> str:
        """The incident a linked incident's figures count after merges (into vanished ids: ignored)."""
        target = self.resolve(incident_id)
        return target if target in known else incident_id

    def moves(self, known: set[str]) -> dict[str, str]:
        """Figure key → the incident a reviewer moved it to, after merges (vanished ids ignored).

        A moved figure counts that incident instead of `incident_of` its linked one.
        """
        out: dict[str, str] = {}
        for key, fix in sorted(self.figures.items()):
            if fix.incident and self.resolve(fix.incident) in known:
                out[key] = self.resolve(fix.incident)
        return out

    def incidents(self, incidents: Iterable[Incident]) -> list[Incident]:
        """Linked incidents plus the parts reviewers split off, less those merged into others."""
        incidents = list(incidents)
        by_id = {i.id: i for i in incidents}
        for part, parent in sorted(self.splits.items()):
            base = by_id.get(parent)
            if base is not None and part not in by_id:
                name = f"{base.name or base.id} (split)"
                by_id[part] = dataclasses.replace(base, id=part, name=name)
        return [
            i
            for i in by_id.values()
            if self.resolve(i.id) not in by_id or self.resolve(i.id) == i.id
        ]

    def original_key(self, key: str) -> str:
        """The key a correction is stored under, given the key of the corrected figure."""
        if key in self.figures:
            return key
        doc_span = key.rsplit(":", 1)[0]
        for fix in self.figures.values():
            same_span = fix.key.rsplit(":", 1)[0] == doc_span
            if same_span and f"{doc_span}:{fix.fields.get('category')}" == key:
                return fix.key
        return key


def _renamed_merges(merges: Iterable[tuple[Any, ...]], renames: dict[str, str]) -> list[tuple]:
    """Merge rows (source, target, ...) with the ids linking renamed, by source: one that
    now merges an incident into itself is dropped; of two from one source, the first stays."""
    kept: dict[str, tuple] = {}
    for source, target, *rest in sorted(merges):
        source, target = renames.get(source, source), renames.get(target, target)
        if source != target:
            kept.setdefault(source, (source, target, *rest))
    return list(kept.values())


def clean_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """Validate a reviewer's corrected fields; raise `ReviewError` with the reason."""
    out: dict[str, Any] = {}
    for name in ("value", "value_high"):
        text = str(raw.get(name) or "").replace(",", "").strip()
        if not text:
            if name == "value":
                raise ReviewError("a corrected figure needs a value")
            out[name] = None
            continue
        if not (text.isascii() and text.isdigit()):
            raise ReviewError(f"{name} must be a whole number, not {text[:20]!r}")
        if len(text) > len(str(MAX_VALUE)) or int(text) > MAX_VALUE:
            raise ReviewError(f"{name} must be at most {MAX_VALUE:,} (more people than live)")
        out[name] = int(text)
    for name, allowed in (("category", CATEGORIES), ("group", GROUPS), ("qualifier", QUALIFIERS)):
        value = str(raw.get(name) or "").strip()
        if value not in allowed:
            raise ReviewError(f"{name} must be one of {', '.join(allowed)}")
        out[name] = value
    attribution = str(raw.get("attribution") or "").strip()
    out["attribution"] = attribution[:200] or None
    if out["value_high"] is not None and out["value_high"] < out["value"]:
        raise ReviewError("value_high must not be below value")
    return out


def checked_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Stored corrected fields (a subset of `EDITABLE`) as they must be, else `ReviewError`.

    Corrections imported from a file are checked as a reviewer's form is, so no
    value a ledger cannot hold (or no count of people can be) gets in.
    """
    if not isinstance(fields, dict):
        raise ReviewError("corrected fields must be an object of field names and values")
    allowed = {"category": CATEGORIES, "group": GROUPS, "qualifier": QUALIFIERS}
    for name, value in fields.items():
        if name in {"value", "value_high"}:
            ok = (value is None and name == "value_high") or (
                type(value) is int and 0 <= value <= MAX_VALUE
            )
        elif name in allowed:
            ok = value in allowed[name]
        elif name == "attribution":
            ok = value is None or (isinstance(value, str) and len(value) <= 200)
        else:
            ok = False
        if not ok:
            raise ReviewError(f"a corrected {name} of {str(value)[:30]!r} is not allowed")
    return fields


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
        )

    def for_documents(self, doc_ids: Iterable[str]) -> dict[str, FigureFix]:
        """The figure corrections of some documents, by figure key (uses the doc index)."""
        ids = sorted(set(doc_ids))
        out: dict[str, FigureFix] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            for r in self.conn.query(
                "SELECT key, status, fields, incident, reviewer, at FROM figure_corrections "
                f"WHERE doc_id IN ({marks})",
                chunk,
            ):
                out[r[0]] = _fix(r)
        return out

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
            "SELECT at, reviewer, action, incident, target, before, after FROM audit_log"
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
            after = dataclasses.replace(after, reviewer=reviewer, at=_now())
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
                c, reviewer, action, incident_id, fig.key, before.state(fig), after.state(fig)
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
            merges = c.query("SELECT source, target, reviewer, at FROM incident_merges")
            if any(s in renames or t in renames for s, t, _, _ in merges):
                c.execute("DELETE FROM incident_merges")
                c.executemany(
                    "INSERT INTO incident_merges (source, target, reviewer, at) VALUES (?, ?, ?, ?)",
                    _renamed_merges(merges, renames),
                )

    def merge(self, reviewer: str, source: str, target: str) -> None:
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
                (source, target, reviewer, _now()),
            )
            self._log(
                c, reviewer, "merge", source, source, {"incident": source}, {"merged_into": target}
            )
            self._log(
                c, reviewer, "merge", target, source, {"incident": source}, {"merged_into": target}
            )

    def split(self, reviewer: str, parent: str, figures: list[Figure]) -> str:
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
                (part, parent, reviewer, _now()),
            )
            self._log(
                c,
                reviewer,
                "split",
                parent,
                parent,
                {"incident": parent},
                {"split_into": part, "figures": [f.key for f in figures]},
            )
            for fig in figures:
                rows = c.query(
                    "SELECT key, status, fields, incident, reviewer, at FROM figure_corrections "
                    "WHERE key = ?",
                    (fig.key,),
                )
                before = _fix(rows[0]) if rows else FigureFix(fig.key)
                after = dataclasses.replace(before, incident=part, reviewer=reviewer, at=_now())
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
        for r in self.conn.query(
            "SELECT id, at, reviewer, action, incident, target, before, after FROM audit_log "
            "ORDER BY at, id"
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
                    elif kind == "audit":
                        c.execute(
                            "INSERT INTO audit_log "
                            "(id, at, reviewer, action, incident, target, before, after) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                            (
                                row["id"],
                                row["at"],
                                row["reviewer"],
                                row["action"],
                                row.get("incident"),
                                row["target"],
                                json.dumps(row.get("before")),
                                json.dumps(row.get("after")),
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
    ) -> None:
        c.execute(
            "INSERT INTO audit_log (id, at, reviewer, action, incident, target, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                secrets.token_hex(8),
                _now(),
                reviewer,
                action,
                incident_id,
                target,
                json.dumps(before),
                json.dumps(after),
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
