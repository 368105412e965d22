"""Numeric figures and victim counts made into one reading of a document.

`figures.extract_numeric` reads numerals; `victims.count_victims` reads the
people a text names and the sums they make. This module decides what each
numeric figure is when the victims' reading says more about it: a count of
attackers who did the harm is no figure ("two gunmen shot and killed a
driver"). Which counts are the attackers' (`role`) `extract.attacker` decided
before; this module pairs counts of the same role.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tally.extract.victims_causes import DEATH_AS_CAUSE
from tally.extract.victims_lexicon import DEATH_OF
from tally.extract.victims_resolve import (
    ORDINAL,
    all_died,
    ordinal_counts,
    sentence_spans,
    shot_counts,
)
from tally.models import Document, Figure

_AGENT_BEFORE = re.compile(
    r"\bby\s+(?:the\s+|some\s+|at\s+least\s+|(?:an?|the)\s+(?:group|gang|band|squad|team|mob)"
    r"\s+of\s+(?:about\s+|some\s+|at\s+least\s+)?)?$",
    re.IGNORECASE,
)
_ROSE_BY = re.compile(r"\b(?:rose|risen|rising|increased|climbed|jumped|grew|up)\s+by\s+$", re.I)
_VERB_FIRST = re.compile(
    r"\s*(?:kill|wound|injur|shoot|shot|leav|left|murder|slay|slew|massacr)", re.IGNORECASE
)
_ACTIVE_END = re.compile(
    r"\b(?:killed|shot|shot\s+dead|shot\s+and\s+killed|gunned\s+down|murdered|assassinated|"
    r"executed|beheaded|lynched|stabbed|hacked|wounded|injured|attacked|ambushed|abducted|"
    r"kidnapped|opened\s+fire\s+on)$",
    re.IGNORECASE,
)
_OBJECT_NEXT = re.compile(
    r"\s+(?:and\s+(?:killed|wounded|injured)\s+)?(?:(?:an?|the|one|his|her|him|them|their|two|three|four|five|"
    r"six|seven|eight|nine|ten|several|\d+)\b|(?-i:[A-Z][a-z]))",
    re.IGNORECASE,
)
_NOT_OBJECT = re.compile(
    r"\s+(?-i:In|On|At|During|After|When|While|Near|Inside|Outside|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\b"
)
_WITHOUT_SERVICE = re.compile(
    r"\s+without\s+(?:power|electricity|water|light|heat|heating|gas|fuel|internet|phone|"
    r"service|supplies|food)\b",
    re.IGNORECASE,
)
"""People "left without power" were not harmed: no figure."""
_WORDS = re.compile(r"[a-z]+")
APART = frozenset({"victim.attacker_apart"})
"""Rules of an attacker's own death told beside his victims ("killing himself and one
guard"): never the numeral's reading of the victims it overlaps."""
_THE_DEATH_OF = re.compile(r"(?:the\s+)?(" + DEATH_OF.pattern.removeprefix(r"\b") + ")", re.I)
"""A figure's quote that names its harm by a noun ("the killing of two youths")."""


def combine(doc: Document, numeric: list[Figure], victims: list[Figure]) -> list[Figure]:
    """Numeric figures plus victim counts that say something the numerals do not.

    A victim count that overlaps a numeric figure of its category is dropped,
    unless its span contains the numeric ones and counts more than they add up
    to ("two men and a woman" is 3, not "two men"; "14 students and one
    teacher" stays two figures, which the totals add: the gold files list parts
    stated with numerals, not their sum).
    """
    numeric = shot_counts(_harmed(doc.text, numeric), victims)
    victims = ordinal_counts(victims, numeric)
    victims = [v for v in victims if not all_died(v, numeric)]
    victims = [v if v.rule else replace(v, rule="victims.count") for v in victims]
    victims = [v for v in victims if not _title_counted(doc, v, numeric)]
    out = list(numeric)
    for v in map(lambda v: _without_attackers(v, numeric), victims):
        if v is None:
            continue
        misread = [f for f in out if _misread(f, v)]
        if misread:
            out = [f for f in out if f not in misread] + [v]
            continue
        if any(
            f.value == v.value
            and (f.role == v.role or (f.category == v.category and _one_reading(f, v)))
            and f.start < v.end
            and v.start < f.end
            and (f.category == v.category or not (_part_beside(f, v) or _rest(f, v, victims)))
            for f in numeric
        ):
            continue  # the numeral's reading of the same people ("killed one rebel fighter")
        clash = [
            f
            for f in numeric
            if f.category == v.category and f.role == v.role and f.start < v.end and v.start < f.end
        ]
        if not clash:
            if not any(
                f.category == v.category
                and f.value == v.value
                and f.role == v.role
                and not _also(doc.text, f)
                for f in numeric
            ):
                out.append(v)
            continue
        inside = all(v.start <= f.start and f.end <= v.end for f in clash)
        less_dead = any(f.rule == "num.shot_less_dead" for f in clash)
        more = not less_dead and v.value > sum(f.value for f in clash)
        if inside and (more or _shot_split(v, clash, victims)):
            out = [f for f in out if f not in clash]
            out.append(v)
    out = [_apart_if_also(doc.text, f) for f in _before_a_rank(_singles_as_parts(out))]
    return sorted(out, key=lambda f: (f.start, f.end))


ALSO_APART = "perpetrator.also"
"""Rule id of attackers told as harmed "also" ("two of the attackers were also killed"):
besides the victims told before, so a tally of those does not hold them."""


def _apart_if_also(text: str, f: Figure) -> Figure:
    """An attackers' count told "also" as one counted apart from the victims (`ALSO_APART`)."""
    if f.role != "perpetrator" or f.subset or not _also(text, f):
        return f
    return replace(f, rule=ALSO_APART)


TITLE = "victim.title"
"""Rule id of one death a headline tells with no victim named ("man shot dead")."""


def _title_counted(doc: Document, v: Figure, numeric: list[Figure]) -> bool:
    """Whether `v` is a headline's one death in a sentence whose numerals count the dead
    ("two guards posted at the gate were shot dead"): the count is the dead it tells of."""
    if v.rule != TITLE:
        return False
    span = next(((s, e) for s, e in sentence_spans(doc) if s <= v.start < e), None)
    return span is not None and any(
        f.category == "killed" and f.role == "victim" and span[0] <= f.start < span[1]
        for f in numeric
    )


_ALSO = re.compile(r"\balso\b", re.IGNORECASE)


def _also(text: str, f: Figure) -> bool:
    """Whether numeric `f` counts people harmed "also", beside one told before ("one of his
    guards was also killed", "the attack also killed two others"): not that one again."""
    return bool(_ALSO.search(text, max(0, f.start - 20), f.end))


def _before_a_rank(figures: list[Figure]) -> list[Figure]:
    """Counts of the injured stated before an ordinal that ranks more ("four people were
    shot ... a fifth victim was found at a hospital"): parts of the count it gives."""
    ranks = [f for f in figures if f.rule == ORDINAL]
    return [
        replace(f, subset=True)
        if f.category == "injured"
        and f.rule != ORDINAL
        and any(r.start > f.start and r.value > f.value for r in ranks)
        else f
        for f in figures
    ]


def _without_attackers(v: Figure, numeric: list[Figure]) -> Figure | None:
    """A victims' sum without the attackers its list names by a numeral, which are counted as
    perpetrators ("four militants and a soldier were killed": one victim beside four
    attackers); None where it names no one else."""
    if v.role != "victim" or v.rule not in SUMS:
        return v
    inside = sum(
        f.value
        for f in numeric
        if f.role == "perpetrator"
        and f.group == "combatants"
        and f.category == v.category
        and f.start < v.end
        and v.start < f.end  # its qualifier may start before the list ("at least 12 militants")
    )
    if not inside:
        return v
    if v.value <= inside:
        return None
    return replace(v, value=v.value - inside, rule=BESIDE_ATTACKERS)


BESIDE_ATTACKERS = "victim.sum_beside_attackers"
"""Rule id of a victims' sum from a list that also names attackers, who are counted apart."""
SUMS = frozenset({"victim.sum", "victim.deed_sum"})
"""Rules of a victims' count made by adding up the people a list names."""


def _one_reading(f: Figure, v: Figure) -> bool:
    """Whether numeric `f` and victim count `v` of another role read one count of people, one
    as victims and one as attackers ("killed one rebel fighter"), not an attacker told apart
    ("killing himself and one guard") or a count made by subtraction."""
    return v.rule not in APART and f.rule in STATED


STATED = frozenset({"num.harm_before", "num.harm_after", "num.verb_list", "num.listed"})
"""Rules of a numeral whose harm its own clause states."""


def _part_beside(f: Figure, v: Figure) -> bool:
    """Whether numeric `f` is the part of the people `v` counts that met another fate ("shot
    two people, one of whom died": the one dead beside the one injured), not `v` misread."""
    return f.subset and v.start <= f.start and f.end <= v.end


def _rest(f: Figure, v: Figure, victims: list[Figure]) -> bool:
    """Whether victim count `v` is the injured rest of a count of people shot whose dead
    numeric `f` gives ("shot four people, killing two": two dead, two injured), not `f`
    misread: the victims' reading splits the same words into `f`'s dead and `v`."""
    return (
        v.category == "injured"
        and f.category == "killed"
        and v.start < f.start
        and f.end <= v.end
        and any(
            k.category == "killed" and k.value == f.value and (k.start, k.end) == (v.start, v.end)
            for k in victims
        )
    )


def _shot_split(v: Figure, clash: list[Figure], victims: list[Figure]) -> bool:
    """Whether victim count `v` is the injured rest of people shot, some fatally ("three
    people -- one fatally -- were shot": one dead, two injured), where the numerals read the
    count of all those shot as injured from a nearby cue or a bare "shot"."""
    if not all(f.rule in NEARBY or f.rule == "num.shot" for f in clash):
        return False  # "four men injured and one dead": the numerals' injured stand
    shot = sum(f.value for f in clash)
    return v.category == "injured" and any(
        k.category == "killed"
        and (k.start, k.end) == (v.start, v.end)
        and k.value + v.value == shot
        for k in victims
    )


SINGLE = frozenset({"victim.singular", "victim.deed_single"})
"""Rule ids of a victim named singly ("a 19-year-old was shot in the face", "shot his wife
and then himself")."""
NEARBY = frozenset(
    {"num.window_after", "num.window_before", "num.inherit", "num.inherit_bare", "num.listed"}
)
"""Rules that take a harm from a cue near the number, not from its own clause ("two men"
a few words from "shot"): too weak to make the victims named one by one parts of it."""


def _singles_as_parts(figures: list[Figure]) -> list[Figure]:
    """Victims named one by one are parts where the document counts more of their harm.

    "Four men were shot ... A 19-year-old was shot in the face, a 21-year-old in the
    thigh": each named victim is one of the four, not a count of the injured; read as
    a count of its own, the singles outvote the stated four. Where no larger count of
    the category is stated, a single victim is the whole count and stays so.
    """
    most: dict[str, int] = {}
    for f in figures:
        if f.role == "victim" and not f.subset and f.rule not in SINGLE and f.rule not in NEARBY:
            most[f.category] = max(most.get(f.category, 0), f.value)
    return [
        replace(f, subset=True)
        if f.rule in SINGLE and f.role == "victim" and most.get(f.category, 0) > 1
        else f
        for f in figures
    ]


def _misread(f: Figure, v: Figure) -> bool:
    """Whether a numeric figure is the object of the verb a victim count reads it with, in
    another category ("killing himself and three guards, and wounding five": three killed)."""
    return (
        v.rule in {"victim.object", "victim.deed"}
        and v.category == "killed"
        and f.value == v.value
        and f.role == v.role
        and f.category != v.category
        and f.category in {"killed", "injured"}
        and v.start < f.start
        and f.end <= v.end
    )


def _harmed(text: str, numeric: list[Figure]) -> list[Figure]:
    """Numeric figures without the doers of the harm and people left without a service."""
    out = []
    for f in numeric:
        if _agent(text, f) or _WITHOUT_SERVICE.match(text, f.end) or _cause(text, f):
            continue
        out.append(f)
    return out


def _cause(text: str, f: Figure) -> bool:
    """Whether a numeric figure is a death the event is told as a cause or sequel of ("protesting
    against the killing of two youths", "arrested for the murder of three traders"), not one
    of its harms: another event's toll."""
    death = _THE_DEATH_OF.match(f.quote)
    if death is None:
        return False
    at = f.start + death.start(1)
    return bool(DEATH_AS_CAUSE.search(text[max(0, at - 60) : at]))


def _agent(text: str, f: Figure) -> bool:
    """Whether a numeric figure counts the people who did the harm, not those harmed:
    "killed by two gunmen", "two militants shot dead a driver"."""
    if f.category not in {"killed", "injured"}:
        return False
    before = text[max(0, f.start - 30) : f.start]
    if (
        _AGENT_BEFORE.search(before)
        and not _ROSE_BY.search(before)
        and not _VERB_FIRST.match(f.quote)
    ):
        return True
    if not _ACTIVE_END.search(f.quote):
        return False
    return bool(_OBJECT_NEXT.match(text, f.end)) and not _NOT_OBJECT.match(text, f.end)
