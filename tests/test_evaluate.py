"""`tally eval` scores like the shared scorer (`shared/eval/score.py`) on the shared corpora."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tally.evaluate import load_gold, same_attribution, score
from tests.conftest import run_tally


@pytest.mark.parametrize(
    ("pred", "gold", "same"),
    [
        ("Azerbaijani figures", "Azerbaijani authorities", True),
        (None, None, True),
        ("the army", None, False),
        ("the Pentagon", "U.S. Central Command", False),
        ("Local sources", "local sources", True),
    ],
)
def test_attribution_matches_on_a_shared_content_word(
    pred: str | None, gold: str | None, same: bool
) -> None:
    assert same_attribution(pred, gold) is same


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_tally_eval_agrees_with_the_shared_scorer(
    shared: Path, tmp_path: Path, corpus: str
) -> None:
    folder = shared / "corpus" / corpus
    db = tmp_path / "l.db"
    run_tally("ingest", "-q", "--db", str(db), str(folder))
    figs, incs = tmp_path / "f.jsonl", tmp_path / "i.jsonl"
    run_tally("export", "--db", str(db), "--figures", str(figs), "--incidents", str(incs))
    theirs = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "score.py"),
            str(folder / "gold.json"),
            str(figs),
            "--incidents",
            str(incs),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    metrics = json.loads(next(line for line in theirs if line.startswith("{")))
    rows = [json.loads(line) for line in figs.read_text().splitlines()]
    inc_rows = [json.loads(line) for line in incs.read_text().splitlines()]
    ours = score(load_gold(folder / "gold.json"), rows, inc_rows)
    assert ours.matched == metrics["matched"]
    assert ours.predicted == metrics["predicted"]
    assert round(ours.f1, 4) == metrics["f1"]
    assert round(ours.group_acc, 4) == metrics["group_acc"]
    assert round(ours.qualifier_acc, 4) == metrics["qualifier_acc"]
    assert round(ours.attribution_acc, 4) == metrics["attribution_acc"]
    assert round(ours.incident_bcubed_f1, 4) == metrics["incident_bcubed_f1"]
    assert f"{ours.expectations[0]}/{ours.expectations[1]}" == metrics["expectations"]
    out = run_tally("eval", "--db", str(db), str(folder / "gold.json")).stdout
    assert f"figure F1 {metrics['f1']:.4f}" in out
