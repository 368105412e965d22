"""Crash safety: SIGKILL a real `tally ingest` at random points, re-run, compare with a clean run."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_tally
from tests.robustness.corpus import check_consistent, snapshot, write_corpus

N_DOCS = 240


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _ingest_until(db: Path, corpus: Path, target: int, rng: random.Random) -> bool:
    """Start an ingest; SIGKILL it once the ledger holds `target` documents. True if killed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tally", "ingest", "-q", "--db", str(db), str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if target == 0:
            time.sleep(rng.uniform(0.3, 2.5))
        while proc.poll() is None and _count(db) < target:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.3))
        if proc.poll() is not None:
            return False
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        return True
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_sigkill_at_random_points_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, N_DOCS)
    clean_db = tmp_path / "clean.db"
    run_tally("ingest", "-q", "--db", str(clean_db), str(corpus))
    clean = snapshot(clean_db)
    assert len(clean["documents"]) == N_DOCS  # type: ignore[arg-type]

    seed = int.from_bytes(os.urandom(4), "big")
    print(f"kill points drawn with random.Random({seed})")
    rng = random.Random(seed)
    db = tmp_path / "crashed.db"
    targets = [0, rng.randint(1, N_DOCS // 3), rng.randint(N_DOCS // 3, 2 * N_DOCS // 3)]
    kills = 0
    held = 0
    for target in targets:
        kills += _ingest_until(db, corpus, target, rng)
        if db.exists():
            now = check_consistent(db, clean)
            assert now >= held
            held = now
    assert kills >= 1, "every run finished before it could be killed"
    final = run_tally("ingest", "--db", str(db), str(corpus))
    assert final.stdout.startswith(
        f"{N_DOCS - held} documents stored, {held} already in the ledger"
    )
    check_consistent(db, clean)
    assert snapshot(db) == clean


def _descendants(root: int) -> set[int]:
    """Every live process below `root`, read from /proc."""
    found: set[int] = set()
    frontier = {root}
    while frontier:
        below = set()
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) in found:
                continue
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) in frontier:
                below.add(int(entry))
        found |= below
        frontier = below
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
def test_a_killed_parallel_ingest_leaves_no_worker_behind(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 600)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tally",
            "ingest",
            "-q",
            "-j",
            "2",
            "--db",
            str(tmp_path / "l.db"),
            str(tmp_path / "in"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        workers = _descendants(proc.pid)
    assert len(workers) >= 2, "the ingest did not start its workers"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 15
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [p for p in workers if _alive(p)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"worker processes outlived the killed ingest: {left}"
