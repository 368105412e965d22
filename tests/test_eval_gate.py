"""Evaluation gate: the real CLI on the seeds and dev corpora, scored by the shared scorer.

Floors are the measured scores rounded down; they only ever go up. A change
that lowers a score below its floor fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_tally

FLOORS: dict[str, dict[str, float]] = {
    "seeds": {
        "f1": 1.0,
        "group_acc": 1.0,
        "qualifier_acc": 1.0,
        "attribution_acc": 1.0,
        "grounded": 1.0,
    },
    "dev": {
        "f1": 0.98,
        "group_acc": 1.0,
        "qualifier_acc": 1.0,
        "attribution_acc": 0.98,
        "grounded": 1.0,
    },
}


def _score(shared: Path, corpus: str, tmp_path: Path) -> dict[str, float]:
    folder = shared / "corpus" / corpus
    db, figures, incidents = tmp_path / "l.db", tmp_path / "f.jsonl", tmp_path / "i.jsonl"
    run_tally("ingest", "-q", "--db", str(db), str(folder))
    run_tally("export", "--db", str(db), "--figures", str(figures), "--incidents", str(incidents))
    proc = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "score.py"),
            str(folder / "gold.json"),
            str(figures),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("{"))
    return json.loads(line)


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_scores_stay_above_their_floors(shared: Path, corpus: str, tmp_path: Path) -> None:
    got = _score(shared, corpus, tmp_path)
    below = {k: (got[k], floor) for k, floor in FLOORS[corpus].items() if got[k] < floor}
    assert not below, f"{corpus}: below floor (score, floor): {below}"
