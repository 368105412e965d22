"""`tally eval-incidents` scores a ledger against a coded table as `score_incidents.py` does.

The tables and descriptions here are written for the test (in the register of
coded event descriptions); the gate compares the two on the shared corpora.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tally.errors import GoldError
from tally.evaluate_incidents import (
    load_incident_gold,
    score_incidents,
    score_pairs,
    score_places,
)
from tests.conftest import run_tally

DESCRIPTIONS = {
    "ev1.txt": "Gunmen opened fire on a bus near Karsa on Monday, killing 7 passengers and "
    "wounding 12 others, police said.",
    "ev2.txt": "A bomb exploded at a market in Tel Oran, killing 3 people. Officials said 20 "
    "people were injured.",
    "ev3.txt": "Unidentified assailants set fire to a warehouse in Port Dema overnight. No "
    "casualties were reported.",
    "ev4.txt": "Security forces clashed with protesters in Mivela; 2 protesters were killed.",
}
TABLE = {
    "incidents": {
        "e1": {"killed": 7, "injured": 12, "docs": ["ev1.txt"]},
        "e2": {"killed": 3, "injured": 25, "docs": ["ev2.txt"]},  # coded another count
        "e3": {"killed": 0, "injured": 0, "docs": ["ev3.txt"]},
        "e4": {"killed": 2, "injured": None, "docs": ["docs/ev4.txt"]},  # injured not coded
        "e5": {"killed": 4, "injured": 1, "docs": ["missing.txt"]},  # no document, no figure
    }
}


def _shared(shared: Path, table: Path, figs: Path, incs: Path, *extra: str) -> str:
    return subprocess.run(
        [sys.executable, str(shared / "eval" / "score_incidents.py"), str(table), str(figs),
         str(incs), *extra],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


@pytest.mark.slow
@pytest.mark.shared
def test_the_command_agrees_with_the_shared_scorer_on_a_ledger(
    shared: Path, tmp_path: Path
) -> None:
    lines = []
    for name, text in DESCRIPTIONS.items():
        (tmp_path / name).write_text(text)
        lines.append(json.dumps({"path": str(tmp_path / name), "published": "2021-05-04"}))
    (tmp_path / "manifest.jsonl").write_text("\n".join(lines) + "\n")
    table = tmp_path / "incidents.json"
    table.write_text(json.dumps(TABLE))
    db, figs, incs = (str(tmp_path / n) for n in ("l.db", "f.jsonl", "i.jsonl"))
    run_tally("ingest", "-q", "--db", db, "--manifest", str(tmp_path / "manifest.jsonl"))
    run_tally("export", "--db", db, "--figures", figs, "--incidents", incs)

    theirs = _shared(shared, table, Path(figs), Path(incs), "--json", "--show-errors", "9")
    metrics = json.loads(next(ln for ln in theirs.splitlines() if ln.startswith("{")))
    ours = json.loads(
        run_tally("eval-incidents", str(table), "--db", db, "--format", "json").stdout
    )
    assert {k: ours[k] for k in metrics} == metrics
    assert set(ours) - set(metrics) == {
        "pair_precision",
        "pair_recall",
        "pairs_coded",
        "pairs_placed",
    }
    text = run_tally("eval-incidents", str(table), "--db", db, "--show-errors", "9").stdout
    lines = text.splitlines()
    assert lines[:-1] == [ln for ln in theirs.splitlines() if not ln.startswith("{")]
    assert lines[-1].startswith("document pairs: precision 1.0000")  # one document each
    assert metrics["incidents"] == 5 and metrics["killed_acc"] < 1.0  # e5 cannot be right


FIGURES = [
    {"doc": "/in/a.txt", "incident": "i-a", "category": "killed"},
    {"doc": "/in/b.txt", "incident": "i-b", "category": "killed"},
    {"doc": "/in/b.txt", "incident": "i-c", "category": "injured"},
    {"doc": "/in/c.txt", "incident": "i-c", "category": "killed"},
    {"doc": "/in/d.txt", "incident": None, "category": "killed"},
]
INCIDENTS = [
    {"incident": "i-a", "totals": {"killed": 5, "injured": 2}},
    {"incident": "i-b", "totals": {"killed": 3}},
    # no totals: the largest best of each category
    {"incident": "i-c", "figures": [
        {"category": "killed", "best": 4}, {"category": "killed", "best": 6},
        {"category": "injured", "best": 1}]},
]  # fmt: skip
GOLD = {
    "a": {"killed": 5, "injured": 2, "docs": ["a.txt"]},
    "b": {"killed": 3, "injured": 0, "docs": ["b.txt"]},  # tie: the first incident linked
    "c": {"killed": 6, "injured": None, "docs": ["c.txt", "a.txt"]},  # tie across documents
    "d": {"killed": 0, "injured": 0, "docs": ["d.txt"]},  # unlinked figure: totals 0
    "e": {"killed": 1, "injured": 1, "docs": ["e.txt"]},
}


@pytest.mark.shared
def test_votes_ties_and_missing_totals_score_as_the_shared_scorer(
    shared: Path, tmp_path: Path
) -> None:
    paths = {n: tmp_path / n for n in ("g.json", "f.jsonl", "i.jsonl")}
    paths["g.json"].write_text(json.dumps({"incidents": GOLD}))
    paths["f.jsonl"].write_text("".join(json.dumps(r) + "\n" for r in FIGURES))
    paths["i.jsonl"].write_text("".join(json.dumps(r) + "\n" for r in INCIDENTS))
    out = _shared(shared, paths["g.json"], paths["f.jsonl"], paths["i.jsonl"], "--json")
    theirs = json.loads(next(ln for ln in out.splitlines() if ln.startswith("{")))
    s = score_incidents(GOLD, FIGURES, INCIDENTS)
    assert s.metrics() == theirs
    assert [w.incident for w in s.wrong] == ["e"]
    assert (s.seen["both"], s.hits["both"]) == (4, 3)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{", "incident table"),
        ('{"rows": {}}', "incidents"),
        ('{"incidents": []}', "not an object"),
        ('{"incidents": {"x": {"killed": 1}}}', "no list of 'docs'"),
        ('{"incidents": {"x": {"killed": "many", "docs": []}}}', "killed is not a number"),
    ],
)
def test_a_broken_table_is_one_clear_error(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "coded.json"
    path.write_text(content)
    with pytest.raises(GoldError, match=reason) as err:
        load_incident_gold(path)
    assert str(path) in err.value.line()
    proc = run_tally("eval-incidents", str(path), "--db", str(tmp_path / "l.db"), check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and str(path) in proc.stderr


def _row(incident: str, place: str | None, admin1: str | None, country: str | None) -> dict:
    return {"incident": incident, "place": place, "admin1": admin1, "country": country}


@pytest.mark.parametrize(
    ("gold_place", "gold_state", "pred", "state_ok", "city_ok"),
    [
        ("Rocky Mount", "North Carolina", _row("i", "Rocky Mount", "North Carolina", "US"), 1, 1),
        ("Saint Louis", "Missouri", _row("i", "St. Louis", "Missouri", "US"), 1, 1),
        ("Arverne (Queens)", "New York", _row("i", "Queens", "New York", "US"), 1, 1),
        ("Savannah", "Georgia", _row("i", "Georgia", None, "GE"), 0, 0),
        ("Savannah", "Georgia", _row("i", "Savannah", "GA", "US"), 0, 1),  # a code is no name
        ("Aurora", "Illinois", _row("i", "Aurora", "Colorado", "US"), 0, 1),
        ("Aurora", "Illinois", _row("other", "Aurora", "Illinois", "US"), 0, 0),  # not chosen
        ("Bronx", "New York", _row("i", "The Bronx", "New York", "US"), 1, 1),
        (
            "Winston Salem",
            "North Carolina",
            _row("i", "Winston-Salem", "North Carolina", "US"),
            1,
            1,
        ),
        (
            "Pontotoc (county)",
            "Mississippi",
            _row("i", "Pontotoc County", "Mississippi", "US"),
            1,
            1,
        ),
        ("Pontotoc (county)", "Mississippi", _row("i", "Pontotoc", "Mississippi", "US"), 1, 0),
        ("Union (county)", "Ohio", _row("i", None, "Ohio", "US"), 1, 0),
        ("Fairfield", "Ohio", _row("i", "Fairfield County", "Ohio", "US"), 1, 0),
    ],
)
def test_places_score_state_by_name_and_city(
    gold_place: str, gold_state: str, pred: dict, state_ok: int, city_ok: int
) -> None:
    gold = {"g": {"docs": ["a.txt"], "state": gold_state, "place": gold_place}}
    figures = [{"doc": "docs/a.txt", "incident": "i"}]
    found = score_places(gold, figures, [pred])
    assert found is not None and (found.incidents, found.state, found.city) == (
        1,
        state_ok,
        city_ok,
    )


def test_places_are_not_scored_without_states() -> None:
    assert score_places(TABLE["incidents"], [], []) is None


# Pairs of documents: a, b and c report one shooting, d and e another; linking put a and b
# together, c alone, and d with e and f (f coded as a third incident).
PAIR_FIGURES = [
    {"doc": "/in/a.txt", "incident": "x"},
    {"doc": "/in/b.txt", "incident": "x"},
    {"doc": "/in/b.txt", "incident": "y"},  # the document's vote: x, two to one
    {"doc": "/in/b.txt", "incident": "x"},
    {"doc": "/in/c.txt", "incident": "z"},
    {"doc": "/in/d.txt", "incident": "y"},
    {"doc": "/in/e.txt", "incident": "y"},
    {"doc": "/in/f.txt", "incident": "y"},
    {"doc": "/in/h.txt", "incident": "y"},  # in no coded incident: not scored
]
PAIR_GOLD = {
    "one": {"killed": 1, "injured": 2, "docs": ["a.txt", "b.txt", "c.txt"]},
    "two": {"killed": 0, "injured": 3, "docs": ["docs/d.txt", "e.txt", "g.txt"]},  # g: no figure
    "three": {"killed": 1, "injured": 0, "docs": ["f.txt"]},
}


def test_pairs_score_how_linking_groups_the_coded_documents() -> None:
    p = score_pairs(PAIR_GOLD, PAIR_FIGURES)
    # coded: ab ac bc de; placed: ab (x), de df ef (y); both: ab de
    assert (p.documents, p.coded, p.placed, p.both) == (6, 4, 4, 2)
    assert (p.precision, p.recall) == (0.5, 0.5)
    assert p.metrics() == {
        "pair_precision": 0.5,
        "pair_recall": 0.5,
        "pairs_coded": 4,
        "pairs_placed": 4,
    }


def test_pairs_of_a_document_coded_in_two_incidents_count_once() -> None:
    gold = {
        "one": {"docs": ["a.txt", "b.txt"]},
        "two": {"docs": ["b.txt", "a.txt", "c.txt"]},  # a roundup's two shootings
    }
    figures = [{"doc": n, "incident": "x"} for n in ("a.txt", "b.txt", "c.txt")]
    p = score_pairs(gold, figures)
    assert (p.coded, p.placed, p.both, p.precision, p.recall) == (3, 3, 3, 1.0, 1.0)
    assert score_pairs({}, figures).metrics()["pair_precision"] == 1.0  # nothing to score


STORIES = {
    "m1.txt": "Two men were wounded in a shooting on Calloway Street in Dunmore on Sunday "
    "night, Dunmore police said. Officer Tavish Orrell said Jerrod Pinkley, 24, was hit in "
    "the leg.",
    "m2.txt": "Jerrod Pinkley, 24, and a second man were shot on Calloway Street in Dunmore "
    "on Sunday night, according to police. Officer Tavish Orrell said both men survived.",
    "m3.txt": "A woman was killed in a crash on Route 9 near Halvey on Tuesday, state "
    "troopers said.",
}


@pytest.mark.slow
def test_the_command_reports_pair_scores_of_an_ingested_corpus(tmp_path: Path) -> None:
    lines = []
    for name, text in STORIES.items():
        (tmp_path / name).write_text(text)
        lines.append(json.dumps({"path": str(tmp_path / name), "published": "2021-05-04"}))
    (tmp_path / "manifest.jsonl").write_text("\n".join(lines) + "\n")
    table = tmp_path / "incidents.json"
    coded = {
        "s1": {"killed": 0, "injured": 2, "docs": ["m1.txt", "m2.txt"]},
        "s2": {"killed": 1, "injured": 0, "docs": ["m3.txt"]},
    }
    table.write_text(json.dumps({"incidents": coded}))
    db = str(tmp_path / "l.db")
    run_tally("ingest", "-q", "--db", db, "--manifest", str(tmp_path / "manifest.jsonl"))
    ours = json.loads(run_tally("eval-incidents", str(table), "--db", db, "-f", "json").stdout)
    assert (ours["pairs_coded"], ours["pairs_placed"]) == (1, 1)
    assert ours["pair_precision"] == ours["pair_recall"] == 1.0
    text = run_tally("eval-incidents", str(table), "--db", db).stdout.splitlines()[-1]
    assert text == (
        "document pairs: precision 1.0000 (1 of 1 placed together) recall 1.0000 (1 of 1 coded"
        " together) over 3 documents"
    )
