"""Hostile input through the pipeline and the store (issue 19): time, sizes, failing disks.

Each case is generated at test time; each either stores what it should or ends
in the one line spelled out here, never a traceback, and the batch goes on.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tally.errors import StoreError
from tally.extract import extract
from tally.ingest import discover
from tally.link import dates, link_within
from tally.models import Document, Figure, text_hash
from tally.pipeline import ingest
from tally.store import Ledger
from tally.store.db import Connection
from tests.conftest import require, run_tally
from tests.robustness.corpus import run_on, write_articles

GOOD = (
    "Four people were killed and 9 injured when a truck struck a crowded bus stop in the "
    "city centre on Friday evening, police said.\n"
)


def _slow_file(path: Path) -> None:
    """A text of 100,000 short reports: well within every size limit, minutes of work."""
    with open(path, "w") as fh:
        for i in range(100_000):
            fh.write(f"Update {i}: {i % 9 + 2} people were killed in Carrow on Monday.\n")


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_over_its_time_budget_is_one_line_and_the_rest_is_stored(
    tmp_path: Path, jobs: str
) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 200)
    _slow_file(folder / "slow.txt")
    db = tmp_path / "l.db"
    proc = run_tally("ingest", "-q", "-j", jobs, "--budget", "5", "--db", str(db), str(folder),
                     check=False)  # fmt: skip
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1
    line = proc.stderr.strip()
    assert re.fullmatch(
        rf"error \[T100\] {re.escape(str(folder))}/slow\.txt: gave up after 5 s in "
        r"(reading|extraction|linking cues) \(the time budget per document; raise it with "
        r"--budget\)",
        line,
    ), line
    assert proc.stdout.startswith("200 documents stored, 0 already in the ledger")
    with Ledger(db) as ledger:
        assert ledger.count("documents") == 200


def _date_scan(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the characters the date patterns scan, whichever function asks them."""
    scanned = [0]

    class Counting:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern

        def finditer(self, text: str):
            scanned[0] += len(text)
            return self.pattern.finditer(text)

    patterns = [(kind, Counting(p)) for kind, p in dates._PATTERNS]
    monkeypatch.setattr(dates, "_PATTERNS", patterns)
    return scanned


def _linking_work(text: str, scanned: list[int]) -> int:
    doc = Document(id=text_hash(text), text=text, kind="text", name="run-on.txt",
                   published="2024-03-08")  # fmt: skip
    figures = extract(doc)
    before = scanned[0]
    link_within(doc, figures)
    return scanned[0] - before


def test_a_run_on_sentence_twice_as_long_costs_the_dates_twice_the_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scanned = _date_scan(monkeypatch)
    small = _linking_work(run_on(60), scanned)
    large = _linking_work(run_on(120), scanned)
    assert small > 0
    assert large / small < 2.6, (small, large)


@pytest.mark.parametrize(
    "sentence",
    [
        "At least 99999999999999999999 people were killed in the blast, officials said.",
        "The ministry said 999999999999 billion people were displaced by the floods.",
        "Police said 9223372036854775808 people were injured in the crush.",
        "Officials said 18446744073709551616 people were killed in the fighting.",
    ],
)
def test_a_number_above_any_count_of_people_is_not_a_figure(tmp_path: Path, sentence: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "huge.txt").write_text(f"Blast in the capital\n\n{sentence}\n{GOOD}")
    (tmp_path / "in" / "good.txt").write_text(f"Crash at the bus stop\n\n{GOOD}")
    db = tmp_path / "l.db"
    proc = run_tally("ingest", "-q", "--db", str(db), str(tmp_path / "in"), check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.startswith("2 documents stored")
    with Ledger(db) as ledger:
        values = [f.value for f in ledger.figures()]
        assert values and max(values) <= 10**10
        assert {4, 9} <= set(values)


def _doc(text: str = GOOD, **meta: str) -> Document:
    return Document(id=text_hash(text), text=text, kind="text", name="a.txt", **meta)


def _fig(doc: Document, value: int) -> Figure:
    return Figure(doc.id, "killed", "people", value, None, "exact", None, "Four", 0, 4,
                  incident="main")  # fmt: skip


def test_the_store_refuses_a_value_it_cannot_hold_and_writes_nothing(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.db") as ledger:
        doc = _doc()
        with pytest.raises(StoreError) as err:
            ledger.add_document(doc, [_fig(doc, 2**63)])
        assert err.value.line() == (
            f"error [T200] {tmp_path}/l.db: a number too large for the ledger (over 2^63)"
        )
        assert ledger.count("documents") == 0
        assert ledger.add_document(doc, [_fig(doc, 4)])
        assert [f.value for f in ledger.figures()] == [4]


@pytest.mark.parametrize(
    ("title", "on_sqlite", "on_postgres"),
    [
        ("Blast\x00 in the capital", "Blast\x00 in the capital", "Blast in the capital"),
        (
            "Blast in the capital \udcff",
            "Blast in the capital \ufffd",
            "Blast in the capital \ufffd",
        ),
    ],
)
def test_nul_and_lone_surrogates_in_metadata_are_stored_safely(
    db_target: str, title: str, on_sqlite: str, on_postgres: str
) -> None:
    """SQLite holds a NUL as it came; PostgreSQL's text cannot, so the store drops it there."""
    with Ledger(db_target) as ledger:
        doc = _doc(title=title, publisher="The Example\x00")
        assert ledger.add_document(doc, [_fig(doc, 4)])
        got = ledger.document(doc.id)
        assert got.title == (on_postgres if ledger.conn.postgres else on_sqlite)
        assert [f.value for f in ledger.figures()] == [4]


def _unshare() -> list[str]:
    unshare = shutil.which("unshare")
    ok = unshare and subprocess.run([unshare, "-rm", "true"], capture_output=True).returncode == 0
    require(bool(ok), "unshare -rm (user and mount namespaces) is needed to mount a test disk")
    return [str(unshare), "-rm", "sh", "-c"]


def _tally_cmd(*args: str) -> str:
    return " ".join([sys.executable, "-m", "tally", *(f"'{a}'" for a in args)])


@pytest.mark.slow
def test_disk_full_at_commit_is_one_line_and_nothing_half_written(tmp_path: Path) -> None:
    folder, disk = tmp_path / "in", tmp_path / "disk"
    write_articles(folder, 400)
    disk.mkdir()
    db = disk / "l.db"
    script = (
        f"mount -t tmpfs -o size=640k none '{disk}' && "
        f"{_tally_cmd('ingest', '-q', '--db', str(db), str(folder))}; echo rc=$?; "
        f"{sys.executable} -c \"import sqlite3; c = sqlite3.connect('{db}'); "
        "print(c.execute('PRAGMA integrity_check').fetchone()[0], "
        "c.execute('SELECT COUNT(*) FROM documents').fetchone()[0], "
        "c.execute('SELECT COUNT(*) FROM documents d WHERE NOT EXISTS "
        "(SELECT 1 FROM figures f WHERE f.doc_id = d.id)').fetchone()[0])\""
    )
    proc = subprocess.run([*_unshare(), script], capture_output=True, text=True, timeout=600)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip() == (
        f"error [T200] {db}: the disk is full (nothing of this transaction was written)"
    )
    rc, check = proc.stdout.split()[0], proc.stdout.split()[1:]
    assert rc == "rc=1"
    assert check[0] == "ok"
    assert int(check[1]) % 32 == 0 and int(check[1]) < 400, check  # whole batches only
    assert check[2] == "0", "a stored document lacks its figures"


@pytest.mark.parametrize("command", [["ingest", "-q"], ["incidents"], ["relink"]])
def test_a_ledger_on_a_read_only_file_system_says_so(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    ro = tmp_path / "ro"
    ro.mkdir()
    db = ro / "l.db"
    run_tally("ingest", "-q", "--db", str(db), str(tmp_path / "a.txt"))
    extra = [str(tmp_path / "a.txt")] if command[0] == "ingest" else []
    script = f"mount -o bind,ro '{ro}' '{ro}' && {_tally_cmd(*command, '--db', str(db), *extra)}"
    proc = subprocess.run([*_unshare(), script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error [T200] {db}: the ledger is on a read-only file system"


def test_a_ledger_locked_by_another_writer_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    (tmp_path / "a.txt").write_text(GOOD)
    with Ledger(db) as ledger:
        ledger.conn._raw.execute("PRAGMA busy_timeout=200")
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError) as err:
                ingest(discover([str(tmp_path / "a.txt")]), ledger)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert err.value.line() == (
            f"error [T200] {db}: the ledger is locked by another writer (try again when it is done)"
        )
        assert ledger.count("documents") == 0


def test_several_manifests_are_all_ingested(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"Report {name}\n\n{GOOD}")
        (tmp_path / f"{name}.jsonl").write_text(json.dumps({"path": f"{name}.txt"}) + "\n")
    db = str(tmp_path / "l.db")
    args = [a for n in "abc" for a in ("--manifest", str(tmp_path / f"{n}.jsonl"))]
    proc = run_tally("ingest", "-q", "--db", db, *args)
    assert proc.stdout.startswith("3 documents stored")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("red\x1b[31m.txt", "red\\x1b[31m.txt"),
        ("title\x1b]0;owned\x07.txt", "title\\x1b]0;owned\\x07.txt"),
        ("back\rspace.txt", "back\\rspace.txt"),
        ("rtl\u202etxt.exe.txt", "rtl\\u202etxt.exe.txt"),
    ],
)
def test_control_characters_in_file_names_are_escaped_in_messages(
    tmp_path: Path, name: str, shown: str
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(b"")
    proc = run_tally("ingest", "-q", "--db", str(tmp_path / "l.db"), str(tmp_path / "in"),
                     check=False)  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr == f"error [T100] {tmp_path}/in/{shown}: empty file\n"


def test_a_connection_names_the_cause_of_a_failed_commit(tmp_path: Path) -> None:
    conn = Connection(tmp_path / "l.db")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("PRAGMA max_page_count = 2")
    with pytest.raises(StoreError) as err, conn.transaction() as c:
        c.executemany("INSERT INTO t VALUES (?)", [("x" * 4000,)] * 50)
    assert str(err.value).endswith("the disk is full (nothing of this transaction was written)")
    assert conn.query("SELECT COUNT(*) FROM t") == [(0,)]
