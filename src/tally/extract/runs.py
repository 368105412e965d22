"""Runs of counts that make one toll: "two soldiers and three civilians were killed" is 5.

A description often gives a toll only in parts: counts of one harm stated one after
another, joined by "and" or commas, each with its own noun ("seven fighters and two
police officers killed", "killed a guard and four passers-by"). Each part is a figure
of its own (the gold files list the parts, not their sum); this component marks the
figures of one run with the run's span (`part_of`), so that the totals add them
instead of choosing one. A run is not formed where its counts are parts of a total
stated before them ("killed 20, including three soldiers and two children": a dash,
"including", "among them"), nor across a clause ("three died and two were hurt"). A run
may name victims and attackers ("four rebels and a soldier were killed"): the totals add
each role's terms apart, and count those attackers apart from the victims.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from tally.extract.context import part_after
from tally.extract.lexicon import NOUN_TAIL
from tally.extract.vocab import english
from tally.models import Document, Figure

REQUIRES = ("category", "role", "start", "end", "subset", "rule")
ASSIGNS = ("part_of",)

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CLAUSE_START = re.compile(r"[.;:!?]|\n")
OPENS = frozenset({"num.listed", "num.harm_before", "num.fate_after"})
"""Rules of a count that can open a run: its harm is read from the counts after it ("two
soldiers and three civilians were killed") or from the verb before it ("killed three
soldiers and two civilians"). A count with its own predicate ("two were killed") ends its
clause: a count after it ("and seven others injured") starts another."""
AFTER_LISTED = frozenset({"num.listed", "num.harm_after", "num.harm_noun", "num.shot"})
"""Rules of a count that goes on a run of listed counts: the next listed, or the last,
whose predicate is the run's."""
LISTS = frozenset({"num.listed", "num.fate_after"})
"""Rules of a count whose harm is told after the run ("left a soldier and a farmer dead")."""
COMPANIONS_OF = frozenset({"victim.singular", "victim.title", "victim.sum", "num.harm_after"})
"""Rules of a count that opens a run only with its companions named after it ("a judge was
killed along with two guards"): the companions are others, and are added."""
NOT_TERMS = frozenset(
    {"num.breakdown", "num.breakdown_next", "num.of_them", "num.partitive", "num.identified"}
)
"""Rules of a count that is a part of what was counted before it ("two of them")."""
NEAR = frozenset({"num.window_before", "num.window_after"})
"""Rules of a companion count ("along with three guards") that the run goes on from."""
AFTER_VERB = frozenset({"num.verb_list", "num.inherit"})
"""Rules of a count that goes on a run opened by a harm verb: another object of it."""


@cache
def _patterns() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str], re.Pattern[str]]:
    vocab = english()
    joiners = "|".join(vocab.run_joiners)
    gap = re.compile(
        rf"^(?P<words>[^\d,;.:()]*?)\s*(?P<comma>,)?\s*(?:(?P<join>{joiners})\s+)?$", re.I
    )
    before = re.compile(rf"(?:{'|'.join(vocab.run_parts_before)})", re.I)
    beside = re.compile(rf"\s*,?\s*(?:{'|'.join(vocab.run_companions)})\s+$", re.I)
    return gap, vocab.run_breaks, before, beside


def by_run(doc: Document, figures: list[Figure]) -> list[Figure]:
    """`figures` with `part_of` set on each term of a run of two or more counts."""
    runs = find_runs(doc.text, figures)
    runs += more_runs(doc.text, figures, {i for run in runs for i in run})
    if not runs:
        return figures
    span = {}
    for run in runs:
        key = f"{figures[run[0]].start}-{figures[run[-1]].end}"
        span.update((i, key) for i in run)
    return [replace(f, part_of=span[i]) if i in span else f for i, f in enumerate(figures)]


_MORE = re.compile(r"(?:another|a\s+further|an\s+additional)\s|[\w,-]+\s+more\b", re.I)
"""A count told as added to one before it ("another three died in hospital", "four more
bodies were found"): the two are one toll's terms."""
_MORE_BEFORE = re.compile(r"\b(?:another|a\s+further|an\s+additional)\s+$", re.I)
_ALSO = re.compile(r"\b(?:also|too)\b", re.I)
"""A victim named as killed "also" ("a passer-by was also killed"): one more beside the count
before, unless both are the victims reader's own (it has added them up). Not one "also shot",
who may be of a count of people shot before ("a triple shooting ... a child was also shot")."""
_ONE_MORE_RULES = frozenset({"victim.singular"})
_ALSO_COUNTS = frozenset({"num.harm_after"})
"""Rules of a count whose own predicate may say "also" ("two guards were also killed"): those
people beside the victim named before, even where the victims reader took that one for a
part of the count."""
_ALSO_BEFORE = frozenset({"num.harm_before"})
_ALSO_VERB = re.compile(r"\balso\s+(?:\w+\s+)?$", re.I)
"""A harm verb told "also" right before a count ("also killed two guards"): those beside the
victim named before."""
_MORE_GAP = 400


def more_runs(text: str, figures: list[Figure], taken: set[int]) -> list[list[int]]:
    """Pairs of the count before and a count added to it (`_MORE`), of one harm and role,
    within a few sentences, neither a part nor already a run's term."""
    order = sorted(range(len(figures)), key=lambda i: (figures[i].start, figures[i].end))
    out: list[list[int]] = []
    for n, i in enumerate(order):
        f = figures[i]
        counted = f.rule in _ALSO_COUNTS  # "three bodyguards were also killed"
        also = (
            ((f.rule in _ONE_MORE_RULES and f.value == 1) or counted)
            and f.category == "killed"
            and bool(_ALSO.search(f.quote))
        )
        also_verb = (  # "a guard was shot dead ... the attack also killed two passers-by"
            not also
            and f.rule in _ALSO_BEFORE
            and f.category == "killed"
            and bool(_ALSO_VERB.search(text, 0, f.start))
        )
        also = also or also_verb
        added = (
            _MORE.match(text, f.start)
            or _MORE_BEFORE.search(text, max(0, f.start - 20), f.start)
            or also
        )
        if i in taken or not added:
            continue
        j = next((j for j in reversed(order[:n]) if figures[j].end <= f.start), None)
        if j is None:
            continue  # the count it is added to is the one just before, of its harm
        g = figures[j]
        if g.category != f.category or g.role != f.role or f.start - g.end >= _MORE_GAP:
            continue  # "a boy shot dead and another two wounded": another harm, no sum
        if also_verb and g.rule not in _ONE_MORE_RULES:
            continue  # beside a count, "also killed eight officials" may be another place's
        headline = "\n" not in text[: g.start].strip() and "\n" in text.strip()
        own = g.subset and not (
            also
            and (
                (g.rule.startswith("num.") and g.rule not in NOT_TERMS)
                or (counted and g.rule in _ONE_MORE_RULES)
            )
        )
        if j in taken or own or g.part_of or headline:
            continue  # a headline's count is the toll the article then tells again
        out.append([j, i])
        taken.update((i, j))
    return out


def find_runs(text: str, figures: list[Figure]) -> list[list[int]]:
    """Indexes of `figures` (in text order) forming runs, each in text order."""
    order = sorted(range(len(figures)), key=lambda i: (figures[i].start, figures[i].end))
    runs: list[list[int]] = []
    current: list[int] = []
    joined = False
    for i in order:
        f = figures[i]
        if current and _follows(text, figures, current[-1], i):
            joined = joined or _joined(text, figures[current[-1]], f)
            current.append(i)
            continue
        if _whole(text, figures, current, joined):
            runs.append(current)
        current, joined = ([i] if _term(text, f) else []), False
    if _whole(text, figures, current, joined):
        runs.append(current)
    return runs


def _whole(text: str, figures: list[Figure], run: list[int], joined: bool) -> bool:
    """Whether `run` is a run: two or more terms, a joining word, and no words after it that
    make them a part ("two soldiers and a child were among the dead")."""
    if len(run) < 2 or not joined or part_after(text, figures[run[-1]]):
        return False
    first, rest = figures[run[0]].value, sum(figures[i].value for i in run[1:])
    # "17 people, 11 soldiers and six civilians": a total, then its parts
    return len(run) < 3 or first != rest or _joined(text, figures[run[0]], figures[run[1]])


def _term(text: str, f: Figure) -> bool:
    """Whether `f` can open a run: a whole count, not a part of a total before it."""
    if f.rule not in OPENS and f.rule not in COMPANIONS_OF:
        return False
    lead = text[max(0, f.start - 60) : f.end]  # its own words too: "the dead included five"
    clause = _CLAUSE_START.split(lead)[-1]
    return not _patterns()[2].search(clause)


_NOUN_PP = re.compile(rf"\s*{NOUN_TAIL},?\s*(?:and|as\s+well\s+as|plus)\s+$", re.I)
"""A listed count's noun phrase going on to the next count ("one soldier from the army and
"): a short phrase of its noun, then the joining word."""


def _follows(text: str, figures: list[Figure], last: int, i: int) -> bool:
    """Whether figure `i` continues the run whose last term is `last`."""
    a, b = figures[last], figures[i]
    if b.category != a.category or b.start < a.end:
        return False
    if _patterns()[3].match(text, a.end, b.start):
        return b.rule not in NOT_TERMS  # "the mayor was killed along with three guards"
    if a.rule not in OPENS | AFTER_VERB | NEAR:
        return False  # a count with its own predicate ends its clause
    if (
        a.rule == "num.listed"
        and b.rule in AFTER_LISTED | NEAR
        and _NOUN_PP.match(text, a.end, b.start)
    ):
        return True  # "one soldier from the army and four members of the group were killed"
    if b.rule not in (AFTER_LISTED if a.rule in LISTS else AFTER_VERB):
        return False
    gap = _patterns()[0].match(text[a.end : b.start])
    if gap is None or b.start - a.end > 50:
        return False
    words = [w.lower() for w in _WORD.findall(gap.group("words"))]
    breaks = _patterns()[1]
    return (
        len(words) <= 3
        and not any(w in breaks or w.endswith(("ed", "ing")) for w in words)
        and bool(gap.group("comma") or gap.group("join"))
    )


def _joined(text: str, a: Figure, b: Figure) -> bool:
    """Whether a joining word (not only a comma) stands between `a` and `b`."""
    if _patterns()[3].match(text, a.end, b.start):
        return True
    gap = _patterns()[0].match(text[a.end : b.start])
    return bool(gap and gap.group("join"))
