"""`tally export`, `report` and `corrections export`: a file that cannot be written is one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_tally


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--figures", "{missing}/f.jsonl"],
        ["export", "--incidents", "{missing}/i.jsonl"],
        ["export", "--csv", "{missing}/i.csv"],
        ["report", "--out", "{missing}/r.html"],
        ["corrections", "export", "--out", "{missing}/c.jsonl"],
    ],
)
def test_an_unwritable_output_is_one_line_naming_it(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "l.db"
    (tmp_path / "a.txt").write_text(
        "Gunmen killed 12 villagers in Dorvale on Sunday, police said.\n"
    )
    run_tally("ingest", "-q", "--db", str(db), str(tmp_path / "a.txt"))
    missing = tmp_path / "no-such-folder"
    proc = run_tally(*[a.format(missing=missing) for a in args], "--db", str(db), check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith("error [T210]") and str(missing) in line
