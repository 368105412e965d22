"""The incidents gate: linking and reconciliation scored on the shared corpora.

Runs the real CLI (ingest, export, incidents, show) in subprocesses and the
shared scorers on what it exports. Floors are the measured values rounded
down; they only ever go up.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_tally

SEEDS_EXPECTATIONS = 4
DEV_EXPECTATIONS = 32
DEV_INCIDENT_B3 = 1.0
GVA_SAMPLE = 300
GVA_ACCURACY = 0.72

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


def test_seeds_expectations_and_cli(shared: Path, tmp_path: Path) -> None:
    corpus = shared / "corpus" / "seeds"
    db, figs, incs = _ledger(tmp_path, str(corpus))
    out = _score(
        shared, "eval/score.py", str(corpus / "gold.json"), str(figs), "--incidents", str(incs)
    )
    met = re.search(r"expectations met (\d+)/(\d+)", out)
    assert met and int(met[1]) >= SEEDS_EXPECTATIONS, out

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
    proc = run_tally("show", "no-such-incident", "--db", str(tmp_path / "x.db"), check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "no-such-incident" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_dev_expectations_and_incident_linking(shared: Path, tmp_path: Path) -> None:
    corpus = shared / "corpus" / "dev"
    _, figs, incs = _ledger(tmp_path, str(corpus))
    out = _score(
        shared, "eval/score.py", str(corpus / "gold.json"), str(figs), "--incidents", str(incs)
    )
    met = re.search(r"expectations met (\d+)/(\d+)", out)
    b3 = re.search(r"incident-B3 ([\d.]+)", out)
    assert met and int(met[1]) >= DEV_EXPECTATIONS, out
    assert b3 and float(b3[1]) >= DEV_INCIDENT_B3, out


def _gva_sample(shared: Path, tmp: Path) -> tuple[Path, Path]:
    """A fixed sample of gva-dev incidents (every k-th by id) with a manifest of their documents."""
    root = shared / "corpus" / "gva-dev"
    gold = json.loads((root / "incidents.json").read_text())["incidents"]
    ids = sorted(gold)
    step = max(1, len(ids) // GVA_SAMPLE)
    chosen = {i: gold[i] for i in ids[::step][:GVA_SAMPLE]}
    docs = {d for g in chosen.values() for d in g["docs"]}
    lines = []
    for line in (root / "manifest.jsonl").read_text().splitlines():
        row = json.loads(line)
        if Path(row.get("path", "")).name in docs:
            row["path"] = str(root / row["path"])
            lines.append(json.dumps(row))
    manifest, sample = tmp / "manifest.jsonl", tmp / "incidents.json"
    manifest.write_text("\n".join(lines) + "\n")
    sample.write_text(json.dumps({"incidents": chosen}))
    return manifest, sample


def test_gva_sample_incident_accuracy(shared: Path, tmp_path: Path) -> None:
    manifest, sample = _gva_sample(shared, tmp_path)
    _, figs, incs = _ledger(tmp_path, "--manifest", str(manifest), "-j", "2")
    out = _score(shared, "eval/score_incidents.py", str(sample), str(figs), str(incs))
    acc = re.search(r"incident accuracy ([\d.]+)", out)
    assert acc and float(acc[1]) >= GVA_ACCURACY, out
