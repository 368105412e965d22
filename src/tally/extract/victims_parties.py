"""Who a harm predicate names: the people before it (its subject) and after it (its object).

`victims` finds each statement that someone was killed, wounded or shot; this module reads
the noun phrases it names ("a 17-year-old boy", "he and three others", "shot two men"),
where they end, and whether the words before an active verb are its shooter, not a victim.
"""

from __future__ import annotations

import re
from typing import Any

from tally.extract import victims_lexicon as lex
from tally.extract.attacker import names_attackers
from tally.extract.phrases import date_before
from tally.extract.victims_phrases import describe, not_listed, np_at_end, np_at_start
from tally.extract.victims_resolve import Mention
from tally.extract.vocab import english
from tally.keywords import may_end_with, quick_start

_TRAILING_WORDS = [
    "then",
    "later",
    "also",
    "both",
    "all",
    "each",
    "soon",
    "had",
    "has",
    "have",
    "who",
    "which",
    "accidentally",
    "allegedly",
    "apparently",
    "reportedly",
    "fatally",
    "critically",
    "seriously",
    "mortally",
    "badly",
    "severely",
    "gravely",
    "possibly",
    "immediately",
    "eventually",
    "initially",
    "subsequently",
    "unintentionally",
    "ultimately",
    "tragically",
    "repeatedly",
    "previously",
    "recently",
    "mistakenly",
    "inadvertently",
    "fortunately",
    "sadly",
    "just",
    "still",
]
"""Words between a subject and its harm verb ("a man who was later fatally shot")."""
_TRAILING_ADVERBS = re.compile(rf"(?:\s+(?:{'|'.join(_TRAILING_WORDS)}))+\s*$", re.IGNORECASE)
_TRAILING_SET = frozenset(_TRAILING_WORDS)


def _strip_trailing(left: str) -> str:
    """`left` without the `_TRAILING_WORDS` it ends with; most texts end with none, and are
    not scanned."""
    return _TRAILING_ADVERBS.sub("", left) if may_end_with(left, _TRAILING_SET) else left


_PARENTHETICAL = re.compile(
    r",\s*(?:ages?|aged)\s[^;:.!?]{1,60}?,\s*$|,[^,;:.!?]{1,90},\s*$|\s*\([^()]{1,90}\)\s*$|"
    r"\s+[-–—]{1,2}\s[^-–—]{1,90}\s[-–—]{1,2}\s*$|\s+[-–—]{1,2}\s[^-–—,;:.!?]{1,90},\s*$"
)
_OWN_FATE = re.compile(r"\b(?:dead|deceased|injured|wounded|slain|killed|hurt)\b", re.I)
"""A harm named inside a noun phrase of a list: its people are not the predicate's."""
_COORDINATOR = re.compile(
    r"(?:,\s*and|,\s*as\s+well\s+as|,|\s+and|\s+&|\s+as\s+well\s+as|,?\s+along\s+with"
    r"|,?\s+together\s+with)\s*$"
)
_APPOSITIVE = re.compile(
    r"(,\s*(?:\d{1,2}-year-old\s+)?[A-Z][a-z'’]+(?:\s+(?:[A-Z]\.|[A-Z][a-z'’]+)){0,3}"
    r"(?:,\s*\d{1,2})?)(?=,|\s|$)"
)
_APPOSITION_REST = re.compile(r"[^,;.]{0,80}?(?=,)")
"""The rest of a name's apposition up to its closing comma ("director of the plant,")."""
_NAME_APPOSITIVE = re.compile(
    r"(,\s*(?:\d{1,2},\s*)?an?\s+[^,;.]{1,60}?)(?=,|\s+(?:and|who|was|were)\b|[;.]|$)"
)
_APPOSED_NP = re.compile(r"(?<=, )" + lex.NP.pattern + r",\s*$", re.IGNORECASE)
_ACTIVE_OBJECT = re.compile(
    r"(?:\s+and\s+(?:fatally\s+)?(?:killed|wounded|injured|murdered))?(?:"
    r"\s+(?:[\w'-]+\s+)?(?:" + lex.GROUP_HEADS + r")\b|"
    r"\s+(?:his|her|their)\s|\s+\w+[-\s](?:year|month|week)s?[-\s]old\b|"
    r"\s+(?!(?:In|At|On|By|After|During|Near|Outside|Inside|For|While|With|From|Over|As|And)\b)"
    r"(?-i:[A-Z][a-z]+)\b(?!\s*,)"
    r"(?<!day)(?<!January)(?<!February)(?<!March)(?<!April)(?<!May)(?<!June)(?<!July)"
    r"(?<!August)(?<!September)(?<!October)(?<!November)(?<!December))",
    re.IGNORECASE,
)
"""The object after a verb ("shot a man", "shot and killed his brother", "shot 13-year-old
Ann Lee"), which makes the words before it the shooter, not a victim."""
_THINGS = english().things
_SOMEONE = re.compile(
    r"(?:^|(?<=[,;:.])|(?<=\bthen)|(?<=\band)|(?<=\bsaid)|(?<=\bthat))\s*[\"“]?"
    r"(?P<np>(?-i:An?|an?)\s+(?:[\w'’()-]+\s+){0,3}?"
    r"(?P<head>[a-z][a-z-]{2,}))\s*$"
)
"""A subject of a killing whose noun the people lists lack ("a nationalist was shot dead",
"an infiltrator was killed"): one person, where the phrase opens its clause."""
_DONE_TO_THEN = re.compile(
    r"\s+(?:was|were)\s+(?:\w+ly\s+)?(?:[a-z]+(?:ed|en)|shot|hit|struck|cut|hurt)\b[^.;:]{0,80}?"
    r"(?:,\s*|\s+)and\s+(?:(?:later|then|subsequently|eventually|afterwards)\s+)?$"
)
"""What was done to a subject before the death a coordinated verb tells ("a trader was hacked
with machetes and later", "was beaten by two men and"): the subject is the first verb's."""
_POSTMODIFIER = re.compile(
    r"\s+(?:of|for|from|with|in|at|on|inside|near|working|serving|belonging|employed|who|in\s+charge|attached"
    r"|(?!(?:being|having|during|including|according|morning|evening|building)\b)[a-z]{3,}ing)\b",
    re.IGNORECASE,
)
_OTHER_CLAUSE = re.compile(
    r"\b(?:was|were|is|are|said|says|told|reported|claimed|killed|shot|wounded|injured)\b|[;:]"
)
_CLAUSE_START = re.compile(
    r"(?:^|[,;:]|\b(?:and|when|after|as|while|but|where|then|that|before|because|since))\s*$",
    re.IGNORECASE,
)
_TO_DEATH = re.compile(r"\s+(?:to\s+death|dead|alive)\b", re.IGNORECASE)
_HARMED_OTHERS = quick_start(
    re.compile(
        r"(?<!was )(?<!been )(?<!were )(?<!is )(?<!be )\b(?:killed|killing|shot|shooting|wounded|"
        r"wounding)\s+(?:his|her|their|a|an|the|two|three|four|five|several|multiple|\d|him|them|"
        r"people|others)\b|\b(?:kills|shoots|wounds)\s+(?!(?:him|her|them|it)sel[fv])\w"
    )
)
_STRONG_INJURY = ("wounded", "injured", "hurt", "condition", "hospital", "expected", "treated")


def _the_attacker(before: str) -> bool:
    """Whether the words before a subject who harmed himself ("killed his wife and then
    himself", "the gunman ... shot himself") make him the attacker (lower-cased words)."""
    return bool(_HARMED_OTHERS.search(before)) or names_attackers(before)


def mention(
    sentence: str, offset: int, pm: re.Match[str], cat: str, how: str, names: frozenset[str]
) -> Mention | None:
    """The mention a predicate makes with the noun phrase it governs."""
    if how == "multi":
        n = lex.MULTIPLE_SHOOTING[pm.group("mult").lower()]
        return Mention(
            offset + pm.start(),
            offset + pm.end(),
            cat,
            n,
            "plural",
            "people",
            rule="victim.multiple",
        )
    if how == "active":
        return _object(sentence, offset, pm, cat, names)
    if how == "body":
        pron = pm.group("pron").lower()
        if pron not in {"his", "her"}:  # "Omar's body was found": the one so named
            name = re.sub(r"['’]s$", "", pron)
            if name in lex.NOT_NAMES or name in lex.GROUP_OF:
                return None
            return Mention(
                offset + pm.start(),
                offset + pm.end(),
                "killed",
                1,
                "name",
                "people",
                name=name,
                head="name",
                rule="victim.body_found",
            )
        return Mention(
            offset + pm.start(),
            offset + pm.end(),
            "killed",
            1,
            "def",
            "people",
            gender="m" if pron == "his" else "f",
            head="he" if pron == "his" else "she",
            rule="victim.body_found",
        )
    tail = pm.re is lex.SELF_TAIL
    if tail and not _HARMED_OTHERS.search(sentence[: pm.start()].lower()):
        return None
    m = _subject(
        sentence,
        offset,
        pm.start(),
        pm.end(),
        cat,
        names,
        reflexive=how == "reflexive",
        reduced=how == "reduced",
    )
    if m and pm.re is lex.SELF_DETONATION:
        if not m.attacker or "suicide" not in sentence.lower():
            return None
        m.rule = "victim.suicide_attacker"
    if m and how == "reflexive":
        m.reflexive = True
        m.apart = m.attacker and (
            "up" in sentence[pm.end() : pm.end() + 4]
            or bool(lex.SELF_AND.match(sentence, pm.start("self")))
            or pm.re is lex.SELF_DETONATION
        )
    if m and tail:
        m.attacker, m.group, m.category, m.kind, m.count = True, "combatants", "killed", "def", 1
        m.start = offset + pm.start() + len(pm.group("k"))
    if m and how == "reduced" and m.attacker and cat == "shot":
        return None
    transitive = pm.group(0).lower().rstrip().endswith(("killed", "shot", "murdered"))
    if m and how == "reduced" and transitive and _ACTIVE_OBJECT.match(sentence, pm.end()):
        return None
    if m and how == "reduced" and re.match(r"(?:he|she)\b", sentence[m.start - offset :], re.I):
        return None
    if m and how == "reduced" and m.kind == "part":
        before = sentence[: m.start - offset].rstrip()
        if re.search(
            r"\b(?:fired|fire|fires|firing|heard|hear|rang|than|about|only|just)$", before
        ):
            return None
    return m


def harm_category(pm: re.Match[str]) -> str:
    """killed, injured or shot, from a predicate match's named groups."""
    groups = pm.groupdict()
    if groups.get("k"):
        return "killed"
    if groups.get("s"):
        return "shot"
    return "injured" if groups.get("i") else "shot"


def _subject(
    sentence: str,
    offset: int,
    at: int,
    pred_end: int,
    cat: str,
    names: frozenset[str],
    *,
    reflexive: bool = False,
    reduced: bool = False,
) -> Mention | None:
    """The person or group left of a predicate ending at `at`, as a mention up to `pred_end`."""
    left = sentence[:at]
    for _ in range(3):
        stripped = _strip_trailing(left) if not reduced else left
        found = np_at_end(stripped, names, allow_bare=True)
        if (
            found
            and found["count"] > 1
            and stripped[found["start"] : found["start"] + 1].isdigit()
            and date_before(stripped[: found["start"]])
        ):
            return None  # "shot early October 27 has died": a day, not a count
        if found:
            return _finish(found, sentence, offset, stripped, pred_end, cat, reflexive, names)
        if reduced:
            return _done_to_then(sentence, offset, left, pred_end, cat, names)
        paren = _PARENTHETICAL.search(stripped)
        if not paren:
            break
        inner = _APPOSED_NP.search(stripped)
        if inner and not np_at_end(stripped[: inner.start()], names, allow_bare=True):
            found = describe(inner, 0, "np")
            if found and found["kind"] == "indef":
                found["start"] = inner.start()
                return _finish(found, sentence, offset, stripped, pred_end, cat, reflexive, names)

        left = stripped[: paren.start()]
    if not reflexive and (m := _modified_subject(sentence, offset, left, pred_end, cat, names)):
        return m
    if not reflexive and cat == "killed" and (m := _someone(sentence, offset, left, pred_end)):
        return m
    if not reflexive and (m := _done_to_then(sentence, offset, left, pred_end, cat, names)):
        return m
    if reflexive:
        attacker = _the_attacker(left.lower())
        return Mention(
            offset + at,
            offset + pred_end,
            "killed" if attacker else cat,
            1,
            "def",
            "combatants" if attacker else "people",
            attacker=attacker,
        )
    return None


def _done_to_then(
    sentence: str, offset: int, left: str, pred_end: int, cat: str, names: frozenset[str]
) -> Mention | None:
    """The subject of a first verb that a death told after "and" is also of ("a trader was
    hacked with machetes and later killed", "was targeted by gunmen and killed")."""
    if cat != "killed" or not (done := _DONE_TO_THEN.search(left)):
        return None
    head = left[: done.start()]
    found = np_at_end(head, names, allow_bare=False)
    if found and found["kind"] in {"indef", "def", "plural"}:
        return _finish(found, sentence, offset, head, pred_end, cat, False, names)
    return None


def _someone(sentence: str, offset: int, left: str, pred_end: int) -> Mention | None:
    """One person killed, named by a noun no people list holds ("a nationalist was killed")."""
    m = _SOMEONE.search(left[-80:])
    head = m.group("head") if m else ""
    if not m or head.endswith(("ing", "ly", "ed")) or _THINGS & {head, f"{head}s", f"{head}es"}:
        return None
    start = len(left) - len(left[-80:]) + m.start("np")
    return Mention(offset + start, offset + pred_end, "killed", 1, "indef", "people", head=head)


def _modified_subject(
    sentence: str, offset: int, left: str, pred_end: int, cat: str, names: frozenset[str]
) -> Mention | None:
    """A subject whose noun a phrase follows ("a member of the city council was killed",
    "a contractor working for the army was shot"): the noun phrase that opens the clause."""
    for cut in _POSTMODIFIER.finditer(left, max(0, len(left) - 110)):
        rest = left[cut.start() :]
        if _OTHER_CLAUSE.search(rest):
            continue
        head = left[: cut.start()]
        found = np_at_end(head, names, allow_bare=False)
        if not found or found["kind"] not in {"indef", "def", "plural"}:
            continue
        if re.match(r"(?:all|both|each)\b", head[found["start"] :], re.IGNORECASE):
            continue
        m = _finish(found, sentence, offset, head, pred_end, cat, False, names)
        if m and _CLAUSE_START.search(sentence[: m.start - offset]):
            m.rule = "victim.subject_modified"
            return m
    return None


_INCLUDING_OPEN = re.compile(r"\b(?:including|among\s+them|among\s+whom|such\s+as)\b[^.;:]*$", re.I)
"""A list opened by "including" that runs up to a comma: the parts of a count before it, not
people listed with the subject after it."""
_WHOLE_HEADS = frozenset({"people", "persons", "victims", "others", "civilians", "individuals"})
"""Nouns of a count that a list after it may restate ("two people, a nurse and a porter")."""
_POSSESSIVE_END = re.compile(r"\b(?:his|her|their)\s+$", re.IGNORECASE)


def _named_apposition(conj: str, other: dict, count: int, coordinated: bool) -> bool:
    """Whether a counted plural before a comma ("two other men, ...") is the list of names
    after it restated: as many as it counts, not more people besides them."""
    return (
        coordinated
        and conj.strip() == ","
        and other.get("kind") == "plural"
        and other.get("count") == count
        and not other.get("attacker")
    )


_OF_PHRASE = re.compile(r"\s+of\s+")
"""Where a noun phrase's "of" phrase starts ("the driver of a truck")."""


def _of_modified_at_end(text: str, names: frozenset[str]) -> dict | None:
    """A person's noun phrase with an "of" phrase ending `text` ("the driver of a truck and
    his helper were killed"): the noun phrase, so a list before a predicate counts it."""
    window = max(0, len(text) - 70)
    for cut in _OF_PHRASE.finditer(text, window):
        if _OTHER_CLAUSE.search(text, cut.end()) or "," in text[cut.end() :]:
            continue
        found = np_at_end(text[: cut.start()], names, allow_bare=False)
        if (
            found
            and found["kind"] in {"indef", "def"}
            and _CLAUSE_START.search(text[: found["start"]])
        ):
            return found
    return None


def _finish(
    found: dict,
    sentence: str,
    offset: int,
    left: str,
    pred_end: int,
    cat: str,
    reflexive: bool,
    names: frozenset[str],
) -> Mention | None:
    """Turn a subject noun phrase into a mention, adding coordinated ones ("X and Y")."""
    start = found["start"]
    count, groups = found["count"], {found["group"]}
    coordinated = False
    mixed = False  # "a soldier and five militants were killed": not all attackers
    apposed: dict | None = None
    all_named = found.get("kind") == "name"
    while True:
        conj = _COORDINATOR.search(left[:start])
        if not conj:
            break
        other = np_at_end(left[: conj.start()], names, allow_bare=True)
        if not other and not coordinated:
            other = _of_modified_at_end(left[: conj.start()], names)
        if not other or other.get("kind") == "part":
            break
        if _OWN_FATE.search(left, other["start"], conj.start()):
            break  # "two dead victims and two injured": that phrase names its own harm
        if "," in conj.group(0) and _INCLUDING_OPEN.search(left, 0, conj.start()):
            break  # "killed, including a man and a boy, and twelve others were hurt"
        if (
            coordinated
            and conj.group(0).strip() == ","
            and other.get("kind") == "plural"
            and other.get("count") == count
            and other.get("head") in _WHOLE_HEADS
        ):
            start = other["start"]  # "two people, a guard and a cook, were hurt": the two
            break
        listed = other.get("bare") and found.get("bare")
        if not coordinated and conj.group(0).strip() == "," and not listed:
            break
        if all_named and _named_apposition(conj.group(0), other, count, coordinated):
            start, apposed = other["start"], other  # "two men, Tom Hart and Sam Cole, were shot"
            if owner := _POSSESSIVE_END.search(left[:start]):
                start = owner.start()  # "Hart and his two sons, Tom and Sam": three
            all_named = False
            continue
        count += other["count"]
        all_named = all_named and other.get("kind") == "name"
        groups.add(other["group"])
        mixed = mixed or bool(other.get("attacker")) != bool(found.get("attacker"))
        start = other["start"]
        coordinated = True
    kind = found["kind"]
    if coordinated:
        kind = "plural"
    others = bool(found.get("others")) and not coordinated
    if apposed is not None:
        others = bool(apposed.get("others"))
    attacker = bool(found.get("attacker")) and (reflexive or not mixed)
    if reflexive and found["head"] in {"he", "she"}:
        earlier = left[: found["start"]].lower()
        attacker = _the_attacker(earlier)

    if attacker and reflexive:
        cat = "killed"
    return _mention(
        found,
        groups,
        attacker,
        start=offset + start,
        end=offset + pred_end,
        category=cat,
        count=count,
        kind=kind,
        strong=any(w in sentence[start:pred_end].lower() for w in _STRONG_INJURY),
        others=others,
        listed=coordinated,
    )


def _mention(np: dict[str, Any], groups: set[str], attacker: bool, **fields: Any) -> Mention:
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
_GIVEN_NAME = re.compile(r"\s+([A-Z][a-z'’]+)(?=\s*(?:,|\band\b|$|\.))")
"""A name right after a kin noun ("her husband Kevin, and ..."): the same person."""
_LIST_GOES_ON = re.compile(r"(?:\s+[A-Z][a-z'’]+)?\s*,?\s*and\s")
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


def _object(
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
    bare = told_now or (not sentence.rstrip().endswith((".", "!", "?", '"', "”")))
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
        return None
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
    elif cat == "shot" and not verb.startswith("shoot") and not verb.startswith("shot"):
        return None
    kind = first["kind"] if len(groups) == 1 and count == first["count"] else "plural"
    return _mention(
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
