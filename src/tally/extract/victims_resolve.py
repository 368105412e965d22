"""Victims counted without a numeral: who is who, and the figures they add up to.

`victims.py` finds each statement that someone was harmed; this module decides
which statements name the same person (a headline, "the victim", "he", a name)
and turns the distinct people into figures whose largest value per category is
the document's count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tally.extract import victims_causes as causes
from tally.extract import victims_lexicon as lex
from tally.extract.sentences import document_sentences
from tally.keywords import quick_start
from tally.models import Document, Figure, Span

_SHOT_ONLY = re.compile(r"\bshot\b", re.IGNORECASE)
_HURT = quick_start(re.compile(r"wound|injur|hurt|hospital", re.IGNORECASE))
_QUOTE_MARK = re.compile(r"[\"“”]")


@dataclass
class Mention:
    """One statement that a person (or a counted group) was harmed."""

    start: int
    end: int
    category: str
    """killed, injured, or shot (harmed, outcome not said)."""
    count: int
    kind: str
    """new (another, a second), indef, def, name, plural, part (one of them)."""
    group: str
    age: int | None = None
    gender: str | None = None
    name: str | None = None
    attacker: bool = False
    attribution: str | None = None
    strong: bool = False
    killed_part: int = 0
    """For "three were shot, one fatally": how many of `count` died."""
    text: str = ""
    """The mention's words, to tell a repeated paragraph from a new victim."""
    title: bool = False
    """In the headline, which the body usually repeats."""
    head: str = "any"
    """The kind of person the noun names (man, woman, young, officer, ...), for matching."""
    reflexive: bool = False
    """ "shot himself": the shooter harmed by his own hand."""
    by_police: bool = False
    """ "officers shot him": an attacker only because the police shot him, who may be the
    person other mentions name without saying so ("a boy, 13, died")."""
    others: bool = False
    """ "three others were shot": people besides those already counted."""
    listed: bool = False
    """A count made by adding up named people ("his wife and a neighbor"), not stated."""
    more: bool = False
    """ "The driver was also killed": one more of the dead, besides those told before."""
    apart: bool = False
    """An attacker whose death the text counts apart from his victims ("killing himself and
    two guards", a suicide bomber): never among a stated toll."""
    rule: str = "victim.subject"
    """Id of the pattern that found it, carried to the figure (`Figure.rule`)."""


@dataclass
class Victim:
    """A distinct person the document says was harmed."""

    category: str
    group: str
    age: int | None
    gender: str | None
    name: str | None
    attacker: bool
    mention: Mention
    mentions: list[Mention] = field(default_factory=list)


def _compatible(v: Victim, m: Mention) -> bool:
    """Whether a mention can name an already-seen victim."""
    police = m.by_police or any(x.by_police for x in v.mentions)
    if v.attacker != m.attacker and not (m.reflexive and v.mention.reflexive) and not police:
        return False
    if v.age is not None and m.age is not None and v.age != m.age:
        return False
    if v.gender and m.gender and v.gender != m.gender:
        return False
    return not (v.name and m.name and not _same_name(v.name, m.name))


def _same_name(a: str, b: str) -> bool:
    """ "Aundrea" and "Aundrea Marie Garland" name the same person; "Garland" too."""
    first, second = set(a.split()), set(b.split())
    return first <= second or second <= first


def _pick(candidates: list[Victim], m: Mention) -> Victim | None:
    """The victim a mention most likely names: same kind of noun, then same harm, then latest."""
    if not candidates:
        return None

    def score(item: tuple[int, Victim]) -> tuple[bool, bool, int]:
        i, v = item
        heads = {x.head for x in v.mentions}
        return (m.head != "any" and m.head in heads, v.category == m.category, i)

    return max(enumerate(candidates), key=score)[1]


def _same_kind(v: Victim, m: Mention) -> bool:
    """Whether an indefinite mention ("a man") can re-introduce a victim already seen."""
    kinds = {x.head for x in v.mentions} - {"any"}
    if m.head == "any" or not kinds or m.head in kinds:
        return True
    return "officer" not in kinds | {m.head}


def resolve(mentions: list[Mention], suicide: bool) -> list[Victim]:
    """Distinct victims: each singular mention is a new person or one already seen."""
    victims: list[Victim] = []
    seen_new: dict[str, Victim] = {}
    for m in mentions:
        if m.kind in {"plural", "part"} or m.count != 1:
            continue
        target = None
        key = re.sub(r"\W+", " ", m.text.lower()).strip()
        headline = [
            v
            for v in victims
            if not m.title and any(x.title for x in v.mentions) and _compatible(v, m)
        ]
        if m.kind == "new" and key in seen_new:
            target = seen_new[key]
        elif headline and m.kind in {"new", "indef", "name"}:
            target = _pick(headline, m)
        elif m.kind != "new":
            candidates = [v for v in victims if _compatible(v, m)]
            if m.kind == "indef":
                candidates = [v for v in candidates if _same_kind(v, m)]
            if m.kind == "indef" and m.category == "injured" and m.strong:
                candidates = [
                    v
                    for v in candidates
                    if v.category != "killed" or (v.age is not None and v.age == m.age)
                ]
            if m.kind == "name":
                named = [v for v in candidates if v.name and m.name and _same_name(v.name, m.name)]
                candidates = named or [v for v in candidates if not v.name]
            target = _pick(candidates, m)
        if target is None:
            target = Victim(m.category, m.group, m.age, m.gender, m.name, m.attacker, m)
            victims.append(target)
            if m.kind == "new":
                seen_new[key] = target
        else:
            if m.category == "killed" and target.category != "killed":
                target.category, target.mention = "killed", m
            elif m.category == "injured" and target.category == "shot":
                target.category = "injured"
            if m.attacker and not target.attacker:
                target.attacker, target.group = True, m.group
            target.age = target.age or m.age
            target.gender = target.gender or m.gender
            if m.name and (not target.name or len(m.name) > len(target.name)):
                target.name = m.name
            if target.group == "people" and m.group != "people":
                target.group = m.group
        target.mentions.append(m)
    for v in victims:
        if v.category == "shot" and v.attacker and suicide:
            v.category = "killed"
        if v.category == "shot":
            v.category = "injured"
    return victims


def fatal_single(doc: Document, mentions: list[Mention], victims: list[Victim]) -> None:
    """One victim, shot, in a story about a death ("accidental shooting death"): that victim died.

    Only where nothing else in the text is said to have died or been counted.
    """
    harmed = [v for v in victims if not v.attacker]
    if not harmed and not any(m.category == "killed" for m in mentions):
        _death_in_title(doc, mentions)
        return
    if len(harmed) != 1 or harmed[0].category == "killed":
        return
    if any(m.kind in {"plural", "part"} for m in mentions):
        return
    if any(v.attacker and v.category == "killed" for v in victims):
        return
    for sentence in _opening(doc):
        cue = lex.FATAL_CUE.search(doc.text, sentence.start, sentence.end)
        if (
            cue
            and not lex.NEGATION.search(doc.text, sentence.start, sentence.end)
            and not lex.ELSEWHERE.search(doc.text, sentence.start, sentence.end)
        ):
            victim = harmed[0]
            victim.category = "killed"
            victim.mention = Mention(
                sentence.start,
                sentence.end,
                "killed",
                1,
                "def",
                victim.group,
                text=cue.group(0),
                rule="victim.fatal_cue",
            )
            return


def _death_in_title(doc: Document, mentions: list[Mention]) -> None:
    """A headline about one death ("teen charged in fatal shooting") with no victim named."""
    opening = _opening(doc)
    if not opening:
        return
    line = opening[0]
    cue = lex.TITLE_DEATH.search(doc.text, line.start, line.end)
    if (
        cue
        and not any(
            p.search(doc.text, line.start, line.end) for p in (lex.NEGATION, lex.HYPOTHETICAL)
        )
        and not causes.death_as_cause(doc.text, cue.start())
        and not causes.in_cause(doc.text, cue.end())
    ):
        mentions.append(
            Mention(
                cue.start(),
                cue.end(),
                "killed",
                1,
                "part",
                "people",
                text=cue.group(0),
                rule="victim.title",
            )
        )


def _opening(doc: Document) -> list[Span]:
    """The headline and first sentences (about 350 characters), outside furniture and quotes."""
    return [
        Span(start, end)
        for start, end in sentence_spans(doc, 350)
        if not _QUOTE_MARK.search(doc.text, start, end)
    ]


def sentence_spans(doc: Document, limit: int | None = None) -> list[tuple[int, int]]:
    """The document's sentences (`document_sentences`, up to `limit`) outside page furniture.

    Paragraphs a crawled page glued ("the hospital.Police said") are split too, so one
    paragraph's words do not qualify the next's.
    """
    text = doc.text if limit is None else doc.text[:limit]
    spans = _clipped(document_sentences(doc, glued=True), text)
    return [(s, e) for s, e in spans if e - s > 8 and not doc.in_furniture(s, e)]


def _clipped(spans: tuple[tuple[int, int], ...], text: str) -> list[tuple[int, int]]:
    """The sentence spans that start inside `text` (a prefix of the document), cut at its end."""
    out = []
    for s, e in spans:
        if s >= len(text):
            break
        e = min(e, len(text))
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return out


def figures(doc: Document, mentions: list[Mention], victims: list[Victim]) -> list[Figure]:
    """One figure per victim and per counted group, plus a document total where they add up."""
    out: list[Figure] = []

    def emit(
        category: str,
        group: str,
        value: int,
        start: int,
        end: int,
        attr: str | None,
        subset: bool = False,
        rule: str = TOTAL,
        perpetrator: bool = False,
    ) -> None:
        if value > 0:
            out.append(
                Figure(
                    doc_id=doc.id,
                    category=category,
                    group=group,
                    value=value,
                    value_high=None,
                    qualifier="exact",
                    attribution=attr,
                    quote=doc.text[start:end],
                    start=start,
                    end=end,
                    subset=subset,
                    rule=rule,
                    role="perpetrator" if perpetrator else "victim",
                )
            )

    killed_ind = [v for v in victims if v.category == "killed" and not v.attacker]
    injured_ind = [v for v in victims if v.category == "injured" and not v.attacker]
    groups = [m for m in mentions if m.kind in {"plural", "part"} and m.count > 0]
    killed = max(
        [len(killed_ind)]
        + [m.count for m in groups if m.category == "killed" and not m.attacker]
        + [m.killed_part for m in groups]
    )
    shot = max([m.count for m in groups if m.category == "shot"] + [0])
    injured = max(
        [len(injured_ind), shot - killed]
        + [m.count for m in groups if m.category == "shot" and m.others]
        + [m.count - m.killed_part for m in groups if m.category == "injured"]
    )
    stated = [m for m in groups if not m.attacker and not m.listed]
    counted = {
        "killed": max((m.count for m in stated if m.category == "killed"), default=0),
        "injured": max((m.count for m in stated if m.category in {"injured", "shot"}), default=0),
    }
    named = {"killed": len(killed_ind), "injured": len(injured_ind)}
    for v in victims:
        m = v.mention
        among = (
            v.attacker
            and not any(x.apart for x in v.mentions)
            and counted.get(v.category, 0) > named.get(v.category, 0)
        )
        group = "combatants" if v.attacker else v.group
        rule = "victim.perpetrator" if v.attacker else _single_rule(v)
        if v.attacker and v.category == "killed" and any(x.apart for x in v.mentions):
            rule = "victim.attacker_apart"
        emit(v.category, group, 1, m.start, m.end, m.attribution, among, rule, v.attacker)
    for m in mentions:
        if m.category in {"injured", "shot"} and not m.attacker and (n := _ordinal(m.text)):
            emit("injured", m.group, n, m.start, m.end, m.attribution, rule=ORDINAL)
    for m in groups:
        rule = "victim.perpetrator" if m.attacker else _sum_rule(m) if m.listed else m.rule
        args = (m.start, m.end, m.attribution, False, rule, m.attacker)
        if m.killed_part:
            emit("killed", m.group, m.killed_part, *args)
            emit("injured", m.group, m.count - m.killed_part, *args)
        elif m.category == "shot":
            emit("injured", m.group, m.count if m.others else m.count - killed, *args)
        else:
            emit(m.category, m.group, m.count, *args)
    for category, total, parts in (
        ("killed", killed, killed_ind),
        ("injured", injured, injured_ind),
    ):
        attackers: list[Victim] = []
        whole = total + len(attackers)
        stated = max((f.value for f in out if f.category == category), default=0)
        if whole <= stated or not (len(parts) >= 2 or (attackers and total)):
            continue
        evidence = [v.mention for v in parts + attackers] + [
            m for m in groups if m.category == category or (category == "killed" and m.killed_part)
        ]
        start = min(m.start for m in evidence)
        last = max(evidence, key=lambda m: m.end)
        if last.end - start > 400:
            start = last.start
        singles = {id(v.mention) for v in parts}
        for i, f in enumerate(out):
            if (
                f.category == category
                and f.value == 1
                and not f.subset
                and any(id(v.mention) in singles and v.mention.start == f.start for v in parts)
            ):
                out[i] = replace(f, subset=True)  # one of the people the total counts
        more = any(x.more for v in parts for x in v.mentions)
        rule = TOTAL_WITH_MORE if more else TOTAL
        emit(category, "people", whole, start, last.end, last.attribution, rule=rule)
    return out


TOTAL = "victim.total"
"""Rule id of the sum of the victims named one by one."""
TOTAL_WITH_MORE = "victim.total_more"
"""Rule id of that sum where one of them is told as one more (`Mention.more`: "the driver
was also killed"): people the report adds to those before, whom no total of it drops."""


def _single_rule(v: Victim) -> str:
    """Rule id of a victim named singly: `victim.deed_single` where a mention names them as
    the deed of an attacker who then harmed himself ("shot his wife and then himself"),
    else `victim.singular`."""
    return "victim.deed_single" if any(x.rule == DEED for x in v.mentions) else "victim.singular"


def _sum_rule(m: Mention) -> str:
    """Rule id of a count made by adding up named people: `victim.deed_sum` where they are
    an attacker's deed before he harmed himself ("killed his wife and two sons, then
    himself"), else `victim.sum`."""
    return "victim.deed_sum" if m.rule == DEED else "victim.sum"


DEED = "victim.deed"
"""Rule id of the objects of an attacker's harm verb in a sentence that then tells his own
death or wound ("killed his wife and two sons before turning the gun on himself"): his
deed, which does not hold him, so totals add him to it (`totals.DEED_RULES`)."""


ORDINAL = "victim.ordinal"
"""Rule id of a count an ordinal gives ("a fifth victim was found at a hospital"): the
harmed so far, the dead among them; `ordinal_counts` takes the dead out."""
_ORDINAL = re.compile(r"an?\s+(" + "|".join(lex.ORDINALS) + r")\b", re.IGNORECASE)


def _ordinal(text: str) -> int:
    """The rank an ordinal opening a mention gives its person ("a fourth victim": 4), or 0."""
    m = _ORDINAL.match(text)
    return lex.ORDINALS.index(m.group(1).lower()) + 2 if m else 0


def ordinal_counts(victims: list[Figure], numeric: list[Figure]) -> list[Figure]:
    """Victim figures with the count an ordinal gives read as the injured: the harmed so far
    less the dead ("two men died ... a third victim was wounded": 1 injured)."""
    killed = max(
        (v.value for v in victims if v.category == "killed" and v.group != "combatants"),
        default=0,
    )
    dead = max(killed, stated_dead(numeric))
    return [
        replace(v, value=v.value - dead) if v.rule == ORDINAL else v
        for v in victims
        if v.rule != ORDINAL or v.value > dead
    ]


def shot_counts(numeric: list[Figure], victims: list[Figure]) -> list[Figure]:
    """Numeric figures with "N were shot" read as the spec reads it: the shot less the dead.

    "Shot" is not a category: a count of people shot includes those who died. Where
    the victims count a statement of people shot as fewer injured (the dead taken
    out), or every one of them is among the document's dead, the numeric reading
    of that statement as N injured is dropped. Where the document states fewer dead
    than were shot ("four people had been shot ... two are confirmed dead"), the
    injured are the shot less those dead (rule `num.shot_less_dead`), unless the shot
    are "others" besides them or listed beside the dead ("1 killed, 4 shot"), which
    reports use both ways.
    """
    killed = max(
        (v.value for v in victims if v.category == "killed" and v.group != "combatants"),
        default=0,
    )
    dead = max(killed, stated_dead(numeric))
    kept = []
    for f in numeric:
        if f.category == "injured" and _SHOT_ONLY.search(f.quote) and not _HURT.search(f.quote):
            fewer = any(
                v.category == "injured" and v.value < f.value and v.start <= f.start < v.end
                for v in victims
            )
            if fewer or (killed and f.value <= killed):
                continue
            listed = any(
                k.category == "killed" and max(f.start - k.end, k.start - f.end) < 30
                for k in numeric
            )  # "1 killed, 4 shot", "4 shot, 1 dead": a headline's list, read either way
            apart = listed or bool(_BESIDES.search(f.quote))
            if f.rule == "num.shot" and dead >= f.value and not apart:
                continue  # "two people were shot ... where they later died": all of them dead
            if f.rule == "num.shot" and 0 < dead < f.value and not apart:
                f = replace(f, value=f.value - dead, rule="num.shot_less_dead")
        kept.append(f)
    return kept


def stated_dead(numeric: list[Figure]) -> int:
    """The largest count of dead victims the numerals state in their own clause."""
    return max(
        [0]
        + [
            f.value
            for f in numeric
            if f.category == "killed" and f.role == "victim" and not f.subset
            and f.rule not in WEAK_HARM
        ]
    )  # fmt: skip


def all_died(v: Figure, numeric: list[Figure]) -> bool:
    """Whether a victim count of people shot ("two people were shot"), outcome untold, counts
    as many people as the numerals say died later ("the two were taken to a hospital where
    they died"): they are the dead, not injured."""
    plain = _SHOT_ONLY.search(v.quote) and not _HURT.search(v.quote) and not _OTHERS.search(v.quote)
    dead = stated_dead([f for f in numeric if not _OTHERS.search(f.quote)])
    return (
        bool(plain)
        and v.rule == "victim.subject"
        and v.category == "injured"
        and 1 < v.value == dead
    )


WEAK_HARM = frozenset(
    {"num.window_after", "num.window_before", "num.inherit", "num.inherit_bare", "num.listed"}
)
"""Rules that take a count's harm from a cue near it, not from its own clause ("two men"
a few words from "shot"): too weak a count of the dead to take from the people shot."""
_OTHERS = re.compile(r"\bother", re.IGNORECASE)
_BESIDES = re.compile(r"\bother|\balso\b", re.IGNORECASE)
"""People shot besides the dead: "three others were shot", "two women were also shot"."""
