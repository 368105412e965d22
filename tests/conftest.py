"""Shared fixtures: a real SQLite ledger per test, the shared corpora, and resource gates.

A test that needs something outside the repository (../shared, a PostgreSQL
server, Chromium) calls `require(...)`: on a user's clone it skips with the
reason; under CI (`CI=true`) an absence is a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tally.models import Document, Figure
from tally.store import Ledger

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TALLY_SHARED", ROOT.parent / "shared")).resolve()
CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def figure_at(d: Document, quote: str, value: int, category: str = "killed") -> Figure:
    """A plain figure of `value` people (exact, unattributed) at `quote`'s first place in `d`."""
    start = d.text.index(quote)
    return Figure(
        doc_id=d.id,
        category=category,  # type: ignore[arg-type]
        group="people",
        value=value,
        value_high=None,
        qualifier="exact",
        attribution=None,
        quote=quote,
        start=start,
        end=start + len(quote),
    )


def require(condition: bool, reason: str) -> None:
    """Skip (fail under CI) when a resource a test needs is absent."""
    if condition:
        return
    if CI:
        pytest.fail(f"required under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    """A fresh SQLite ledger file."""
    with Ledger(tmp_path / "ledger.db") as led:
        yield led


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty ledger on each back end: an SQLite file, or a new PostgreSQL database.

    PostgreSQL needs `TALLY_TEST_PG` (a server URL; `.ci/postgres.sh` sets it);
    each test gets its own database, dropped after it.
    """
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    admin = os.environ.get("TALLY_TEST_PG", "")
    require(bool(admin), "no PostgreSQL server: set TALLY_TEST_PG (source .ci/postgres.sh)")
    import psycopg

    name = f"tally_t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield urlunsplit(urlsplit(admin)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared corpora and scorers (`../shared`)."""
    require((SHARED / "corpus" / "seeds" / "gold.json").exists(), f"no shared corpora at {SHARED}")
    return SHARED


def run_tally(
    *args: str, cwd: Path | None = None, env: dict | None = None, check: bool = True
) -> subprocess.CompletedProcess:
    """Run the real `tally` command in a subprocess."""
    proc = subprocess.run(
        [sys.executable, "-m", "tally", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=600,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"tally {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc
