"""Score incident totals (killed, injured) against a coded incident table.

The table is the format of `shared/corpus/gva-dev/incidents.json` and of the
coded datasets' splits: `{"incidents": {"<id>": {"killed": N, "injured": N,
"docs": ["<file>", ...]}}}`, a null count unknown and not scored. The scoring
is `shared/eval/score_incidents.py`'s, so users can measure tally on their own
coded dataset; a test checks the two agree. `score_pairs` adds how well linking groups the
table's documents: precision and recall over pairs of documents.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tally.evaluate import read_annotations

CATEGORIES = ("killed", "injured")


@dataclass(frozen=True)
class IncidentMiss:
    """A gold incident whose predicted totals differ from the coded ones."""

    incident: str
    gold_killed: int | None
    gold_injured: int | None
    killed: int
    injured: int


@dataclass(frozen=True)
class IncidentScore:
    """How often the ledger's totals equal the coders' counts."""

    incidents: int
    hits: Mapping[str, int]
    seen: Mapping[str, int]
    """Per key (`killed`, `injured`, `killed_pos`, `injured_pos`, `both`): incidents scored."""
    squared: Mapping[str, int]
    wrong: tuple[IncidentMiss, ...]

    def rate(self, key: str) -> float:
        """Share of the incidents scored on `key` that were right."""
        return self.hits.get(key, 0) / self.seen[key] if self.seen.get(key) else 0.0

    def rmse(self, category: str) -> float:
        """Root mean squared error of a category's totals."""
        n = self.seen.get(category, 0)
        return math.sqrt(self.squared.get(category, 0) / n) if n else 0.0

    def metrics(self) -> dict[str, Any]:
        """The scores as `score_incidents.py --json` names them."""
        return {
            "incidents": self.incidents,
            "killed_acc": round(self.rate("killed"), 4),
            "injured_acc": round(self.rate("injured"), 4),
            "both_acc": round(self.rate("both"), 4),
            "killed_pos_acc": round(self.rate("killed_pos"), 4),
            "injured_pos_acc": round(self.rate("injured_pos"), 4),
            "killed_rmse": round(self.rmse("killed"), 3),
            "injured_rmse": round(self.rmse("injured"), 3),
        }


def _count(value: Any) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def _table_shape(data: Any) -> dict[str, dict[str, Any]]:
    table = data["incidents"]
    assert isinstance(table, dict), "'incidents' is not an object"
    for gid, row in table.items():
        assert isinstance(row, dict), f"incident {gid!r} is not an object"
        docs = row.get("docs")
        assert isinstance(docs, list) and all(isinstance(d, str) for d in docs), (
            f"incident {gid!r} has no list of 'docs'"
        )
        for cat in CATEGORIES:
            assert _count(row.get(cat)), f"incident {gid!r}: {cat} is not a number or null"
    return table


def load_incident_gold(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read and check a coded incident table; one clear error naming the file otherwise."""
    return read_annotations(path, _table_shape, "an incident table like gva-dev/incidents.json")


def _totals(incidents: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    """Each predicted incident's total per category: its `totals`, else its largest `best`."""
    out: dict[str, dict[str, float]] = {}
    for row in incidents:
        best: dict[str, float] = defaultdict(int)
        if isinstance(row.get("totals"), dict):
            best.update({k: v for k, v in row["totals"].items() if isinstance(v, int | float)})
        else:
            for fig in row.get("figures", []):
                value = fig.get("best")
                if isinstance(value, int | float):
                    best[fig.get("category")] = max(best[fig.get("category")], value)
        out[str(row.get("incident"))] = best
    return out


def _links(figures: Iterable[Mapping[str, Any]]) -> dict[str, Counter[str]]:
    """Per document file name: how many of its figures went to each incident."""
    links: dict[str, Counter[str]] = defaultdict(Counter)
    for row in figures:
        links[Path(str(row.get("doc", ""))).name][str(row.get("incident"))] += 1
    return links


def predicted(
    gold: Mapping[str, Mapping[str, Any]], figures: Iterable[Mapping[str, Any]]
) -> dict[str, str]:
    """Each gold incident's predicted incident: the one most figures read from its documents
    went to (gold incidents none of whose documents gave a figure are left out)."""
    links = _links(figures)
    out = {}
    for gid, g in gold.items():
        votes: Counter[str] = Counter()
        for doc in g["docs"]:
            votes.update(links.get(Path(doc).name, {}))
        if votes:
            out[gid] = votes.most_common(1)[0][0]
    return out


def score_incidents(
    gold: Mapping[str, Mapping[str, Any]],
    figures: Iterable[Mapping[str, Any]],
    incidents: Iterable[Mapping[str, Any]],
) -> IncidentScore:
    """Score exported figure and incident rows against a coded table.

    A gold incident's prediction is the incident most figures read from its documents
    went to; a category with no figure counts 0, as does an incident none of whose
    documents gave a figure.
    """
    chosen = predicted(gold, figures)
    totals = _totals(incidents)
    hits: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    squared: Counter[str] = Counter()
    wrong = []
    for gid, g in gold.items():
        pred = totals.get(chosen[gid], {}) if gid in chosen else {}
        ok_all, known_all = True, True
        for cat in CATEGORIES:
            p, t = pred.get(cat, 0), g.get(cat)
            if t is None:
                known_all = False
                continue
            seen[cat] += 1
            hits[cat] += p == t
            if t > 0:  # the harder half: most rows with no victims are easy
                seen[cat + "_pos"] += 1
                hits[cat + "_pos"] += p == t
            squared[cat] += (p - t) ** 2
            ok_all &= p == t
        if known_all:
            seen["both"] += 1
            hits["both"] += ok_all
        if not ok_all:
            wrong.append(
                IncidentMiss(
                    gid,
                    g.get("killed"),
                    g.get("injured"),
                    pred.get("killed", 0),
                    pred.get("injured", 0),
                )
            )
    return IncidentScore(len(gold), dict(hits), dict(seen), dict(squared), tuple(wrong))


@dataclass(frozen=True)
class PlaceScore:
    """How often the ledger puts a coded US incident in the coders' state and city."""

    incidents: int
    state: int
    city: int

    def rate(self, hits: int) -> float:
        """Share of the incidents scored."""
        return hits / self.incidents if self.incidents else 0.0


_SAINT = re.compile(r"\b(?:st|saint)\b\.?", re.I)
_FORT = re.compile(r"\b(?:ft|fort)\b\.?", re.I)


def _town(name: Any) -> str:
    """A city name compared loosely: case, "St."/"Saint", "Ft."/"Fort", a leading "The"
    ("The Bronx"), hyphens and spaces ("Winston-Salem", "Mc Farland") aside."""
    text = _FORT.sub("fort", _SAINT.sub("saint", str(name or ""))).lower()
    text = re.sub(r"^\s*the\s+", "", text)
    return re.sub(r"[\s.'’-]+", "", text)


def _coded_towns(place: Any) -> set[str]:
    """The names a coded place accepts: each of "Town (Neighbourhood)", and for a coded
    county ("Polk (county)") the county's name ("Polk County", "Polk Parish")."""
    parts = [t for t in re.split(r"\s*[()]\s*", str(place or "")) if t]
    if len(parts) == 2 and parts[1].lower() == "county":
        return {_town(f"{parts[0]} {kind}") for kind in ("county", "parish", "borough")}
    return {_town(t) for t in parts}


def score_places(
    gold: Mapping[str, Mapping[str, Any]],
    figures: Iterable[Mapping[str, Any]],
    incidents: Iterable[Mapping[str, Any]],
) -> PlaceScore | None:
    """Score predicted places against a table whose rows give a US `state` and `place` (city).

    The prediction is chosen as `score_incidents` chooses it; the state is right when the
    incident is in the US and its admin1 is the state's name, the city when its place is the
    coded one (a coded "Town (Neighbourhood)" accepts either, a coded "Polk (county)" the
    county "Polk County"). None when no row has a state.
    """
    rows = {gid: g for gid, g in gold.items() if g.get("state")}
    if not rows:
        return None
    chosen = predicted(rows, figures)
    by_id = {str(row.get("incident")): row for row in incidents}
    state = city = 0
    for gid, g in rows.items():
        pred = by_id.get(chosen.get(gid, ""), {})
        if pred.get("country") == "US" and _town(pred.get("admin1")) == _town(g["state"]):
            state += 1
        city += bool(pred.get("place")) and _town(pred.get("place")) in _coded_towns(g.get("place"))
    return PlaceScore(len(rows), state, city)


@dataclass(frozen=True)
class PairScore:
    """How linking groups a coded table's documents, over pairs of documents: those coded
    in one incident (`coded`), those placed in one predicted incident (`placed`), both."""

    documents: int
    """Documents of the table that gave a figure: the only ones linking placed."""
    coded: int
    placed: int
    both: int

    @property
    def precision(self) -> float:
        """Share of the pairs placed together that the table codes as one incident."""
        return self.both / self.placed if self.placed else 1.0

    @property
    def recall(self) -> float:
        """Share of the pairs coded as one incident that linking placed together."""
        return self.both / self.coded if self.coded else 1.0

    def metrics(self) -> dict[str, Any]:
        """The pair scores as `tally eval-incidents --format json` names them."""
        return {
            "pair_precision": round(self.precision, 4),
            "pair_recall": round(self.recall, 4),
            "pairs_coded": self.coded,
            "pairs_placed": self.placed,
        }


def score_pairs(
    gold: Mapping[str, Mapping[str, Any]], figures: Iterable[Mapping[str, Any]]
) -> PairScore:
    """Pair precision and recall of document linking against a coded table.

    Each document of the table that gave a figure is placed in the incident most of its
    figures went to (as `predicted` votes; ties to the first linked); two documents are
    placed together when that incident is one, and coded together when some coded incident
    lists both. Documents without a figure are left out of both sides: linking never saw
    them as one incident or another.
    """
    links = _links(figures)
    place: dict[str, str] = {}
    for g in gold.values():
        for doc in g["docs"]:
            name = Path(doc).name
            if name not in place and links.get(name):
                place[name] = links[name].most_common(1)[0][0]
    coded: set[tuple[str, str]] = set()
    for g in gold.values():
        docs = sorted({Path(d).name for d in g["docs"]} & place.keys())
        coded.update((a, b) for i, a in enumerate(docs) for b in docs[i + 1 :])
    sizes = Counter(place.values())
    placed = sum(n * (n - 1) // 2 for n in sizes.values())
    both = sum(1 for a, b in coded if place[a] == place[b])
    return PairScore(len(place), len(coded), placed, both)
