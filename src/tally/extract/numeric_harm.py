"""What harm a count's own words name, read for `extract.figures`: its noun ("62 deaths"),
a fate verb before it ("left four people wounded"), a toll phrase ("put the toll at 88"),
a set it is taken from ("one of the two people killed"), or that its people are suspects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tally.extract import breakdown
from tally.extract import lexicon as lex
from tally.extract.numbers import NumberMention
from tally.extract.phrases import NUMBER_WORDS, noun_group, predicate
from tally.extract.tolls import OFFICIAL, PERIOD_TOLL, TOLL, since_last_count, toll_category
from tally.extract.vocab import english
from tally.keywords import quick_start

_VOCAB = english()
_CLAUSE_END = quick_start(re.compile(r"[.;:!?]|\b(?:but|while|whereas|after|when|before)\b", re.I))
"""Where the clause of a count ends, for the harm told after its object."""
_HARMED_LATER = re.compile(
    r"[^.;]*?\b(?:(?:were|was|are|is|been)\s+(?:\w+\s+)?(?:killed|shot|wounded|injured|murdered"
    r"|slain|hurt|executed)|died)\b",
    re.I,
)
"""The count's own harm told after the suspect word ("four men they had arrested were killed")."""
_HARMED_OF: dict[str, str | None] = {
    "dead": "killed",
    "killed": "killed",
    "victims": None,
    "wounded": "injured",
    "injured": "injured",
    "missing": "missing",
    "displaced": "displaced",
}
HARM_NOUNS = _VOCAB.harm_nouns
"""Nouns that are themselves the harm ("62 deaths", "12 hostages")."""
_NEGATED = quick_start(re.compile(r"\b(?:not|no|never|without)\b|n't\b", re.I))
_OF_PEOPLE = re.compile(r"^\s+of\s+(?:the\s+)?([a-z-]+)(?:\s+([a-z-]+))?")
_PARTITIVE = re.compile(
    r"\s+of\s+(?:the|those|these)\b(?P<rest>(?:\s+(?!(?:was|were|is|are|has|have|had|remains?"
    r"|remained|died|dies|later|who|that|and|in|at|on|to)\b)[\w'-]+){1,4})",
    re.I,
)
"""'two of the men', 'one of those killed': a count taken out of a set named after it (the
set's words, up to the clause's verb)."""
_STATUS_CUE = re.compile(r"\b(?:condition|hospital|treated|surgery|stable|recovering)", re.I)
"""Where the injured are or how they fare: a count of them is a part of the injured."""
_STATUS_NOUNS = _VOCAB.status_nouns
"""People whose noun names a harm, unless the sentence says something else befell them."""
_THEM = re.compile(
    r"(?:\b(?:and|then|before|after)\s+(?:then\s+|later\s+)?(?:[a-z]+ly\s+)?[a-z]+\s+(?:[a-z]+\s+)?"
    r"|,\s*(?:[a-z]+ly\s+)?[a-z]+ing\s+)them"
    r"(?P<dead>\s+(?:dead|to\s+death))?\b",
    re.I,
)
"""The people of a count taken up again as a harm verb's object later in its clause ("pulled
six people from a bus and shot them dead", "seized four men before executing them")."""
_THEM_SPAN = 200
_SENTENCE_STOP = re.compile(r"[;:!?]|\.(?:\s|$)")
_SUSPECTS = re.compile(
    rf"(?:(?!\band\b)[^.;]){{0,40}}?\b((?:{'|'.join(_VOCAB.suspects_after)})\b)", re.I
)


@dataclass
class Found:
    """A figure being read from one sentence (offsets relative to the sentence)."""

    num: NumberMention
    category: str | None
    group: str
    qualifier: str
    qstart: int
    end: int
    cue: str | None = None
    official: str | None = None
    coordinated_next: bool = False
    coordinated_prev: bool = False
    them: bool = False
    official_pos: int = -1
    attribution: str | None = None
    subset: bool = False
    rule: str | None = None
    head: str | None = None
    continues: bool = False
    """The sentence goes on with the count before ("Another 25 ...", "At that point 37 ...")."""

    def decide(self, category: str | None, rule: str) -> None:
        """Set the category and the id of the rule that decided it (no-op for None)."""
        if category is not None:
            self.category, self.rule = category, rule


def suspects(after: str) -> bool:
    """Whether the words after a count's noun make its people the suspects, before any harm
    word ("two men are in custody in connection with a shooting that killed a boy")."""
    m = _SUSPECTS.match(after)
    return (
        m is not None
        and not lex.CUE_RE.search(after, 0, m.start(1))
        and not _HARMED_LATER.match(after, m.end())
    )


def fate_after(f: Found, sentence: str, tail: str, cut: int) -> None:
    """The harm of a count a fate verb takes ("left two men and a woman dead", "leaving four
    people wounded"): the first harm cue after it in its clause, if any."""
    verb = lex.FATE_VERB_BEFORE.search(tail)
    if verb is None:
        return
    stop = _CLAUSE_END.search(sentence, f.end)
    end = min(stop.start() if stop else len(sentence), f.end + 120)
    cue = lex.CUE_RE.search(sentence, f.end, end)
    if cue is None or _NEGATED.search(sentence, f.end, cue.start()):
        return
    f.decide(lex.cue_category(cue), "num.fate_after")
    f.qstart = cut + verb.start()
    f.cue = cue.group(0)


def partitive_part(f: Found, after: str) -> bool:
    """Whether a count taken out of a set ("one of the two people killed", "three of the
    men are in critical condition") is a part of its own category: the set it is taken from
    was harmed the same way, or it says how some of the injured fare. "Two of the men
    died" counts the dead among those shot: that is the whole of the killed."""
    part = _PARTITIVE.match(after)
    if part is None or f.category not in {"killed", "injured"}:
        return False
    cue = lex.CUE_RE.search(part.group("rest"))
    if cue is not None and lex.cue_category(cue) == f.category:
        return True
    return f.category == "injured" and bool(f.cue and _STATUS_CUE.search(f.cue))


def harmed_them(f: Found, sentence: str) -> None:
    """The harm of a count whose people a later verb of its sentence takes as "them", with no
    count between ("abducted five villagers and killed them"): that verb's."""
    stop = _SENTENCE_STOP.search(sentence, f.end)
    end = min(stop.start() if stop else len(sentence), f.end + _THEM_SPAN)
    them = _THEM.search(sentence, f.end, end)
    if them is None or _NEGATED.search(sentence, f.end, them.start()):
        return
    between = [w.strip(",") for w in sentence[f.end : them.start()].lower().split()]
    months = _VOCAB.month_words
    if any(
        (w.isdigit() and not (i and between[i - 1] in months))
        or w in NUMBER_WORDS
        or w in {"them", "they"}
        for i, w in enumerate(between)
    ):
        return
    at = them.start() + them.group(0).lower().rfind("them")
    verb = lex.VERB_BEFORE.search(sentence, max(f.end, at - 60), at)
    if them.group("dead"):  # "shot them dead", "beat them to death"
        f.decide("killed", "num.harmed_them")
    elif verb is not None:
        f.decide(verb.lastgroup, "num.harmed_them")


def harm_of_noun(
    f: Found,
    sentence: str,
    after: str,
    head: str | None,
    harmed: re.Match[str] | None,
    group: str | None,
    verb_before: bool,
) -> None:
    """The harm the number's own noun names ("62 deaths", "five of the dead", "nine suicide bombers").

    A status noun ("refugees", "hostages") names no harm when a harm verb takes it as its
    object ("shelled the camp, killing 40 refugees"): the verb decides.
    """
    if harmed:
        f.decide(_HARMED_OF[harmed.group(1).lower()], "num.of_the_harmed")
        if harmed.group(1).lower() == "victims" and breakdown.identified(after[harmed.end() :]):
            f.decide("killed", "num.identified")
        f.subset = f.category is not None and group is None
    elif head in _VOCAB.act_nouns:
        said_of = _of_people(sentence[f.end :])
        words = set(after[: f.end - f.num.end].lower().split())
        if said_of or not words.isdisjoint(_VOCAB.act_qualifiers):
            f.decide("killed", "num.acts_of_killing")
            if said_of:
                f.group, f.end = said_of[0], f.end + said_of[1]
    elif head in HARM_NOUNS and not (
        head in _STATUS_NOUNS and (verb_before or predicate(sentence[f.end :]))
    ):
        f.decide(HARM_NOUNS[head], "num.harm_noun")
    elif head and head in {"injured", "wounded", "dead", "displaced", "missing"}:
        f.decide(lex.cue_category(lex.CUE_RE.match(head)), "num.harm_noun")
    if f.category is None and head and head not in lex.GROUP_NOUNS:
        cue = lex.CUE_RE.fullmatch(head)
        if cue:
            f.decide(lex.cue_category(cue), "num.cue_noun")
    if f.category is None and group == "combatants":
        words = " ".join(after[: f.end - f.num.end].lower().split())
        if any(words.startswith(w) or f" {w}" in words for w in _VOCAB.self_killing):
            f.decide("killed", "num.suicide_attackers")


def _of_people(text: str) -> tuple[str, int] | None:
    """(group, end) of an "of <people>" after a noun ("killings of civilians"), or None."""
    m = _OF_PEOPLE.match(text)
    if not m:
        return None
    for i in (1, 2):
        if m.group(i) and m.group(i) in lex.GROUP_NOUNS:
            return lex.GROUP_NOUNS[m.group(i)], m.end(i)
    return None


def toll(f: Found, lead: str, group: str | None, head: str | None, prev: Found | None) -> None:
    """A number given as a toll ("put the toll at 88", "the figures at 413", "from 58 to 60")."""
    if f.category is not None:
        return
    rest = since_last_count(lead[-150:])
    t = TOLL.search(rest)
    if not t:
        return
    window = t.group(0)
    if PERIOD_TOLL.search(rest):
        return
    if not (group is None or head in {"others", "people"} or (t.group("kw") and len(window) <= 30)):
        return
    f.decide(toll_category(window, prev.category if prev else None), "num.toll")
    if f.category is None:
        return
    f.group = group or noun_group(window) or "people"
    off = OFFICIAL.search(rest)
    if off:
        f.official, f.official_pos = off.group(0).strip(), len(lead) - len(rest) + off.start()
    if len(window) <= 40:
        f.qstart = len(lead) - len(window)
