"""The link index (migration 0013): what new documents link by without relinking the
ledger (`tally.incremental`; `Ledger` inherits these methods).

`add_document` writes each local incident's keys, words and blocks (`tally.link.keys`);
a relink publishes each local incident's group and each incident's slug, date and first
member. `link_state` holds `keys` once every stored local incident is indexed, and
`linked` (the number of local incidents the published links were computed from) while
those links are what linking of the stored local incidents gives.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from itertools import islice
from typing import TYPE_CHECKING

from tally.models import LocalIncident
from tally.store.db import Connection, chunked
from tally.store.rows import _renames

Member = tuple[str, str]
Cluster = tuple[str, str, str | None, str, str]
"""(id, slug, date, first doc_id, first key) of an incident linking found."""


if TYPE_CHECKING:
    from tally.link.keys import Indexed


def _local(data: str) -> LocalIncident:
    d = json.loads(data)
    d["cues"] = tuple(d.get("cues") or ())
    return LocalIncident(**d)


def outlet_of(li: LocalIncident) -> tuple[str, str | None, bool] | None:
    """A document's main incident's outlet, the state it votes for as the outlet's home, and
    whether its place is unsure (`link.home.home_cues`); None without an outlet."""
    found = {k: v for k, _, v in (c.partition(":") for c in li.cues) if k in {"outlet", "home"}}
    if "outlet" not in found:
        return None
    return found["outlet"], found.get("home"), "where:unsure" in li.cues


def index_of(lis: Iterable[LocalIncident]) -> list[tuple[LocalIncident, Indexed]]:
    """Each local incident with what the index stores of it."""
    from tally.link.keys import indexed  # linking loads only when documents are linked
    from tally.link.nodes import node

    return [(li, indexed(node(li))) for li in lis]


class LinkIndex:
    """The link index half of `Ledger`."""

    conn: Connection

    # written with the documents -----------------------------------------------

    @staticmethod
    def _index(c: Connection, lis: Iterable[LocalIncident], sign: int = 1) -> None:
        """Add (`sign` 1) or take away (-1) local incidents from the index, inside `c`."""
        items = index_of(lis)
        if not items:
            return
        words: Counter[str] = Counter()
        blocks: Counter[tuple[str, str]] = Counter()
        coarse: Counter[tuple[str, str]] = Counter()
        for _, ix in items:
            words.update(ix.words)
            for period, country, is_coarse in ix.blocks:
                blocks[(period, country)] += 1
                coarse[(period, country)] += is_coarse
        if sign > 0:
            c.executemany(
                "INSERT INTO link_keys (k, doc_id, key, lo, hi) VALUES (?, ?, ?, ?, ?)",
                [(k, li.doc_id, li.key, ix.lo, ix.hi) for li, ix in items for k in ix.keys],
            )
        else:
            c.executemany(
                "DELETE FROM link_keys WHERE doc_id = ? AND key = ?",
                sorted({(li.doc_id, li.key) for li, _ in items}),
            )
        c.executemany(
            "INSERT INTO link_words (w, n) VALUES (?, ?) "
            "ON CONFLICT (w) DO UPDATE SET n = link_words.n + excluded.n",
            [(w, sign * n) for w, n in sorted(words.items())],
        )
        c.executemany(
            "INSERT INTO link_blocks (block, country, n, coarse) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (block, country) DO UPDATE SET n = link_blocks.n + excluded.n, "
            "coarse = link_blocks.coarse + excluded.coarse",
            [(b, k, sign * n, sign * coarse[(b, k)]) for (b, k), n in sorted(blocks.items())],
        )
        if sign < 0:
            c.execute("DELETE FROM link_words WHERE n <= 0")
            c.execute("DELETE FROM link_blocks WHERE n <= 0")
        outlets = [(li.doc_id, *o) for li, _ in items if (o := outlet_of(li))]
        c.executemany("DELETE FROM link_outlets WHERE doc_id = ?", [(o[0],) for o in outlets])
        if sign > 0:
            c.executemany(
                "INSERT INTO link_outlets (doc_id, outlet, home, unsure) VALUES (?, ?, ?, ?)",
                outlets,
            )

    @staticmethod
    def _starts_index(c: Connection) -> bool:
        """Whether a document added now starts the index of a new ledger: nothing stored or
        indexed, and not yet marked. Each of its documents is indexed as it is added, so the
        index is complete and the ledger's first relink need not rebuild it."""
        if c.query("SELECT 1 FROM link_state WHERE name = 'keys'"):
            return False  # marked already
        return not any(
            c.query(f"SELECT 1 FROM {table} LIMIT 1")
            for table in ("local_incidents", "link_keys", "link_words", "link_blocks")
        )

    @staticmethod
    def _mark_indexed(c: Connection) -> None:
        """Record that every stored local incident is in the index."""
        c.execute("DELETE FROM link_state WHERE name = 'keys'")
        c.execute("INSERT INTO link_state (name, value) VALUES ('keys', '1')")

    @classmethod
    def _unindex(cls, c: Connection, doc_id: str) -> None:
        """Take a document's local incidents out of the index (they are replaced): the
        published links no longer follow from the stored local incidents."""
        rows = c.query("SELECT data FROM local_incidents WHERE doc_id = ?", (doc_id,))
        cls._index(c, [_local(r[0]) for r in rows], -1)
        c.execute("DELETE FROM link_state WHERE name = 'linked'")

    def build_index(self) -> None:
        """Index every stored local incident anew (a ledger from before the index)."""
        with self.conn.transaction() as c:
            for table in ("link_keys", "link_words", "link_blocks", "link_outlets"):
                c.execute(f"DELETE FROM {table}")
            rows = c.iterate("SELECT data FROM local_incidents ORDER BY doc_id, key")
            while chunk := list(islice(rows, 5000)):
                self._index(c, [_local(r[0]) for r in chunk])
            self._mark_indexed(c)

    # read by incremental linking -----------------------------------------------

    def indexed(self) -> bool:
        """Whether every stored local incident is in the index."""
        return bool(self.conn.query("SELECT 1 FROM link_state WHERE name = 'keys'"))

    def linked_from(self) -> int | None:
        """How many local incidents the published links were computed from, or None when
        they no longer follow from the stored ones (or the index is incomplete)."""
        if not self.indexed():
            return None
        rows = self.conn.query("SELECT value FROM link_state WHERE name = 'linked'")
        return int(json.loads(rows[0][0])["nodes"]) if rows else None

    def outlet_votes(self, outlets: Iterable[str]) -> list[tuple[str, str]]:
        """(outlet, state) for each stored document of these outlets sure of its US state."""
        rows = self.conn.query_in(
            "SELECT outlet, home FROM link_outlets WHERE outlet IN ({}) AND home IS NOT NULL",
            sorted(set(outlets)),
        )
        return [(o, h) for o, h in rows]

    def unsure_documents(self, outlets: Iterable[str]) -> set[str]:
        """The stored documents of these outlets whose place their outlet's home may move."""
        rows = self.conn.query_in(
            "SELECT doc_id FROM link_outlets WHERE outlet IN ({}) AND unsure", sorted(set(outlets))
        )
        return {r[0] for r in rows}

    def groups_of(self, documents: Iterable[str]) -> set[str | None]:
        """The linking groups of these documents' local incidents (None: one has none)."""
        rows = self.conn.query_in(
            "SELECT DISTINCT grp FROM local_incidents WHERE doc_id IN ({})", sorted(documents)
        )
        return {r[0] for r in rows}

    def new_local_incidents(self) -> list[LocalIncident]:
        """The local incidents no link names yet (documents that arrived), in document order."""
        return [
            _local(r[0])
            for r in self.conn.query(
                "SELECT data FROM local_incidents WHERE linked IS NULL ORDER BY doc_id, key"
            )
        ]

    def word_counts(self, words: Iterable[str]) -> dict[str, int]:
        """In how many local incidents each of `words` appears."""
        rows = self.conn.query_in("SELECT w, n FROM link_words WHERE w IN ({})", words)
        return {w: int(n) for w, n in rows}

    def words_counted(self, above: int, upto: int) -> list[str]:
        """The words that appear in more than `above` local incidents and at most `upto`."""
        rows = self.conn.query(
            "SELECT w FROM link_words WHERE n > ? AND n <= ? ORDER BY w", (above, upto)
        )
        return [r[0] for r in rows]

    def block_counts(self, periods: Iterable[str]) -> dict[tuple[str, str], tuple[int, int]]:
        """(period, country) → (local incidents, coarse ones) of every block of `periods`."""
        rows = self.conn.query_in(
            "SELECT block, country, n, coarse FROM link_blocks WHERE block IN ({})", periods
        )
        return {(block, country): (int(n), int(coarse)) for block, country, n, coarse in rows}

    def with_keys(
        self, keys: Iterable[str], lo: int | None = None, hi: int | None = None
    ) -> set[Member]:
        """The local incidents with one of `keys`; with `lo` and `hi`, only those undated or
        whose dates meet that span of day numbers."""
        dated = " AND (lo IS NULL OR (lo <= ? AND hi >= ?))" if lo is not None else ""
        span = (hi, lo) if lo is not None else ()
        rows = self.conn.query_in(
            f"SELECT doc_id, key FROM link_keys WHERE k IN ({{}}){dated}", keys, span
        )
        return {(d, k) for d, k in rows}

    def local_by_key(self, members: Iterable[Member]) -> dict[Member, tuple[LocalIncident, str]]:
        """Some local incidents by (doc_id, key), each with its group."""
        out: dict[Member, tuple[LocalIncident, str]] = {}
        for chunk in chunked(members, 200):
            where = " OR ".join("(doc_id = ? AND key = ?)" for _ in chunk)
            params = [v for m in chunk for v in m]
            for d, k, data, grp in self.conn.query(
                f"SELECT doc_id, key, data, grp FROM local_incidents WHERE {where}", params
            ):
                out[(d, k)] = (_local(data), grp)
        return out

    def in_groups(self, groups: Iterable[str]) -> list[tuple[LocalIncident, str]]:
        """The local incidents of some groups, each with its published link, in document order."""
        out = [
            (_local(data), linked)
            for data, linked in self.conn.query_in(
                "SELECT data, linked FROM local_incidents WHERE grp IN ({})", groups
            )
        ]
        out.sort(key=lambda r: (r[0].doc_id, r[0].key))
        return out

    def linked_to(self, ids: Iterable[str]) -> list[tuple[str, str, str]]:
        """(linked id, doc_id, key) of the local incidents published links give `ids`."""
        return sorted(
            self.conn.query_in(
                "SELECT linked, doc_id, key FROM local_incidents WHERE linked IN ({})", ids
            )
        )

    def clusters_named(self, bases: Iterable[str]) -> list[Cluster]:
        """The incidents linking found whose ids start from one of `bases`."""
        return sorted(
            self.conn.query_in(
                "SELECT id, base, date, first_doc, first_key FROM link_clusters WHERE base IN ({})",
                bases,
            )
        )

    def bases_of(self, ids: Iterable[str]) -> set[str]:
        """The slugs the ids of some incidents linking found start from."""
        return {
            r[0] for r in self.conn.query_in("SELECT base FROM link_clusters WHERE id IN ({})", ids)
        }

    # written by a relink ----------------------------------------------------------

    @staticmethod
    def renames_of(
        published: Iterable[tuple[str, str, str]], linked: dict[Member, str]
    ) -> dict[str, str]:
        """`Staging.renames` over some published links (doc_id, key, id): those of whole
        incidents, all of whose local incidents `linked` maps."""
        return _renames(
            (old, linked.get((d, k)), 1)
            for d, k, old in sorted(published, key=lambda r: (r[2], r[0], r[1]))
        )

    @staticmethod
    def record_linked(c: Connection, nodes: int) -> None:
        """Record, inside `c`, that the published links follow from `nodes` local incidents."""
        c.execute("DELETE FROM link_state WHERE name = 'linked'")
        c.execute(
            "INSERT INTO link_state (name, value) VALUES ('linked', ?)",
            (json.dumps({"nodes": nodes}),),
        )

    @staticmethod
    def write_links(
        c: Connection,
        links: Iterable[tuple[str, str, str, str | None]],
        gone: Iterable[str],
        clusters: Iterable[Cluster],
    ) -> None:
        """Write, inside `c`, (doc_id, key, linked, group) of some local incidents (a group
        of None stays), and the incidents linking found anew in place of the `gone` ids."""
        c.executemany(
            "UPDATE local_incidents SET linked = ?, grp = COALESCE(?, grp) "
            "WHERE doc_id = ? AND key = ?",
            [(iid, grp, d, k) for d, k, iid, grp in links],
        )
        for chunk in chunked(gone, 400):
            c.execute(
                f"DELETE FROM link_clusters WHERE id IN ({', '.join('?' * len(chunk))})", chunk
            )
        c.executemany(
            "INSERT INTO link_clusters (id, base, date, first_doc, first_key) "
            "VALUES (?, ?, ?, ?, ?)",
            sorted(clusters),
        )
