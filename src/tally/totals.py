"""The headline total of each category: a decision over the reconciled rows, with reasons.

A total counts everyone harmed in a category, victims and perpetrators together
(spec §2: "an attacker who killed two, then himself: killed 3"). It is decided
from the same rows the table shows, from the figures' fields only (category,
group, `subset`, `role`, `part_of`), never from their quotes:

0. **Runs of counts**: the terms of one run ("two soldiers and three civilians were
   killed", `Figure.part_of`, marked by `extract.runs`) count as one statement of their
   sum (`reconcile.runs_summed`), of their one group or of `people`.
1. **The widest group**: `people` or `civilians`, whichever row's best is larger
   (women, men, children and the elderly are parts of them).
2. Without either, **the sum of the parts**: women + men + children as one report
   counts them (the report counting most), or the elderly if more. Parts are
   summed within one report only: "a boy" in one report and "his brother" in
   another may be one victim.
   A stated total that a part exceeds (2 people beside 19 children) is not the
   whole: the parts' sum stands instead.
3. **Plus the disjoint groups**: combatants (troops, fighters) are counted apart
   from the people or civilians harmed, so their row's best is added, unless
   every combatant statement is a part.
4. **Plus the perpetrators who died** (or were hurt): figures the extractor marked
   `role = "perpetrator"`, reconciled apart from the victims of their rows and added
   when the victims' count is stated as the attacker's deed ("killed two, then
   himself": 3), is of civilians, or his death is told apart from theirs (a suicide
   bomber who set off his charge); a plain tally of people ("two dead in a
   murder-suicide") may hold him already, so the larger of the two counts stands.

Each term is that group's reconciled best (latest, most stated, official shown in
its `why`). The sum is then kept within what the rows allow (spec §2): no lower
than any row's low, no higher than all rows' highs together. The total's own
range is its terms' ranges added, within the same bounds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import asdict, replace
from typing import Any

from tally import totals_model
from tally.models import Reconciled, Statement, Term, Total
from tally.reconcile import choose_best, claim, reconcile, runs_summed, stated

WIDEST = ("people", "civilians")
PARTS = ("women", "men", "children")
APART = ("combatants",)


def _row_of(statements: list[Statement]) -> Reconciled | None:
    """The reconciled row of statements of one (category, group), or None."""
    rows = reconcile(statements) if statements else []
    return rows[0] if rows else None


def _term(label: str, row: Reconciled) -> Term:
    best = row.best or 0
    return Term(label, best, min(row.low or 0, best), max(row.high or 0, best), row.why)


def _victims(row: Reconciled) -> Reconciled | None:
    """The row as it counts victims: itself, or its victim statements reconciled apart."""
    if all(s.figure.role != "perpetrator" for s in row.statements):
        return row
    return _row_of([s for s in row.statements if s.figure.role != "perpetrator"])


def _parts_term(rows: list[Reconciled]) -> Term | None:
    """Women + men + children as the report counting most of them counts them."""
    per_doc: dict[str, dict[str, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        for s in r.statements:
            per_doc[s.figure.doc_id][r.group].append(s)
    chosen: tuple[int, str, dict[str, int]] | None = None
    for _, groups in sorted(per_doc.items()):
        counts = {g: choose_best(stmts)[0] or 0 for g, stmts in sorted(groups.items())}
        total = sum(counts.values())
        if chosen is None or total > chosen[0]:
            name = next(iter(next(iter(groups.values())))).doc_name
            chosen = (total, name, counts)
    if chosen is None:
        return None
    total, name, counts = chosen
    sum_words = " + ".join(f"{g} {n:,}" for g, n in counts.items())
    lows = [r.low or 0 for r in rows]
    highs = [r.high or 0 for r in rows]
    return Term(
        " + ".join(counts),
        total,
        min(max(lows), total),
        max(sum(highs), total),
        f"{sum_words} as one report counts them ({name}); parts are summed within a report",
    )


def settle(rows: list[Reconciled]) -> tuple[dict[str, Total], list[Reconciled]]:
    """The headline total of each category, and the rows as they stand beside it.

    A statement claiming more than its category's decided total (a part or a
    minority report above what the reports agree on: another event's figure, a
    city's or a year's count) is set aside: it leaves the rows and is listed with
    the total, so the rows the table shows and the total agree.

    Where a learnt chooser is active (`tally.totals_model`), it may pick another of the
    candidate totals of a category's rows as given; statements claiming more than its
    pick are then set aside in the same way.
    """
    counted = _runs_added(rows)
    raw = _decide(counted)
    moved = _died_since(rows, raw)
    if moved:
        rows = reconcile([s for r in rows for s in r.statements if s.figure.key not in moved])
        counted = _runs_added(rows)
        raw = _decide(counted)
    out, kept = _settled(rows, raw)
    model = totals_model.active()
    if model is None:
        return _moved_to_dead(out, moved), kept
    picks = {c: totals_model.pick(t, [r for r in counted if r.category == c], model)
             for c, t in out.items()}  # fmt: skip
    if all(p is None for p in picks.values()):
        return _moved_to_dead(out, moved), kept
    chosen = dict(raw)
    for cat, p in picks.items():
        if p is not None:
            chosen[cat] = (p.value, [totals_model.term(p, out[cat])], "", True)
    revised, kept = _settled(rows, chosen)
    # A pick the rows left standing do not allow (its own statement set aside) is dropped.
    lost = {c for c, p in picks.items() if p is not None and revised[c].best != p.value}
    if lost:
        revised, kept = _settled(rows, {c: raw[c] if c in lost else v for c, v in chosen.items()})
    return _moved_to_dead(revised, moved), kept


def _runs_added(rows: list[Reconciled]) -> list[Reconciled]:
    """The rows as the totals count them: each run of counts ("two soldiers and three
    civilians were killed") one statement of its terms' sum (`reconcile.runs_summed`)."""
    statements = [s for r in rows for s in r.statements]
    summed = runs_summed(statements)
    return rows if summed is statements else reconcile(summed)


def _settled(
    rows: list[Reconciled], raw: dict[str, tuple[int, list[Term], str, bool]]
) -> tuple[dict[str, Total], list[Reconciled]]:
    """`settle` for the totals `raw` gives: the statements above them set aside."""
    kept: list[Statement] = []
    aside: dict[str, list[Statement]] = defaultdict(list)
    for r in rows:
        total, _, _, most = raw[r.category]
        above = (r.low or 0) > total and (most or r.group not in WIDEST)
        for s in r.statements:
            if above and claim(s)[0] > total:
                aside[r.category].append(s)
            else:
                kept.append(s)
    if aside:
        rows = reconcile(kept)
    counted = _runs_added(rows)
    out = {}
    for cat, (_, terms, note, _) in raw.items():
        mine = [r for r in counted if r.category == cat]
        out[cat] = _bounded(cat, mine, terms, note, tuple(aside.get(cat, ())))
    return out, rows


def _moved_to_dead(out: dict[str, Total], moved: dict[str, Statement]) -> dict[str, Total]:
    """`out` with no injured where those reported injured are the dead later reports count."""
    if moved:
        said = ", ".join(f"{s.figure.value:,} ({short(s.doc_name)})" for s in moved.values())
        why = f"no injured: those reported injured ({said}) are among the dead other reports count"
        out["injured"] = Total("injured", 0, 0, 0, why, (), tuple(moved.values()))
    return out


def _died_since(
    rows: list[Reconciled], raw: dict[str, tuple[int, list[Term], str, bool]]
) -> dict[str, Statement]:
    """Injured statements of reports that knew of fewer deaths than the others count, where
    those injured are the dead: keyed by the figure's key.

    "A girl was shot" in the first report and "the girl has died" in the next are one
    victim; added up they would be two people harmed where no report counts more than
    one. Only where every report giving injured counts as many people harmed as the
    agreed killed, fewer of them dead, and is no later than the reports that count the
    dead: "two shot" then "both have died", not 120 injured beside a toll of 404.
    """
    killed = raw["killed"][0] if "killed" in raw else 0
    injured = raw["injured"][0] if "injured" in raw else 0
    if not killed or not injured:
        return {}
    stmts: dict[str, list[Statement]] = defaultdict(list)
    for r in rows:
        for s in r.statements:
            stmts[s.figure.doc_id].append(s)
    if len(stmts) < 2:
        return {}
    own = {
        doc: {c: sum(t.value for t in _terms(rs)[0]) for c, rs in _by_category(mine).items()}
        for doc, mine in stmts.items()
    }
    day = {doc: max(s.published or "" for s in mine) for doc, mine in stmts.items()}
    hurt = [d for d, t in own.items() if t.get("injured")]
    dead = [d for d, t in own.items() if t.get("killed", 0) >= killed]
    last = max((day[x] for x in dead), default=None)
    if last is None or any(
        d in dead or day[d] > last or own[d].get("killed", 0) + own[d]["injured"] != killed
        for d in hurt
    ):
        return {}
    return {s.figure.key: s for d in hurt for s in stmts[d] if s.figure.category == "injured"}


def _by_category(statements: list[Statement]) -> dict[str, list[Reconciled]]:
    """One report's reconciled rows by category."""
    out: dict[str, list[Reconciled]] = defaultdict(list)
    for r in reconcile(statements):
        out[r.category].append(r)
    return out


def decide(rows: list[Reconciled]) -> dict[str, Total]:
    """The headline total of each category the rows name (`settle` without the rows)."""
    return settle(rows)[0]


def totals(rows: list[Reconciled]) -> dict[str, int]:
    """Each category's headline total: `decide`'s best."""
    return {cat: t.best for cat, t in decide(rows).items()}


def _decide(rows: list[Reconciled]) -> dict[str, tuple[int, list[Term], str, bool]]:
    """Each category's total before the rows are settled: its value, terms, a note, and
    whether most reports give it."""
    docs = sorted({s.figure.doc_id for r in rows for s in r.statements})
    reports: list[tuple[str, str, dict[str, list[Term]]]] = []
    if len(docs) > 1:
        for d in docs:
            stmts = [s for r in rows for s in r.statements if s.figure.doc_id == d]
            own = reconcile(stmts)
            pub = max(s.published or "" for s in stmts)
            cats = {r.category for r in own}
            terms = {c: _terms([r for r in own if r.category == c])[0] for c in cats}
            reports.append((pub, stmts[0].doc_name, terms))
    out = {}
    for cat in sorted({r.category for r in rows}):
        terms, note = _terms([r for r in rows if r.category == cat])
        most = False
        if reports:
            terms, note, most = _agreed(cat, reports)
        out[cat] = (sum(t.value for t in terms), terms, note, most)
    return out


def _agreed(
    cat: str, reports: list[tuple[str, str, dict[str, list[Term]]]]
) -> tuple[list[Term], str, bool]:
    """The report total most reports give (on a tie the latest report's, and among reports
    of one day the lower: the conservative count, never the order of the reports' names),
    a note saying how many agree, and whether they are more than half.

    Each report's total is its own rows' sum: one report's "two killed" may already hold
    the attacker another report counts apart, so groups are combined only within a report.
    """
    given = sorted(((pub, name, t[cat]) for pub, name, t in reports if cat in t),
                   key=lambda g: (g[0], g[1]))  # fmt: skip
    votes = Counter(sum(x.value for x in terms) for _, _, terms in given)
    latest = {sum(x.value for x in terms): (pub, name, terms) for pub, name, terms in given}
    value = max(votes, key=lambda v: (votes[v], latest[v][0], -v))
    _, name, terms = latest[value]
    note = f"; {votes[value]} of {len(given)} reports give {value:,}, the latest {short(name)}"
    others = sorted(v for v in votes if v != value)
    if others:
        note += " (others: " + ", ".join(f"{v:,}" for v in others) + ")"
    return terms, note, votes[value] * 2 >= len(given)


def short(name: str) -> str:
    """A document's name as a note gives it: its last path part."""
    return name.rstrip("/").rsplit("/", 1)[-1]


def _terms(rows: list[Reconciled]) -> tuple[list[Term], str]:
    """The disjoint terms whose sum is the total of one category's rows, and a note."""
    victims = {r.group: v for r in rows if (v := _victims(r)) is not None}
    people = _whole_term(victims.get("people"), "people", parts=True)
    civilians = _whole_term(victims.get("civilians"), "civilians", parts=True)
    part_rows = [victims[g] for g in PARTS if g in victims]
    parts = _parts_term(part_rows) if part_rows else None
    elderly = victims.get("elderly")
    if elderly is not None and (parts is None or (elderly.best or 0) > parts.value):
        parts = _term("elderly", elderly)
    widest = max((t for t in (people, civilians) if t), key=lambda t: t.value, default=None)
    base = widest or parts
    if widest is not None and parts is not None and widest.label.endswith("(parts only)"):
        base = max(widest, parts, key=lambda t: t.value)  # both only bound the total
    terms, note = ([base] if base else []), ""
    others = sorted(g for g in victims if g not in (*WIDEST, *PARTS, "elderly", *APART))
    beside = {
        s.figure.part_of for r in rows for s in r.statements if s.figure.role == "perpetrator"
    } - {None}
    for g in (*APART, *others):  # a group the spec does not name is counted apart too
        extra = _whole_term(victims.get(g), g, beside=beside)
        if extra is None:
            continue
        if base is not None and base is not civilians and base.value >= extra.value:
            note += f"; {base.label} {base.value:,} may hold the {g} {extra.value:,}"
        else:
            terms.append(extra)
    perps = [s for r in rows for s in r.statements if s.figure.role == "perpetrator"]
    perp_row = _row_of([_as_group(s, "perpetrators") for s in perps])
    if perp_row is not None and perp_row.best and not all(s.figure.subset for s in perps):
        perp = _term("perpetrators", perp_row)
        runs = {
            s.figure.part_of for r in rows for s in r.statements if s.figure.role != "perpetrator"
        }
        apart = any(
            s.figure.rule in APART_RULES or s.figure.part_of in runs - {None} for s in perps
        )
        if base is None or base is civilians or apart or _deed(rows, base.value):
            terms.append(perp)
        else:  # a plain tally and the perpetrators' count: the larger may hold the other
            small, large = sorted((base, perp), key=lambda t: t.value)
            terms[0] = large
            note += f"; {large.label} {large.value:,} may hold the {small.label} {small.value:,}"
    return terms, note


APART_RULES = frozenset({"victim.attacker_apart", "num.suicide_attackers", "perpetrator.also"})
"""Extraction rules of an attacker whose death is told apart from his victims (a suicide
bomber, "killing himself and two guards", "two gunmen were also killed"): a tally of the
dead does not hold him."""
DEED_RULES = frozenset(
    {
        "num.harm_before",
        "num.verb_list",
        "victim.object",
        "victim.deed",
        "victim.deed_single",
        "victim.deed_sum",
    }
)
"""Extraction rules of a count stated as someone's deed ("killed two people", "shot his
wife"): the count of those the attacker harmed, which does not hold the attacker."""


BESIDE_RULES = frozenset({"victim.sum_beside_attackers"})
"""Extraction rules of a victims' count from a list that also names the attackers, counted
apart ("two gunmen and a policeman were killed": the policeman, beside two attackers)."""


def _deed(rows: list[Reconciled], value: int) -> bool:
    """Whether the victims' count `value` is stated as the attacker's deed somewhere.

    "He killed two, then himself" counts the attacker apart (killed 3); a plain tally
    ("two dead in a murder-suicide", "a father and daughter found dead") may already
    hold him, so his death is not added to it. Read from each figure's `rule`.
    """
    return any(
        s.figure.rule in DEED_RULES or s.figure.rule in BESIDE_RULES
        for r in rows
        if r.group in (*WIDEST, *PARTS, "elderly")
        for s in r.statements
        if s.figure.role != "perpetrator" and s.figure.value == value
    )


def _whole_term(
    row: Reconciled | None, group: str, parts: bool = False, beside: Collection[str | None] = ()
) -> Term | None:
    """The term of a group's row, unless it has no best or (without `parts`) holds only
    parts: a part of the people harmed bounds their total from below ("among the dead were
    four police officers"), a part of the combatants says nothing of the others. A count
    listed beside the attackers (`beside`: their runs) is no part: "four raiders and two
    constables were killed" tells all the constables who died."""
    if row is None or not row.best:
        return None
    if all(s.figure.subset and s.figure.part_of not in beside for s in row.statements):
        return _term(f"{group} (parts only)", row) if parts else None
    return _term(group, row)


def _ceiling(row: Reconciled) -> int:
    """The most a row allows: its victims' and its perpetrators' highs apart, added ("killing
    himself and three soldiers": up to 4 combatants; "seven militants and three soldiers were
    killed": up to 10)."""
    roles = {s.figure.role for s in row.statements}
    if len(roles) < 2:
        return max(row.high or 0, row.best or 0)
    parts = [_row_of([s for s in row.statements if s.figure.role == r]) for r in roles]
    return sum(max(p.high or 0, p.best or 0) for p in parts if p is not None)


def _as_group(s: Statement, group: str) -> Statement:
    """A statement as one of a row of `group` (perpetrators of every group reconciled together)."""
    return replace(s, figure=replace(s.figure, group=group))


def _bounded(
    cat: str,
    rows: list[Reconciled],
    terms: list[Term],
    note: str,
    aside: tuple[Statement, ...] = (),
) -> Total:
    """The terms' sum within the rows' bounds, with its range and why."""
    floor = max((r.low or 0 for r in rows), default=0)
    ceiling = sum(_ceiling(r) for r in rows)
    raw = sum(t.value for t in terms)
    best = min(max(raw, floor), ceiling)
    low = min(max(sum(t.low for t in terms), floor), best)
    high = max(min(sum(t.high for t in terms), ceiling), best)
    shown = " + ".join(f"{t.label} {t.value:,}" for t in terms) or "no whole count"
    why = shown if len(terms) < 2 else f"{shown} = {raw:,}"
    why += note
    if best > raw:
        biggest = max(rows, key=lambda r: r.low or 0)
        why += f"; raised to {best:,}, the low of {biggest.group}, which no total may be under"
    elif best < raw:
        why += f"; cut to {best:,}, all rows' highs together"
    if aside:
        said = ", ".join(sorted({f"{s.figure.group} {s.figure.value:,}" for s in aside}))
        why += f"; set aside as claiming more than the total: {said}"
    return Total(cat, best, low, high, why, tuple(terms), aside)


def total_json(t: Total) -> dict[str, Any]:
    """A total as the stored view and the exports give it."""
    return {
        "category": t.category,
        "best": t.best,
        "low": t.low,
        "high": t.high,
        "why": t.why,
        "terms": [asdict(term) for term in t.terms],
        "set_aside": [
            {
                "key": s.figure.key,
                "doc": s.doc_name,
                "doc_id": s.figure.doc_id,
                "published": s.published,
                "group": s.figure.group,
                "value": s.figure.value,
                "value_high": s.figure.value_high,
                "qualifier": s.figure.qualifier,
                "stated": stated(s.figure.qualifier, s.figure.value, s.figure.value_high),
                "quote": s.figure.quote,
                "start": s.figure.start,
                "end": s.figure.end,
            }
            for s in t.set_aside
        ],
    }
