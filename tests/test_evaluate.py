"""`tally.evaluate` scores like the shared scorer (`shared/eval/score.py`), per rule and language.

The corpora of the gate check the totals on real exports (tests/test_eval_gate.py);
here a small corpus written for the test, with rule ids, repeated mentions, extras
and misses, checks the parts the shared corpora do not reach yet.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tally.errors import GoldError
from tally.evaluate import document_languages, load_gold, notes_languages, same_attribution, score

DOCS = {
    "quarry.txt": "A landslide at the Kesra quarry killed 14 workers on Tuesday, the provincial "
    "governor said. Another 9 were injured. Rescuers said 14 workers had died.",
    "ferry.txt": "At least 31 people drowned when a ferry capsized on Lake Amari, police said. "
    "Twelve passengers are still missing.",
    "gare.txt": "Au moins 6 personnes ont été tuées dans l'incendie de la gare, selon les pompiers.",
}


def _gold(incident: str, category: str, value: int, qualifier: str, attribution: str | None,
          quote: str) -> dict:  # fmt: skip
    return {"incident": incident, "category": category, "group": "people", "value": value,
            "value_high": None, "qualifier": qualifier, "attribution": attribution,
            "quote": quote}  # fmt: skip


GOLD = {
    "documents": [
        {"doc": "quarry.txt", "figures": [
            _gold("kesra-2024", "killed", 14, "exact", "the provincial governor",
                  "killed 14 workers"),
            _gold("kesra-2024", "injured", 9, "exact", None, "Another 9 were injured")]},
        {"doc": "ferry.txt", "language": "en", "figures": [
            _gold("amari-2024", "killed", 31, "at_least", "police", "At least 31 people drowned"),
            _gold("amari-2024", "missing", 12, "exact", None,
                  "Twelve passengers are still missing")]},
        {"doc": "gare.txt", "figures": [
            _gold("gare-2024", "killed", 6, "at_least", "les pompiers",
                  "Au moins 6 personnes ont été tuées")]},
    ],
    "expect": [
        {"incident": "kesra-2024", "category": "killed", "group": "people", "conflict": False},
        {"incident": "amari-2024", "category": "killed", "group": "people", "conflict": True},
    ],
}  # fmt: skip


def _row(doc: str, quote: str, category: str, value: int, rule: str | None, **kw: object) -> dict:
    start = DOCS[doc].index(quote)
    return {
        "doc": f"/data/in/{doc}",
        "incident": kw.pop("incident", doc.split(".")[0]),
        "category": category,
        "group": kw.pop("group", "people"),
        "value": value,
        "value_high": None,
        "qualifier": kw.pop("qualifier", "exact"),
        "attribution": kw.pop("attribution", None),
        "quote": quote,
        "start": start + kw.pop("shift", 0),
        "end": start + len(quote),
        "rule": rule,
        **kw,
    }


ROWS = [
    # a statement stated twice: one prediction, judged by the mention closest to gold
    _row("quarry.txt", "killed 14 workers", "killed", 14, "en.harm.verb",
         attribution="the governor"),
    _row("quarry.txt", "14 workers had died", "killed", 14, "en.harm.verb"),
    _row("quarry.txt", "Another 9 were injured", "injured", 9, "en.harm.another"),
    _row("quarry.txt", "Tuesday", "killed", 2, "en.harm.verb", shift=1),  # extra, ungrounded
    _row("ferry.txt", "At least 31 people drowned", "killed", 31, None, qualifier="at_least",
         attribution="police", language="en"),
    _row("ferry.txt", "Twelve passengers", "injured", 12, "en.number.word", language="en"),
    _row("gare.txt", "Au moins 6 personnes ont été tuées", "killed", 6, "fr.harm.verb",
         qualifier="at_least", attribution="pompiers", language="fr"),
]  # fmt: skip
INCIDENTS = [
    {"incident": "quarry", "totals": {"killed": 14, "injured": 9}, "figures": [
        {"category": "killed", "group": "people", "low": 14, "best": 14, "high": 14,
         "conflict": False}]},
    {"incident": "ferry", "totals": {"killed": 31}, "figures": [
        {"category": "killed", "group": "people", "low": 31, "best": 31, "high": None,
         "conflict": False}]},
]  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The documents, gold file, NOTES.md, and the exported rows, as files."""
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "NOTES.md").write_text(
        "# notes\n\nLanguages: English (`quarry.txt`);\nFrench (`gare.txt`).\n\nMore.\n"
    )
    (tmp_path / "f.jsonl").write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    (tmp_path / "i.jsonl").write_text("".join(json.dumps(r) + "\n" for r in INCIDENTS))
    return tmp_path


@pytest.mark.shared
def test_totals_agree_with_the_shared_scorer(shared: Path, corpus: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(corpus / "gold.json"),
         str(corpus / "f.jsonl"), "--incidents", str(corpus / "i.jsonl"), "--json"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    theirs = json.loads(next(ln for ln in out.splitlines() if ln.startswith("{")))
    ours = score(load_gold(corpus / "gold.json"), ROWS, INCIDENTS, docs=corpus).metrics()
    assert {k: ours[k] for k in theirs} == theirs
    assert (theirs["matched"], theirs["predicted"]) == (4, 6)


def test_each_rule_is_scored_on_its_own_predictions(corpus: Path) -> None:
    s = score(load_gold(corpus / "gold.json"), ROWS)
    by_rule = {r.rule: (r.predicted, r.matched, round(r.precision, 2)) for r in s.rules}
    assert by_rule == {
        "en.harm.verb": (2, 1, 0.5),  # 14 stated twice is one prediction; 2 is an extra
        "en.harm.another": (1, 1, 1.0),
        "unknown": (1, 1, 1.0),  # no rule recorded
        "en.number.word": (1, 0, 0.0),  # right number, wrong category
        "fr.harm.verb": (1, 1, 1.0),
    }
    assert [r.rule for r in s.rules][:2] == ["en.number.word", "en.harm.verb"]  # weakest first
    assert sum(r.recall for r in s.rules) == pytest.approx(s.recall)
    assert any("[en.harm.verb]" in line for line in s.extras)


def test_quotes_are_checked_against_their_offsets(corpus: Path) -> None:
    s = score(load_gold(corpus / "gold.json"), ROWS, docs=corpus)
    assert s.grounded == pytest.approx(6 / 7)
    assert score(load_gold(corpus / "gold.json"), ROWS).grounded is None


def test_languages_come_from_gold_then_notes_then_export(corpus: Path) -> None:
    gold = load_gold(corpus / "gold.json")
    docs = {d["doc"]: d for d in gold["documents"]}
    listed = notes_languages(corpus)
    assert listed == {"quarry.txt": "en", "gare.txt": "fr"}
    assert document_languages(docs, ROWS, listed) == {
        "quarry.txt": "en",
        "ferry.txt": "en",
        "gare.txt": "fr",
    }
    exported_wrong = [dict(r, language="es") if "gare" in r["doc"] else r for r in ROWS]
    assert document_languages(docs, exported_wrong, listed)["gare.txt"] == "fr"
    assert document_languages(docs, exported_wrong, {})["gare.txt"] == "es"
    assert document_languages(docs, [], {})["quarry.txt"] == "unknown"


def test_each_language_has_its_own_f1(corpus: Path) -> None:
    s = score(load_gold(corpus / "gold.json"), ROWS, languages=notes_languages(corpus))
    by_lang = {x.language: (x.documents, x.gold, x.predicted, x.matched) for x in s.languages}
    assert by_lang == {"en": (2, 4, 5, 3), "fr": (1, 1, 1, 1)}
    assert {x.language: x.f1 for x in s.languages}["fr"] == 1.0


def test_rows_without_rule_or_language_score_as_unknown() -> None:
    gold = {
        "documents": [{"doc": "a.txt", "figures": [_gold("x", "killed", 3, "exact", None, "3")]}]
    }
    rows = [{"doc": "a.txt", "category": "killed", "value": 3, "value_high": None}]
    s = score(gold, rows)
    assert [(r.rule, r.predicted, r.matched) for r in s.rules] == [("unknown", 1, 1)]
    assert [(x.language, x.f1) for x in s.languages] == [("unknown", 1.0)]
    assert s.metrics()["rules"] == [
        {"rule": "unknown", "predicted": 1, "matched": 1, "precision": 1.0, "recall": 1.0}
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("pred", "gold", "same"),
    [
        ("Azerbaijani figures", "Azerbaijani authorities", True),
        (None, None, True),
        ("the army", None, False),
        ("the Pentagon", "U.S. Central Command", False),
        ("Local sources", "local sources", True),
        ("la Cruz Roja", "la policía", False),
        ("el Ministerio de Sanidad", "Ministerio", True),
        ("по данным МЧС", "МЧС России", True),
        ("selon les pompiers", "Les Pompiers de Paris", True),
    ],
)
def test_attribution_matches_on_a_shared_content_word(
    pred: str | None, gold: str | None, same: bool
) -> None:
    assert same_attribution(pred, gold) is same


@pytest.mark.parametrize(
    "content",
    ["", "not json", "[]", '{"documents": {}}', '{"documents": [{"figures": []}]}'],
)
def test_a_broken_gold_file_is_one_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "gold.json"
    path.write_text(content)
    with pytest.raises(GoldError) as err:
        load_gold(path)
    assert str(path) in err.value.line() and "\n" not in err.value.line()
