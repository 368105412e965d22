"""Evaluation gate: the real CLI on each figure-level corpus, scored by the shared scorer.

Floors and the digest of the corpus they were measured on are data
(`tests/eval_floors.json`, read through `tests/floors.py`); a floor only ever goes
up. A change that lowers a score below its floor fails here, and so does a changed
corpus whose floors were not re-measured. `tally eval` must agree with the shared
scorer on every corpus, in total and summed over its rules.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_tally
from tests.floors import (
    below,
    check_digest,
    corpora,
    corpus_digest,
    gate_corpus,
    load_floors,
    ratio,
)
from tests.stop_lists import counts_things, non_person_figures, non_place_incidents

AGREED = (
    "documents", "gold", "predicted", "matched", "precision", "recall", "f1", "group_acc",
    "qualifier_acc", "attribution_acc", "grounded", "incident_bcubed_f1", "expectations",
    "totals_consistent",
)  # fmt: skip


def _shared_scores(shared: Path, folder: Path, figures: Path, incidents: Path) -> dict:
    proc = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "score.py"),
            str(folder / "gold.json"),
            str(figures),
            "--incidents",
            str(incidents),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(next(ln for ln in proc.stdout.splitlines() if ln.startswith("{")))


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize("corpus", corpora("figures"))
def test_scores_stay_above_their_floors(shared: Path, corpus: str, tmp_path: Path) -> None:
    folder, entry = gate_corpus(shared, corpus)
    db, figures, incidents = tmp_path / "l.db", tmp_path / "f.jsonl", tmp_path / "i.jsonl"
    run_tally("ingest", "-q", "--db", str(db), str(folder))
    run_tally("export", "--db", str(db), "--figures", str(figures), "--incidents", str(incidents))
    theirs = _shared_scores(shared, folder, figures, incidents)
    ours = json.loads(
        run_tally("eval", "--db", str(db), str(folder / "gold.json"), "--format", "json").stdout
    )

    assert {k: ours.get(k) for k in AGREED} == {k: theirs.get(k) for k in AGREED}
    assert sum(r["predicted"] for r in ours["rules"]) == theirs["predicted"]
    assert sum(r["matched"] for r in ours["rules"]) == theirs["matched"]
    assert sum(x["gold"] for x in ours["languages"].values()) == theirs["gold"]

    got = theirs | {k: ratio(theirs.get(k)) for k in ("expectations", "totals_consistent")}
    low = below(got, entry["floors"])
    per_language = {lang: x["f1"] for lang, x in ours["languages"].items()}
    low |= {f"f1[{k}]": v for k, v in below(per_language, entry.get("languages", {})).items()}
    assert not low, f"{corpus}: below floor (score, floor): {low}"
    assert not non_person_figures(figures), f"{corpus}: figures of things, not people"
    assert not non_place_incidents(incidents), f"{corpus}: incidents placed at no place"


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "docs").mkdir(parents=True)
    (folder / "gold.json").write_text('{"documents": []}')
    (folder / "docs" / "a.txt").write_text("A fire killed 4 people in Port Elvar on Monday.")
    return folder


@pytest.mark.parametrize(
    "change",
    [
        lambda f: (f / "docs" / "a.txt").write_text("A fire killed 5 people in Port Elvar."),
        lambda f: (f / "docs" / "a.txt").rename(f / "docs" / "b.txt"),
        lambda f: (f / "docs" / "c.txt").write_text("Two were hurt."),
        lambda f: (f / "gold.json").write_text('{"documents": [], "expect": []}'),
    ],
    ids=["document edited", "document renamed", "document added", "gold edited"],
)
def test_a_changed_corpus_fails_saying_its_floors_must_be_re_measured(
    tmp_path: Path, change: object
) -> None:
    folder = _corpus(tmp_path)
    entry = {"digest": corpus_digest(folder)}
    check_digest(folder, entry, "mine")  # unchanged: passes
    change(folder)  # type: ignore[operator]
    with pytest.raises(pytest.fail.Exception, match=r"corpus mine changed.*re-measure its floors"):
        check_digest(folder, entry, "mine")


@pytest.mark.parametrize(
    ("got", "floors", "low"),
    [
        ({"f1": 0.9846}, {"f1": 0.9846}, {}),
        ({"f1": 0.98}, {"f1": 0.9846}, {"f1": (0.98, 0.9846)}),
        ({"grounded": None}, {"grounded": 1.0}, {"grounded": (None, 1.0)}),
        ({}, {"attribution_acc": 0.5}, {"attribution_acc": (None, 0.5)}),
        ({"f1": 1.0, "recall": 0.2}, {"f1": 0.9}, {}),
    ],
)
def test_a_metric_under_its_floor_or_missing_is_reported(
    got: dict, floors: dict, low: dict
) -> None:
    assert below(got, floors) == low


@pytest.mark.parametrize(
    ("text", "share"), [("43/45", 43 / 45), ("0/20", 0.0), ("0/0", 1.0), (None, None)]
)
def test_scorer_counts_become_shares(text: str | None, share: float | None) -> None:
    assert ratio(text) == share


def test_every_corpus_of_the_gate_has_a_digest_and_floors() -> None:
    entries = load_floors()
    assert {"seeds", "dev", "genres", "multilingual", "gva-dev"} <= set(entries)
    assert {f"coded/{s}-dev" for s in ("rand", "gtd", "acled", "wad")} <= set(entries)
    for name, entry in entries.items():
        assert entry["kind"] in {"figures", "incidents"}, name
        assert entry["digest"].startswith("sha256:") and len(entry["digest"]) == 71, name
        assert entry["floors"] and all(0 <= v <= 1 for v in entry["floors"].values()), name


@pytest.mark.parametrize(
    ("quote", "value", "things"),
    [
        ("the fire destroyed 12 houses", 12, True),
        ("killing 300 head of cattle", 300, True),
        ("left 40,000 homes without power", 40000, True),
        ("fired 30 rounds into the car", 30, True),
        ("dozens of vehicles were torched", 24, True),
        ("incendiaron 25 casas", 25, True),
        ("уничтожено 15 домов", 15, True),
        ("killed 12 people", 12, False),
        ("two cattle thieves were killed", 2, False),
        ("three people were shot as they sat in two cars", 3, False),
        ("a 3-year-old boy was shot in his home", 1, False),
        ("killed 40 civilians, most of them in their houses", 40, False),
    ],
)
def test_the_gates_stop_list_tells_counted_things_from_people(
    quote: str, value: int, things: bool
) -> None:
    assert counts_things(quote, value) is things
