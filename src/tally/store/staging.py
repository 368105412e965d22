"""Relinking's staging: the view a relink computes, kept in temporary tables until one
short transaction publishes it (`Ledger` inherits these methods).

Temporary tables belong to the connection and take no lock on the ledger, so
other writers go on while a relink links and reconciles; publishing writes only
what differs from the stored view.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby, islice

from tally.models import Incident, Reconciled, Statement, Total
from tally.store.db import Connection
from tally.store.linkindex import LinkIndex
from tally.store.rows import (
    _FIG_N,
    _FIG_SELECT,
    _FIRST_NAME,
    _INC_COLS,
    _figure,
    _incident,
    _incident_row,
    _renames,
)
from tally.store.touched import Touched

_STAGING = {
    "links": (
        "relink_map",
        "relink_moves",
        "relink_figures",
        "relink_linked",
        "relink_clusters",
        "relink_clusters_new",
    ),
    "incidents": ("relink_incidents", "relink_changed", "relink_gone", "relink_scope"),
}
"""What a relink stages (`Ledger.stage_links`, `Ledger.stage_incidents`): temporary tables."""
_STAGED_JOINS = (
    "LEFT JOIN relink_map m ON m.doc_id = f.doc_id AND m.key = COALESCE(f.local_incident, '') "
    "LEFT JOIN relink_moves mv ON mv.key = f.key"
)
_STAGED_INCIDENT = (
    "CASE WHEN m.incident_id IS NULL THEN NULL ELSE COALESCE(mv.incident_id, m.incident_id) END"
)
"""The incident a figure counts once staged: its local incident's, or the one a reviewer
moved it to (a figure of no incident stays so)."""


def _statement(r: tuple, n: int) -> Statement:
    """The statement of a staged figure row whose own columns end at `n`, followed by its
    document's date, publisher, first name and language."""
    language = r[n + 4] or "en"
    return Statement(_figure(r, language), r[n + 1], r[n + 2], r[n + 3], language)


class Staging(Touched):
    """The staging half of `Ledger`: what a relink stages, publishes and drops."""

    conn: Connection
    _staged: set[str]
    _redirects: dict[str, str]

    def published_links(self) -> Iterator[tuple[str, str, str]]:
        """(doc_id, local key, incident id) of every local incident as last published."""
        yield from self.conn.iterate(
            "SELECT doc_id, key, linked FROM local_incidents WHERE linked IS NOT NULL "
            "ORDER BY doc_id, key"
        )

    def stage_redirects(self, redirects: dict[str, str]) -> None:
        """Stage published ids that now lead to another incident (`publish_staged` writes them)."""
        self._redirects = dict(redirects)

    def renames(self, linked: dict[tuple[str, str], str]) -> dict[str, str]:
        """The ids linking now gives incidents of the published view that it named otherwise.

        `linked` maps (doc_id, local incident key) to the incident linking gives it now.
        An incident of the published view takes the id that most of its local incidents
        now have (ties: the first id); only ids that change are returned.
        """
        rows = self.conn.iterate(
            "SELECT linked, doc_id, key FROM local_incidents WHERE linked IS NOT NULL "
            "ORDER BY linked, doc_id, key"
        )
        return _renames((old, linked.get((d, k)), 1) for old, d, k in rows)

    def staged_renames(self) -> dict[str, str]:
        """`renames` as the staged links give them, read from the ledger as it is now (a
        relink publishing checks that nobody else's view renamed the incidents meanwhile).
        Only incidents with a local incident whose link changed are counted."""
        rows = self.conn.query(
            "SELECT l.linked, m.linked, COUNT(*) FROM local_incidents l "
            "JOIN relink_map m ON m.doc_id = l.doc_id AND m.key = l.key "
            "WHERE l.linked IN (SELECT l2.linked FROM local_incidents l2 JOIN relink_linked r "
            "ON r.doc_id = l2.doc_id AND r.key = l2.key) "
            "GROUP BY l.linked, m.linked ORDER BY l.linked, m.linked"
        )
        return _renames(rows)

    def stage_links(
        self,
        linked: Iterable[tuple[str, str, str, str | None] | tuple[str, str, str]],
        moved: dict[str, str],
        redirects: dict[str, str] | None = None,
        clusters: Iterable[tuple[str, str, str | None, str, str]] = (),
    ) -> None:
        """Stage the incident every figure counts, in temporary tables, without writing the ledger.

        `linked` gives (doc_id, local incident key, incident id, and its group if known) as
        linking found them, and `clusters` (id, slug, date, first doc_id, first key) of its incidents
        (`LinkIndex`);
        `redirects` maps an incident a reviewer merged away to the one its figures count,
        and `moved` maps figure keys to the incident a reviewer moved them to (a figure
        that counts none stays so). `staged_statements` reads the figures by these
        incidents, and `publish_staged` writes them (and what linking found). Temporary
        tables belong to this connection and take no lock on the ledger, so other
        writers go on meanwhile.
        """
        redirects = redirects or {}
        c = self.conn
        self._restage("links")
        c.execute(
            "CREATE TEMP TABLE relink_map (doc_id TEXT NOT NULL, key TEXT NOT NULL, "
            "linked TEXT, incident_id TEXT, grp TEXT, PRIMARY KEY (doc_id, key))"
        )
        c.execute(
            "CREATE TEMP TABLE relink_moves (key TEXT PRIMARY KEY, incident_id TEXT NOT NULL)"
        )
        rows = (
            (d, k, iid, redirects.get(iid, iid), grp[0] if grp else None)
            for d, k, iid, *grp in linked
        )
        while chunk := list(islice(rows, 5000)):
            c.executemany(
                "INSERT INTO relink_map (doc_id, key, linked, incident_id, grp) "
                "VALUES (?, ?, ?, ?, ?)",
                chunk,
            )
        c.executemany(
            "INSERT INTO relink_moves (key, incident_id) VALUES (?, ?)", list(moved.items())
        )
        # What publishing must write: figures counting another incident, links found anew.
        c.execute("CREATE TEMP TABLE relink_figures (key TEXT PRIMARY KEY, incident_id TEXT)")
        c.execute(
            "INSERT INTO relink_figures (key, incident_id) "
            f"SELECT f.key, {_STAGED_INCIDENT} FROM figures f {_STAGED_JOINS} "
            "EXCEPT SELECT key, incident_id FROM figures"
        )
        c.execute(
            "CREATE TEMP TABLE relink_linked (doc_id TEXT NOT NULL, key TEXT NOT NULL, "
            "linked TEXT, grp TEXT, PRIMARY KEY (doc_id, key))"
        )
        c.execute(
            "INSERT INTO relink_linked (doc_id, key, linked, grp) SELECT doc_id, key, linked, "
            "grp FROM relink_map EXCEPT SELECT doc_id, key, linked, grp FROM local_incidents"
        )
        c.execute(
            "CREATE TEMP TABLE relink_clusters (id TEXT PRIMARY KEY, base TEXT NOT NULL, "
            "date TEXT, first_doc TEXT NOT NULL, first_key TEXT NOT NULL)"
        )
        items = iter(sorted(clusters))
        while chunk := list(islice(items, 5000)):
            c.executemany("INSERT INTO relink_clusters VALUES (?, ?, ?, ?, ?)", chunk)
        c.execute(  # what publishing writes: the incidents linking names anew
            "CREATE TEMP TABLE relink_clusters_new AS SELECT * FROM relink_clusters "
            "EXCEPT SELECT id, base, date, first_doc, first_key FROM link_clusters"
        )
        self._staged.add("links")

    def staged_statements(
        self, scope: set[str] | None = None
    ) -> Iterator[tuple[str, list[Statement]]]:
        """Each staged incident's figures as statements, streamed one incident at a time.

        Incidents come in id order; within one, figures in document and text order
        (span ties by end, as extraction stores them), each with its document's
        date, publisher and first name. Figures that count no incident are left
        out, and with `scope`, those of other incidents. Memory holds one incident's
        statements, whatever the ledger's size.
        """
        sql = (
            f"SELECT * FROM (SELECT {_FIG_SELECT}, {_STAGED_INCIDENT} AS staged, "
            f"d.published, d.publisher, {_FIRST_NAME} AS first_name, d.language "
            f"FROM figures f {_STAGED_JOINS} "
            "LEFT JOIN documents d ON d.id = f.doc_id) s "
            "WHERE staged IS NOT NULL "
            + ("AND staged IN (SELECT id FROM relink_scope) " if scope is not None else "")
            + "ORDER BY staged, doc_id, start_char, category, end_char"
        )
        n = _FIG_N - 1  # the staged incident stands where incident_id would
        for incident_id, rows in groupby(self.conn.iterate(sql), key=lambda r: r[n]):
            yield incident_id, [_statement(r, n) for r in rows]

    def stage_incidents(
        self,
        incidents: Iterable[tuple[Incident, list[Reconciled], dict[str, Total | int]]],
        scope: set[str] | None = None,
    ) -> None:
        """Stage every incident with its reconciled figures and totals, to replace the stored ones.

        Written in batches as they come, so `incidents` may be a generator that
        reads the ledger (`staged_statements`) while this writes. With `scope`, only
        incidents of those ids are staged: the others' stored rows stand.
        """
        c = self.conn
        self._restage("incidents")
        if scope is not None:  # what `staged_statements(scope)` reads
            c.execute("CREATE TEMP TABLE relink_scope (id TEXT PRIMARY KEY)")
            c.executemany("INSERT INTO relink_scope (id) VALUES (?)", [(i,) for i in sorted(scope)])
        c.execute("CREATE TEMP TABLE relink_incidents AS SELECT * FROM incidents WHERE 1 = 0")
        items = iter(incidents)
        while batch := [_incident_row(*item) for item in islice(items, 500)]:
            c.executemany(
                f"INSERT INTO relink_incidents ({_INC_COLS}, killed, injured, documents, conflict, "
                "reconciled, search, conflict_kind, killed_low, killed_high, injured_low, "
                f"injured_high) VALUES ({', '.join('?' * 23)})",
                batch,
            )
        # What publishing must write: rows new or changed, and ids no longer in the view.
        for table in ("relink_changed", "relink_gone"):
            c.execute(f"CREATE TEMP TABLE {table} (id TEXT PRIMARY KEY)")
        c.execute(
            "INSERT INTO relink_changed (id) SELECT id FROM "
            "(SELECT * FROM relink_incidents EXCEPT SELECT * FROM incidents) d"
        )
        within = " WHERE id IN (SELECT id FROM relink_scope)" if scope is not None else ""
        c.execute(
            "INSERT INTO relink_gone (id) "
            f"SELECT id FROM incidents{within} EXCEPT SELECT id FROM relink_incidents"
        )
        self._staged.add("incidents")

    def stored_incidents(self) -> dict[str, Incident]:
        """Every stored incident as linking described it (what a relink compares its own with)."""
        return {r[0]: _incident(r) for r in self.conn.iterate(f"SELECT {_INC_COLS} FROM incidents")}

    def staged_moves(self) -> set[str]:
        """The incidents staged figures leave or join (`stage_links`)."""
        rows = self.conn.query(
            "SELECT incident_id FROM relink_figures UNION SELECT f.incident_id FROM figures f "
            "JOIN relink_figures r ON r.key = f.key"
        )
        return {r[0] for r in rows if r[0] is not None}

    def publish_staged(self) -> None:
        """Write what is staged in one transaction: figures' incidents, then the incidents.

        Readers see the old view or the new one, never a mix. Only this step takes
        the ledger's write lock, and it writes only what differs from the stored view
        (as staging found it: the caller checks that nothing changed since). The
        staging stays until `drop_staged`, which the caller runs after the lock is gone.
        """
        with self.conn.transaction() as c:
            if "links" in self._staged:
                c.execute(
                    "UPDATE figures SET incident_id = (SELECT s.incident_id FROM relink_figures s "
                    "WHERE s.key = figures.key) WHERE key IN (SELECT key FROM relink_figures)"
                )
                c.execute(
                    "UPDATE local_incidents SET linked = (SELECT r.linked FROM relink_linked r "
                    "WHERE r.doc_id = local_incidents.doc_id AND r.key = local_incidents.key), "
                    "grp = (SELECT r.grp FROM relink_linked r "
                    "WHERE r.doc_id = local_incidents.doc_id AND r.key = local_incidents.key) "
                    "WHERE (doc_id, key) IN (SELECT doc_id, key FROM relink_linked)"
                )
                c.execute(
                    "DELETE FROM link_clusters WHERE id NOT IN (SELECT id FROM relink_clusters) "
                    "OR id IN (SELECT id FROM relink_clusters_new)"
                )
                c.execute("INSERT INTO link_clusters SELECT * FROM relink_clusters_new")
                (nodes,) = c.query("SELECT COUNT(*) FROM relink_map")[0]
                LinkIndex.record_linked(c, int(nodes))
            self.write_redirects(c)
            if "incidents" in self._staged:
                c.execute(
                    "DELETE FROM incidents WHERE id IN "
                    "(SELECT id FROM relink_changed UNION ALL SELECT id FROM relink_gone)"
                )
                c.execute(
                    "INSERT INTO incidents SELECT * FROM relink_incidents "
                    "WHERE id IN (SELECT id FROM relink_changed)"
                )
            c.execute(  # an id that names an incident again no longer redirects
                "DELETE FROM incident_redirects WHERE old IN (SELECT id FROM incidents)"
            )
            self.record_view_audit(c)

    def write_redirects(self, c: Connection) -> None:
        """Write, inside `c`, the staged redirects (`stage_redirects`)."""
        for old, new in sorted(self._redirects.items()):
            c.execute("UPDATE incident_redirects SET new = ? WHERE new = ?", (new, old))
            c.execute("DELETE FROM incident_redirects WHERE old IN (?, ?)", (old, new))
            c.execute("INSERT INTO incident_redirects (old, new) VALUES (?, ?)", (old, new))
        self._redirects = {}

    def drop_staged(self) -> None:
        """Forget what is staged: published, or found stale (the ledger changed under it).

        A read scope, not a write: dropping a big temporary table takes a while, and
        needs no lock on the ledger.
        """
        with self.conn.snapshot():
            self._restage(None)

    def _restage(self, part: str | None) -> None:
        """Drop the staged `part` (every part when None), before it is staged anew."""
        for name, tables in _STAGING.items():
            if part in (None, name):
                for table in tables:
                    self.conn.execute(f"DROP TABLE IF EXISTS {table}")
                self._staged.discard(name)
