"""Score the ledger against a gold file in the spec's format (section 4 of FIGURES.md).

The project's own implementation, so users can measure tally on their own
annotations: overall, per extraction rule (`Figure.rule`) and per document
language. Matching is the shared scorer's (`shared/eval/score.py`): a gold
figure is found when its document (by base name) holds a prediction of the
same category, value and value_high; a test checks the two agree.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from tally.errors import GoldError

T = TypeVar("T")

UNKNOWN_RULE = "unknown"
"""The rule of a figure whose extractor recorded none."""

_STOP_WORDS = (
    "the a an of to by in on and for from at according said says local officials "
    # the other corpus languages' articles and prepositions: "la Cruz Roja" and "la policía"
    # share no content word
    "der die das den dem des ein eine einer laut nach von vom zu zur zum und le la les l une du "
    "de d et selon el los las lo del y según o os as do da dos e segundo по словам данным и в "
    "за даними словами та"
)
_STOP = frozenset(_STOP_WORDS.split())

_LANGUAGE_NAMES = {
    "english": "en",
    "german": "de",
    "french": "fr",
    "spanish": "es",
    "portuguese": "pt",
    "arabic": "ar",
    "russian": "ru",
    "ukrainian": "uk",
    "italian": "it",
    "turkish": "tr",
}
"""Language names as a corpus's NOTES.md writes them, to ISO 639-1 codes."""


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[^\W_]+", str(text or "").casefold()) if w not in _STOP}


def same_attribution(pred: str | None, gold: str | None) -> bool:
    """Both null, or both given and sharing a content word (case folded, in any script)."""
    if not gold and not pred:
        return True
    if not gold or not pred:
        return False
    if " ".join(str(pred).lower().split()) == " ".join(str(gold).lower().split()):
        return True
    return bool(_words(pred) & _words(gold))


@dataclass(frozen=True)
class RuleScore:
    """How one extraction rule did: its predictions in gold documents and those that matched."""

    rule: str
    predicted: int
    matched: int
    precision: float
    recall: float
    """Share of all gold figures this rule's predictions matched."""


@dataclass(frozen=True)
class Counts:
    """Figures found: gold, predicted, matched, and the precision, recall and F1 they give."""

    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float


def _counts(m: _Matching) -> dict[str, Any]:
    n, predicted = len(m.matched), len(m.predicted)
    prec = n / predicted if predicted else 0.0
    rec = n / m.gold if m.gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"gold": m.gold, "predicted": predicted, "matched": n, "precision": prec,
            "recall": rec, "f1": f1}  # fmt: skip


@dataclass(frozen=True)
class LanguageScore(Counts):
    """Figure-level scores over the documents of one language."""

    language: str
    documents: int


@dataclass(frozen=True)
class Score(Counts):
    """Figure-level scores of predictions against gold."""

    group_acc: float
    qualifier_acc: float
    attribution_acc: float
    incident_bcubed_f1: float
    expectations: tuple[int, int] | None
    misses: tuple[str, ...]
    extras: tuple[str, ...]
    documents: int = 0
    grounded: float | None = None
    totals_consistent: tuple[int, int] | None = None
    rules: tuple[RuleScore, ...] = ()
    languages: tuple[LanguageScore, ...] = ()

    def metrics(self) -> dict[str, Any]:
        """The scores as the shared scorer's `--json` line names them, with rules and languages."""
        out: dict[str, Any] = {
            "documents": self.documents,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            **{
                k: round(getattr(self, k), 4)
                for k in (
                    "precision",
                    "recall",
                    "f1",
                    "group_acc",
                    "qualifier_acc",
                    "attribution_acc",
                )
            },
            "grounded": None if self.grounded is None else round(self.grounded, 4),
            "incident_bcubed_f1": round(self.incident_bcubed_f1, 4),
        }
        if self.expectations is not None:
            out["expectations"] = "{}/{}".format(*self.expectations)
        if self.totals_consistent is not None:
            out["totals_consistent"] = "{}/{}".format(*self.totals_consistent)
        out["rules"] = [
            vars(r) | {"precision": round(r.precision, 4), "recall": round(r.recall, 4)}
            for r in self.rules
        ]
        out["languages"] = {
            s.language: {k: round(v, 4) if isinstance(v, float) else v for k, v in vars(s).items()}
            for s in self.languages
        }
        return out


def _key(fig: Mapping[str, Any]) -> tuple:
    return (fig.get("category"), fig.get("value"), fig.get("value_high"))


def _closeness(p: Mapping[str, Any], g: Mapping[str, Any]) -> int:
    return (
        (p.get("group") == g.get("group"))
        + (p.get("qualifier") == g.get("qualifier"))
        + same_attribution(p.get("attribution"), g.get("attribution"))
    )


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


def read_annotations(path: str | Path, check: Callable[[Any], T], what: str) -> T:
    """Read a JSON annotation file and check its shape with `check` (which raises on a bad
    one); any failure is one `GoldError` naming the file and the reason."""
    try:
        return check(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AssertionError) as err:
        reason = str(err) or type(err).__name__
        raise GoldError(f"not {what} ({reason})", source=str(path)) from err


def _gold_shape(gold: Any) -> dict[str, Any]:
    assert isinstance(gold["documents"], list), "'documents' is not a list"
    for d in gold["documents"]:
        assert isinstance(d["doc"], str) and isinstance(d["figures"], list), f"bad document {d!r}"
    return gold


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read and check a gold file."""
    return read_annotations(path, _gold_shape, "a gold file in the spec's format")


@dataclass
class _Matching:
    """Gold figures paired with the prediction judged for each (score.py's matching).

    A prediction is one (document, category, value, value_high): a statement repeated
    in one document (headline, body) is predicted once, by the mention judged against
    gold when it matched, else by its first mention.
    """

    matched: list[tuple[str, dict, dict]]
    misses: list[tuple[str, dict]]
    extras: list[tuple[str, dict]]
    rows: list[dict]
    """Every exported row of a gold document."""
    gold: int

    @property
    def predicted(self) -> list[dict]:
        """One row per prediction: the judged mention of each match, the first of each extra."""
        return [p for _, _, p in self.matched] + [p for _, p in self.extras]


def _match(gold_docs: Mapping[str, dict], figures: Iterable[Mapping[str, Any]]) -> _Matching:
    preds: dict[str, dict[tuple, list[dict]]] = defaultdict(dict)
    rows: list[dict] = []
    for row in figures:
        name = Path(str(row.get("doc", ""))).name
        if name in gold_docs:
            preds[name].setdefault(_key(row), []).append(row)
            rows.append(row)
    out = _Matching([], [], [], rows, sum(len(d["figures"]) for d in gold_docs.values()))
    for name, gdoc in gold_docs.items():
        available = dict(preds.get(name, {}))
        for g in gdoc["figures"]:
            mentions = available.pop(_key(g), None)
            if mentions is None:
                out.misses.append((name, g))
            else:
                out.matched.append((name, g, max(mentions, key=lambda p, g=g: _closeness(p, g))))
        out.extras.extend((name, v[0]) for v in available.values())
    return out


def _rules(m: _Matching) -> tuple[RuleScore, ...]:
    """Per rule: precision of its predictions, and the share of gold they matched; weakest first."""
    predicted: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    for _, _, p in m.matched:
        matched[str(p.get("rule") or UNKNOWN_RULE)] += 1
    for p in m.predicted:
        predicted[str(p.get("rule") or UNKNOWN_RULE)] += 1
    out = [
        RuleScore(
            rule, n, matched[rule], matched[rule] / n, matched[rule] / m.gold if m.gold else 0.0
        )
        for rule, n in predicted.items()
    ]
    return tuple(sorted(out, key=lambda r: (r.precision, -r.predicted, r.rule)))


def notes_languages(folder: str | Path) -> dict[str, str]:
    """Each document's language as a corpus's NOTES.md lists it, by base name.

    Reads the paragraph `Languages: German (`a.txt`, `b.html`); French (`c.txt`) ...`.
    """
    try:
        text = (Path(folder) / "NOTES.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    start = text.find("Languages:")
    line = text[start : text.find("\n\n", start)] if start >= 0 else ""
    out: dict[str, str] = {}
    for name, files in re.findall(r"([A-Z][a-z]+)\s*\(([^)]*)\)", line):
        code = _LANGUAGE_NAMES.get(name.lower(), name.lower())
        for doc in re.findall(r"`([^`]+)`", files):
            out[Path(doc).name] = code
    return out


def document_languages(
    gold_docs: Mapping[str, dict],
    figures: Iterable[Mapping[str, Any]],
    listed: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The language of each gold document: the gold's own `language`, else the corpus notes'
    (`listed`), else the export's `language`; "unknown" when none says.

    What the annotators declared comes before the detector, so a detection error cannot
    move a document to another language's score.
    """
    exported: dict[str, str] = {}
    for row in figures:
        name = Path(str(row.get("doc", ""))).name
        if row.get("language") and name not in exported:
            exported[name] = str(row["language"])
    listed = listed or {}
    return {
        name: str(d.get("language") or listed.get(name) or exported.get(name) or "unknown")
        for name, d in gold_docs.items()
    }


def _languages(
    gold_docs: Mapping[str, dict], rows: list[dict], languages: Mapping[str, str]
) -> tuple[LanguageScore, ...]:
    out = []
    for lang in sorted(set(languages.values())):
        docs = {n: d for n, d in gold_docs.items() if languages.get(n) == lang}
        out.append(LanguageScore(**_counts(_match(docs, rows)), language=lang, documents=len(docs)))
    return tuple(out)


def _grounded(rows: list[dict], docs: Path) -> float | None:
    """Share of predictions in plain-text gold documents whose offsets hold their quote."""
    texts: dict[str, str | None] = {}
    checked = grounded = 0
    for row in rows:
        name = Path(str(row.get("doc", ""))).name
        if name not in texts:
            try:
                texts[name] = (docs / name).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                texts[name] = None
        text = texts[name]
        if text is not None and name.endswith((".txt", ".md")):
            checked += 1
            s, e = row.get("start"), row.get("end")
            grounded += isinstance(s, int) and isinstance(e, int) and text[s:e] == row.get("quote")
    return grounded / checked if checked else None


def _expectations(
    gold: Mapping[str, Any], matched: list[tuple[str, dict, dict]], incidents: list[dict]
) -> tuple[int, int]:
    """Gold `expect` entries met: the incident most of the gold incident's figures went to
    has the (category, group) row, conflicted or not as expected."""
    by_id = {str(r.get("incident")): r for r in incidents}
    votes: dict[str, Counter] = defaultdict(Counter)
    for _, g, p in matched:
        votes[g["incident"]][str(p.get("incident"))] += 1
    met = 0
    for exp in gold["expect"]:
        ok = False
        if votes[exp["incident"]]:
            pid = votes[exp["incident"]].most_common(1)[0][0]
            for fig in by_id.get(pid, {}).get("figures", []):
                if fig.get("category") == exp["category"] and fig.get("group") == exp["group"]:
                    ok = bool(fig.get("conflict")) == exp["conflict"]
        met += ok
    return met, len(gold["expect"])


def totals_consistent(incidents: Iterable[Mapping[str, Any]]) -> tuple[int, int]:
    """Headline totals that agree with their own rows: no lower than the largest lower bound
    of a part, no higher than all parts' upper ends together (when all are known)."""
    consistent = checked = 0
    for row in incidents:
        figs = [f for f in row.get("figures", []) if isinstance(f, dict)]
        for cat, total in (row.get("totals") or {}).items():
            parts = [f for f in figs if f.get("category") == cat]
            if not parts or not isinstance(total, int | float):
                continue
            checked += 1
            lows = [f["low"] for f in parts if isinstance(f.get("low"), int | float)]
            highs = [f.get("high") for f in parts]
            ok = total >= max(lows, default=0)
            if all(isinstance(h, int | float) for h in highs):
                ok &= total <= sum(highs)
            consistent += ok
    return consistent, checked


def score(
    gold: dict[str, Any],
    figures: Iterable[dict[str, Any]],
    incidents: Iterable[dict[str, Any]] | None = None,
    *,
    docs: str | Path | None = None,
    languages: Mapping[str, str] | None = None,
) -> Score:
    """Score figure rows (as exported) against a gold dict, as `shared/eval/score.py` does.

    `docs` is the folder of the documents, to check quotes against their offsets;
    `languages` the documents' languages as the corpus lists them (`notes_languages`).
    """
    gold_docs = {d["doc"]: d for d in gold["documents"]}
    rows = list(figures)
    m = _match(gold_docs, rows)
    n = len(m.matched)

    def acc(field: str, same: Any = lambda a, b: a == b) -> float:
        return (
            sum(bool(same(p.get(field), g.get(field))) for _, g, p in m.matched) / n if n else 0.0
        )

    inc_rows = None if incidents is None else list(incidents)
    expectations = None
    if inc_rows is not None and gold.get("expect"):
        expectations = _expectations(gold, m.matched, inc_rows)
    return Score(
        **_counts(m),
        group_acc=acc("group"),
        qualifier_acc=acc("qualifier"),
        attribution_acc=acc("attribution", same_attribution),
        incident_bcubed_f1=_bcubed(
            [(g["incident"], str(p.get("incident"))) for _, g, p in m.matched]
        ),
        expectations=expectations,
        misses=tuple(
            f"{d}: {g['category']} {g['value']} ({g.get('quote')!r})" for d, g in m.misses
        ),
        extras=tuple(
            f"{d}: {p.get('category')} {p.get('value')} ({p.get('quote')!r}) [{p.get('rule')}]"
            for d, p in m.extras
        ),
        documents=len(gold_docs),
        grounded=None if docs is None else _grounded(m.rows, Path(docs)),
        totals_consistent=None if inc_rows is None else totals_consistent(inc_rows),
        rules=_rules(m),
        languages=_languages(gold_docs, rows, document_languages(gold_docs, rows, languages)),
    )
