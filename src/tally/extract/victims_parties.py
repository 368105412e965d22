"""Who a harm predicate names before it (its subject); `victims_objects` reads after it.

`victims` finds each statement that someone was killed, wounded or shot; this module reads
the noun phrases it names ("a 17-year-old boy", "he and three others", "shot two men"),
where they end, and whether the words before an active verb are its shooter, not a victim.
"""

from __future__ import annotations

import re
from functools import partial

from tally.extract import victims_lexicon as lex
from tally.extract.attacker import names_attackers
from tally.extract.phrases import date_before
from tally.extract.victims_objects import object_of, people_mention
from tally.extract.victims_phrases import describe, headline, np_at_end
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


_SINGULAR_VERB = re.compile(r"\s*(?:was|is|has)\b", re.IGNORECASE)
"""A predicate of one person: a numeral before it counts no people ("under 12 was shot")."""
_PARENTHETICAL = re.compile(
    r",\s*(?:ages?|aged)\s[^;:.!?]{1,60}?,\s*$|,[^,;:.!?]{1,90},\s*$|\s*\([^()]{1,90}\)\s*$|"
    r",\s*who\s[^;:.!?\"“”]{1,240},\s*$|"
    r"\s+[-–—]{1,2}\s[^-–—]{1,90}\s[-–—]{1,2}\s*$|\s+[-–—]{1,2}\s[^-–—,;:.!?]{1,90},\s*$"
)
_OWN_FATE = re.compile(r"\b(?:dead|deceased|injured|wounded|slain|killed|hurt)\b", re.I)
"""A harm named inside a noun phrase of a list: its people are not the predicate's."""
_COORDINATOR = re.compile(
    r"(?:,\s*and|,\s*as\s+well\s+as|,|\s+and|\s+&|\s+as\s+well\s+as|,?\s+along\s+with"
    r"|,?\s+together\s+with)\s*$"
)
_APPOSED_NP = re.compile(r"(?<=, )" + lex.NP.pattern + r",\s*$", re.IGNORECASE)
_NOT_A_MODIFIER = r"(?!(?:" + "|".join(english().clause_openers) + r")\s)"
"""A word that opens a clause or phrase ("killed when rebels attack", "killed by rebels"),
never a modifier of the object's noun (`victims.toml` [clause_openers])."""
_ACTIVE_OBJECT = re.compile(
    r"(?:\s+and\s+(?:fatally\s+)?(?:killed|wounded|injured|murdered))?(?:"
    r"\s+(?:" + _NOT_A_MODIFIER + r"[\w'-]+\s+)?(?:" + lex.GROUP_HEADS + r")\b|"
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
    r"|linked|identified|associated|affiliated|based|known|believed|suspected|accused|named|wanted"
    r"|(?!(?:being|having|during|including|according|morning|evening|building)\b)[a-z]{3,}ing)\b",
    re.IGNORECASE,
)
_OTHER_CLAUSE = re.compile(
    r"\b(?:was|were|is|are|said|says|told|reported|claimed|killed|shot|wounded|injured)\b|[;:]"
)
_RELATIVE_BE = re.compile(
    r"^\s+who\s+(?:(?:was|were|is|are)|(?:had|has|have)\s+been)\b(?!\s+(?:\w+ly\s+)?"
    r"(?:\w+ed|shot|hit|struck|hurt|cut|taken|found)\b)",
    re.IGNORECASE,
)
"""The verb "to be" opening a relative clause of place or state ("a guard who was near the
gate", "a man who had been in the car"): no clause of its own, unless a participle follows."""
_CLAUSE_START = re.compile(
    r"(?:^|[,;:]|\b(?:and|when|after|as|while|but|where|then|that|before|because|since))\s*$",
    re.IGNORECASE,
)
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
    himself", "the gunman ... shot himself", "he set off his vest, killing himself") make him
    the attacker (lower-cased words)."""
    return (
        bool(_HARMED_OTHERS.search(before))
        or names_attackers(before)
        or bool(lex.SELF_DETONATION.search(before))
    )


def _body_found(pm: re.Match[str], offset: int) -> Mention | None:
    """The dead a body found stands for, by the word before "body": one ("a body was
    found"), the victim told of before ("the victim's body"), the one named ("Omar's
    body"), or the man or woman last named ("his body")."""
    pron = pm.group("pron").lower()
    found = partial(Mention, offset + pm.start(), offset + pm.end(), "killed", 1)
    if pron in {"a", "an"}:  # one dead, or one already counted
        return found("indef", "people", rule="victim.body_found")
    if pron.startswith("the"):
        return found("def", "people", head="victim", rule="victim.body_found")
    if pron not in {"his", "her"}:
        name = re.sub(r"['’]s$", "", pron)
        if name in lex.NOT_NAMES or name in lex.GROUP_OF:
            return None
        return found("name", "people", name=name, head="name", rule="victim.body_found")
    he = pron == "his"
    return found(
        "def", "people", gender="m" if he else "f", head="he" if he else "she",
        rule="victim.body_found",
    )  # fmt: skip


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
        return object_of(sentence, offset, pm, cat, names)
    if how == "body":
        return _body_found(pm, offset)
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
        if (
            found
            and found["count"] > 1
            and stripped[found["start"] : found["start"] + 1].isdigit()
            and _SINGULAR_VERB.match(sentence, at)
        ):
            return None  # "a boy younger than 12 was shot": an age, not a count
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
        rest = _RELATIVE_BE.sub("", left[cut.start() :], count=1)
        if _OTHER_CLAUSE.search(rest):
            continue
        head = left[: cut.start()]
        found = np_at_end(head, names, allow_bare=False)
        if not found or found["kind"] not in {"indef", "def", "plural"}:
            continue
        if re.match(r"(?:all|each)\b", head[found["start"] :], re.IGNORECASE):
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
        listed = other.get("bare") and (
            found.get("bare") or (found.get("kind") == "plural" and headline(sentence))
        )  # "Man, woman shot"; a headline's "Mother, 2 children found dead"
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
    return people_mention(
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
