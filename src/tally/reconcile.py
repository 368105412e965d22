"""Reconcile: per incident and (category, group), low / best / high, conflicts, the timeline.

**Intervals** (spec §1). Each statement claims an integer interval: `exact` v
→ [v, v]; `at_least` → [v, ∞); `more_than` → [v+1, ∞); `at_most` → [0, v];
`fewer_than` → [0, v−1]; `about` → [⌈0.9v⌉, ⌊1.1v⌋]; `range` → [v, high];
`multiples` → [2v, ∞). A part (`subset`: "among the dead were five police
officers") only says the total is at least its lower end. Whether a count is a
part is the extractor's decision, read from the field; reconciliation never
re-reads a quote.

**Conflict**: the intervals of all statements of the (category, group), from
every document whenever published, have no common point. A toll that rose
(69, then 81) is a conflict; the timeline explains it.

**Superseded**: a statement is superseded when a later report (a later
publication date; an undated report is the oldest) of the same (category,
group) claims more than its lower end: the count was raised (69, then 81; "at
least one dead", then 404). It stays in the timeline and the statements, but no
longer stands. `conflict_kind` of a conflict is `revision` when the statements
that stand agree (the toll moved over time), `dispute` when they still do not.

**low / high**: the smallest lower end of the standing non-part statements (the
largest part's bound where only parts exist); the largest finite upper end of
the non-part statements, or the largest number stated. An early partial count
is history, not a credible low estimate (UCDP: the most conservative reliable
estimate).

**best** — after UCDP's best estimate, ACLED's preference for conservative
counts, and the rule that a toll rising over time is superseded by its latest
official figure:

1. Only the statements of the latest publication date are considered (an
   undated document counts as the oldest): later reports supersede earlier
   ones.
2. Among them, statements naming a number (exact, about, range) beat bounds;
   among those, the value most statements give, then the one stated first
   (the headline and lead carry an article's toll; later numbers are mostly
   parts, earlier counts or other incidents). Whether the source is official
   is shown in `why` but does not decide: on the gva-dev sample, preferring
   official attributions picked worse totals than the plain count.
3. With only bounds: the largest lower bound ("more than 1,400" → 1,400;
   "dozens" → 24). With only upper bounds: the smallest.

`why` says which of these picked `best`, and which statements no longer stand.
The headline total of a category is decided from these rows in `tally.totals`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import replace

from tally import words
from tally.models import Reconciled, Statement

INF = math.inf
POINT = {"exact", "about", "range"}


def interval(qualifier: str, value: int, high: int | None = None) -> tuple[float, float]:
    """The integer interval a statement claims, by the spec's table."""
    v = value
    if qualifier == "at_least":
        return v, INF
    if qualifier == "more_than":
        return v + 1, INF
    if qualifier == "at_most":
        return 0, v
    if qualifier == "fewer_than":
        return 0, max(0, v - 1)
    if qualifier == "about":
        return math.ceil(0.9 * v - 1e-9), math.floor(1.1 * v + 1e-9)
    if qualifier == "range":
        return v, high if high is not None and high >= v else v
    if qualifier == "multiples":
        return 2 * v, INF
    return v, v


def is_part(s: Statement) -> bool:
    """A statement counting only part of its (category, group): the extractor marked it `subset`."""
    return s.figure.subset


def claim(s: Statement) -> tuple[float, float]:
    """The interval a statement claims for its (category, group) total (parts: [lo, ∞))."""
    f = s.figure
    lo, hi = interval(f.qualifier, f.value, f.value_high)
    return (lo, INF) if is_part(s) else (lo, hi)


def conflicts(statements: list[Statement]) -> bool:
    """True when the statements' intervals have no point in common."""
    if not statements:
        return False
    claims = [claim(s) for s in statements]
    return max(c[0] for c in claims) > min(c[1] for c in claims)


def superseded(statements: list[Statement]) -> list[bool]:
    """For each statement, whether a later report raised it: a non-part statement of an
    earlier date (undated is oldest) than one claiming more than its lower end (69, then 81)."""
    days = sorted({s.published or "" for s in statements}, reverse=True)
    later: dict[str, float] = {}  # day -> the largest lower end stated on any later day
    top = -INF
    for day in days:
        later[day] = top
        top = max([top, *(claim(s)[0] for s in statements if (s.published or "") == day)])
    return [not is_part(s) and claim(s)[0] < later[s.published or ""] for s in statements]


MULTIPLES = {value: word for word, value in words.MULTIPLES.items()}
"""A vague multiple's word by its value ("hundreds" for 100)."""
_BOUND_WORDS = {
    "at_least": "at least",
    "more_than": "more than",
    "at_most": "up to",
    "fewer_than": "fewer than",
    "about": "about",
}


def stated(qualifier: str, value: int, high: int | None = None) -> str:
    """A statement as stated, from its fields: "hundreds", "more than 600", "30–40", "613".

    What a reader sees of a vague count; its interval ([200, ∞) for "hundreds") is only
    for reasoning.
    """
    if qualifier == "multiples":
        return MULTIPLES.get(value, f"multiples of {value:,}")
    if qualifier == "range" and high is not None and high > value:
        return f"{value:,}–{high:,}"
    word = _BOUND_WORDS.get(qualifier)
    return f"{word} {value:,}" if word else f"{value:,}"


def _words(s: Statement) -> str:
    return stated(s.figure.qualifier, s.figure.value, s.figure.value_high)


def origin(s: Statement) -> str:
    """Who a statement's number comes from: its source's key (`Figure.source_key`, decided at
    extraction), else its outlet. Two outlets repeating "Azerbaijani figures" and
    "Azerbaijani authorities" are one origin."""
    if s.figure.source_key:
        return "attr:" + s.figure.source_key
    return "doc:" + (s.publisher or s.figure.doc_id)


def _stated(s: Statement) -> int:
    """The number a statement states, as `best` reports it (`dozens` → 24, a range → its low)."""
    lo, _ = interval(s.figure.qualifier, s.figure.value, s.figure.value_high)
    if s.figure.qualifier in {"multiples", "more_than"}:
        return int(lo) if s.figure.qualifier == "multiples" else s.figure.value
    return s.figure.value


def choose_best(statements: list[Statement]) -> tuple[int | None, str]:
    """The best estimate of one (category, group) and why (see the module docstring)."""
    best, why, _ = _pick(statements)
    return best, why


def _pick(statements: list[Statement]) -> tuple[int | None, str, Statement | None]:
    """`choose_best`, with the statement that gave the best (its words head the timeline)."""
    whole = [s for s in statements if not is_part(s)]
    if not whole:
        src = max(statements, key=lambda s: (claim(s)[0], s.figure.key))
        best = int(claim(src)[0])
        return (
            best,
            f"only parts are stated; the largest, {best:,}, bounds the total from below",
            src,
        )
    latest = max((s.published or "") for s in whole)
    pool = [s for s in whole if (s.published or "") == latest]
    when = f"the latest report ({latest})" if latest else "the reports (undated)"
    dated = len({s.published for s in whole}) > 1
    lead = f"{when}, superseding earlier ones" if dated else when
    points = [s for s in pool if s.figure.qualifier in POINT]
    if points:
        counts = Counter(s.figure.value for s in points)
        official = {s.figure.value for s in points if s.figure.official}
        first = {s.figure.value: -s.figure.start for s in reversed(points)}
        best = max(counts, key=lambda v: (counts[v], first[v]))
        src = next(s for s in points if s.figure.value == best)
        who = src.figure.attribution or src.publisher or "the document"
        kind = "official figure" if best in official else "figure"
        extra = "" if len(counts) == 1 else "; of equally supported values, the first stated"
        if counts[best] > 1 and len(counts) > 1:
            extra = f"; given by {counts[best]} statements"
        return best, f"{kind} of {lead}: {best:,} ({who}){extra}", src
    lower = [s for s in pool if claim(s)[0] > 0 and claim(s)[1] == INF]
    if lower:
        src = max(lower, key=lambda s: (_stated(s), s.figure.key))
        best = _stated(src)
        words = _words(src)
        said = "" if words == f"{best:,}" else f" (“{words}”)"
        return best, f"only bounds in {lead}; the largest lower bound, {best:,}{said}", src
    src = min(pool, key=lambda s: (s.figure.value, s.figure.key))
    return (
        src.figure.value,
        f"only upper bounds in {lead}; the smallest, {src.figure.value:,}",
        src,
    )


Timeline = tuple[tuple[str | None, int, str], ...]


def _timeline(stmts: list[Statement], pick: tuple[int | None, Statement | None]) -> Timeline:
    """(published, best of that day's statements, its words) in date order: how the figure
    moved. `pick` is the row's best and its statement: with one day it is that day's."""
    by_day: dict[str, list[Statement]] = defaultdict(list)
    for s in stmts:
        by_day[s.published or ""].append(s)
    best, src = pick
    if best is not None and src is not None and len(by_day) == 1:
        return ((stmts[0].published or None, best, _words(src)),)
    out = []
    for day in sorted(by_day):
        best, _, src = _pick(by_day[day])
        if best is not None and src is not None:
            out.append((day or None, best, _words(src)))
    return tuple(out)


def movement(timeline: Timeline | list) -> str:
    """How a figure moved over time, as stated: "69 → 81", "613 → hundreds → 613"
    (consecutive repeats merged; entries without words show their number)."""
    shown: list[str] = []
    for entry in timeline:
        words = entry[2] if len(entry) > 2 and entry[2] else f"{entry[1]:,}"
        if not shown or shown[-1] != words:
            shown.append(words)
    return " → ".join(shown)


def _why_standing(gone: int, low: int) -> str:
    """What `why` adds when later reports raised earlier counts."""
    if not gone:
        return ""
    counts = "count" if gone == 1 else "counts"
    return f"; {gone} earlier {counts} raised by later reports stay in the timeline, not in low ({low:,})"


def reconcile(statements: list[Statement]) -> list[Reconciled]:
    """The reconciled rows of one incident's statements, one per (category, group)."""
    groups: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for s in statements:
        groups[(s.figure.category, s.figure.group)].append(s)
    out = []
    for (cat, grp), stmts in sorted(groups.items()):
        stmts = sorted(stmts, key=lambda s: (s.published or "", s.figure.doc_id, s.figure.start))
        gone = superseded(stmts)
        stand = [s for s, g in zip(stmts, gone, strict=True) if not g]
        whole = [s for s in stmts if not is_part(s)]
        standing = [s for s in stand if not is_part(s)]
        # Where only parts stand, the largest bounds the total from below.
        low = int(min(map(_low, standing)) if standing else max(map(_low, stand)))
        ends = [interval(s.figure.qualifier, s.figure.value, s.figure.value_high)[1]
                for s in whole or stmts]  # fmt: skip
        finite = [h for h in ends if h != INF]
        high = int(max(finite)) if finite else max(s.figure.value_high or s.figure.value
                                                   for s in whole or stmts)  # fmt: skip
        best, why, src = _pick(stmts)
        high = max(high, best or 0)
        conflict = conflicts(stmts)
        kind = None
        if conflict:
            kind = "dispute" if conflicts(stand) else "revision"
        out.append(
            Reconciled(
                category=cat,
                group=grp,
                low=min(low, best) if best is not None else low,
                best=best,
                high=high,
                values=tuple(sorted({s.figure.value for s in stmts})),
                documents=len({s.figure.doc_id for s in stmts}),
                origins=len({origin(s) for s in stmts}),
                conflict=conflict,
                why=why + _why_standing(sum(gone), low),
                timeline=_timeline(stmts, (best, src)),
                statements=tuple(stmts),
                conflict_kind=kind,
                superseded=frozenset(s.figure.key for s, g in zip(stmts, gone, strict=True) if g),
            )
        )
    return out


def _low(s: Statement) -> float:
    """A statement's lower end as `low` reports it ("more than 600" → 600)."""
    return s.figure.value if s.figure.qualifier == "more_than" else claim(s)[0]


def runs_summed(statements: list[Statement]) -> list[Statement]:
    """`statements` with each run of counts of one document ("two soldiers and three civilians
    were killed", `Figure.part_of`) as one statement of its terms' sum, in place of its terms.

    The sum is of the widest group its terms share (`people` for terms of several groups),
    and states what its terms claim together: exact where each term is, `about` where each
    names a number, else at least the sum of their lower ends.
    """
    runs: dict[tuple[str, str, str, str], list[Statement]] = defaultdict(list)
    for s in statements:
        f = s.figure
        if f.part_of:
            runs[(f.doc_id, f.part_of, f.category, f.role)].append(s)
    if not any(len(terms) > 1 for terms in runs.values()):
        return statements
    out = [s for s in statements if len(runs.get(_run_key(s), ())) < 2]
    for terms in runs.values():
        if len(terms) > 1:
            out.append(_sum_of(sorted(terms, key=lambda s: s.figure.start)))
    return sorted(out, key=lambda s: (s.figure.doc_id, s.figure.start, s.figure.category))


def _run_key(s: Statement) -> tuple[str, str, str, str]:
    f = s.figure
    return (f.doc_id, f.part_of or "", f.category, f.role)


def _sum_of(terms: list[Statement]) -> Statement:
    """One statement of the sum of a run's terms."""
    figs = [s.figure for s in terms]
    groups = {f.group for f in figs}
    quals = {f.qualifier for f in figs}
    if quals == {"exact"}:
        qualifier, value = "exact", sum(f.value for f in figs)
    elif quals <= POINT - {"range"}:
        qualifier, value = "about", sum(f.value for f in figs)
    else:
        qualifier, value = "at_least", sum(int(claim(s)[0]) for s in terms)
    first, last = figs[0], figs[-1]
    summed = replace(
        first,
        group=groups.pop() if len(groups) == 1 else "people",
        value=value,
        value_high=None,
        qualifier=qualifier,
        quote=" + ".join(f.quote for f in figs),
        start=first.start,
        end=last.end,
        subset=False,
        rule=next((f.rule for f in figs if f.rule in SUM_RULES), first.rule),
    )
    return replace(terms[0], figure=summed)


SUM_RULES = frozenset({"num.harm_before", "num.verb_list", "victim.object", "victim.deed"})
"""Rules of a term that states the run as someone's deed ("killed three soldiers and two
civilians"): the sum keeps it, so totals know the count does not hold the attacker."""
