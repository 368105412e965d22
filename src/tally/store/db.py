"""A thin connection layer over SQLite and PostgreSQL, so the ledger has one SQL dialect.

SQL in this package is written once, with `?` placeholders and the subset of
SQL both engines share (`ON CONFLICT DO NOTHING`, `BIGINT`, `DOUBLE PRECISION`,
`TEXT`, `BOOLEAN`); `Connection` adapts the placeholders for psycopg. Writers
are serialised the same way on both: SQLite's `BEGIN IMMEDIATE`, and on
PostgreSQL a transaction-scoped advisory lock, so the read-then-write steps of
the ledger (is this text stored already?) never race another writer.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from tally.errors import StoreError

_PLACEHOLDER = re.compile(r"\?")
_ORDER_BY = re.compile(r"\bORDER\s+BY\s+", re.I)
_CLAUSE_STOP = re.compile(r"\s(LIMIT|OFFSET|FETCH|FOR|UNION|EXCEPT|INTERSECT)\b", re.I)
_NULLS = re.compile(r"\bNULLS\s+(FIRST|LAST)\b", re.I)
_DESC = re.compile(r"\bDESC\s*$", re.I)
_WRITER_LOCK = 0x7A11E
"""The PostgreSQL advisory lock every writing transaction holds (one writer at a time)."""
_cursor_ids = itertools.count()


def is_postgres(target: str) -> bool:
    """True when `target` names a PostgreSQL server rather than an SQLite file."""
    return target.startswith(("postgresql://", "postgres://"))


@functools.lru_cache(maxsize=512)
def postgres_sql(sql: str) -> str:
    """`sql` for psycopg: `%s` placeholders, and NULLs ordered as SQLite orders them.

    SQLite sorts NULL below every value (first ascending, last descending);
    PostgreSQL the other way round. Each ORDER BY term without its own
    NULLS clause gets SQLite's, so both back ends list rows in the same order.
    """
    sql = _PLACEHOLDER.sub("%s", sql)
    out, pos = [], 0
    for m in _ORDER_BY.finditer(sql):
        if m.start() < pos:
            continue
        end = _clause_end(sql, m.end())
        terms = [t.strip() for t in _split_top(sql[m.end() : end])]
        out.append(sql[pos : m.end()])
        out.append(", ".join(_with_nulls(t) for t in terms) + (" " if end < len(sql) else ""))
        pos = end
    out.append(sql[pos:])
    return "".join(out)


def _clause_end(sql: str, start: int) -> int:
    depth = 0
    for i in range(start, len(sql)):
        ch = sql[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and _CLAUSE_STOP.match(sql, i):
            return i
    return len(sql)


def _split_top(text: str) -> list[str]:
    parts, depth, last = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            parts.append(text[last:i])
            last = i + 1
    parts.append(text[last:])
    return parts


def _with_nulls(term: str) -> str:
    if not term or _NULLS.search(term):
        return term
    return f"{term} NULLS {'LAST' if _DESC.search(term) else 'FIRST'}"


class Connection:
    """One database connection with the same small API on both engines."""

    def __init__(self, target: str | Path, *, timeout: float = 60.0) -> None:
        self.target = str(target)
        self.postgres = is_postgres(self.target)
        if self.postgres:
            try:
                import psycopg
            except ImportError as err:  # pragma: no cover - depends on the install
                raise StoreError(
                    "PostgreSQL needs the postgres extra: pip install 'tally[postgres]'",
                    source=self.target,
                ) from err
            try:
                self._raw = psycopg.connect(self.target, autocommit=False)
            except psycopg.Error as err:
                raise StoreError(
                    f"cannot connect: {err}".splitlines()[0], source=self.target
                ) from err
        else:
            path = Path(self.target)
            if path.parent and not path.parent.exists():
                raise StoreError("the folder for the ledger does not exist", source=self.target)
            try:
                self._raw = sqlite3.connect(
                    self.target, timeout=timeout, isolation_level=None, check_same_thread=False
                )
                self._raw.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
                self._wal(timeout)
                self._raw.execute("PRAGMA synchronous=NORMAL")
                self._raw.execute("PRAGMA foreign_keys=ON")
            except sqlite3.DatabaseError as err:
                cause = _read_only(path) or store_cause(err) or f"not an SQLite ledger: {err}"
                raise StoreError(cause, source=self.target) from err
        self._depth = 0

    def _wal(self, timeout: float) -> None:
        """Switch to WAL; another connection opening the same new file at once may hold it briefly."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._raw.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _sql(self, sql: str) -> str:
        return postgres_sql(sql) if self.postgres else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement and return the cursor."""
        row = self._row(params)
        try:
            try:
                return self._execute(sql, row)
            except UnicodeEncodeError:
                return self._execute(sql, _text_safe(row))
        except Exception as err:
            self._recover()
            self._translate(err)
            raise

    def _execute(self, sql: str, row: tuple) -> Any:
        if self.postgres:
            cur = self._raw.cursor()
            cur.execute(self._sql(sql), row)
            return cur
        return self._raw.execute(sql, row)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows."""
        batch = [self._row(r) for r in rows]
        if not batch:
            return
        try:
            try:
                self._executemany(sql, batch)
            except UnicodeEncodeError:
                self._executemany(sql, [_text_safe(r) for r in batch])
        except Exception as err:
            self._recover()
            self._translate(err)
            raise

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        if self.postgres:
            with self._raw.cursor() as cur:
                cur.executemany(self._sql(sql), rows)
        else:
            self._raw.executemany(sql, rows)

    def _row(self, params: Sequence[Any]) -> tuple:
        """The parameters as a tuple; on PostgreSQL, text without NUL (its text cannot hold one)."""
        row = tuple(params)
        if self.postgres and any(isinstance(v, str) and "\x00" in v for v in row):
            row = tuple(v.replace("\x00", "") if isinstance(v, str) else v for v in row)
        return row

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Run a query and return all its rows."""
        cur = self.execute(sql, params)
        rows = cur.fetchall()
        if not self.postgres or self._depth == 0:
            self._end_read()
        return rows

    def query_in(
        self, sql: str, values: Iterable[Any], after: Sequence[Any] = (), size: int = 500
    ) -> Iterator[tuple]:
        """The rows of `sql` whose `IN ({})` takes each of `values`, asked `size` at a time
        (`after`: the parameters of placeholders that follow the list).

        SQLite caps a statement's parameters, so a long list is sent in chunks.
        """
        for chunk in chunked(values, size):
            yield from self.query(sql.format(", ".join("?" * len(chunk))), (*chunk, *after))

    def iterate(self, sql: str, params: Sequence[Any] = (), size: int = 500) -> Iterator[tuple]:
        """Yield the rows of a query in batches, without holding them all in memory.

        On PostgreSQL a server-side cursor (kept across commits) streams the rows;
        psycopg's default cursor would fetch them all at once.
        """
        if not self.postgres:
            cur = self.execute(sql, params)
            while rows := cur.fetchmany(size):
                yield from rows
            return
        try:
            cur = self._raw.cursor(name=f"tally_iter_{next(_cursor_ids)}", withhold=True)
            cur.itersize = size
            cur.execute(self._sql(sql), tuple(params))
        except Exception as err:
            self._recover()
            self._translate(err)
            raise
        try:
            while rows := cur.fetchmany(size):
                yield from rows
        finally:
            if not self._raw.closed:
                cur.close()
                self._end_read()

    def _end_read(self) -> None:
        if self.postgres and self._depth == 0:
            self._raw.commit()

    def transaction(self) -> AbstractContextManager[Connection]:
        """All statements inside commit together or not at all (nesting joins the outer one)."""
        return self._scope(write=True)

    def snapshot(self) -> AbstractContextManager[Connection]:
        """Reads inside all see the ledger as it was at the first, while other writers go on.

        Writes inside may go to temporary tables only (they take no lock on the ledger).
        Inside a transaction this joins it.
        """
        return self._scope(write=False)

    @contextmanager
    def _scope(self, *, write: bool) -> Iterator[Connection]:
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            self._begin(write)
            yield self
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        else:
            self._depth = 0
            self._commit()

    def _begin(self, write: bool) -> None:
        try:
            if self.postgres:
                self._raw.commit()
                if write:
                    self._raw.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK,))
                else:
                    self._raw.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            else:
                self._raw.execute("BEGIN IMMEDIATE" if write else "BEGIN DEFERRED")
        except Exception as err:
            self._rollback()
            self._translate(err)
            raise

    def _commit(self) -> None:
        """Commit; a failure (disk full, read-only, locked) rolls back whole and says why."""
        try:
            self._raw.commit()
        except Exception as err:
            self._rollback()
            self._translate(err)
            raise

    def _rollback(self) -> None:
        with contextlib.suppress(Exception):  # the connection is gone: nothing to undo
            self._raw.rollback()

    def close(self) -> None:
        """Close the connection."""
        self._raw.close()

    def _recover(self) -> None:
        """After a failed statement outside a transaction, leave PostgreSQL ready for the next."""
        if self.postgres and self._depth == 0:
            self._raw.rollback()

    def _translate(self, err: BaseException) -> None:
        """Raise the `StoreError` a user can act on for a database failure, if it is one."""
        cause = store_cause(err)
        if cause is not None:
            raise StoreError(cause, source=self.target) from err


_SQLITE_CAUSES = (
    ("not a database", "not an SQLite ledger (file is not a database)"),
    ("disk is full", "the disk is full (nothing of this transaction was written)"),
    ("disk i/o", "the disk failed to read or write (nothing of this transaction was written)"),
    ("readonly", "the ledger is read-only (a read-only file or file system)"),
    ("read-only", "the ledger is read-only (a read-only file or file system)"),
    ("locked", "the ledger is locked by another writer (try again when it is done)"),
    ("busy", "the ledger is locked by another writer (try again when it is done)"),
    ("unable to open", "cannot open the ledger file (is its folder writable?)"),
)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def chunked(values: Iterable[Any], size: int = 500) -> Iterator[list[Any]]:
    """The distinct `values`, sorted, in lists of at most `size` (one statement's parameters)."""
    ordered = sorted(set(values))
    for i in range(0, len(ordered), size):
        yield ordered[i : i + size]


def _text_safe(row: tuple) -> tuple:
    """`row` with lone surrogates (undecodable bytes that slipped through) as U+FFFD.

    Only used after an encoding failure, so well-formed text costs nothing.
    """
    return tuple(_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for v in row)


def _read_only(path: Path) -> str | None:
    """Why an SQLite ledger at `path` cannot be written, when its file system or folder says."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "the ledger is on a read-only file system"
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return "the ledger's folder is not writable (SQLite needs it for its journal)"
    if path.exists() and not os.access(path, os.W_OK):
        return "the ledger file is read-only"
    return None


def store_cause(err: BaseException) -> str | None:
    """One line naming why a database statement or commit failed, or None if not known.

    Disk full, a read-only file system, a lock held too long, a value too large:
    what the user can fix. A transaction that fails is rolled back whole.
    """
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    if isinstance(err, OverflowError):
        return "a number too large for the ledger (over 2^63)"
    if isinstance(err, sqlite3.DatabaseError):
        low = text.lower()
        for needle, cause in _SQLITE_CAUSES:
            if needle in low:
                return cause
        if isinstance(err, sqlite3.OperationalError):
            return f"database error: {text}"
        return None
    name = type(err).__name__
    if name in {"NumericValueOutOfRange", "DataError"}:
        return f"a value the ledger cannot hold: {text}"
    if name == "DiskFull":
        return "the disk is full (nothing of this transaction was written)"
    if name == "ReadOnlySqlTransaction":
        return "the ledger is read-only (a read-only server or transaction)"
    if name in {"OperationalError", "InterfaceError"} and type(err).__module__.startswith(
        "psycopg"
    ):
        return f"database error: {text}"
    return None
