"""What an active harm predicate names after it: its object ("killing a man and a woman",
"shot the clerk, a student, ...", "injuring two others, Omar and Ali Khan"), and the mention
a people noun phrase makes."""

from __future__ import annotations

import re
from typing import Any

from tally.extract import victims_lexicon as lex
from tally.extract.victims_lexicon import NAME_WORD
from tally.extract.victims_phrases import headline, not_listed, np_at_start
from tally.extract.victims_resolve import Mention
from tally.extract.vocab import english

_APPOSITIVE = re.compile(
    r"(,\s*(?:\d{1,2}-year-old\s+)?" + NAME_WORD + r"(?:\s+(?:[A-Z]\.|" + NAME_WORD + r")){0,3}"
    r"(?:,\s*\d{1,2})?)(?=,|\s|$)"
)
_APPOSITION_REST = re.compile(r"[^,;.]{0,80}?(?=,)")
"""The rest of a name's apposition up to its closing comma ("director of the plant,")."""
_NAME_APPOSITIVE = re.compile(
    r"(,\s*(?:\d{1,2},\s*)?an?\s+[^,;.]{1,60}?)(?=,|\s+(?:and|who|was|were)\b|[;.]|$)"
)
_TO_DEATH = re.compile(r"\s+(?:to\s+death|dead|alive)\b", re.IGNORECASE)


_NAME_THEN_DEAD = re.compile(
    r"(?-i:([A-Z][a-z'’-]{2,}))(?:,\s+an?\s+[^,;.]{1,50},)?\s+(?:dead|to\s+death)\b"
)
"""One name, perhaps described, between "shot" and its fate ("shot Omar, a driver, dead")."""


def _named_dead(sentence: str, offset: int, pm: re.Match[str], cat: str) -> Mention | None:
    """The one person a killing names by a single name the text has not given in full."""
    if cat not in {"shot", "killed"}:
        return None
    m = _NAME_THEN_DEAD.match(sentence, pm.end())
    if m is None or m.group(1).lower() in lex.NOT_NAMES or m.group(1).lower() in lex.GROUP_OF:
        return None
    name = m.group(1).lower()
    return Mention(
        offset + pm.start(), offset + m.end(), "killed", 1, "name", "people",
        name=name, head="name", rule="victim.object",
    )  # fmt: skip


def harm_category(pm: re.Match[str]) -> str:
    """killed, injured or shot, from a predicate match's named groups."""
    groups = pm.groupdict()
    if groups.get("k"):
        return "killed"
    if groups.get("s"):
        return "shot"
    return "injured" if groups.get("i") else "shot"


def people_mention(np: dict[str, Any], groups: set[str], attacker: bool, **fields: Any) -> Mention:
    """A mention of the people noun phrase `np` (the first of a list of `groups`): its age,
    gender, name and kind of person from the phrase, its group the list's one group, else
    people, or the attackers'."""
    group = "combatants" if attacker else (groups.pop() if len(groups) == 1 else "people")
    return Mention(
        group=group,
        age=np.get("age"),
        gender=np.get("gender"),
        name=np.get("name"),
        attacker=attacker,
        head=lex.head_class(np["head"], np.get("age")),
        **fields,
    )


_POSTMODIFIER_PP = re.compile(
    r"\s+(?:from|of)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,4}?[\w'’-]+(?=,?\s+and\s)", re.I
)
"""A phrase after a victim's noun that says where he is from or what he belongs to, before
the next victim of the list ("one ranger from the forest post and one porter")."""
_AND_NEXT_NP = re.compile(r",?\s+and\s+(?:an?|one|the|his|her|their|another)\s", re.I)
_OR_NEXT = re.compile(r"\s*,?\s+or\s+(?:an?|the|his|her|their)\s", re.I)
_DEFINITE = re.compile(r"\s*(?:the|his|her|their|its|[A-Z]?[a-z]+['’]s)\s", re.I)
_APPOSITION_ENDS = re.compile(
    r"\s*(?:,(?!\s*(?:and|or)\b)(?!\s*(?:an?|the|his|her|their|its|one|two|three)\s)|[.;:]|$|\s(?:in|at|on|near|outside|inside|with|during|after|before|while|as|who|"
    r"and\s+(?:then|later|fled|ran|drove|left|was|were|is)|police|officers)\b)"
)


_A_AN = re.compile(r"an?\s", re.I)
_GIVEN_NAME = re.compile(r"\s+(" + NAME_WORD + r")(?=\s*(?:,|\band\b|$|\.))")
"""A name right after a kin noun ("her husband Kevin, and ..."): the same person."""
_LIST_GOES_ON = re.compile(r"(?:\s+" + NAME_WORD + r")?\s*,?\s*and\s")
"""A list that goes on after a kin noun ("her husband Kevin, and their son")."""
_KIN_OF = re.compile(r"(?:his|her|their)\s", re.I)
"""A possessive after a name and a comma ("Ann Roe, her husband and their son"): others, not
the name's apposition."""
_AND_AN = re.compile(r"\s+and\s+(?=an?\s)", re.I)
"""A second role of one named person, without a comma before it ("a judge and a member")."""


def _described(sentence: str, pos: int, names: frozenset[str]) -> int | None:
    """The end of one indefinite noun phrase set off by a comma after a definite one, that
    describes it ("the clerk, a student, ..."), or None where it is the list's next."""
    comma = re.match(r",\s+", sentence[pos:])
    if not comma:
        return None
    at = pos + comma.end()
    np = np_at_start(sentence, at, names, False)
    if not np or np["kind"] != "indef" or np["count"] != 1 or not _A_AN.match(sentence, at):
        return None
    return np["end"] if _APPOSITION_ENDS.match(sentence, np["end"]) else None


_POSSESSED = re.compile(
    r"\s*(?:(?<=['’]s)|(?<=s['’])|['’]s?)\s+(?P<words>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})"
)
"""What follows a possessive ("Omar's home", "the Smiths' car", "her son's left leg"): the
thing possessed, its first words in `words`."""
_BODY_PARTS = frozenset(english().body_parts)


def _possessor(sentence: str, end: int) -> bool:
    """Whether a noun phrase ending at `end` only owns what was harmed ("bullets struck the
    Smiths' home", "shot Omar's dog"), a part of the body aside ("her son's leg")."""
    if not {"'", "’"} & set(sentence[max(0, end - 2) : end + 1]):
        return False
    owned = _POSSESSED.match(sentence, end)
    return bool(owned) and _BODY_PARTS.isdisjoint(owned.group("words").lower().split())


_NOUN_USE = re.compile(r"\b(?:the|a|an|this|that|another|its|their|his|her)\s+$", re.IGNORECASE)
"""A determiner right before a gerund makes it a noun ("the shooting suspect")."""


_BARE_HEAD = re.compile(
    r"(?!(?:the|a|an|one|his|her|their|its|this|that|another)\b)[a-z]+\b"
    r"(?!\s*(?:,\s*)?(?:and|or|&)\b)",
    re.IGNORECASE,
)
"""One bare word right after a gerund, of one person: the noun it modifies, with no
determiner ("shooting suspect"), not a list's first."""


def _verb_ing(pm: re.Match[str]) -> bool:
    """Whether an active predicate is one gerund ("shooting", "killing")."""
    return bool(re.fullmatch(r"[a-z]+ing\s*", pm.group(0), re.IGNORECASE))


def object_of(
    sentence: str, offset: int, pm: re.Match[str], cat: str, names: frozenset[str]
) -> Mention | None:
    """The person or group right of an active predicate ("killing a man and a woman")."""
    pos = pm.end()
    count, groups, first = 0, set(), None
    counts: list[int] = []
    kinds: list[str] = []
    attackers: list[bool] = []
    apposed = False
    prev_head = ""
    present = ("kill", "kills", "shoots", "wounds", "injures", "lynch", "lynches")
    told_now = pm.group(0).rstrip().lower().endswith(present)
    bare = told_now or headline(sentence)
    if skip := lex.SELF_AND.match(sentence, pos):
        pos = skip.end()
    np_end = pos
    if pm.group(0).lower().startswith("shooting") and not pm.group(0).lower().startswith(
        "shooting dead"
    ):
        names = frozenset({"-"})  # "the shooting Sunday": a noun, not a deed done to a name
    while True:
        found = np_at_start(
            sentence,
            pos,
            names,
            first is None,
            bare=bare or first is not None,
            loose=told_now and first is None,
        )
        if not found or (first is not None and not_listed(sentence, pos, found)):
            break
        if _possessor(sentence, found["end"]):
            break  # "struck Omar's home": his home, not him
        if (
            first is not None
            and prev_head == "name"
            and found["kind"] in {"indef", "def"}
            and re.fullmatch(r",\s*", sentence[np_end:pos])
            and not (_KIN_OF.match(sentence, pos) and _LIST_GOES_ON.match(sentence, found["end"]))
        ):  # "killed Omar al-Said, a senior judge, and ...": the name's apposition
            rest = _APPOSITION_REST.match(sentence, found["end"])
            prev_head, pos = "", rest.end() if rest else found["end"]
            conj = re.match(r"(?:,\s*and|,|\s+and)\s+", sentence[pos:])
            if not conj:
                break
            pos += conj.end()
            continue
        same = first is not None and found.get("bare") and found["head"] in lex.OFFICE_NOUNS
        if same and re.match(r"\s+and\s+$", sentence[np_end:pos]) and count == 1:
            found = {**found, "count": 0, "group": first["group"]}
        if first is None and found.get("definite") and cat != "killed":
            break  # "striking the two girls": those told of before, their fates told apart
        first = first or found
        count += found["count"]
        counts.append(found["count"])
        kinds.append(found["kind"])
        attackers.append(bool(found.get("attacker")))
        groups.add(found["group"])
        pos = np_end = found["end"]
        prev_head = found["head"]
        head_at = found["end"] - len(found["head"])
        lower_head = found["head"] != "name" and sentence[head_at : head_at + 1].islower()
        given = (
            _GIVEN_NAME.match(sentence, pos) if found["kind"] == "indef" and lower_head else None
        )
        if given and given.group(1).lower() not in lex.NOT_NAMES:
            pos = np_end = given.end()  # "her husband Kevin": the kin, named
        if found["head"] != "name":
            appositive = _APPOSITIVE.match(sentence, pos)
            if appositive:
                pos = np_end = appositive.end(1)
                if len(counts) == 1 and found["kind"] == "plural":
                    apposed = True  # "two others, Omar and Ali": their names
                    kinds.append("name")
                    counts.append(1)
            elif len(counts) == 1 and found["count"] == 1 and _DEFINITE.match(sentence, pm.end()):
                described = _described(sentence, pos, names)
                if described:
                    pos = np_end = described  # "shot the clerk, a student, behind the counter"
        else:
            described = _NAME_APPOSITIVE.match(sentence, pos)
            if described:
                pos = np_end = described.end(1)
                more = _AND_AN.match(sentence, pos)
                role = np_at_start(sentence, more.end(), names, False) if more else None
                if role and role["kind"] == "indef" and role["count"] == 1:
                    rest = _APPOSITION_REST.match(sentence, role["end"])
                    if rest:  # "Omar Said, a judge and a member of the council, ...": one man
                        pos = np_end = rest.end()
        pp = _POSTMODIFIER_PP.match(sentence, pos)
        if pp and _AND_NEXT_NP.match(sentence, pp.end()):
            pos = pp.end()  # "killed one constable from the post and one guard"
        conj = re.match(r"(?:,\s*and|,|\s+and)\s+", sentence[pos:])
        if not conj:
            break
        apposed = apposed or (len(counts) == 1 and conj.group(0).strip() == ",")
        pos += conj.end()
    if not first:
        return _named_dead(sentence, offset, pm, cat)
    if (
        all(attackers)
        and _verb_ing(pm)
        and (
            _NOUN_USE.search(sentence, 0, pm.start())
            or (count == 1 and _BARE_HEAD.match(sentence, pm.end()))
        )
    ):
        return None  # "the shooting suspect said", "Marlow shooting suspect": nobody shot
    if len(counts) > 1 and _OR_NEXT.match(sentence, np_end):
        return None  # "the loss of a cousin, a friend or a colleague": kinds, not a count
    if apposed and len(counts) > 2 and counts[0] == sum(counts[1:]):
        count = counts[0]  # "killed 14 people, 9 fighters and 5 civilians": a total, its parts
    elif (
        apposed
        and len(counts) > 1
        and kinds[0] == "plural"
        and all(k == "name" for k in kinds[1:])
        and sum(counts[1:]) <= counts[0]
    ):
        count = counts[0]  # "injuring two others, Omar and Ali Khan": the two, named
    end = offset + np_end
    left = lex.LEFT.match(sentence, np_end)
    verb = pm.group(0).lower()
    if pm.groupdict().get("l"):
        if left:
            cat, end = harm_category(left), offset + left.end()
        elif first.get("shot"):
            cat = "shot"
        else:
            return None
    elif cat == "shot" and (fatal := _TO_DEATH.match(sentence, np_end)):
        cat, end = "killed", offset + fatal.end()
    elif cat == "shot" and not verb.startswith(("shoot", "shot", "struck", "strike", "hit")):
        return None  # stabbed, beaten ...: no shooting; struck, hit: by a bullet (`ACTIVE`)
    kind = first["kind"] if len(groups) == 1 and count == first["count"] else "plural"
    return people_mention(
        first,
        groups,
        all(attackers),  # "killed seven militants and two civilians": not all attackers
        start=offset + pm.start(),
        end=end,
        category=cat,
        count=count,
        kind=kind,
        strong="wound" in verb or "injur" in verb,
        listed=count != first["count"],
        rule="victim.object",
    )
