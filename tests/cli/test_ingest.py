"""`tally ingest` as a user runs it, on an SQLite file and on a PostgreSQL database.

Each test runs the real command in a subprocess against `db_target` (both back
ends) and checks the ledger through the other commands (`export`, `figures`,
`incidents`), so PostgreSQL is held to the same behaviour as SQLite.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_tally


def _export(db: str, folder: Path, tag: str) -> tuple[str, str]:
    figs, incs = folder / f"{tag}.figures.jsonl", folder / f"{tag}.incidents.jsonl"
    run_tally("export", "--db", db, "--figures", str(figs), "--incidents", str(incs))
    return figs.read_text(encoding="utf-8"), incs.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds_reference(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The seeds ingested by one process into SQLite: what every other path must equal."""
    folder = tmp_path_factory.mktemp("ref")
    db = str(folder / "ref.db")
    run_tally("ingest", "-q", "--db", db, str(shared / "corpus" / "seeds"))
    return _export(db, folder, "ref")


def test_ingest_then_reingest_on_each_back_end(
    db_target: str, shared: Path, tmp_path: Path, seeds_reference: tuple[str, str]
) -> None:
    seeds = str(shared / "corpus" / "seeds")
    first = run_tally("ingest", "--db", db_target, seeds)
    assert first.stdout.startswith("3 documents stored, 0 already in the ledger,")
    assert "1 file skipped" in first.stdout and first.stdout.count("\n") == 1
    assert _export(db_target, tmp_path, "a") == seeds_reference
    again = run_tally("ingest", "--db", db_target, seeds)
    assert again.stdout.startswith("0 documents stored, 3 already in the ledger,")
    assert _export(db_target, tmp_path, "b") == seeds_reference
    wide = {"COLUMNS": "400"}
    figures = run_tally("figures", "--db", db_target, env=wide).stdout
    incidents = run_tally("incidents", "--db", db_target, env=wide).stdout
    assert json.loads(seeds_reference[0].splitlines()[0])["quote"] in figures
    assert json.loads(seeds_reference[1].splitlines()[0])["incident"][:8] in incidents


def test_a_missing_input_is_one_line_and_the_rest_goes_on(
    db_target: str, shared: Path, tmp_path: Path
) -> None:
    missing = str(tmp_path / "no-such-article.txt")
    proc = run_tally(
        "ingest", "--db", db_target, missing, str(shared / "corpus" / "seeds"), check=False
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [f"error [T100] {missing}: no such file or folder"]
    assert "Traceback" not in proc.stderr
    assert proc.stdout.startswith("3 documents stored,") and "1 failed" in proc.stdout


@pytest.mark.slow
def test_two_processes_equal_one_on_the_dev_corpus(
    db_target: str, shared: Path, tmp_path: Path
) -> None:
    dev = str(shared / "corpus" / "dev")
    ref = str(tmp_path / "one.db")
    one = run_tally("ingest", "-q", "-j", "1", "--db", ref, dev)
    two = run_tally("ingest", "-q", "-j", "2", "--db", db_target, dev)
    assert one.stdout == two.stdout
    assert _export(ref, tmp_path, "one") == _export(db_target, tmp_path, "two")


def test_an_unreachable_ledger_is_one_line(tmp_path: Path) -> None:
    proc = run_tally(
        "ingest", "--db", str(tmp_path / "nowhere" / "l.db"), str(tmp_path), check=False
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("error [T200]") and "nowhere" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_linking_can_wait_for_tally_relink(
    db_target: str, shared: Path, tmp_path: Path, seeds_reference: tuple[str, str]
) -> None:
    seeds = str(shared / "corpus" / "seeds")
    first = run_tally("ingest", "--no-link", "--db", db_target, seeds)
    assert first.stdout.strip().endswith("not linked yet (tally relink)")
    figures, incidents = _export(db_target, tmp_path, "unlinked")
    assert incidents == "" and figures.count("\n") == seeds_reference[0].count("\n")
    assert all(json.loads(line)["incident"] is None for line in figures.splitlines())
    n = len(seeds_reference[1].splitlines())
    assert run_tally("relink", "--db", db_target).stdout == f"{n} incident{'s' * (n != 1)}\n"
    assert _export(db_target, tmp_path, "linked") == seeds_reference


def test_a_folders_notes_are_skipped_and_said_and_the_counts_agree(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "NOTES.md").write_text(
        "# Notes\n\nThe Harbour Gazette story says 41 people were killed in the fire.\n"
    )
    story = (
        "A fire at a warehouse in Port Elvar killed 41 people on Monday, the fire brigade "
        "said. Another 30 people were injured."
    )
    (corpus / "gazette.txt").write_text(story)
    (tmp_path / "copy.txt").write_text(story)
    db = str(tmp_path / "l.db")
    summary = run_tally("ingest", "--db", db, str(corpus), str(tmp_path / "copy.txt")).stdout
    assert "1 document stored, 1 already in the ledger" in summary
    assert "NOTES.md skipped as a folder's notes, not an article" in summary
    stored = int(summary.split(" figure")[0].rsplit(" ", 1)[-1])
    figs = tmp_path / "f.jsonl"
    said = run_tally("export", "--db", db, "--figures", str(figs)).stdout
    rows = [json.loads(line) for line in figs.read_text().splitlines()]
    assert {r["doc"] for r in rows} == {str(corpus / "gazette.txt"), str(tmp_path / "copy.txt")}
    assert len({r["key"] for r in rows}) == stored and len(rows) == 2 * stored
    assert said.startswith(f"{2 * stored} figure rows ({stored} figure")
