"""Score the ledger against a gold file in the spec's format (section 4 of FIGURES.md).

The project's own implementation, so users can measure tally on their own
annotations; a test checks it agrees with `shared/eval/score.py`.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tally.errors import GoldError

_STOP = {
    "the",
    "a",
    "an",
    "of",
    "to",
    "by",
    "in",
    "on",
    "and",
    "for",
    "from",
    "at",
    "according",
    "said",
    "says",
    "local",
    "officials",
}


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in _STOP}


def same_attribution(pred: str | None, gold: str | None) -> bool:
    """Both null, or both given and sharing a content word (case folded)."""
    if not gold and not pred:
        return True
    if not gold or not pred:
        return False
    if " ".join(pred.lower().split()) == " ".join(gold.lower().split()):
        return True
    return bool(_words(pred) & _words(gold))


@dataclass(frozen=True)
class Score:
    """Figure-level scores of predictions against gold."""

    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    group_acc: float
    qualifier_acc: float
    attribution_acc: float
    incident_bcubed_f1: float
    expectations: tuple[int, int] | None
    misses: tuple[str, ...]
    extras: tuple[str, ...]


def _key(fig: dict[str, Any]) -> tuple:
    return (fig.get("category"), fig.get("value"), fig.get("value_high"))


def _bcubed(pairs: list[tuple[str, str]]) -> float:
    if not pairs:
        return 0.0
    by_gold: dict[str, set[int]] = defaultdict(set)
    by_pred: dict[str, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(pairs):
        by_gold[g].add(i)
        by_pred[p].add(i)
    prec = sum(len(by_gold[g] & by_pred[p]) / len(by_pred[p]) for g, p in pairs) / len(pairs)
    rec = sum(len(by_gold[g] & by_pred[p]) / len(by_gold[g]) for g, p in pairs) / len(pairs)
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read and check a gold file."""
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        assert isinstance(gold["documents"], list)
    except (OSError, ValueError, KeyError, TypeError, AssertionError) as err:
        raise GoldError(f"not a gold file in the spec's format ({err})", source=str(path)) from err
    return gold


def score(
    gold: dict[str, Any],
    figures: Iterable[dict[str, Any]],
    incidents: Iterable[dict[str, Any]] | None = None,
) -> Score:
    """Score figure rows (as exported) against a gold dict, as `shared/eval/score.py` does."""
    gold_docs = {d["doc"]: d for d in gold["documents"]}
    preds: dict[str, dict[tuple, list[dict]]] = defaultdict(dict)
    for row in figures:
        name = Path(str(row.get("doc", ""))).name
        if name in gold_docs:
            preds[name].setdefault(_key(row), []).append(row)

    def closeness(p: dict, g: dict) -> int:
        return (
            (p.get("group") == g.get("group"))
            + (p.get("qualifier") == g.get("qualifier"))
            + same_attribution(p.get("attribution"), g.get("attribution"))
        )

    matched: list[tuple[dict, dict]] = []
    misses, extras = [], []
    for name, gdoc in gold_docs.items():
        available = dict(preds.get(name, {}))
        for g in gdoc["figures"]:
            mentions = available.pop(_key(g), None)
            if mentions is None:
                misses.append(f"{name}: {g['category']} {g['value']} ({g.get('quote')!r})")
            else:
                matched.append((g, max(mentions, key=lambda p, g=g: closeness(p, g))))
        extras.extend(
            f"{name}: {k[0]} {k[1]} ({v[0].get('quote')!r})" for k, v in available.items()
        )
    n_pred = sum(len(v) for v in preds.values())
    n_gold = sum(len(d["figures"]) for d in gold["documents"])
    m = len(matched)
    prec = m / n_pred if n_pred else 0.0
    rec = m / n_gold if n_gold else 0.0

    def acc(field: str, same: Any = lambda a, b: a == b) -> float:
        return sum(bool(same(p.get(field), g.get(field))) for g, p in matched) / m if m else 0.0

    expectations = None
    if incidents is not None and gold.get("expect"):
        by_id = {str(r.get("incident")): r for r in incidents}
        votes: dict[str, Counter] = defaultdict(Counter)
        for g, p in matched:
            votes[g["incident"]][str(p.get("incident"))] += 1
        met = 0
        for exp in gold["expect"]:
            if not votes[exp["incident"]]:
                continue
            pid = votes[exp["incident"]].most_common(1)[0][0]
            for fig in by_id.get(pid, {}).get("figures", []):
                if fig.get("category") == exp["category"] and fig.get("group") == exp["group"]:
                    met += bool(fig.get("conflict")) == exp["conflict"]
                    break
        expectations = (met, len(gold["expect"]))
    return Score(
        gold=n_gold,
        predicted=n_pred,
        matched=m,
        precision=prec,
        recall=rec,
        f1=2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        group_acc=acc("group"),
        qualifier_acc=acc("qualifier"),
        attribution_acc=acc("attribution", same_attribution),
        incident_bcubed_f1=_bcubed([(g["incident"], str(p.get("incident"))) for g, p in matched]),
        expectations=expectations,
        misses=tuple(misses),
        extras=tuple(extras),
    )
