"""Victims counted without a numeral: "a man was shot dead" is 1 killed,
"two men and a woman were wounded" is 3 injured, "he and three others were shot".

News about shootings rarely states a toll; it names the people harmed ("a
17-year-old boy was shot in the leg", "the victim later died"). This module
finds each statement that someone was killed, wounded or shot, resolves the
people it names against those already seen (so one victim named five times is
one victim), and emits figures whose largest value per category is the
document's count of distinct people harmed. "Shot" alone is not a category: a
person shot and not said to have died is injured.
"""

from __future__ import annotations

import re

from tally.extract import victims_causes as causes
from tally.extract import victims_lexicon as lex
from tally.extract.lexicon import SHOT_FIRED, SHOT_FIRED_BEFORE
from tally.extract.victims_objects import harm_category
from tally.extract.victims_parties import mention
from tally.extract.victims_phrases import POSSESSIVE, headline, np_at_start
from tally.extract.victims_resolve import (
    DEED,
    Mention,
    fatal_single,
    figures,
    resolve,
    sentence_spans,
)
from tally.keywords import finditer_at, lowered, may_contain, quick_start, word_alternation
from tally.models import Document, Figure

__all__ = ["count_victims"]

_QUOTED = re.compile(r"“[^”]{0,600}”|\"[^\"\n]{0,600}\"")
_SUICIDE = re.compile(r"\bmurder[- ]suicide|\bsuicide\b|\bself-inflicted\b", re.IGNORECASE)
_FULL_NAME = quick_start(
    re.compile(
        r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:\s+[A-Z]\.)?\s+"
        r"((?:(?:al|el|ad|as|ash|an|ar|at|az|ul|ud)-)?[A-Z](?:[a-z]{2,}|[a-z]+[A-Z][a-z]+))\b"
    )
)
_HARM_STEMS = (
    "shot", "shoot", "kill", "dead", "die", "wound", "injur", "hurt", "slain", "slay", "murder",
    "slaughter",
    "hospital", "condition", "fatal", "struck", "strik", "hit", "graz", "death", "homicide", "self",
    "life", "lives", "passed away", "surviv", "succumb", "gunned", "gun down", "guns down",
    "assassin", "behead", "lynch", "execut",
    "alive", "bod", "corpse", "decapitat", "hang", "hung", "detonat", "explod", "trigger", "ramm",
    "set off", "sets off", "setting off", "martyr", "slew", "throat",
)  # fmt: skip
_HARM_WORD = quick_start(re.compile("|".join(_HARM_STEMS), re.IGNORECASE))
_PART_OF = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|some|several|many|most)\s+of\s+"
    r"(?:whom|which|them|those|these)\b",
    re.IGNORECASE,
)
"""A part of the people just counted ("five were shot, one of whom died"), not all of them."""
_PART_BEFORE = re.compile(r"\b(?P<n>[\w-]+)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
""""One of five people shot ... has died": the later predicate is the part's."""
_PARENTHESES = re.compile(r",[^,;]{1,90},|\([^()]{1,90}\)")


def count_victims(doc: Document) -> list[Figure]:
    """Figures for harmed people the text counts by naming them rather than by a number."""
    mentions: list[Mention] = []
    names = frozenset(n.lower() for n in _FULL_NAME.findall(doc.text))
    for start, end in sentence_spans(doc):
        if (
            mentions
            and may_contain(lowered(doc.text[start:end]), lex.ROUNDUP_WORDS)
            and lex.ROUNDUP.search(doc.text, start, end)
        ):
            break
        mentions.extend(_mentions_in(doc.text, start, end, names))
    mentions.sort(key=lambda m: (m.start, m.end))
    first_line = doc.text.lstrip().split("\n", 1)[0]
    title_end = len(doc.text) - len(doc.text.lstrip()) + len(first_line)
    if len(first_line) < 200:
        for m in mentions:
            m.title = m.end <= title_end
    suicide = may_contain(lowered(doc.text), ("suicide", "self-inflicted")) and bool(
        _SUICIDE.search(doc.text)
    )
    victims = resolve(mentions, suicide)
    fatal_single(doc, mentions, victims)
    return figures(doc, mentions, victims)


_PRONOUN_OBJECT = re.compile(r"\s*(?:him|her)\b(?!\s*sel)", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"\b(?:he|she)\s+$", re.IGNORECASE)


def _shot_by_police(sentence: str, pm: re.Match[str], how: str) -> bool:
    """Whether the police harm someone the text names only by a pronoun ("officers shot and
    killed him", "he was shot by a deputy"): the attacker the story told of before, counted
    among the harmed as the attacker, not as one of his victims. A person the text names
    ("police shot dead two protesters") stays a victim."""
    if how == "active":
        found = bool(pm.groupdict().get("l"))  # "officers found a man shot": not their shooting
        return (
            not found
            and bool(_PRONOUN_OBJECT.match(sentence, pm.end()))
            and bool(lex.POLICE_SUBJECT.search(sentence, 0, pm.start()))
        )
    return (
        how == "passive"
        and bool(_PRONOUN_SUBJECT.search(sentence, 0, pm.start()))
        and bool(lex.BY_POLICE.match(sentence, pm.end()))
    )


def _mentions_in(text: str, start: int, end: int, names: frozenset[str]) -> list[Mention]:
    """Every harm statement in one sentence, with its subject or object counted."""
    sentence = text[start:end]
    lower = lowered(sentence)
    if not _may_harm(sentence, lower) or (
        may_contain(lower, lex.ELSEWHERE_WORDS) and lex.ELSEWHERE.search(sentence)
    ):
        return []
    words = sentence.split()
    title = headline(sentence)
    if title and len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words):
        names = frozenset({"-"})
    whole = (len(sentence) - len(sentence.lstrip()), len(sentence.rstrip()))
    # a sentence all in quotes is a report quoted whole ("One guard was killed ..."), read
    quoted = [q.span() for q in _QUOTED.finditer(sentence) if q.span() != whole]
    attribution: str | None = None
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    predicates = _predicates(sentence, lower)
    for _rank, pm, cat, how in sorted(predicates, key=lambda c: (c[1].start(), c[0])):
        pred = pm.span()
        if any(a < pred[1] and pred[0] < b for a, b in taken) and not (
            how == "active" and lex.SELF_AND.match(sentence, pm.end())
        ):
            continue
        if any(a <= pred[0] < b for a, b in quoted):
            continue
        if pm.re is lex.DEATH_OF and pm.group("body") and _body_of_another(sentence, pm):
            continue
        if pm.re is lex.DEATH_OF and causes.DEATH_AS_CAUSE.search(
            sentence[max(0, pm.start() - 60) : pm.start()]
        ):
            continue
        if causes.charged_deed(sentence, pm.start()):
            continue  # "lynched a man accused of killing his wife": an earlier event's death
        if causes.in_cause(sentence, pm.start()):
            continue  # "protest the death of a woman who was killed": the cause's death
        if pm.group(0).strip().lower() == "shot" and (
            SHOT_FIRED.match(sentence, pm.end())
            or SHOT_FIRED_BEFORE.search(sentence, max(0, pm.start() - 40), pm.start())
        ):
            continue  # "one shot was fired", "fired a second shot": the gunshot, nobody shot
        m = mention(sentence, start, pm, cat, how, names)
        if m is not None and _shot_by_police(sentence, pm, how):
            m.attacker, m.group, m.by_police = True, "combatants", True
        if m is None and how in {"passive", "intransitive"} and out:
            m = _shared_subject(sentence, start, out[-1], pm, cat)
        if m is None:
            continue
        clause = sentence[max(0, m.start - start - 40) : pred[1]]
        near = _PARENTHESES.sub(" ", sentence[max(0, m.start - start - 12) : pred[1]])
        if lex.HYPOTHETICAL.search(clause) or lex.NEGATION.search(near):
            continue
        if _one_more(m, pm):
            m.kind, m.more = "new", True  # "The driver was also killed": one more dead
        if _more_shot(m, pm) and not _RELATIVE.search(sentence, m.start - start, pred[0]):
            m.others = True  # "Ann Lee and Sam Cole were also shot": besides the dead
        taken.append(pred)
        if not out:
            attribution = _attribution(sentence, lower)
        m.attribution = attribution
        m.text = text[m.start : m.end]
        out.append(m)
    _mark_deeds(text, out)
    out.extend(_suicides_after(text, out))
    for m in out:
        along = lex.ALONG_WITH.match(text, m.end)
        if along and m.count == 1 and (n := lex.count_of(along.group("n"))):
            m.count, m.kind, m.end = n + 1, "plural", along.end()
        elif along := _along(text, m.end, names):  # "along with his wife", "... and a cousin"
            m.count, m.kind, m.end = m.count + along[0], "plural", along[1]
        if m.kind == "plural" and m.category in {"shot", "injured"}:
            if every := lex.ALL_KILLED_TAIL.match(text, m.end):
                m.category, m.end = "killed", every.end()
                continue
            tail = lex.FATALLY_TAIL.match(text, m.end) or lex.KILLING_TAIL.match(text, m.end)
            if tail and (n := lex.count_of(tail.group("n"))) and n < m.count:
                m.killed_part = n
                m.end = tail.end()
            elif (inside := lex.FATALLY_INSIDE.search(text, m.start, m.end)) and (
                (n := lex.count_of(inside.group("n"))) and n < m.count
            ):
                m.killed_part = n
    return out


_ALSO = re.compile(r"\balso\b", re.IGNORECASE)


def _one_more(m: Mention, pm: re.Match[str]) -> bool:
    """Whether a noun phrase killed "also" is one more of the dead ("the driver was also
    killed", "his brother was also killed", "a policeman was also killed"), not someone
    already counted: a noun other than a pronoun or "victim"."""
    return (
        m.kind in {"def", "indef"}
        and m.category == "killed"
        and not m.attacker
        and m.head not in {"he", "she", "victim", "any"}
        and bool(_ALSO.search(pm.group(0)))
    )


_RELATIVE = re.compile(r",\s*(?:who|which)\b", re.IGNORECASE)
"""A relative clause before the predicate ("A and B, who was also shot, ..."): its "also"
tells of one of them, not of the list."""


def _more_shot(m: Mention, pm: re.Match[str]) -> bool:
    """Whether people said to be "also" shot are more than those already counted ("a man
    died; two women were also shot": 2 injured besides him), not a total with the dead."""
    return (
        m.kind == "plural"
        and m.category == "shot"
        and not m.attacker
        and bool(_ALSO.search(pm.group(0)))
    )


_ALONG = re.compile(
    r"(?:\s+by\s+(?:[\w-]+\s+){0,3}?(?:" + word_alternation(lex.ATTACKER_NOUNS) + r"))?"
    r"\s*,?\s+(?:along|together)\s+with\s+",
    re.IGNORECASE,
)
"""Where the people harmed with one named before are listed ("was killed along with his wife"),
past the killers named between ("was shot by unknown gunmen along with his son")."""


def _along(text: str, pos: int, names: frozenset[str]) -> tuple[int, int] | None:
    """How many more people are named after a harmed one, and where they end ("was killed
    along with his wife", "along with her brother and a neighbour"), or None."""
    w = _ALONG.match(text, pos)
    if not w:
        return None
    count, end, at, counted = 0, 0, w.end(), []
    while np := np_at_start(text, at, names, False, bare=bool(counted)):  # "his wife and son"
        single = np["kind"] in {"indef", "new"} and np["count"] == 1
        if not single and (np["kind"] not in {"plural", "part"} or np["attacker"]):
            break
        count, end = count + np["count"], np["end"]
        counted.append(single or bool(POSSESSIVE.match(text, at)))
        conj = _AND.match(text, end)
        if not conj:
            break
        at = conj.end()
    if counted == [False]:
        return None  # a count of companions alone ("along with two guards") is the runs' to add
    return (count, end) if count else None


_AND = re.compile(r"\s*,?\s*and\s+|\s*,\s*(?=(?:an?|his|her|their|one|two|three)\s)", re.I)


def _suicides_after(text: str, mentions: list[Mention]) -> list[Mention]:
    """The attacker of each "double murder-suicide" or "triple homicide, suicide": dead by his
    own hand and counted apart from the murdered the word numbers (two, three)."""
    return [
        Mention(m.end, end.end(), "killed", 1, "def", "combatants", attacker=True,
                reflexive=True, apart=True, rule="victim.attacker_apart", text=text[m.start : m.end])
        for m in mentions
        if m.rule == "victim.multiple" and m.category == "killed"
        and (end := lex.SUICIDE_AFTER.match(text, m.end)) is not None
    ]  # fmt: skip


def _mark_deeds(text: str, mentions: list[Mention]) -> None:
    """Mark the objects of harm verbs before an attacker's harm to himself in one sentence
    ("shot his wife and daughter, then turned the gun on himself") as his deed (rule
    `victim.deed`): a count of them does not hold him."""
    selves = [m for m in mentions if m.reflexive and m.attacker]
    for m in mentions:
        if (
            m.rule == "victim.object"
            and not m.attacker
            and any(_deed_of(text, m, s) for s in selves)
        ):
            m.rule = DEED


def _deed_of(text: str, obj: Mention, self_harm: Mention) -> bool:
    """Whether the harm told by `obj` is the deed of whoever then harmed himself in
    `self_harm`: told before it, with no one else's words between ("denied shooting his
    brother and said the boy had shot himself" tells two people's acts)."""
    if obj.end > self_harm.end:
        return False
    gap = text[obj.end : max(obj.end, self_harm.start)]
    return not lex.REPORTED_BETWEEN.search(gap)


def _body_of_another(sentence: str, pm: re.Match[str]) -> bool:
    """Whether "the body of X" is no death of its own: not said to be found, or beside a toll
    stated in digits (which holds it)."""
    found = lex.FOUND_AFTER.match(sentence, pm.end()) or (
        not pm.group("bodies")
        and lex.FOUND_BEFORE.search(sentence[max(0, pm.start() - 40) : pm.start()])
    )
    return not found or bool(lex.COUNT_IN.search(sentence))


def _may_harm(sentence: str, lower: str | None) -> bool:
    """Whether a sentence holds any word a harm statement needs (`lower` from `lowered`)."""
    if lower is None:
        return bool(_HARM_WORD.search(sentence))
    return any(map(lower.__contains__, _HARM_STEMS))


def _predicates(sentence: str, lower: str | None) -> list[tuple[int, re.Match[str], str, str]]:
    """(rank, match, category, how) for every harm predicate in a sentence.

    Each pattern runs only where a cheap keyword test on the lower-cased
    sentence says it can match: most sentences of a news story hold none, and
    the patterns are costly to try. `lower` is `lowered(sentence)`.
    """
    found: list[tuple[int, re.Match[str], str, str]] = []
    cased = sentence.lower() if lower is None else lower
    for rank, pattern, how, cue, starts in _PATTERNS:
        if not any(map(cased.__contains__, cue)):
            continue
        if starts is None or lower is None:
            matches = pattern.finditer(sentence)
        else:
            matches = finditer_at(pattern, sentence, lower, starts)
        for pm in matches:
            if how == "reflexive":
                cat = "killed" if pm.group("k") or "turn" in pm.group(0).lower() else "shot"
            elif how == "multi":
                cat = "shot" if pm.group("kind").lower() == "shooting" else "killed"
            elif pattern is lex.DEATH_OF or how == "body":
                cat = "killed"
            else:
                cat = harm_category(pm)
            found.append((rank, pm, cat, how))
    return found


_PATTERNS: tuple[tuple[int, re.Pattern[str], str, tuple[str, ...], re.Pattern[str] | None], ...] = (
    (0, lex.REFLEXIVE, "reflexive", ("self", "own life"), None),
    (0, lex.SELF_DETONATION, "reflexive", ("his ", "her "), None),
    (0, lex.SELF_TAIL, "reflexive", ("self",), None),
    (
        1,
        lex.PASSIVE,
        "passive",
        ("was", "were", "is ", "are ", "been", "got", "gets", "be ", "being"),
        lex.PASSIVE_STARTS,
    ),
    (
        2,
        lex.INTRANSITIVE,
        "intransitive",
        (
            "die",
            "passed away",
            "succumb",
            "lost ",
            "surviv",
            "suffer",
            "sustain",
            "with ",
            "recover",
            "remain",
            "proved",
            "receiv",
        ),
        lex.INTRANSITIVE_STARTS,
    ),
    (
        3,
        lex.REDUCED,
        "reduced",
        (
            "shot",
            "kill",
            "slain",
            "dead",
            "die",
            "wound",
            "injur",
            "hurt",
            "hospital",
            "graz",
            "shoots",
            "struck by",
            "hit by",
            "condition",
            "to death",
        ),
        lex.REDUCED_STARTS,
    ),
    (
        4,
        lex.ACTIVE,
        "active",
        (
            "shot",
            "shoot",
            "kill",
            "murder",
            "slaughter",
            "gunned",
            "gun down",
            "guns down",
            "slay",
            "slew",
            "wound",
            "injur",
            "hitting",
            "striking",
            "struck",
            "strike",
            "hit",
            "left",
            "leav",
            "pronounced",
            "declared",
            "found",
            "finding",
            "discovered",
            "assassin",
            "execut",
            "behead",
            "lynch",
            "decapitat",
            "claim",
            "unable to save",
            "stab",
            "hack",
            "beat",
            "bludgeon",
            "club",
            "ston",
            "burn",
            "tortur",
        ),
        lex.ACTIVE_STARTS,
    ),
    (
        5,
        lex.DEATH_OF,
        "active",
        (
            "death",
            "killing",
            "murder",
            "slaying",
            "homicide",
            "assassination",
            "execution",
            "lynching",
            "bod",
            "corpse",
        ),
        None,
    ),
    (5, lex.BODY_FOUND, "body", ("body", "corpse"), None),
    (5, lex.BODY_FOUND_ACTIVE, "body", ("body", "corpse"), None),
    (5, lex.WOUNDING_OF, "active", ("wounding", "injuring", "shooting"), None),
    (6, lex.MULTI, "multi", ("double", "triple", "quadruple", "quintuple"), None),
)


def _shared_subject(
    sentence: str, offset: int, prev: Mention, pm: re.Match[str], cat: str
) -> Mention | None:
    """ "X was shot and later died": the subject of a coordinated predicate is the first one's."""
    between = sentence[prev.end - offset : pm.start()]
    joined = re.search(r"\b(?:and|but|before|where|then|which|who)\b|,", between)
    if len(between) > 90 or not (joined or (cat == "killed" and len(between) < 60)):
        return None
    if cat == "killed" and prev.count != 1 and not joined:
        return None
    if lex.NP.search(between) or re.search(r"\b(?:he|she|they|police|officers)\b", between, re.I):
        return None
    if _PART_OF.search(between):
        return None  # "five were shot, one of whom died": a part's predicate (`killed_part`)
    part = _PART_BEFORE.search(sentence, 0, prev.start - offset) if prev.count > 1 else None
    count = lex.count_of(part.group("n")) if part else None
    return Mention(
        start=offset + part.start() if part and count else prev.start,
        end=offset + pm.end(),
        category=cat,
        count=count if part and count else prev.count,
        kind="part"
        if part and count
        else "def"
        if prev.count == 1 and prev.kind != "plural"
        else prev.kind,
        group=prev.group,
        age=prev.age,
        gender=prev.gender,
        name=prev.name,
        attacker=prev.attacker,
        strong=cat == "injured",
        head=prev.head,
    )


def _attribution(sentence: str, lower: str | None) -> str | None:
    """Who the sentence says its statement comes from ("police said"), in its words."""
    if not may_contain(lower, lex.ATTRIBUTION_WORDS):
        return None
    m = lex.ATTRIBUTION.search(sentence)
    if not m:
        return None
    found = (m.group("a") or m.group("b") or "").strip()
    return re.sub(r"^(?:the|The)\s+", "", found) or None
