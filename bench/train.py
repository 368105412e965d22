"""`make train`: fit the learnt total-chooser (`tally.totals_model`) on the coded splits.

Usage: python bench/train.py --shared ../shared [--cache DIR] [--out PATH]

Each split (the coded dev splits and gva-dev) is ingested by tally itself; each gold
row's predicted incident is found as `score_incidents.py` finds it (the incident most
of its documents' figures were linked to), and its rows' candidate totals are
described by `tally.totals_model.candidates`, labelled by whether they equal the
coders' count. A fixed fifth of the rows (by a hash of the row's id) is held back;
a LightGBM classifier is fitted on the rest, and the rules and the model are compared
on the held-back rows of each split. The model file gets `use: true` only where the
model is no worse than the rules on any split and better overall. Only the trees and
the feature names are written: no text of the corpora.

Tried (issue 15, on the training rows' cross-validation unless said): a binary classifier
of candidates and a lambdarank ranker gain alike (+117 / +117 rows at margin 0; lambdarank
kept, as it gains on more splits); 60, 120 or 200 rounds and 7 or 15 leaves differ by a
few rows (120 rounds of 15 leaves kept); incidents of several reports were left to the
rules (the model's set-aside hid the disagreements the dev corpus expects shown); the
total without the perpetrators the rules added was dropped as a candidate (the spec
counts them, though some coders do not). Most rules' misses are out of any chooser's
reach: the coders' count is above all the rows' highs together (a victim not extracted).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tally import totals_model
from tally.models import Reconciled, Statement
from tally.reconcile import reconcile
from tally.store import Ledger
from tally.totals import settle

SPLITS = ("coded/rand-dev", "coded/gtd-dev", "coded/acled-dev", "coded/wad-dev", "gva-dev")
HELD_BACK = 5
"""One row in this many is held back (those whose id hashes to 0 modulo it)."""
PARAMS: dict[str, Any] = {
    "objective": "lambdarank",
    "learning_rate": 0.08,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.9,
    "bagging_fraction": 0.9,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "seed": 7,
    "deterministic": True,
    "num_threads": 1,
    "verbose": -1,
}
ROUNDS = 120


@dataclass
class Example:
    """One gold row's category: its candidates, the coders' count, the rules' total."""

    split: str
    row: str
    category: str
    gold: int
    rule: int
    candidates: list[totals_model.Candidate]
    rows: list[Reconciled]
    """Every row of the predicted incident (all categories): what `settle` reads."""


def held_back(row_id: str) -> bool:
    """Whether a gold row is held back from training (fixed by its id, not by chance)."""
    return int(hashlib.sha1(row_id.encode()).hexdigest(), 16) % HELD_BACK == 0


def ingest(split_dir: Path, db: Path) -> None:
    """The split ingested into `db` by tally's own CLI (skipped where `db` exists)."""
    if db.exists():
        return
    cmd = [sys.executable, "-m", "tally", "ingest", "-q", "-j", "2", "--db", str(db)]
    cmd += ["--manifest", str(split_dir / "manifest.jsonl")]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"{split_dir}: ingest failed: {run.stderr.strip()[-500:]}")


def examples(split: str, split_dir: Path, db: Path) -> list[Example]:
    """Every gold row's examples (killed, injured where coded) from the ingested ledger."""
    gold = json.loads((split_dir / "incidents.json").read_text(encoding="utf-8"))["incidents"]
    with Ledger(db, create=False) as led:
        figures = led.figures()
        names = led.names()
        docs = led.documents_by_id({f.doc_id for f in figures})
    first_name: dict[str, str] = {}
    by_base: dict[str, set[str]] = defaultdict(set)
    for doc_id, name, _ in names:
        first_name.setdefault(doc_id, name)
        by_base[os.path.basename(name)].add(doc_id)
    per_incident: dict[str, list[Statement]] = defaultdict(list)
    votes_of: dict[str, Counter[str]] = defaultdict(Counter)
    for f in figures:
        if f.incident is None:
            continue
        d = docs[f.doc_id]
        name = first_name.get(f.doc_id, d.name)
        per_incident[f.incident].append(Statement(f, d.published, d.publisher, name))
        votes_of[f.doc_id][f.incident] += 1
    settled: dict[str, Any] = {}
    out = []
    for gid, g in sorted(gold.items()):
        votes: Counter[str] = Counter()
        for doc in g["docs"]:
            for doc_id in by_base.get(os.path.basename(doc), ()):
                votes.update(votes_of.get(doc_id, {}))
        iid = votes.most_common(1)[0][0] if votes else None
        if iid is not None and iid not in settled:
            rows = reconcile(per_incident[iid])
            with totals_model.forced(None):  # the rules' totals are what the model revises
                settled[iid] = (rows, settle(rows)[0])
        for cat in totals_model.CATS:
            if g.get(cat) is None:
                continue
            cands: list[totals_model.Candidate] = []
            rule, rows = 0, []
            if iid is not None:
                rows, tot = settled[iid]
                mine = [r for r in rows if r.category == cat]
                rule = tot[cat].best if cat in tot else 0
                if mine and totals_model.single_report(mine):
                    cands = totals_model.candidates(mine, tot[cat])
            out.append(Example(split, gid, cat, int(g[cat]), rule, cands, rows))
    return out


def fit(train: list[Example], rounds: int = ROUNDS, params: dict[str, Any] | None = None) -> dict:
    """A LightGBM ranker of each example's candidates fitted on `train`, as the model
    file's dict (`use` false, `margin` 0: `main` decides them)."""
    import lightgbm as lgb
    import numpy as np

    params = {**PARAMS, **(params or {})}
    groups = [e for e in train if e.candidates]
    names = sorted({k for e in groups for c in e.candidates for k in c.features})
    x = np.array(
        [[c.features.get(n, 0.0) for n in names] for e in groups for c in e.candidates],
        dtype=np.float64,
    )
    y = np.array([float(c.value == e.gold) for e in groups for c in e.candidates])
    sizes = [len(e.candidates) for e in groups] if params["objective"] == "lambdarank" else None
    booster = lgb.train(params, lgb.Dataset(x, y, group=sizes, feature_name=names), rounds)
    trees = [_tree(t["tree_structure"]) for t in booster.dump_model()["tree_info"]]
    model = {"version": totals_model.FEATURE_VERSION, "features": names, "use": False}
    model |= {"margin": 0.0, "trees": trees}
    check = totals_model.Model(model)
    raw = booster.predict(x[:200], raw_score=True)
    for vec, want in zip(x[:200].tolist(), raw, strict=True):
        if abs(check.score(dict(zip(names, vec, strict=True))) - want) > 1e-4:
            raise RuntimeError("the compiled trees do not score as LightGBM does")
    return model


def _tree(node: dict[str, Any]) -> Any:
    """A LightGBM tree node as `[feature, threshold, left, right]`, a leaf as its value."""
    if "leaf_value" in node:
        return round(float(node["leaf_value"]), 6)
    if node.get("decision_type", "<=") != "<=":
        raise ValueError(f"unsupported split {node.get('decision_type')}")
    return [
        int(node["split_feature"]),
        float(node["threshold"]),
        _tree(node["left_child"]),
        _tree(node["right_child"]),
    ]


def score(examples_: list[Example], model: totals_model.Model | None) -> dict[str, float]:
    """Killed right (all rows, rows with killed > 0) and injured right, by rules or model."""
    hits: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for e in examples_:
        pred = e.rule
        if model is not None and e.candidates:
            with totals_model.forced(model):
                tot = settle(e.rows)[0]
            pred = tot[e.category].best
        keys = [e.category] + ([f"{e.category}>0"] if e.gold > 0 else [])
        for k in keys:
            seen[k] += 1
            hits[k] += pred == e.gold
    return {k: round(hits[k] / seen[k], 4) for k in ("killed", "killed>0", "injured") if seen[k]}


def compare(held: list[Example], model: totals_model.Model) -> dict[str, dict[str, Any]]:
    """Rules versus model on the held-back rows of each split."""
    out = {}
    for split in sorted({e.split for e in held}):
        mine = [e for e in held if e.split == split]
        rows = len({e.row for e in mine})
        out[split] = {"rows": rows, "rules": score(mine, None), "model": score(mine, model)}
    return out


MARGINS = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0)
FOLDS = 4


def cv_margin(train: list[Example], rounds: int) -> float:
    """The margin whose model gains most rows over the rules in a cross-validation on the
    training rows (by a hash of the row's id, in `FOLDS` folds), among those that gain on
    every split and category if any do; the held-back rows never choose it."""
    net: dict[float, Counter[str]] = {m: Counter() for m in MARGINS}
    for k in range(FOLDS):
        fold = [e for e in train if _fold(e.row) == k]
        data = fit([e for e in train if _fold(e.row) != k], rounds)
        for margin in MARGINS:
            model = totals_model.Model({**data, "margin": margin})
            for e in fold:
                if e.candidates:
                    value = model.choose(e.candidates).value
                    net[margin][f"{e.split} {e.category}"] += (value == e.gold) - (e.rule == e.gold)
    for margin, gained in net.items():
        worst = min(gained.values(), default=0)
        print(f"  cv margin {margin}: {sum(gained.values()):+d} rows, worst split {worst:+d}")
    return max(MARGINS, key=lambda m: (min(net[m].values()) > 0, sum(net[m].values()), -m))


def _fold(row_id: str) -> int:
    return int(hashlib.sha1(f"{row_id}/cv".encode()).hexdigest(), 16) % FOLDS


def wins(table: dict[str, dict[str, Any]]) -> bool:
    """No split worse on any measure, and more rows right overall."""
    gain = 0.0
    for r in table.values():
        for k, rule in r["rules"].items():
            delta = r["model"][k] - rule
            if delta < 0:
                return False
            gain += delta
    return gain > 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--cache", type=Path, help="keep the ingested ledgers here and reuse them")
    ap.add_argument("--out", type=Path, default=totals_model.MODEL_PATH)
    ap.add_argument("--splits", nargs="*", default=list(SPLITS))
    ap.add_argument("--rounds", type=int, default=ROUNDS)
    args = ap.parse_args()
    work = args.cache or Path(tempfile.mkdtemp(prefix="tally-train-"))
    work.mkdir(parents=True, exist_ok=True)
    data: list[Example] = []
    for split in args.splits:
        split_dir = args.shared / "corpus" / split
        db = work / f"{split.replace('/', '-')}.db"
        ingest(split_dir, db)
        data += examples(split, split_dir, db)
        print(f"{split}: {len({e.row for e in data if e.split == split})} rows", flush=True)
    train = [e for e in data if not held_back(e.row)]
    held = [e for e in data if held_back(e.row)]
    model = fit(train, args.rounds)
    model["margin"] = cv_margin(train, args.rounds)
    table = compare(held, totals_model.Model(model))
    model["use"] = wins(table)
    model["heldout"] = table
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{'split':16} {'rows':>5}  {'killed all':>17}  {'killed>0':>17}  {'injured':>17}")
    for split, r in table.items():
        cells = [
            f"{r['rules'][k]:.4f} -> {r['model'][k]:.4f}" if k in r["rules"] else "not coded"
            for k in ("killed", "killed>0", "injured")
        ]
        print(f"{split:16} {r['rows']:>5}  " + "  ".join(f"{c:>17}" for c in cells))
    size = args.out.stat().st_size
    print(f"rules -> model on held-back rows; use: {model['use']}; {args.out} {size:,} bytes")


if __name__ == "__main__":
    main()
