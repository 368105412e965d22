"""Concurrent use of one SQLite ledger: two `tally ingest` runs at once, and the web UI during one."""

from __future__ import annotations

import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import run_tally
from tests.robustness.corpus import check_consistent, snapshot, write_corpus


@pytest.mark.slow
def test_two_writers_on_one_fresh_ledger(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "all", 220)
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for p in paths[:140]:
        shutil.copy(p, a / p.name)
    for p in paths[80:]:
        shutil.copy(p, b / p.name)

    clean_db = tmp_path / "clean.db"
    run_tally("ingest", "-q", "--db", str(clean_db), str(a), str(b))
    clean = snapshot(clean_db)
    assert len(clean["documents"]) == 220  # type: ignore[arg-type]
    assert len(clean["names"]) == 280  # type: ignore[arg-type]

    db = tmp_path / "shared.db"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tally", "ingest", "-q", "--db", str(db), str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (a, b)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    for proc, (_out, err) in zip(procs, outs, strict=True):
        assert proc.returncode == 0, err
        assert err == ""
    stored = [int(out.split(" documents stored")[0]) for out, _ in outs]
    again = [int(out.split(", ")[1].split(" already")[0]) for out, _ in outs]
    assert sum(stored) == 220
    assert sum(again) == 60
    check_consistent(db, clean)
    assert snapshot(db) == clean


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            resp.read()
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.mark.slow
def test_the_web_ui_keeps_answering_while_an_ingest_runs(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "all", 200, seed=11)
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir()
    rest.mkdir()
    for i, p in enumerate(paths):
        shutil.copy(p, (first if i < 20 else rest) / p.name)
    db = str(tmp_path / "l.db")
    run_tally("ingest", "-q", "--db", db, str(first))
    with sqlite3.connect(db) as con:
        (incident,) = con.execute("SELECT id FROM incidents ORDER BY id LIMIT 1").fetchone()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "tally", "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):
            try:
                if _get(base + "/") == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            pytest.fail("tally serve did not answer")
        ingest = subprocess.Popen(
            [sys.executable, "-m", "tally", "ingest", "-q", "--db", db, str(rest)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        lists, pages = [], []
        while ingest.poll() is None:
            lists.append(_get(base + "/"))
            pages.append(_get(f"{base}/incidents/{incident}"))
        out, err = ingest.communicate()
        assert ingest.returncode == 0, err
        assert out.startswith("180 documents stored")
        assert len(lists) >= 2
        assert set(lists) == {200}
        assert all(status in (200, 404) for status in pages)  # an id may merge into another
        assert _get(base + "/") == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
