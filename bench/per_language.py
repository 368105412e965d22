"""Figure F1 per document language: gold figures matched as `score.py` matches them.

Usage: python bench/per_language.py GOLD.json FIGURES.jsonl
Each document's language is the `language` its figure rows carry (a document with
no predicted figure counts under "?"). For `make eval` to print beside the scorer.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter, defaultdict


def per_language(gold: dict, rows: list[dict]) -> dict[str, tuple[float, int, int, int]]:
    """language -> (F1, matched, gold, predicted)."""
    pred: dict[str, list[tuple]] = defaultdict(list)
    lang_of: dict[str, str] = {}
    for r in rows:
        name = os.path.basename(str(r.get("doc", "")))
        pred[name].append((r.get("category"), r.get("value"), r.get("value_high")))
        lang_of.setdefault(name, str(r.get("language") or "?"))
    tally: dict[str, Counter] = defaultdict(Counter)
    for d in gold["documents"]:
        name = d["doc"]
        keys = {(f["category"], f["value"], f["value_high"]) for f in d["figures"]}
        t = tally[lang_of.get(name, "?")]
        t["gold"] += len(d["figures"])
        t["pred"] += len(pred.get(name, []))
        t["matched"] += len(keys & set(pred.get(name, [])))
    out = {}
    for lang, t in sorted(tally.items()):
        p = t["matched"] / t["pred"] if t["pred"] else 0.0
        r = t["matched"] / t["gold"] if t["gold"] else 0.0
        out[lang] = (2 * p * r / (p + r) if p + r else 0.0, t["matched"], t["gold"], t["pred"])
    return out


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as fh:
        gold = json.load(fh)
    with open(sys.argv[2], encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    for lang, (f1, m, g, p) in per_language(gold, rows).items():
        print(f"{lang} figure F1 {f1:.2f} (matched {m} of {g} gold, {p} predicted)")


if __name__ == "__main__":
    main()
