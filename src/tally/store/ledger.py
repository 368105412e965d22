"""The ledger: documents, their figures, and the incidents they feed.

The only module that reads and writes the ledger's rows. Every document is
written with its figures in one transaction, so a crash never leaves a
document half extracted.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import groupby, islice
from pathlib import Path
from typing import Any

from tally.errors import NotFound, StoreError
from tally.models import (
    Citation,
    Document,
    Figure,
    Incident,
    LocalIncident,
    Reconciled,
    Span,
    Statement,
    Total,
    outlet,
)
from tally.reconcile import stated
from tally.store.db import Connection
from tally.store.schema import migrate
from tally.totals import total_json

DEFAULT_DB = "tally.db"

_DOC_COLS = (
    "id, kind, name, url, title, published, publisher, byline, furniture, text, "
    "language, source_hash, repairs"
)
_FIG_COLS = (
    "key, doc_id, category, grp, value, value_high, qualifier, attribution, quote, "
    "start_char, end_char, subset, rule, role, local_incident, incident_id"
)
_FIG_N = len(_FIG_COLS.split(","))
"""Columns of a figure row; queries append their own after these (incident_id is the last)."""
_INC_COLS = (
    "id, name, type, date, date_prec, place, admin1, country, lat, lon, where_prec, background"
)


_STAGING = {
    "links": ("relink_map", "relink_moves", "relink_figures", "relink_linked"),
    "incidents": ("relink_incidents", "relink_changed", "relink_gone"),
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


def default_target() -> str:
    """The ledger used when none is named: `$TALLY_DB`, else `tally.db`."""
    return os.environ.get("TALLY_DB") or DEFAULT_DB


class Ledger:
    """A tally ledger in SQLite (a file path) or PostgreSQL (a `postgresql://` URL)."""

    def __init__(self, target: str | Path | None = None, *, create: bool = True) -> None:
        """Open (and bring up to date) the ledger at `target`; with `create` False, a file
        that does not exist is an error instead of a new, empty ledger (what read commands
        want: a mistyped `--db` must not show an empty ledger)."""
        self.target = str(target or default_target())
        if not create and "://" not in self.target and not Path(self.target).exists():
            raise StoreError(
                "no ledger here (`tally ingest --db` creates one; check the path)",
                source=self.target,
            )
        self.conn = Connection(self.target)
        migrate(self.conn)
        self._staged: set[str] = set()

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # documents ---------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        """True when a document with this text hash is stored and fully extracted."""
        rows = self.conn.query("SELECT extracted FROM documents WHERE id = ?", (doc_id,))
        return bool(rows and rows[0][0])

    def add_document(
        self,
        doc: Document,
        figures: Iterable[Figure],
        local_incidents: Iterable[LocalIncident] = (),
    ) -> bool:
        """Store a document, its name, its figures and its local incidents in one transaction.

        Returns False (and only records the name) when the same text is stored already.
        """
        figures = list(figures)
        with self.conn.transaction() as c:
            existing = c.query("SELECT extracted FROM documents WHERE id = ?", (doc.id,))
            if existing and existing[0][0]:
                self._add_name(c, doc.id, doc.name, doc.url)
                return False
            if existing:  # a row left by an older, interrupted writer: replace it whole
                c.execute("DELETE FROM figures WHERE doc_id = ?", (doc.id,))
                c.execute("DELETE FROM local_incidents WHERE doc_id = ?", (doc.id,))
                c.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            c.execute(
                f"INSERT INTO documents ({_DOC_COLS}, extracted, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id,
                    doc.kind,
                    doc.name,
                    doc.url,
                    doc.title,
                    doc.published,
                    doc.publisher,
                    doc.byline,
                    json.dumps([[s.start, s.end] for s in doc.furniture]),
                    doc.text,
                    doc.language,
                    doc.source_hash,
                    json.dumps(list(doc.repairs)),
                    True,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            self._add_name(c, doc.id, doc.name, doc.url)
            c.executemany(
                f"INSERT INTO figures ({_FIG_COLS}) VALUES ({', '.join('?' * _FIG_N)}) "
                "ON CONFLICT DO NOTHING",
                [_figure_row(f) for f in figures],
            )
            c.executemany(
                "INSERT INTO local_incidents (doc_id, key, data) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                [(li.doc_id, li.key, _local_json(li)) for li in local_incidents],
            )
        return True

    def add_name(self, doc_id: str, name: str, url: str | None = None) -> None:
        """Record another name (or URL) the same text arrived under."""
        with self.conn.transaction() as c:
            self._add_name(c, doc_id, name, url)

    @staticmethod
    def _add_name(c: Connection, doc_id: str, name: str, url: str | None) -> None:
        c.execute(
            "INSERT INTO document_names (doc_id, name, url) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (doc_id, name, url),
        )

    def documents_by_id(self, doc_ids: Iterable[str]) -> dict[str, Document]:
        """Documents by exact id, through the primary key (for pages that quote several)."""
        ids = sorted(set(doc_ids))
        out: dict[str, Document] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            for row in self.conn.query(
                f"SELECT {_DOC_COLS} FROM documents WHERE id IN ({marks})", chunk
            ):
                out[row[0]] = _document(row)
        return out

    def document(self, doc_id: str) -> Document:
        """The stored document with this id (or a unique prefix of it)."""
        rows = self.conn.query(
            f"SELECT {_DOC_COLS} FROM documents WHERE id = ? OR id LIKE ? ORDER BY id LIMIT 2",
            (doc_id, f"{doc_id}%"),
        )
        if not rows:
            rows = self.conn.query(
                f"SELECT {_DOC_COLS} FROM documents WHERE id IN "
                "(SELECT doc_id FROM document_names WHERE name = ?) LIMIT 2",
                (doc_id,),
            )
        if not rows:
            ids = self._ids_named_like(doc_id)
            rows = (
                self.conn.query(
                    f"SELECT {_DOC_COLS} FROM documents WHERE id IN ({', '.join('?' * len(ids))})",
                    ids,
                )
                if ids
                else []
            )
        if len(rows) != 1:
            raise NotFound(
                f"no document {doc_id!r} in the ledger"
                if not rows
                else f"{doc_id!r} names more than one document"
            )
        return _document(rows[0])

    def _ids_named_like(self, given: str) -> list[str]:
        """Ids of documents one of whose names is the path `given` written another way: the
        same base name where `given` is a bare file name, else the same file (relative to
        here or absolute) or a name that ends with `given`'s path. At most two."""
        base = os.path.basename(given.rstrip("/"))
        if not base:
            return []
        pattern = "%" + base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.conn.query(
            "SELECT DISTINCT doc_id, name FROM document_names WHERE name LIKE ? ESCAPE '\\'",
            (pattern,),
        )
        wanted = os.path.normpath(given)
        absolute = os.path.abspath(given)
        ids: list[str] = []
        for doc_id, name in rows:
            if os.path.basename(name) != base or doc_id in ids:
                continue
            norm = os.path.normpath(name)
            if (
                os.sep not in wanted
                or norm.endswith(os.sep + wanted)
                or os.path.abspath(name) == absolute
            ):
                ids.append(doc_id)
        return ids[:2]

    def documents(self) -> Iterator[Document]:
        """Every stored document, in id order, streamed."""
        for row in self.conn.iterate(f"SELECT {_DOC_COLS} FROM documents ORDER BY id"):
            yield _document(row)

    def document_ids(self) -> list[str]:
        """The ids of every stored document, sorted."""
        return [r[0] for r in self.conn.query("SELECT id FROM documents ORDER BY id")]

    def names(self, doc_id: str | None = None) -> list[tuple[str, str, str | None]]:
        """(doc_id, name, url) for every name a document arrived under."""
        if doc_id:
            return self.conn.query(
                "SELECT doc_id, name, url FROM document_names WHERE doc_id = ? ORDER BY name",
                (doc_id,),
            )
        return self.conn.query("SELECT doc_id, name, url FROM document_names ORDER BY doc_id, name")

    def count(self, table: str) -> int:
        """How many rows a ledger table holds."""
        if table not in {"documents", "figures", "incidents", "document_names", "audit_log"}:
            raise ValueError(table)
        return int(self.conn.query(f"SELECT COUNT(*) FROM {table}")[0][0])

    # figures -----------------------------------------------------------------

    def figures(self, doc_id: str | None = None, incident_id: str | None = None) -> list[Figure]:
        """Stored figures, in document and text order; optionally of one document or incident."""
        sql = f"SELECT {_FIG_COLS} FROM figures"
        params: tuple[Any, ...] = ()
        if doc_id:
            sql += " WHERE doc_id = ?"
            params = (doc_id,)
        elif incident_id:
            sql += " WHERE incident_id = ?"
            params = (incident_id,)
        sql += " ORDER BY doc_id, start_char, category, end_char"
        return [_figure(r) for r in self.conn.query(sql, params)]

    def named_figures(self, doc_id: str | None = None) -> Iterator[tuple[Figure, Citation]]:
        """Every stored figure (of one document, if given) once for each name its document
        arrived under (its URL where it had no name, its id where neither is known), with
        what cites it there, streamed in document and text order, then by name. A figure's
        incident is the ledger's incident it counts: none before the ledger is linked."""
        cols = ", ".join(f"f.{c.strip()}" for c in _FIG_COLS.split(","))
        sql = (
            f"SELECT {cols}, n.name, COALESCE(n.url, d.url), d.published, d.publisher, "
            "d.title, d.language FROM figures f "
            "JOIN documents d ON d.id = f.doc_id "
            "LEFT JOIN document_names n ON n.doc_id = f.doc_id"
            + (" WHERE f.doc_id = ?" if doc_id else "")
            + " ORDER BY f.doc_id, f.start_char, f.category, f.end_char, f.key, n.name"
        )
        for row in self.conn.iterate(sql, (doc_id,) if doc_id else ()):
            fig = _figure(row)
            if row[_FIG_N - 1] is None:
                fig = dataclasses.replace(fig, incident=None)
            name, url, published, publisher, title, language = row[_FIG_N : _FIG_N + 6]
            yield (
                fig,
                Citation(
                    name=name or url or row[1],
                    url=url,
                    published=published,
                    publisher=outlet(publisher, url),
                    title=title,
                    language=language or "en",
                ),
            )

    def local_incidents(self) -> Iterator[LocalIncident]:
        """Every document's local incidents, streamed in document order (what cross-document
        linking reads)."""
        for (data,) in self.conn.iterate("SELECT data FROM local_incidents ORDER BY doc_id, key"):
            d = json.loads(data)
            d["cues"] = tuple(d.get("cues") or ())
            yield LocalIncident(**d)

    # incidents ---------------------------------------------------------------

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
        linked: Iterable[tuple[str, str, str]],
        moved: dict[str, str],
        redirects: dict[str, str] | None = None,
    ) -> None:
        """Stage the incident every figure counts, in temporary tables, without writing the ledger.

        `linked` gives (doc_id, local incident key, incident id) as linking found them;
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
            "linked TEXT, incident_id TEXT, PRIMARY KEY (doc_id, key))"
        )
        c.execute(
            "CREATE TEMP TABLE relink_moves (key TEXT PRIMARY KEY, incident_id TEXT NOT NULL)"
        )
        rows = ((d, k, iid, redirects.get(iid, iid)) for d, k, iid in linked)
        while chunk := list(islice(rows, 5000)):
            c.executemany(
                "INSERT INTO relink_map (doc_id, key, linked, incident_id) VALUES (?, ?, ?, ?)",
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
            "linked TEXT, PRIMARY KEY (doc_id, key))"
        )
        c.execute(
            "INSERT INTO relink_linked (doc_id, key, linked) SELECT doc_id, key, linked "
            "FROM relink_map EXCEPT SELECT doc_id, key, linked FROM local_incidents"
        )
        self._staged.add("links")

    def staged_statements(self) -> Iterator[tuple[str, list[Statement]]]:
        """Each staged incident's figures as statements, streamed one incident at a time.

        Incidents come in id order; within one, figures in document and text order
        (span ties by end, as extraction stores them), each with its document's
        date, publisher and first name. Figures that count no incident are left
        out. Memory holds one incident's statements, whatever the ledger's size.
        """
        cols = ", ".join(f"f.{c.strip()}" for c in _FIG_COLS.split(",")[:-1])
        sql = (
            f"SELECT * FROM (SELECT {cols}, {_STAGED_INCIDENT} AS staged, "
            "d.published, d.publisher, "
            "COALESCE((SELECT MIN(n.name) FROM document_names n WHERE n.doc_id = f.doc_id), "
            "d.name, f.doc_id) AS first_name "
            f"FROM figures f {_STAGED_JOINS} "
            "LEFT JOIN documents d ON d.id = f.doc_id) s "
            "WHERE staged IS NOT NULL "
            "ORDER BY staged, doc_id, start_char, category, end_char"
        )
        n = _FIG_N - 1  # the staged incident stands where incident_id would
        for incident_id, rows in groupby(self.conn.iterate(sql), key=lambda r: r[n]):
            yield incident_id, [Statement(_figure(r), r[n + 1], r[n + 2], r[n + 3]) for r in rows]

    def stage_incidents(
        self, incidents: Iterable[tuple[Incident, list[Reconciled], dict[str, Total | int]]]
    ) -> None:
        """Stage every incident with its reconciled figures and totals, to replace the stored ones.

        Written in batches as they come, so `incidents` may be a generator that
        reads the ledger (`staged_statements`) while this writes.
        """
        c = self.conn
        self._restage("incidents")
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
        c.execute(
            "INSERT INTO relink_gone (id) "
            "SELECT id FROM incidents EXCEPT SELECT id FROM relink_incidents"
        )
        self._staged.add("incidents")

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
                    "WHERE r.doc_id = local_incidents.doc_id AND r.key = local_incidents.key) "
                    "WHERE (doc_id, key) IN (SELECT doc_id, key FROM relink_linked)"
                )
            if "incidents" in self._staged:
                c.execute(
                    "DELETE FROM incidents WHERE id IN "
                    "(SELECT id FROM relink_changed UNION ALL SELECT id FROM relink_gone)"
                )
                c.execute(
                    "INSERT INTO incidents SELECT * FROM relink_incidents "
                    "WHERE id IN (SELECT id FROM relink_changed)"
                )

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

    def incidents(self) -> list[Incident]:
        """Every incident, main incidents first, then by date."""
        rows = self.conn.query(f"SELECT {_INC_COLS} FROM incidents ORDER BY {_LIST_ORDER}")
        return [_incident(r) for r in rows]

    def incident(self, incident_id: str) -> Incident:
        """One incident by id."""
        rows = self.conn.query(f"SELECT {_INC_COLS} FROM incidents WHERE id = ?", (incident_id,))
        if not rows:
            raise NotFound(f"no incident {incident_id!r} in the ledger")
        return _incident(rows[0])

    def reconciliation(self, incident_id: str) -> dict[str, Any]:
        """The stored reconciliation of one incident: `{"totals": ..., "figures": [...]}`."""
        rows = self.conn.query("SELECT reconciled FROM incidents WHERE id = ?", (incident_id,))
        if not rows:
            raise NotFound(f"no incident {incident_id!r} in the ledger")
        return json.loads(rows[0][0])

    def incident_summaries(self, reconciled: bool = True) -> Iterator[dict[str, Any]]:
        """One row per incident with its totals, document count and conflict flag (for tables),
        streamed in list order.

        Without `reconciled`, the stored reconciliation JSON is not read (a cheap index).
        """
        rows = self.conn.iterate(
            f"SELECT {_SUMMARY_COLS}{', reconciled' if reconciled else ''} FROM incidents "
            f"ORDER BY {_LIST_ORDER}"
        )
        for r in rows:
            yield _summary(r)

    def incident_choices(self) -> tuple[int, list[str], list[str]]:
        """How many incidents the ledger holds, and their countries and types (what the
        incident list filters by)."""
        countries = self.conn.query("SELECT DISTINCT country FROM incidents WHERE country <> ''")
        types = self.conn.query("SELECT DISTINCT type FROM incidents WHERE type <> ''")
        return self.count("incidents"), sorted(r[0] for r in countries), sorted(r[0] for r in types)

    def find_incidents(
        self,
        words: Iterable[str] = (),
        *,
        country: str = "",
        type: str = "",
        date_from: str = "",
        date_to: str = "",
        conflict: bool = False,
        conflict_kind: str = "",
        background: bool | None = None,
        sort: str = "date",
        descending: bool = True,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of the incidents that match every filter, sorted, and how many match.

        Each word must occur in the id, name, place, region, country or type (any case);
        dates compare by day, and an undated incident is before any `date_from`. Sorted by
        `sort` (date, killed, injured or documents), rows without it last, ties in list
        order. Rows are `incident_summaries` without the reconciliation.
        """
        if sort not in INCIDENT_SORTS:
            raise ValueError(sort)
        where, params = [], []
        for word in words:
            escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("search LIKE ? ESCAPE '\\'")
            params.append(f"%{escaped}%")
        for sql, value in (
            ("country = ?", country),
            ("type = ?", type),
            ("SUBSTR(COALESCE(date, ''), 1, 10) >= ?", date_from),
            ("SUBSTR(COALESCE(date, ''), 1, 10) <= ?", date_to),
        ):
            if value:
                where.append(sql)
                params.append(value)
        if conflict:
            where.append("conflict")
        if conflict_kind:
            where.append("conflict_kind = ?")
            params.append(conflict_kind)
        if background is not None:
            where.append("background" if background else "NOT background")
        cond = f" WHERE {' AND '.join(where)}" if where else ""
        total = int(self.conn.query(f"SELECT COUNT(*) FROM incidents{cond}", params)[0][0])
        # Rows without the sort key go last: a descending order puts NULL last already.
        order = f"{sort} DESC" if descending else f"({sort} IS NULL), {sort}"
        then = "background, id" if sort == "date" else _LIST_ORDER
        page = self.conn.query(
            f"SELECT id FROM incidents{cond} ORDER BY {order}, {then} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        ids = [r[0] for r in page]
        if not ids:
            return [], total
        marks = ", ".join("?" * len(ids))
        rows = self.conn.query(f"SELECT {_SUMMARY_COLS} FROM incidents WHERE id IN ({marks})", ids)
        by_id = {r[0]: r for r in rows}
        return [_summary(by_id[i]) for i in ids], total


INCIDENT_SORTS = ("date", "killed", "injured", "documents")
"""What the incident list sorts by (`find_incidents`)."""
_SUMMARY_COLS = (
    f"{_INC_COLS}, killed, injured, documents, conflict, conflict_kind, "
    "killed_low, killed_high, injured_low, injured_high"
)
_LIST_ORDER = "background, date DESC, id"
"""Main incidents first, newest first: the order of every incident listing."""


def _summary(r: tuple) -> dict[str, Any]:
    return {
        "incident": _incident(r[:12]),
        "killed": r[12],
        "injured": r[13],
        "documents": r[14],
        "conflict": bool(r[15]),
        "conflict_kind": r[16],
        "killed_low": r[17],
        "killed_high": r[18],
        "injured_low": r[19],
        "injured_high": r[20],
        **(json.loads(r[21]) if len(r) > 21 else {}),
    }


_LOCAL_FIELDS = tuple(f.name for f in dataclasses.fields(LocalIncident))


def _local_json(li: LocalIncident) -> str:
    """A local incident as stored: its fields as a JSON object (`asdict` without its deep copy)."""
    return json.dumps({name: getattr(li, name) for name in _LOCAL_FIELDS})


def _figure_row(f: Figure) -> tuple:
    return (
        f.key,
        f.doc_id,
        f.category,
        f.group,
        f.value,
        f.value_high,
        f.qualifier,
        f.attribution,
        f.quote,
        f.start,
        f.end,
        bool(f.subset),
        f.rule,
        f.role,
        f.incident,
        None,
    )


def _incident_row(inc: Incident, recs: list[Reconciled], tot: dict[str, Total | int]) -> tuple:
    """An incident's row; a total given as a plain number is stored without its decision."""
    kinds = {r.conflict_kind for r in recs}
    best = {c: t.best if isinstance(t, Total) else t for c, t in tot.items()}
    return (
        inc.id,
        inc.name,
        inc.type,
        inc.date,
        inc.date_prec,
        inc.place,
        inc.admin1,
        inc.country,
        inc.lat,
        inc.lon,
        inc.where_prec,
        inc.background,
        best.get("killed"),
        best.get("injured"),
        len({s.figure.doc_id for r in recs for s in r.statements}),
        any(r.conflict for r in recs),
        json.dumps(
            {
                "totals": best,
                "decisions": {c: total_json(t) for c, t in tot.items() if isinstance(t, Total)},
                "figures": [_reconciled_json(r) for r in recs],
            }
        ),
        _search(inc),
        "dispute" if "dispute" in kinds else "revision" if "revision" in kinds else None,
        *(_span(tot.get(c), end) for c in ("killed", "injured") for end in ("low", "high")),
    )


def _span(total: Total | int | None, end: str) -> int | None:
    """A total's low or high end (a plain number is its own range)."""
    if total is None or isinstance(total, int):
        return total
    return total.low if end == "low" else total.high


def _renames(counts: Iterable[tuple[str, str | None, int]]) -> dict[str, str]:
    """Old id → new id from (old, new, how many local incidents) rows grouped by old id:
    each old id goes where most of its local incidents went; unchanged ids are left out."""
    out: dict[str, str] = {}
    for old, group in groupby(counts, key=lambda r: r[0]):
        tally: dict[str, int] = {}
        for _, new, n in group:
            if new is not None:
                tally[new] = tally.get(new, 0) + n
        if tally:
            new = min(tally, key=lambda k: (-tally[k], k))
            if new != old:
                out[old] = new
    return out


def _search(inc: Incident) -> str:
    """What the incident list's search matches: id, name, place, region, country and type."""
    fields = (inc.id, inc.name, inc.place, inc.admin1, inc.country, inc.type)
    return " ".join(f or "" for f in fields).lower()


def _figure(r: tuple) -> Figure:
    return Figure(
        doc_id=r[1],
        category=r[2],
        group=r[3],
        value=int(r[4]),
        value_high=None if r[5] is None else int(r[5]),
        qualifier=r[6],
        attribution=r[7],
        quote=r[8],
        start=int(r[9]),
        end=int(r[10]),
        subset=bool(r[11]),
        rule=r[12],
        role=r[13] or "victim",
        incident=r[15] if r[15] is not None else r[14],
    )


def _document(r: tuple) -> Document:
    return Document(
        id=r[0],
        kind=r[1],
        name=r[2],
        url=r[3],
        title=r[4],
        published=r[5],
        publisher=r[6],
        byline=r[7],
        furniture=tuple(Span(a, b) for a, b in json.loads(r[8] or "[]")),
        text=r[9],
        language=r[10] or "en",
        source_hash=r[11],
        repairs=tuple(json.loads(r[12] or "[]")),
    )


def _incident(r: tuple) -> Incident:
    return Incident(
        id=r[0],
        name=r[1],
        type=r[2],
        date=r[3],
        date_prec=r[4],
        place=r[5],
        admin1=r[6],
        country=r[7],
        lat=r[8],
        lon=r[9],
        where_prec=r[10],
        background=bool(r[11]),
    )


def _reconciled_json(r: Reconciled) -> dict[str, Any]:
    return {
        "category": r.category,
        "group": r.group,
        "low": r.low,
        "best": r.best,
        "high": r.high,
        "values": list(r.values),
        "documents": r.documents,
        "origins": r.origins,
        "conflict": r.conflict,
        "conflict_kind": r.conflict_kind,
        "why": r.why,
        "timeline": [list(t) for t in r.timeline],
        "statements": [
            {
                "key": s.figure.key,
                "doc": s.doc_name,
                "doc_id": s.figure.doc_id,
                "published": s.published,
                "publisher": s.publisher,
                "value": s.figure.value,
                "value_high": s.figure.value_high,
                "qualifier": s.figure.qualifier,
                "attribution": s.figure.attribution,
                "quote": s.figure.quote,
                "start": s.figure.start,
                "end": s.figure.end,
                "subset": s.figure.subset,
                "role": s.figure.role,
                "stated": stated(s.figure.qualifier, s.figure.value, s.figure.value_high),
                "superseded": s.figure.key in r.superseded,
            }
            for s in r.statements
        ],
    }
