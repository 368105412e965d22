"""`tally incidents` and `tally figures` on a real ledger: a table for people, raw rows for
programs, streamed, agreeing with `tally export`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tally.models import Document, Figure, text_hash
from tally.store import Ledger
from tests.conftest import ROOT, run_tally


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled example corpus ingested into an SQLite file, with its export."""
    folder = tmp_path_factory.mktemp("examples")
    db = str(folder / "l.db")
    run_tally("ingest", "-q", "--db", db, str(ROOT / "examples"))
    run_tally(
        "export", "--db", db, "--figures", str(folder / "f.jsonl"), "--incidents",
        str(folder / "i.jsonl"),
    )  # fmt: skip
    return db


def _exported(db: str, name: str) -> list[dict]:
    return [json.loads(line) for line in (Path(db).parent / name).read_text().splitlines()]


def test_incident_records_give_the_exported_totals_with_their_ranges(examples_db: str) -> None:
    out = run_tally("incidents", "--db", examples_db, "--format", "jsonl").stdout
    records = [json.loads(line) for line in out.splitlines()]
    exported = _exported(examples_db, "i.jsonl")
    main = [i for i in exported if not i["background"]]
    assert [r["incident"] for r in records] == [i["incident"] for i in main]
    for rec, inc in zip(records, main, strict=True):
        for cat in ("killed", "injured"):
            assert rec[cat] == inc["totals"].get(cat)
            if rec[cat] is not None:
                decided = inc["decisions"][cat]
                assert (rec[f"{cat}_low"], rec[f"{cat}_high"]) == (decided["low"], decided["high"])
                assert rec[f"{cat}_low"] <= rec[cat] <= rec[f"{cat}_high"]
    every = run_tally("incidents", "--db", examples_db, "-f", "jsonl", "--background").stdout
    assert len(every.splitlines()) == len(exported)
    main = records[0]
    assert main["killed"] and main["sources"] == 3


def test_the_incident_table_shows_each_total_with_its_range(examples_db: str) -> None:
    first = json.loads(run_tally("incidents", "--db", examples_db, "-f", "jsonl", "-n", "1").stdout)
    lines = run_tally("incidents", "--db", examples_db, env={"COLUMNS": "200"}).stdout.splitlines()
    assert lines[0].split() == [
        "incident", "name", "date", "place", "killed", "injured", "sources", "conflict",
    ]  # fmt: skip
    row = lines[2]
    assert row.startswith(first["incident"])
    span = f"{first['killed']:,} ({first['killed_low']:,}–{first['killed_high']:,})"
    assert (span if first["killed_low"] != first["killed_high"] else f"{first['killed']:,}") in row
    wide = max(len(line) for line in lines)
    narrow = run_tally("incidents", "--db", examples_db, env={"COLUMNS": "80"}).stdout
    assert max(len(line) for line in narrow.splitlines()) < wide
    assert narrow.splitlines()[2].startswith(first["incident"] + " ")
    words = narrow.split()  # narrowed columns wrap between words, never inside one
    assert all(w in words for w in (first["name"] or first["type"]).split())
    if first["killed_low"] != first["killed_high"]:
        assert f"({first['killed_low']:,}–{first['killed_high']:,})" in words
    assert "best (low–high)" in narrow  # the legend says what the numbers are


def test_figure_rows_name_each_figure_once_as_the_export_does(examples_db: str) -> None:
    out = run_tally("figures", "--db", examples_db, "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    exported = _exported(examples_db, "f.jsonl")
    assert [(r["doc"], r["quote"], int(r["start"])) for r in rows] == [
        (f["doc"], f["quote"], f["start"]) for f in exported
    ]
    assert len(run_tally("figures", "--db", examples_db, "-n", "2").stdout.splitlines()) >= 4
    tsv = run_tally("figures", "--db", examples_db, "-f", "tsv", "--limit", "2").stdout
    assert [len(line.split("\t")) for line in tsv.splitlines()] == [len(rows[0])] * 3


def test_figures_of_one_document(examples_db: str) -> None:
    exported = _exported(examples_db, "f.jsonl")
    doc = exported[-1]["doc"]
    out = run_tally("figures", "--db", examples_db, "--doc", doc, "-f", "jsonl").stdout
    quotes = [json.loads(line)["quote"] for line in out.splitlines()]
    assert quotes == [f["quote"] for f in exported if f["doc"] == doc]


def _many_figures(db: Path, docs: int = 400, per_doc: int = 10) -> None:
    """A ledger whose listing is far larger than a pipe's buffer."""
    with Ledger(db) as led, led.conn.transaction():
        for d in range(docs):
            text = " ".join(f"Report {d}: {k + 1} people were killed." for k in range(per_doc))
            doc = Document(id=text_hash(text), text=text, kind="text", name=f"r{d:04d}.txt")
            figs = []
            for k in range(per_doc):
                start = text.index(f"{k + 1} people")
                figs.append(
                    Figure(doc.id, "killed", "people", k + 1, None, "exact", None,
                           f"{k + 1} people", start, start + len(f"{k + 1} people"))
                )  # fmt: skip
            led.add_document(doc, figs, [])


def test_a_reader_that_stops_early_or_a_full_disk_is_no_traceback(tmp_path: Path) -> None:
    db = tmp_path / "many.db"
    _many_figures(db)
    cmd = [sys.executable, "-m", "tally", "figures", "--db", str(db)]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline().split()[:2] == [b"doc", b"incident"]
        proc.stdout.close()
        err = proc.stderr.read().decode()
    assert proc.returncode != 0, "the listing should have outgrown the pipe"
    assert err == ""
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            done = subprocess.run(cmd, stdout=full, stderr=subprocess.PIPE, text=True)
        assert done.returncode == 1
        assert done.stderr.strip() == (
            "error [T210] standard output: cannot write: No space left on device"
        )
