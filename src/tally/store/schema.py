"""The ledger's schema as named migrations, recorded in the database (after sqlite-utils).

Each migration is a name and the statements that apply it; `migrate` runs the
ones a database has not recorded yet, in order, each in its own transaction.
Add a migration at the end; never edit one that has shipped.
"""

from __future__ import annotations

from tally.store.db import Connection

MIGRATIONS: list[tuple[str, list[str]]] = [
    (
        "0001_documents_figures_incidents",
        [
            """CREATE TABLE documents (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                url TEXT,
                title TEXT,
                published TEXT,
                publisher TEXT,
                byline TEXT,
                furniture TEXT NOT NULL DEFAULT '[]',
                text TEXT NOT NULL,
                extracted BOOLEAN NOT NULL DEFAULT FALSE,
                ingested_at TEXT NOT NULL
            )""",
            """CREATE TABLE document_names (
                doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                url TEXT,
                PRIMARY KEY (doc_id, name)
            )""",
            """CREATE TABLE figures (
                key TEXT PRIMARY KEY,
                doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                category TEXT NOT NULL,
                grp TEXT NOT NULL,
                value BIGINT NOT NULL,
                value_high BIGINT,
                qualifier TEXT NOT NULL,
                attribution TEXT,
                quote TEXT NOT NULL,
                start_char BIGINT NOT NULL,
                end_char BIGINT NOT NULL,
                subset BOOLEAN NOT NULL DEFAULT FALSE,
                local_incident TEXT,
                incident_id TEXT
            )""",
            "CREATE INDEX figures_doc ON figures(doc_id)",
            "CREATE INDEX figures_incident ON figures(incident_id)",
            """CREATE TABLE local_incidents (
                doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (doc_id, key)
            )""",
            """CREATE TABLE incidents (
                id TEXT PRIMARY KEY,
                name TEXT,
                type TEXT,
                date TEXT,
                date_prec BIGINT,
                place TEXT,
                admin1 TEXT,
                country TEXT,
                lat DOUBLE PRECISION,
                lon DOUBLE PRECISION,
                where_prec BIGINT,
                background BOOLEAN NOT NULL DEFAULT FALSE,
                killed BIGINT,
                injured BIGINT,
                documents BIGINT NOT NULL DEFAULT 0,
                conflict BOOLEAN NOT NULL DEFAULT FALSE,
                reconciled TEXT NOT NULL DEFAULT '{}'
            )""",
        ],
    ),
    (
        "0002_reviewers_corrections_audit",
        [
            """CREATE TABLE reviewers (
                name TEXT PRIMARY KEY,
                token_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL
            )""",
            """CREATE TABLE figure_corrections (
                key TEXT PRIMARY KEY,
                doc_id TEXT NOT NULL,
                status TEXT,
                fields TEXT NOT NULL DEFAULT '{}',
                incident TEXT,
                reviewer TEXT NOT NULL,
                at TEXT NOT NULL
            )""",
            "CREATE INDEX figure_corrections_doc ON figure_corrections(doc_id)",
            """CREATE TABLE incident_merges (
                source TEXT PRIMARY KEY,
                target TEXT NOT NULL,
                reviewer TEXT NOT NULL,
                at TEXT NOT NULL
            )""",
            """CREATE TABLE incident_splits (
                id TEXT PRIMARY KEY,
                parent TEXT NOT NULL,
                reviewer TEXT NOT NULL,
                at TEXT NOT NULL
            )""",
            """CREATE TABLE audit_log (
                id TEXT PRIMARY KEY,
                at TEXT NOT NULL,
                reviewer TEXT NOT NULL,
                action TEXT NOT NULL,
                incident TEXT,
                target TEXT NOT NULL,
                before TEXT,
                after TEXT
            )""",
            "CREATE INDEX audit_log_incident ON audit_log(incident)",
            "CREATE INDEX audit_log_target ON audit_log(target)",
        ],
    ),
    (
        "0003_incident_search",
        [
            # What the incident list's search matches, lowercased once when the view is built.
            # Here SQLite lowercases only ASCII; every relink rewrites it with Python's lower().
            "ALTER TABLE incidents ADD COLUMN search TEXT NOT NULL DEFAULT ''",
            "UPDATE incidents SET search = LOWER(id || ' ' || COALESCE(name, '') || ' ' || "
            "COALESCE(place, '') || ' ' || COALESCE(admin1, '') || ' ' || "
            "COALESCE(country, '') || ' ' || COALESCE(type, ''))",
            # The list reads these narrow indexes, never the wide rows, until it shows a page:
            # newest first straight from the index, filters and other sorts over it.
            "CREATE INDEX incidents_list ON incidents (date DESC, background, id, country, type, "
            "conflict, killed, injured, documents, search)",
            "CREATE INDEX incidents_country ON incidents (country)",
            "CREATE INDEX incidents_type ON incidents (type)",
        ],
    ),
    (
        "0004_local_incident_links",
        [
            # The incident the published view's linking gave each local incident: the next
            # relink follows ids that linking renamed, and reviewers' corrections with them.
            "ALTER TABLE local_incidents ADD COLUMN linked TEXT",
        ],
    ),
    (
        "0005_language_repairs_rules_roles",
        [
            # The document's language (ISO 639-1), the hash of the bytes it arrived as (the
            # stored text may be repaired), and which repairs made the stored text.
            "ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT 'en'",
            "ALTER TABLE documents ADD COLUMN source_hash TEXT",
            "ALTER TABLE documents ADD COLUMN repairs TEXT NOT NULL DEFAULT '[]'",
            # The id of the extraction rule that produced each figure, and whether it counts
            # victims or perpetrators.
            "ALTER TABLE figures ADD COLUMN rule TEXT",
            "ALTER TABLE figures ADD COLUMN role TEXT NOT NULL DEFAULT 'victim'",
        ],
    ),
    (
        "0007_reviewer_sessions",
        [
            # A signed-in browser holds a session token, not the reviewer's own: signing out
            # deletes the session, revoking a reviewer marks them and deletes their sessions.
            """CREATE TABLE reviewer_sessions (
                token_hash TEXT PRIMARY KEY,
                reviewer TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
            "CREATE INDEX reviewer_sessions_reviewer ON reviewer_sessions(reviewer)",
            "ALTER TABLE reviewers ADD COLUMN revoked_at TEXT",
        ],
    ),
    (
        "0008_incident_redirects",
        [
            # A published incident id that a merge folded into another keeps leading there:
            # bookmarks, links and exports of earlier views still open their incident.
            "CREATE TABLE incident_redirects (old TEXT PRIMARY KEY, new TEXT NOT NULL)",
        ],
    ),
    (
        "0009_conflict_kinds_total_ranges",
        [
            # What kind of disagreement an incident's rows hold: `dispute` (sources still
            # disagree) or `revision` (the toll moved over time); the list filters each.
            # Views stored before it knew only "conflict"; the next relink tells them apart.
            "ALTER TABLE incidents ADD COLUMN conflict_kind TEXT",
            "UPDATE incidents SET conflict_kind = CASE WHEN conflict THEN 'dispute' END",
            # The headline totals' ranges (best (low–high)), which the list shows beside them.
            "ALTER TABLE incidents ADD COLUMN killed_low BIGINT",
            "ALTER TABLE incidents ADD COLUMN killed_high BIGINT",
            "ALTER TABLE incidents ADD COLUMN injured_low BIGINT",
            "ALTER TABLE incidents ADD COLUMN injured_high BIGINT",
            "UPDATE incidents SET killed_low = killed, killed_high = killed, "
            "injured_low = injured, injured_high = injured",
        ],
    ),
    (
        "0010_link_state",
        [
            # A reviewer's change re-reconciles only the incidents it touches: their local
            # incidents are found by the incident they are linked to.
            "CREATE INDEX local_incidents_linked ON local_incidents(linked)",
            # What the published view was computed from (`audit`: the reviewers' log entries
            # it reflects), so the next relink knows what changed since.
            "CREATE TABLE link_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ],
    ),
    (
        "0012_incident_edits_reasons",
        [
            # A reviewer's values for an incident's own fields (name, type, date, place):
            # applied over what linking gives at every relink, so they are never overwritten.
            """CREATE TABLE incident_edits (
                id TEXT PRIMARY KEY,
                fields TEXT NOT NULL DEFAULT '{}',
                reviewer TEXT NOT NULL,
                at TEXT NOT NULL
            )""",
            # Why a reviewer made each change, in their words.
            "ALTER TABLE audit_log ADD COLUMN reason TEXT",
        ],
    ),
    (
        "0013_link_index",
        [
            # What new documents link by without relinking the ledger (`tally.link.keys`):
            # each local incident's keys (names, figures, blocks) with its dates as day
            # numbers, read by key within a span of days.
            """CREATE TABLE link_keys (
                k TEXT NOT NULL,
                doc_id TEXT NOT NULL,
                key TEXT NOT NULL,
                lo BIGINT,
                hi BIGINT
            )""",
            "CREATE INDEX link_keys_k ON link_keys (k, lo)",
            "CREATE INDEX link_keys_doc ON link_keys (doc_id)",
            # In how many local incidents each word or figure appears (rare ones identify),
            # and how many (and how many coarsely dated) each block holds.
            "CREATE TABLE link_words (w TEXT PRIMARY KEY, n BIGINT NOT NULL)",
            "CREATE INDEX link_words_n ON link_words (n)",
            """CREATE TABLE link_blocks (
                block TEXT NOT NULL,
                country TEXT NOT NULL,
                n BIGINT NOT NULL,
                coarse BIGINT NOT NULL,
                PRIMARY KEY (block, country)
            )""",
            # Each incident linking found: the slug its id starts from, its date and first
            # member, which decide the ids of incidents sharing the slug.
            """CREATE TABLE link_clusters (
                id TEXT PRIMARY KEY,
                base TEXT NOT NULL,
                date TEXT,
                first_doc TEXT NOT NULL,
                first_key TEXT NOT NULL
            )""",
            "CREATE INDEX link_clusters_base ON link_clusters (base)",
            # The local incidents any pair that scores joins (merged or refused): a group
            # links alone as it links in the whole ledger.
            "ALTER TABLE local_incidents ADD COLUMN grp TEXT",
            "CREATE INDEX local_incidents_grp ON local_incidents (grp)",
        ],
    ),
    (
        "0015_official_sources",
        [
            # Whether a figure's attribution names an authority (extraction decides it, so
            # reconciliation reads it instead of the attribution's words). Figures stored before
            # it count as unofficial until their document is read again.
            "ALTER TABLE figures ADD COLUMN official BOOLEAN NOT NULL DEFAULT FALSE",
        ],
    ),
    (
        "0017_outlet_homes",
        [
            # Each document's outlet, the US state its text is sure of (a vote for the
            # outlet's home state, `tally.link.home`), and whether its place is unsure (the
            # outlet's home may move it). Part of the link index, which is built anew.
            """CREATE TABLE link_outlets (
                doc_id TEXT PRIMARY KEY,
                outlet TEXT NOT NULL,
                home TEXT,
                unsure BOOLEAN NOT NULL
            )""",
            "CREATE INDEX link_outlets_outlet ON link_outlets (outlet)",
            "DELETE FROM link_state WHERE name = 'keys'",
        ],
    ),
    (
        "0018_figure_runs",
        [
            # The run of counts a figure is one term of ("two soldiers and three civilians
            # were killed"): totals add the run's terms. Figures stored before it are in no
            # run until their document is read again.
            "ALTER TABLE figures ADD COLUMN part_of TEXT",
        ],
    ),
]


def migrate(conn: Connection) -> list[str]:
    """Bring the database up to the newest schema; return the names of migrations applied."""
    with conn.transaction():
        conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
    done = {row[0] for row in conn.query("SELECT name FROM migrations")}
    applied = []
    for name, statements in MIGRATIONS:
        if name in done:
            continue
        with conn.transaction():
            if name in {row[0] for row in conn.query("SELECT name FROM migrations")}:
                continue  # another process applied it while we waited for the lock
            for sql in statements:
                conn.execute(sql)
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, CURRENT_TIMESTAMP)", (name,)
            )
        applied.append(name)
    return applied
