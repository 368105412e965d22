"""The connection layer: one SQL dialect on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tally.store.db import Connection, is_postgres, postgres_sql


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT a FROM t WHERE b = ?", "SELECT a FROM t WHERE b = %s"),
        (
            "SELECT a FROM t ORDER BY background, date DESC, id",
            "SELECT a FROM t ORDER BY background NULLS FIRST, date DESC NULLS LAST, id NULLS FIRST",
        ),
        (
            "SELECT a FROM t WHERE x = ? ORDER BY COALESCE(a, b) DESC LIMIT 2",
            "SELECT a FROM t WHERE x = %s ORDER BY COALESCE(a, b) DESC NULLS LAST  LIMIT 2",
        ),
        (
            "SELECT a FROM (SELECT a FROM t ORDER BY a) s ORDER BY a NULLS LAST",
            "SELECT a FROM (SELECT a FROM t ORDER BY a NULLS FIRST ) s ORDER BY a NULLS LAST",
        ),
        ("INSERT INTO t (a) VALUES (?) ON CONFLICT DO NOTHING", None),
    ],
)
def test_postgres_sql_adapts_placeholders_and_null_order(sql: str, expected: str | None) -> None:
    assert postgres_sql(sql) == (expected or sql.replace("?", "%s"))


@pytest.mark.parametrize(
    ("target", "postgres"),
    [("postgresql://u@h/db", True), ("postgres://h/db", True), ("tally.db", False)],
)
def test_targets_name_their_engine(target: str, postgres: bool) -> None:
    assert is_postgres(target) is postgres


def test_nulls_sort_the_same_on_both_back_ends(db_target: str) -> None:
    conn = Connection(db_target)
    try:
        with conn.transaction():
            conn.execute("CREATE TABLE probe (k TEXT PRIMARY KEY, d TEXT, flag BOOLEAN NOT NULL)")
            conn.executemany(
                "INSERT INTO probe (k, d, flag) VALUES (?, ?, ?)",
                [("a", "2024-01-02", True), ("b", None, False), ("c", "2023-05-06", False)],
            )
        assert [r[0] for r in conn.query("SELECT k FROM probe ORDER BY d DESC, k")] == [
            "a",
            "c",
            "b",
        ]
        assert [r[0] for r in conn.query("SELECT k FROM probe ORDER BY d, k")] == ["b", "c", "a"]
        assert [bool(r[0]) for r in conn.query("SELECT flag FROM probe ORDER BY k")] == [
            True,
            False,
            False,
        ]
        assert list(conn.iterate("SELECT k FROM probe WHERE flag = ? ORDER BY k", (False,))) == [
            ("b",),
            ("c",),
        ]
    finally:
        conn.close()


def test_a_failed_statement_does_not_poison_the_next(db_target: str) -> None:
    conn = Connection(db_target)
    try:
        with pytest.raises(Exception, match=r"(?i)no_such_table|does not exist"):
            conn.query("SELECT * FROM no_such_table")
        assert conn.query("SELECT 1 + 1") == [(2,)]
    finally:
        conn.close()
