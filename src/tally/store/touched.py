"""What a reviewer's change touches, read and written without relinking the ledger
(`Ledger` inherits these methods through `Staging`).

Linking reads no corrections, so after a review the links stand: only the incidents the
change names (and those merged into, split off or moved to them) are reconciled again,
from their own local incidents and figures, found through indexes. `link_state` records
which reviewers' log entries the published view reflects (`view_audit`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from tally.models import Incident, LocalIncident, Reconciled, Statement, Total
from tally.store.db import Connection, chunked
from tally.store.rows import _FIG_N, _FIG_SELECT, _FIRST_NAME, _INC_COLS, _figure, _incident_row

AuditEntry = tuple[str | None, str, dict, dict]
"""(incident, target, before, after) of one reviewers' log entry."""


class Touched:
    """The half of `Ledger` that re-reconciles only what a reviewer's change touches."""

    conn: Connection

    def unlinked(self) -> bool:
        """Whether a stored local incident is linked to no incident yet (documents arrived)."""
        return bool(self.conn.query("SELECT 1 FROM local_incidents WHERE linked IS NULL LIMIT 1"))

    def audit_since_view(self) -> list[AuditEntry] | None:
        """The reviewers' log entries the published view does not reflect yet, or None when
        that is unknown (no view recorded, or entries arrived with earlier times: imported)."""
        rows = self.conn.query("SELECT value FROM link_state WHERE name = 'audit'")
        if not rows:
            return None
        seen = json.loads(rows[0][0])
        (total,) = self.conn.query("SELECT COUNT(*) FROM audit_log")[0]
        new = self.conn.query(
            "SELECT incident, target, before, after FROM audit_log WHERE at > ? ORDER BY at",
            (seen["at"],),
        )
        if int(total) != seen["count"] + len(new):
            return None
        return [
            (i, t, json.loads(b or "null") or {}, json.loads(a or "null") or {})
            for i, t, b, a in new
        ]

    def record_view_audit(self, c: Connection) -> None:
        """Record, inside the publishing transaction `c`, the log entries the view reflects."""
        (total, last) = c.query("SELECT COUNT(*), MAX(at) FROM audit_log")[0]
        value = json.dumps({"count": int(total), "at": last or ""})
        c.execute("DELETE FROM link_state WHERE name = 'audit'")
        c.execute("INSERT INTO link_state (name, value) VALUES ('audit', ?)", (value,))

    def linked_among(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` that linking gave a local incident in the published view (indexed)."""
        return {
            r[0]
            for r in self.conn.query_in(
                "SELECT DISTINCT linked FROM local_incidents WHERE linked IN ({})", ids
            )
        }

    def figure_incidents(self, keys: Iterable[str]) -> set[str]:
        """The incidents some figures count now and the ones their local incidents link to."""
        out: set[str] = set()
        for stored, linked in self.conn.query_in(
            "SELECT f.incident_id, l.linked FROM figures f LEFT JOIN local_incidents l "
            "ON l.doc_id = f.doc_id AND l.key = COALESCE(f.local_incident, '') "
            "WHERE f.key IN ({})",
            keys,
        ):
            out.update(i for i in (stored, linked) if i)
        return out

    def members(self, linked: Iterable[str]) -> dict[str, list[LocalIncident]]:
        """The local incidents linked to each of some incidents, in document order."""
        out: dict[str, list[LocalIncident]] = {}
        for iid, data in self.conn.query_in(
            "SELECT linked, data FROM local_incidents WHERE linked IN ({}) ORDER BY doc_id, key",
            linked,
        ):
            d = json.loads(data)
            d["cues"] = tuple(d.get("cues") or ())
            out.setdefault(iid, []).append(LocalIncident(**d))
        return out

    def touched_figures(
        self, linked: Iterable[str], keys: Iterable[str]
    ) -> Iterator[tuple[Statement, str | None, str | None]]:
        """The figures whose local incidents link to `linked`, and those of `keys`, each as a
        statement (its incident left for the caller) with its link and its stored incident."""
        select = (
            f"SELECT {_FIG_SELECT}, NULL, d.published, d.publisher, {_FIRST_NAME}, "
            "l.linked, f.incident_id, d.language FROM figures f "
            "LEFT JOIN local_incidents l "
            "ON l.doc_id = f.doc_id AND l.key = COALESCE(f.local_incident, '') "
            "LEFT JOIN documents d ON d.id = f.doc_id "
        )
        seen: set[str] = set()
        by_link = select.replace("LEFT JOIN local_incidents", "JOIN local_incidents")
        n = _FIG_N - 1  # the statement's columns stand where incident_id would
        for sql, where, items in ((by_link, "l.linked", linked), (select, "f.key", keys)):
            for r in self.conn.query_in(f"{sql} WHERE {where} IN ({{}})", items):
                if r[0] in seen:
                    continue
                seen.add(r[0])
                language = r[n + 6] or "en"
                fig = _figure(r, language)
                yield Statement(fig, r[n + 1], r[n + 2], r[n + 3], language), r[n + 4], r[n + 5]

    def publish_touched(
        self,
        figures: dict[str, str | None],
        replaced: set[str],
        incidents: Iterable[tuple[Incident, list[Reconciled], dict[str, Total | int]]],
    ) -> None:
        """Write in one transaction: the figures' new incidents, the touched incidents' rows
        (`replaced` ids deleted, `incidents` written), and the log entries the view reflects."""
        rows = [_incident_row(*item) for item in incidents]
        with self.conn.transaction() as c:
            c.executemany(
                "UPDATE figures SET incident_id = ? WHERE key = ?",
                [(iid, key) for key, iid in sorted(figures.items())],
            )
            for chunk in chunked(replaced | {r[0] for r in rows}):
                c.execute(
                    f"DELETE FROM incidents WHERE id IN ({', '.join('?' * len(chunk))})", chunk
                )
            if rows:
                c.executemany(
                    f"INSERT INTO incidents ({_INC_COLS}, killed, injured, documents, conflict, "
                    "reconciled, search, conflict_kind, killed_low, killed_high, injured_low, "
                    f"injured_high) VALUES ({', '.join('?' * len(rows[0]))})",
                    rows,
                )
            self.record_view_audit(c)
