"""Read commands: a ledger that does not exist is an error; `--doc` takes a file name as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_tally

ARTICLE = "Gunmen killed 12 villagers in Dorvale on Sunday, police said.\n"


@pytest.mark.parametrize(
    "args",
    [
        ["figures"],
        ["incidents"],
        ["show", "dorvale-attack"],
        ["export", "--figures", "{tmp}/f.jsonl"],
        ["report", "--out", "{tmp}/r.html"],
        ["eval", "{tmp}/gold.json"],
        ["reviewer", "list"],
        ["corrections", "export", "--out", "{tmp}/c.jsonl"],
        ["serve", "--get", "/"],
    ],
)
def test_a_read_command_refuses_a_ledger_that_does_not_exist(
    tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "gold.json").write_text('{"documents": []}')
    db = tmp_path / "typo.db"
    proc = run_tally(*[a.format(tmp=tmp_path) for a in args], "--db", str(db), check=False)
    assert proc.returncode == 1
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith("error [T200]") and str(db) in line and "no ledger" in line
    assert not db.exists()


@pytest.fixture
def nested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ledger of one article ingested as `corpus/dorvale.txt` from `tmp_path`."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "dorvale.txt").write_text(ARTICLE)
    (tmp_path / "corpus" / "other.txt").write_text(
        "A fire in a Halden warehouse killed 3 workers on Monday.\n"
    )
    monkeypatch.chdir(tmp_path)
    run_tally("ingest", "-q", "--db", "l.db", "corpus/dorvale.txt", "corpus/other.txt")
    return tmp_path


@pytest.mark.parametrize(
    "doc", ["corpus/dorvale.txt", "dorvale.txt", "./corpus/dorvale.txt", "{tmp}/corpus/dorvale.txt"]
)
def test_figures_doc_takes_the_base_name_or_any_path_to_the_file(nested: Path, doc: str) -> None:
    proc = run_tally("figures", "--db", "l.db", "--doc", doc.format(tmp=nested), "-f", "tsv")
    rows = proc.stdout.strip().splitlines()[1:]
    assert rows and all("dorvale.txt" in r for r in rows)
    assert any("\t12" in r for r in rows)


def test_figures_doc_names_no_other_file(nested: Path) -> None:
    proc = run_tally("figures", "--db", "l.db", "--doc", "elsewhere/dorvale.txt", check=False)
    assert proc.returncode == 1
    assert "no document" in proc.stderr


def test_counts_are_singular_for_one(nested: Path) -> None:
    proc = run_tally("export", "--db", "l.db", "--incidents", "i.jsonl")
    assert "2 incidents →" in proc.stdout
    (nested / "solo").mkdir()
    (nested / "solo" / "a.txt").write_text(ARTICLE)
    proc = run_tally("ingest", "--db", "solo.db", "solo/a.txt")
    summary = proc.stdout + proc.stderr
    assert "1 document stored" in summary and "1 documents" not in summary
    assert "1 incident" in summary and "1 incidents" not in summary


def test_reingest_with_a_manifest_fills_missing_metadata_and_keeps_what_is_stored(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    db = str(tmp_path / "l.db")
    run_tally("ingest", "-q", "--db", db, str(tmp_path / "a.txt"))
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        '{"path": "a.txt", "published": "2024-03-03", "publisher": "Dorvale Courier"}\n'
    )
    run_tally("ingest", "-q", "--db", db, "--manifest", str(manifest))
    manifest.write_text('{"path": "a.txt", "published": "2024-03-09", "publisher": "Other"}\n')
    run_tally("ingest", "-q", "--db", db, "--manifest", str(manifest))
    rows = [r for r in run_tally("figures", "--db", db, "-f", "jsonl").stdout.splitlines() if r]
    cited = {(json.loads(r)["published"], json.loads(r)["publisher"]) for r in rows}
    assert cited == {("2024-03-03", "Dorvale Courier")}
