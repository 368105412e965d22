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
from pathlib import Path
from typing import Any

from tally.errors import NotFound, StoreError
from tally.models import (
    Citation,
    Document,
    Figure,
    Incident,
    LocalIncident,
    outlet,
)
from tally.store.db import Connection
from tally.store.linkindex import LinkIndex
from tally.store.rows import (
    _DOC_COLS,
    _FIG_COLS,
    _FIG_F,
    _FIG_N,
    _INC_COLS,
    _LIST_ORDER,
    _SUMMARY_COLS,
    _document,
    _figure,
    _figure_row,
    _incident,
    _local_json,
    _summary,
)
from tally.store.schema import migrate
from tally.store.staging import Staging

DEFAULT_DB = "tally.db"


def default_target() -> str:
    """The ledger used when none is named: `$TALLY_DB`, else `tally.db`."""
    return os.environ.get("TALLY_DB") or DEFAULT_DB


class Ledger(Staging, LinkIndex):
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
        self._redirects: dict[str, str] = {}
        self.filled = 0
        """Documents stored already whose missing metadata a later `add_document` filled."""

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

        Returns False (and only records the name) when the same text is stored already;
        richer metadata arriving with it fills what is missing, never replacing a stored
        value, and a publication date that was missing brings the figures and local
        incidents extracted with it (relative dates, "on Monday", now have a day).
        """
        figures = list(figures)
        local_incidents = list(local_incidents)
        with self.conn.transaction() as c:
            existing = c.query(
                "SELECT extracted, url, title, published, publisher, byline FROM documents "
                "WHERE id = ?",
                (doc.id,),
            )
            if existing and existing[0][0]:
                self._add_name(c, doc.id, doc.name, doc.url)
                given = (doc.url, doc.title, doc.published, doc.publisher, doc.byline)
                stored = existing[0][1:]
                if any(old is None and new for old, new in zip(stored, given, strict=True)):
                    self.filled += 1
                if stored[2] is None and doc.published:
                    linked = c.query(
                        "SELECT key, linked FROM local_incidents WHERE doc_id = ?", (doc.id,)
                    )
                    c.execute("DELETE FROM figures WHERE doc_id = ?", (doc.id,))
                    self._unindex(c, doc.id)
                    c.execute("DELETE FROM local_incidents WHERE doc_id = ?", (doc.id,))
                    self._add_extraction(c, figures, local_incidents)
                    c.executemany(  # the published incident ids stay (they never move)
                        "UPDATE local_incidents SET linked = ? WHERE doc_id = ? AND key = ?",
                        [(iid, doc.id, key) for key, iid in linked if iid],
                    )
                c.execute(
                    "UPDATE documents SET url = COALESCE(url, ?), title = COALESCE(title, ?), "
                    "published = COALESCE(published, ?), publisher = COALESCE(publisher, ?), "
                    "byline = COALESCE(byline, ?) WHERE id = ?",
                    (doc.url, doc.title, doc.published, doc.publisher, doc.byline, doc.id),
                )
                return False
            if existing:  # a row left by an older, interrupted writer: replace it whole
                c.execute("DELETE FROM figures WHERE doc_id = ?", (doc.id,))
                self._unindex(c, doc.id)
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
            starts = self._starts_index(c)
            self._add_extraction(c, figures, local_incidents)
            if starts:
                self._mark_indexed(c)
        return True

    @classmethod
    def _add_extraction(
        cls, c: Connection, figures: list[Figure], local_incidents: list[LocalIncident]
    ) -> None:
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
        first: dict[tuple[str, str], LocalIncident] = {}
        for li in local_incidents:  # as stored: the first of a key
            first.setdefault((li.doc_id, li.key), li)
        cls._index(c, first.values())

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
        return {
            row[0]: _document(row)
            for row in self.conn.query_in(
                f"SELECT {_DOC_COLS} FROM documents WHERE id IN ({{}})", doc_ids
            )
        }

    def outlets(self, doc_ids: Iterable[str]) -> dict[str, str | None]:
        """Each document's outlet: its publisher, else its URL's host (`models.outlet`)."""
        return {
            doc_id: outlet(publisher, url)
            for doc_id, publisher, url in self.conn.query_in(
                "SELECT id, publisher, url FROM documents WHERE id IN ({})", doc_ids
            )
        }

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
        if table not in {
            "documents",
            "figures",
            "incidents",
            "document_names",
            "audit_log",
            "local_incidents",
        }:
            raise ValueError(table)
        return int(self.conn.query(f"SELECT COUNT(*) FROM {table}")[0][0])

    # figures -----------------------------------------------------------------

    def figures(self, doc_id: str | None = None, incident_id: str | None = None) -> list[Figure]:
        """Stored figures, in document and text order; optionally of one document or incident."""
        sql = f"SELECT {_FIG_F}, d.language FROM figures f LEFT JOIN documents d ON d.id = f.doc_id"
        params: tuple[Any, ...] = ()
        if doc_id:
            sql += " WHERE f.doc_id = ?"
            params = (doc_id,)
        elif incident_id:
            sql += " WHERE f.incident_id = ?"
            params = (incident_id,)
        sql += " ORDER BY f.doc_id, f.start_char, f.category, f.end_char"
        return [_figure(r, r[_FIG_N] or "en") for r in self.conn.query(sql, params)]

    def named_figures(self, doc_id: str | None = None) -> Iterator[tuple[Figure, Citation]]:
        """Every stored figure (of one document, if given) once for each name its document
        arrived under (its URL where it had no name, its id where neither is known), with
        what cites it there, streamed in document and text order, then by name. A figure's
        incident is the ledger's incident it counts: none before the ledger is linked."""
        sql = (
            f"SELECT {_FIG_F}, n.name, COALESCE(n.url, d.url), d.published, d.publisher, "
            "d.title, d.language FROM figures f "
            "JOIN documents d ON d.id = f.doc_id "
            "LEFT JOIN document_names n ON n.doc_id = f.doc_id"
            + (" WHERE f.doc_id = ?" if doc_id else "")
            + " ORDER BY f.doc_id, f.start_char, f.category, f.end_char, f.key, n.name"
        )
        for row in self.conn.iterate(sql, (doc_id,) if doc_id else ()):
            name, url, published, publisher, title, language = row[_FIG_N : _FIG_N + 6]
            fig = _figure(row, language or "en")
            if row[_FIG_N - 1] is None:
                fig = dataclasses.replace(fig, incident=None)
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

    def incidents(self) -> list[Incident]:
        """Every incident, main incidents first, then by date."""
        rows = self.conn.query(f"SELECT {_INC_COLS} FROM incidents ORDER BY {_LIST_ORDER}")
        return [_incident(r) for r in rows]

    def resolve(self, incident_id: str) -> str:
        """The id an incident id names now: itself, or where a merge redirected it."""
        seen = {incident_id}
        while rows := self.conn.query(
            "SELECT new FROM incident_redirects WHERE old = ?", (incident_id,)
        ):
            incident_id = rows[0][0]
            if incident_id in seen:
                break
            seen.add(incident_id)
        return incident_id

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

    def incident_summary(self, incident_id: str) -> dict[str, Any]:
        """One incident's `incident_summaries` row, with its reconciliation."""
        rows = self.conn.query(
            f"SELECT {_SUMMARY_COLS}, reconciled FROM incidents WHERE id = ?", (incident_id,)
        )
        if not rows:
            raise NotFound(f"no incident {incident_id!r} in the ledger")
        return _summary(rows[0])

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
        min_killed: int | None = None,
        sort: str = "date",
        descending: bool = True,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of the incidents that match every filter, sorted, and how many match.

        Each word must occur in the id, name, place, region, country or type (any case);
        dates compare by day, and an undated incident is before any `date_from`; `min_killed`
        keeps incidents whose killed total is at least that. Sorted by
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
        if min_killed is not None:
            where.append("killed >= ?")
            params.append(min_killed)
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
