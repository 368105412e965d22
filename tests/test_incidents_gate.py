"""The incidents gate: linking and reconciliation scored on the shared corpora.

Runs the real CLI (ingest, export, incidents, show, eval-incidents) in
subprocesses and the shared scorers on what it exports. The incident corpora
(gva-dev and the four coded splits, each a fixed sample) have their floors and
digests in `tests/eval_floors.json`; floors only ever go up.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tally.store import Ledger
from tests.conftest import run_tally
from tests.floors import below, corpora, gate_corpus, sample
from tests.stop_lists import non_person_figures, non_place_incidents

pytestmark = pytest.mark.slow


WIDE = {"COLUMNS": "200"}


def _ledger(tmp: Path, *inputs: str) -> tuple[Path, Path, Path]:
    db, figs, incs = tmp / "ledger.db", tmp / "figures.jsonl", tmp / "incidents.jsonl"
    run_tally("ingest", "--db", str(db), *inputs)
    run_tally("export", "--db", str(db), "--figures", str(figs), "--incidents", str(incs))
    return db, figs, incs


def _score(shared: Path, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=True, cwd=shared
    )
    return out.stdout


def test_seeds_incident_listing_and_show(shared: Path, tmp_path: Path) -> None:
    db, _, incs = _ledger(tmp_path, str(shared / "corpus" / "seeds"))
    listing = run_tally("incidents", "--db", str(db), env=WIDE).stdout
    rows = [json.loads(line) for line in incs.read_text().splitlines()]
    khojaly = max(rows, key=lambda r: r["totals"].get("killed", 0))
    assert khojaly["incident"] in listing and "⚠" in listing
    assert khojaly["incident"].endswith("1992") and khojaly["country"] == "AZ"
    women = next(
        f for f in khojaly["figures"] if (f["category"], f["group"]) == ("killed", "women")
    )
    assert women["conflict"] and {106, 116} <= set(women["values"])
    shown = run_tally("show", khojaly["incident"], "--db", str(db), env=WIDE).stdout
    assert "why each best" in shown
    assert "killed/women: 116 → 106" in shown  # the 2017 article, then the 2024 one
    assert "“106 women”" in shown


def test_show_unknown_incident_is_one_clear_line(tmp_path: Path) -> None:
    Ledger(tmp_path / "x.db").close()
    proc = run_tally("show", "no-such-incident", "--db", str(tmp_path / "x.db"), check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "no-such-incident" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.shared
@pytest.mark.parametrize("corpus", corpora("incidents"))
def test_incident_scores_stay_above_their_floors(shared: Path, corpus: str, tmp_path: Path) -> None:
    folder, entry = gate_corpus(shared, corpus)
    manifest, table = sample(folder, entry.get("sample"), tmp_path)
    db, figs, incs = _ledger(
        tmp_path, "-q", "--manifest", str(manifest), "--allow-outside", "-j", "2"
    )
    out = _score(shared, "eval/score_incidents.py", str(table), str(figs), str(incs), "--json")
    theirs = json.loads(next(ln for ln in out.splitlines() if ln.startswith("{")))
    ours = run_tally("eval-incidents", "--db", str(db), str(table), "--format", "json").stdout
    ours = json.loads(ours)
    assert {k: ours.get(k) for k in theirs} == theirs  # tally adds places where the table has them
    low = below({**ours, **theirs}, entry["floors"])  # places (state_acc, city_acc) are ours
    assert not low, f"{corpus}: below floor (score, floor): {low}"
    assert not non_person_figures(figs), f"{corpus}: figures of things, not people"
    assert not non_place_incidents(incs), f"{corpus}: incidents placed at no place"
