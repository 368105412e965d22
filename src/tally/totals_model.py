"""A learnt chooser of a category's headline total among candidate counts (issue 15).

The rules in `tally.totals` decide each total; this module can revise that decision
with a small gradient-boosted model trained by `make train` on coded event tables.
Per incident and category it lists the **candidates** the rules could have given
(the rules' own total, no count, each stated figure, each row's best, the sums of a
report's figures, the total with the perpetrators; never one above what the rows allow,
nor the total without the perpetrators the rules added, which the spec counts), describes each by
the figures' fields only (value, group, role, subset, qualifier, rule, attribution,
position: never a word of the text), scores them with the model's trees and keeps
the best-scoring one.

The model is a JSON file beside this module (`totals_model.json`): its feature
list, version, the held-back comparison that decided whether it is used, and its
trees. It is read once, offline; its trees are compiled to one Python function, so
a total costs a few microseconds. Whether it revises totals: `TALLY_TOTALS_MODEL`
`on` or `off` where set, else the file's `use` (set by training only when the model
beat the rules on the held-back rows).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tally.models import Reconciled, Statement, Term, Total

MODEL_PATH = Path(__file__).with_name("totals_model.json")
FEATURE_VERSION = 3
"""Raised whenever `features` changes meaning: a model of another version is not loaded."""
KINDS = ("rule", "zero", "figure", "row", "sum_report", "sum_rows", "plus_perp")
GROUPS = ("people", "civilians", "combatants", "women", "men", "children", "elderly")
QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "fewer_than", "about", "range")
CATS = ("killed", "injured")
POINT = ("exact", "about", "range")
"""Qualifiers naming a number rather than bounding it (as `tally.reconcile` weighs them)."""
NAMED_SUM = "victim.total_more"
"""The rule of the victims reader's sum of the victims named one by one where one is told
as one more ("his driver was also killed"; `extract.victims_resolve.TOTAL_WITH_MORE`)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One count a category's total could be, why it is one, and its features."""

    value: int
    kinds: frozenset[str]
    features: dict[str, float] = field(default_factory=dict)


def _sum_report(stmts: Sequence[Statement]) -> int:
    """The largest sum of one report's whole figures (each stated count once)."""
    per_doc: dict[str, int] = {}
    for s in stmts:
        if not s.figure.subset:
            per_doc[s.figure.doc_id] = per_doc.get(s.figure.doc_id, 0) + s.figure.value
    return max(per_doc.values(), default=0)


def candidates(rows: Sequence[Reconciled], total: Total) -> list[Candidate]:
    """The candidate totals of one category's rows beside the rules' `total`, each with
    its features (deterministic: the same rows give the same list in the same order)."""
    stmts = [s for r in rows for s in r.statements]
    victims = [s for s in stmts if s.figure.role != "perpetrator"]
    perps = [s for s in stmts if s.figure.role == "perpetrator"]
    kinds: dict[int, set[str]] = {}

    def add(value: int, kind: str) -> None:
        if value >= 0:
            kinds.setdefault(value, set()).add(kind)

    add(total.best, "rule")
    add(0, "zero")
    for s in stmts:
        add(s.figure.value, "figure")
    for r in rows:
        if r.best is not None:
            add(r.best, "row")
    add(_sum_report(victims), "sum_report")
    add(_sum_report(stmts), "sum_report")
    add(
        sum(r.best or 0 for r in rows if not all(s.figure.subset for s in r.statements)), "sum_rows"
    )
    perp = max((s.figure.value for s in perps), default=0)
    if perp:
        add(total.best + perp, "plus_perp")
    ceiling = sum(max(r.high or 0, r.best or 0) for r in rows)
    # The spec's totals count the perpetrators who died: the rules' total without the
    # ones it added is no candidate, whichever figure also states it.
    dropped = {total.best - t.value for t in total.terms if t.label == "perpetrators"}
    context = _context(rows, stmts, total)
    values = sorted(v for v in kinds if "rule" in kinds[v] or (v <= ceiling and v not in dropped))
    ordered = sorted(stmts, key=lambda s: (s.figure.doc_id, s.figure.start))
    return [
        Candidate(v, frozenset(kinds[v]), _features(v, kinds[v], ordered, values, total, context))
        for v in values
    ]


def _context(rows: Sequence[Reconciled], stmts: list[Statement], total: Total) -> dict[str, float]:
    """Features of the category as a whole, the same for each of its candidates."""
    values = {s.figure.value for s in stmts}
    out = {
        "ctx.statements": float(len(stmts)),
        "ctx.values": float(len(values)),
        "ctx.documents": float(len({s.figure.doc_id for s in stmts})),
        "ctx.rows": float(len(rows)),
        "ctx.perpetrators": float(sum(s.figure.role == "perpetrator" for s in stmts)),
        "ctx.parts": float(sum(s.figure.subset for s in stmts)),
        "ctx.terms": float(len(total.terms)),
        "ctx.set_aside": float(len(total.set_aside)),
        "ctx.bounded": float(total.best != sum(t.value for t in total.terms)),
        "ctx.rule_log": math.log1p(total.best),
        "ctx.conflict": float(any(r.conflict for r in rows)),
        "ctx.rule_stated": float(total.best in values),
        "ctx.rule_point": float(
            any(s.figure.value == total.best and s.figure.qualifier in POINT for s in stmts)
        ),
    }
    for c in CATS:
        out[f"ctx.cat.{c}"] = float(total.category == c)
    for s in stmts:
        if s.figure.rule:
            key = f"ctx.rule.{s.figure.rule}"
            out[key] = out.get(key, 0.0) + 1.0
    for t in total.terms:
        for g in (*GROUPS, "perpetrators"):
            if g in t.label:
                out[f"ctx.term.{g}"] = 1.0
    return out


def _features(
    v: int,
    kinds: set[str],
    ordered: list[Statement],
    values: list[int],
    total: Total,
    context: dict[str, float],
) -> dict[str, float]:
    """One candidate's features: what it is, and the fields of the figures stating it."""
    f = dict(context)
    for k in KINDS:
        f[f"kind.{k}"] = float(k in kinds)
    f["value_log"] = math.log1p(v)
    f["vs_rule"] = math.log1p(v) - math.log1p(total.best)
    f["above_rule"] = float(v > total.best)
    f["below_rule"] = float(v < total.best)
    f["value_rank"] = values.index(v) / max(1, len(values) - 1)
    f["one"] = float(v == 1)
    f["above_share"] = sum(s.figure.value > v for s in ordered) / max(1, len(ordered))
    f["below_share"] = sum(s.figure.value < v for s in ordered) / max(1, len(ordered))
    mine = [(i, s) for i, s in enumerate(ordered) if s.figure.value == v]
    n = len(ordered)
    f["stated"] = float(len(mine))
    f["stated_share"] = len(mine) / n if n else 0.0
    f["stated_first"] = float(bool(mine) and mine[0][0] == 0)
    f["stated_last"] = float(bool(mine) and mine[-1][0] == n - 1)
    f["position"] = mine[0][0] / max(1, n - 1) if mine else -1.0
    figs = [s.figure for _, s in mine]
    f["perpetrator"] = float(any(x.role == "perpetrator" for x in figs))
    f["victim"] = float(any(x.role != "perpetrator" for x in figs))
    f["subset"] = float(any(x.subset for x in figs))
    f["whole"] = float(any(not x.subset for x in figs))
    f["attributed"] = float(any(x.attribution for x in figs))
    f["point"] = float(any(x.qualifier in POINT for x in figs))
    for g in GROUPS:
        f[f"group.{g}"] = float(any(x.group == g for x in figs))
    for q in QUALIFIERS:
        f[f"qualifier.{q}"] = float(any(x.qualifier == q for x in figs))
    for x in figs:
        if x.rule:
            f[f"rule.{x.rule}"] = 1.0
    return f


class Model:
    """A trained chooser: its feature list and trees, compiled to one scoring function."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.version: int = int(data["version"])
        self.features: tuple[str, ...] = tuple(data["features"])
        self.use: bool = bool(data.get("use", False))
        self.margin: float = float(data.get("margin", 0.0))
        """How much more than the rules' own total a candidate must score to replace it."""
        self.heldout: dict[str, Any] = data.get("heldout", {})
        self.trees: list[Any] = data["trees"]
        self._compiled: Callable[[list[float]], float] | None = None

    def _score(self, vector: list[float]) -> float:
        """The trees' sum for a feature vector (compiled on first use: a file that is off
        costs only its reading)."""
        if self._compiled is None:
            self._compiled = _compile(self.trees, len(self.features))
        return self._compiled(vector)

    def vector(self, features: dict[str, float]) -> list[float]:
        """The candidate's features in the model's order (an unknown one is 0)."""
        return [features.get(name, 0.0) for name in self.features]

    def score(self, features: dict[str, float]) -> float:
        """The model's raw score of one candidate: the higher, the likelier the total."""
        return self._score(self.vector(features))

    def choose(self, cands: Sequence[Candidate]) -> Candidate:
        """The best-scoring candidate, where it outscores the rules' own by the model's
        `margin` (on a tie, the lower); else the rules' own."""
        scored = [(self.score(c.features), c) for c in cands]
        top, best = max(scored, key=lambda sc: (sc[0], "rule" in sc[1].kinds, -sc[1].value))
        rule = next(((sc, c) for sc, c in scored if "rule" in c.kinds), None)
        if rule is not None and top - rule[0] <= self.margin:
            return rule[1]
        return best


def _compile(trees: list[Any], width: int) -> Callable[[list[float]], float]:
    """One Python function summing the trees' leaves for a feature vector.

    A node is `[feature, threshold, left, right]` (left where the value is at most the
    threshold), a leaf a number.
    """

    def expr(node: Any) -> str:
        if not isinstance(node, list):
            return repr(float(node))
        feat, threshold, left, right = node
        if not 0 <= int(feat) < width:
            raise ValueError(f"a tree reads feature {feat}, the model has {width}")
        return f"({expr(left)} if x[{int(feat)}] <= {float(threshold)!r} else {expr(right)})"

    lines = [
        "def score(x):",
        "    s = 0.0",
        *(f"    s += {expr(t)}" for t in trees),
        "    return s",
    ]
    scope: dict[str, Any] = {"__builtins__": {}}
    exec(compile("\n".join(lines), "<totals_model>", "exec"), scope)
    return scope["score"]


@cache
def load(path: Path = MODEL_PATH) -> Model | None:
    """The model in `path`, or None where there is none or it is of another feature version."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    if data.get("version") != FEATURE_VERSION:
        return None
    return Model(data)


_FORCED: list[Model | None] = []


@contextmanager
def forced(model: Model | None) -> Iterator[None]:
    """Within the block, `model` (or, for None, no model) revises totals, whatever is set."""
    _FORCED.append(model)
    try:
        yield
    finally:
        _FORCED.pop()


def active() -> Model | None:
    """The model that revises totals now, or None (see the module docstring)."""
    if _FORCED:
        return _FORCED[-1]
    switch = os.environ.get("TALLY_TOTALS_MODEL", "").strip().lower()
    if switch in ("off", "0", "no", "false"):
        return None
    model = load()
    if model is None or (not model.use and switch not in ("on", "1", "yes", "true")):
        return None
    return model


def pick(total: Total, rows: Sequence[Reconciled], model: Model) -> Candidate | None:
    """The model's choice of total for one category's `rows`, where it is not the rules'
    `total`. None where it agrees, or where the rows are not of the kind it learnt from:
    a category other than killed and injured, or several reports (whose agreement the
    rules weigh, and whose disagreement the rows must go on showing)."""
    if total.category not in CATS or not single_report(rows):
        return None
    best = model.choose(candidates(rows, total))
    if len({t.label for t in total.terms}) > 1 and best.value < total.best:
        return None  # the spec's total adds its groups (civilians and combatants): none dropped
    if best.value < min(total.best, _named_sum(rows)):
        return None  # the victims named one by one, one told as one more, all count
    return None if best.value == total.best else best


def _named_sum(rows: Sequence[Reconciled]) -> int:
    """The largest sum of the victims a report names one by one, one of them told as one
    more: distinct people, each told as harmed, whom no total of the report drops."""
    return max(
        (
            s.figure.value
            for r in rows
            for s in r.statements
            if s.figure.rule == NAMED_SUM and s.figure.role != "perpetrator"
        ),
        default=0,
    )


def single_report(rows: Sequence[Reconciled]) -> bool:
    """Whether the rows' statements all come from one document (as each coded row's do)."""
    return len({s.figure.doc_id for r in rows for s in r.statements}) == 1


def term(choice: Candidate, rules: Total) -> Term:
    """The one term of a total the model chose, saying what it is and what the rules gave."""
    how = ", ".join(sorted(choice.kinds))
    why = f"the learnt chooser's pick ({how}) over the rules' {rules.best:,} ({rules.why})"
    return Term("learnt choice", choice.value, choice.value, choice.value, why)
