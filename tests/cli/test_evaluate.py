"""`tally eval --rules` and `tally show` on a ledger whose figures carry rule ids and roles.

The ledger is written as the extractor would write it (real spans of real text,
each figure with the id of the rule that read it), then linked for real.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tally.models import Document, Figure, LocalIncident, text_hash
from tally.pipeline import relink
from tally.store import Ledger
from tests.conftest import run_tally

TEXT = (
    "Attack on Mivela checkpoint\n\nTwo gunmen attacked a checkpoint in Mivela on Sunday, "
    "killing 4 soldiers, the army said. Both attackers were shot dead. 6 people were hurt."
)
FIGURES = [
    ("killing 4 soldiers", "killed", "military", 4, "en.harm.participle", "victim"),
    ("Both attackers were shot dead", "killed", "combatants", 2, "en.named.pair", "perpetrator"),
    ("6 people were hurt", "injured", "people", 6, None, "victim"),
]
WIDE = {"COLUMNS": "250"}


@pytest.fixture
def ruled(tmp_path: Path) -> tuple[str, Path]:
    """A linked one-document ledger and a gold file for it."""
    db = str(tmp_path / "l.db")
    doc = Document(id=text_hash(TEXT), text=TEXT, kind="text", name="mivela.txt",
                   published="2022-05-08", publisher="Valley Herald")  # fmt: skip
    figs = [
        Figure(doc_id=doc.id, category=category, group=group, value=value, value_high=None,
               qualifier="exact", attribution="the army", quote=quote,
               start=TEXT.index(quote), end=TEXT.index(quote) + len(quote), incident="main",
               rule=rule, role=role)
        for quote, category, group, value, rule, role in FIGURES
    ]  # fmt: skip
    local = LocalIncident(doc_id=doc.id, key="main", name="Mivela checkpoint attack",
                          type="attack", date="2022-05-08", date_prec=1, place="Mivela",
                          published="2022-05-08", cues=("mivela", "checkpoint"))  # fmt: skip
    with Ledger(db) as led:
        led.add_document(doc, figs, [local])
        relink(led)
    gold = {"documents": [{"doc": "mivela.txt", "figures": [
        {"incident": "m", "category": "killed", "group": "military", "value": 4,
         "value_high": None, "qualifier": "exact", "attribution": "the army",
         "quote": "killing 4 soldiers"},
        {"incident": "m", "category": "injured", "group": "people", "value": 6,
         "value_high": None, "qualifier": "exact", "attribution": None,
         "quote": "6 people were hurt"}]}]}  # fmt: skip
    (tmp_path / "gold.json").write_text(json.dumps(gold))
    return db, tmp_path / "gold.json"


def test_eval_prints_each_rule_weakest_first(ruled: tuple[str, Path]) -> None:
    db, gold = ruled
    out = run_tally("eval", str(gold), "--db", db, "--rules", env=WIDE).stdout.splitlines()
    assert "figure F1 0.8000 P 0.6667 R 1.0000" in out
    table = out[out.index("per rule, weakest first:") + 2 :]
    assert [line.split()[:4] for line in table[:3]] == [
        ["en.named.pair", "1", "0", "0.0000"],
        ["en.harm.participle", "1", "1", "1.0000"],
        ["unknown", "1", "1", "1.0000"],
    ]
    assert "  gold figures missed: 0" in out
    assert any(line.startswith("per language en: figure F1 0.8000") for line in out)


def test_eval_json_gives_rules_and_languages(ruled: tuple[str, Path]) -> None:
    db, gold = ruled
    got = json.loads(run_tally("eval", str(gold), "--db", db, "--format", "json").stdout)
    assert (got["matched"], got["predicted"], got["f1"]) == (2, 3, 0.8)
    assert {r["rule"]: r["matched"] for r in got["rules"]} == {
        "en.named.pair": 0,
        "en.harm.participle": 1,
        "unknown": 1,
    }
    assert got["languages"]["en"]["documents"] == 1  # the document's language, exported


def test_show_gives_each_statement_its_rule_and_the_perpetrators_role(
    ruled: tuple[str, Path],
) -> None:
    db, _ = ruled
    incident = json.loads(run_tally("incidents", "--db", db, "-f", "jsonl").stdout)["incident"]
    shown = run_tally("show", incident, "--db", db, env=WIDE).stdout
    statements = shown[shown.index("\nstatements\n") + 1 :].splitlines()[1:]
    assert len(statements) == 3
    by_quote = {q: next(line for line in statements if q in line) for q, *_ in FIGURES}
    assert by_quote["killing 4 soldiers"].endswith("(rule en.harm.participle)")
    assert by_quote["Both attackers were shot dead"].endswith("(rule en.named.pair, perpetrator)")
    assert by_quote["6 people were hurt"].endswith("(rule unknown)")


def test_eval_of_a_missing_gold_file_is_one_clear_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    proc = run_tally("eval", str(missing), "--db", str(tmp_path / "l.db"), check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and str(missing) in proc.stderr
