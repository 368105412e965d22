"""Noun phrases that name harmed people, for `victims.py`.

Finds the person or group a harm predicate governs: "a 17-year-old boy", "two
men and a woman", "he and three others", "Jane Roe, 31", "one of them", and
says how many people it counts, whether it introduces someone new ("another
man") or names someone already seen ("the victim", "he"), and their group.
"""

from __future__ import annotations

import re

from tally.extract import victims_lexicon as lex
from tally.extract.victims_lexicon import NAME_WORD, PARTICLE
from tally.extract.vocab import english
from tally.keywords import may_end_with, quick_start, word_alternation

_AGE_BEFORE = re.compile(r"(\d{1,2})-year-old\s+$")
_TITLE_HEADS = frozenset(
    w.lower()
    for w in (*lex.OFFICE_NOUNS, *english().victim_nouns["forces"][1], *english().name_titles)
    if not w.endswith("s")
) | {"officer", "trooper", "agent", "deputy", "major"}
"""A role that may stand as a title before a name ("Captain", "Officer", "Major")."""
_TITLE = word_alternation(sorted(_TITLE_HEADS))
_TITLE_WORDS = _TITLE_HEADS | {"police", "army", "senior", "chief", "assistant", "vice"}
"""The words of a title before a name: role nouns and what may open them ("Police Major")."""
_ABBREVIATED_TITLE = (
    r"(?:(?:" + "|".join(english().name_titles) + r")\.?(?:[-\s]?(?:Col|Gen|Cmdr)\.?)?\s+(?=[A-Z]))"
)
"""An abbreviated title before a name ("Col. ", "Lt.-Col. ", "Dr "): no part of the name."""
_OBJECT_NAME = re.compile(
    r"(?:(?:(?:[A-Z][\w'’-]+|[A-Z]{2,5})\s+){0,2}(?:[a-z]+\s+){0,2}"
    r"(?i:" + _TITLE + r")\s+(?=[A-Z]))?"
    r"(?:" + _ABBREVIATED_TITLE + r")?"
    r"(?:(?P<age>\d{1,2})-year-old\s+)?(?P<name>"
    + NAME_WORD
    + r"(?:\s+(?:[A-Z]\.|"
    + NAME_WORD
    + r"|Jr\.?|III|II|"
    + PARTICLE
    + NAME_WORD
    + r")){0,3})(?:,\s*(?P<age2>\d{1,2})\b)?"
)
_AMONG = re.compile(r"\s+(?:among|of)\s+(?:them|those|the\s+victims)\s*$", re.IGNORECASE)
_PREPOSITION_BEFORE = quick_start(
    re.compile(
        r"\b(?:on|in|at|near|of|from|to|into|onto|off|by|along|across|outside|inside|toward|towards|with|beside|behind|alongside|against)"
        r"(?:\s+the)?\s*$",
        re.IGNORECASE,
    )
)
_HOMETOWN = re.compile(r",?\s+of\s+(?:[A-Z][a-z]+\s?){1,3},?\s*$")
_AFTER_CONJ = quick_start(
    re.compile(
        r"(?:,|\band|\bbut|\bwhile|\bafter|\bwhen|\bbefore|\bsince|\bbecause|;)\s*$", re.IGNORECASE
    )
)
"""Words that open a clause, after which a headline's bare noun is a subject ("police say
man charged after girl, 15, is killed")."""
_SPEAKER_AFTER = re.compile(
    r"(?:['’]s\s+office|[^,.;]{0,70}?\b(?:said|says|say|told|announced|reported|stated|confirmed)\b)",
    re.IGNORECASE,
)
_NAME_NEXT = re.compile(r"\s+[A-Z][a-z]+")
_BRACKETS = re.compile(r"(?<=\S)\s*\((?-i:[A-Z][A-Za-z-]{0,9})\)(?=\s+[a-z])")
"""An abbreviation in parentheses inside a noun phrase, before its next lower-case word."""
_HEAD_ENDS = frozenset(re.split(r"[- ]", w)[-1] for w in lex.GROUP_OF) | {"grader", "old"}
"""The words `lex.NP` and `lex.BARE_NP` end on, unless they end on an age or a comma."""


def _unbracketed(text: str) -> str:
    """`text` with short parentheses blanked, offsets kept: "a Border Guard (BG) officer"
    reads as the noun phrase it brackets an abbreviation in."""
    if "(" not in text:
        return text
    return _BRACKETS.sub(lambda m: " " * len(m.group(0)), text)


_DEMONYM_END = re.compile(r"\b[Aa]n?\s+" + lex.DEMONYM_ONE + "$")
"""A noun phrase ending in a nationality after "a" ("A Palestinian"): `lex.NP` may end there."""


_LABEL = re.compile(r"\s*(?:[A-Z][\w.'’-]*\s*){1,3}:\s*")
"""A headline's label before its words ("Police: Youth wounded ...", "UPDATE: ...")."""


def may_end_on_head(text: str) -> bool:
    """Whether `lex.NP` or `lex.BARE_NP` may end where `text` does: on a people noun's last
    word (`_HEAD_ENDS`) or a nationality after "a" (`_DEMONYM_END`)."""
    return may_end_with(text, _HEAD_ENDS) or bool(_DEMONYM_END.search(text))


def _titled(name: str) -> list[str]:
    """The name after a title of capitalised role words ("Police Captain Omar Said": "Omar
    Said"), or [] when `name` does not open with such a title before two name words."""
    words = name.split()
    i = 0
    while i < len(words) and words[i].lower().strip(".") in _TITLE_WORDS:
        i += 1
    if i and len(words) - i >= 2 and words[i - 1].lower().strip(".") in _TITLE_HEADS:
        return words[i:]
    return []


def np_at_end(left: str, names: frozenset[str], *, allow_bare: bool) -> dict | None:
    """A noun phrase, name or pronoun ending `left` (whitespace aside)."""
    body = lex.AGE_PP.sub("", _AMONG.sub("", left.rstrip()))
    if not body:
        return None
    tail = _unbracketed(body[-160:])
    base = len(body) - len(tail)
    head_last = may_end_on_head(tail)
    m = search_end(lex.NP, tail) if head_last else None
    if m:
        return describe(m, base, "np")
    m = lex.ANOTHER.search(tail)
    if m:
        return {"start": base + m.start(), "count": 1, "kind": "new", "group": "people", "head": ""}
    m = lex.PARTITIVE.search(tail)
    if m and (n := lex.count_of(m.group("n"))):
        return {
            "start": base + m.start(),
            "count": n,
            "kind": "part",
            "group": "people",
            "head": "",
        }
    m = lex.PRONOUN.search(tail)
    if m:
        return {
            "start": base + m.start(),
            "count": 1,
            "kind": "def",
            "group": "people",
            "gender": "m" if m.group("pron").lower() == "he" else "f",
            "head": m.group("pron").lower(),
        }
    m = lex.NAME.search(_HOMETOWN.sub("", tail)) if "-" not in names else None
    if m and _PREPOSITION_BEFORE.search(tail[: m.start()]):
        m = None
    titled = _titled(m.group("name")) if m else []
    if m and (m.group("name").split()[0].lower() not in lex.NOT_NAMES or titled):
        words = titled or [w for w in m.group("name").split() if w.lower() not in lex.NOT_NAMES]
        if all(w.lower() in lex.GROUP_OF for w in words):
            words = []
        elif words and (last := words[-1].lower().strip(".")) in lex.GROUP_OF:
            # A headline's capitalised noun phrase ("Springfield Man", "U.S. Marine"): a person
            # of that kind, not a name.
            return {
                "start": base + m.start(),
                "count": 1,
                "kind": "indef",
                "group": lex.group_for(last),
                "gender": "m" if last in lex.MALE else "f" if last in lex.FEMALE else None,
                "head": last,
            }
        if len(words) >= 2 or (len(words) == 1 and words[0].lower() in names):
            age = int(m.group("age")) if m.group("age") else None
            before = _AGE_BEFORE.search(tail[: m.start()])
            start = base + m.start()
            if before:
                age, start = int(before.group(1)), base + before.start()
            return {
                "start": start,
                "count": 1,
                "kind": "name",
                "group": "people",
                "name": " ".join(w.lower().strip(".") for w in words),
                "age": age,
                "head": "name",
            }
    if allow_bare and head_last:
        m = search_end(lex.BARE_NP, tail)
        before = tail[: m.start()] if m else ""
        if m and (
            not before.strip(" \t\"“‘'—–-:")
            or _AFTER_CONJ.search(before)
            or _LABEL.fullmatch(before)
        ):
            return describe(m, base, "bare")
    return None


def search_end(pattern: re.Pattern[str], tail: str) -> re.Match[str] | None:
    """The match of `pattern` that ends exactly at the end of `tail`."""
    best = None
    for m in pattern.finditer(tail):
        if not tail[m.end() :].strip():
            best = m
    if best is None:
        for i in range(len(tail) - 1, max(-1, len(tail) - 90), -1):
            if i and tail[i - 1].isalnum():
                continue
            m = pattern.match(tail, i)
            if m and not tail[m.end() :].strip():
                return m
    return best


_SPACES = re.compile(r"\s+")
_SHOT_MOD = re.compile(r"\b(?:shooting|gunshot)\b")


POSSESSIVE = re.compile(r"(?:his|her|their|its|[a-z]\w+['’]s)(?=\s)", re.IGNORECASE)
"""A possessive determiner before its noun, a pronoun's or a name's ("her son", "the man's
two sons")."""


def describe(m: re.Match[str], base: int, how: str) -> dict | None:
    """Count, kind, group, age and sex of a matched noun phrase."""
    head = _SPACES.sub("-", m.group("head").lower())
    if head not in lex.GROUP_OF and not lex.AGE_IN.fullmatch(head):
        head = head.rsplit("-", 1)[-1]
    mods = (m.group("mods") or "").lower()
    det = (m.groupdict().get("det") or "").lower()
    det = _SPACES.sub(" ", det)
    age = None
    found = lex.AGE_IN.search(head) or lex.AGE_IN.search(mods)
    if found and found.group(2).lower() == "year":
        age = lex.count_of(found.group(1))
    if m.group("age"):
        age = int(m.group("age"))
    plural = head in lex.PLURAL_NOUNS
    kind, count = "indef", 1
    words = det.split()
    if how == "bare":
        kind, count = ("plural", 0) if plural else ("indef", 1)
    elif " of " in f" {det} ":
        kind, count = "part", lex.count_of(words[0]) or 1
    elif det in {"another"} or (len(words) == 2 and words[1] in lex.ORDINALS):
        kind = "new"
    elif (
        len(words) >= 2 and (POSSESSIVE.match(det) or words[0] == "the") and lex.count_of(words[1])
    ):
        n = lex.count_of(words[1]) or 0  # "her two children", "the three guards"
        kind, count = ("plural", n) if n != 1 else ("indef", 1)
        if n > 1 and not plural:
            return None
    elif len(words) >= 2 and words[-1] in {"other", "more", "additional"}:
        kind, count = "plural", lex.count_of(words[0]) or 0
        if count == 1:
            kind = "new"
    elif det in {"a", "an", "one"}:
        kind = "indef"
    elif det in {"his", "her", "their", "its"} or det.endswith(("'s", "’s")):
        kind = "indef" if not plural else "plural"
        count = 1 if not plural else 0
    elif det in {"the", "this", "that"}:
        kind, count = ("plural", 0) if plural else ("def", 1)
    elif det == "both" or det.startswith("all"):
        kind, count = "plural", lex.count_of(words[-1]) or (2 if det == "both" else 0)
    elif (n := lex.count_of(words[0] if words else "")) is not None:
        kind, count = ("plural", n) if n != 1 else ("indef", 1)
        if n > 1 and not plural:
            return None
    if not plural and kind == "def" and ("other" in mods or head == "other"):
        kind = "new"
    if plural and kind in {"indef", "def", "new"}:
        kind, count = "plural", 0
    if kind == "plural" and count == 0:
        return None
    gender = "m" if head in lex.MALE else "f" if head in lex.FEMALE else None
    return {
        "shot": ("shooting" in mods or "gunshot" in mods) and bool(_SHOT_MOD.search(mods)),
        "bare": how == "bare",
        "others": head in {"others", "other"}
        or "other" in mods.split()
        or any(w in {"other", "more", "additional"} for w in words),
        "start": base + m.start(),
        "count": count,
        "kind": kind,
        "group": lex.group_for(head, mods, age),
        "age": age,
        "gender": gender,
        "attacker": head in lex.ATTACKER_NOUNS,
        "head": head,
    }


def headline(sentence: str) -> bool:
    """Whether a sentence reads as a headline (no stop at its end): its nouns may go bare
    and its lists may be joined by commas alone ("Man, 2 teens shot")."""
    return not sentence.rstrip().endswith((".", "!", "?", '"', "”"))


_THE_COUNT = re.compile(r"the\s+\S", re.IGNORECASE)
"""A definite count ("the three guards"): the people told of before where it is a
shooting's first object ("struck the two girls"), one the fatal tail may have counted."""


def np_at_start(
    sentence: str,
    pos: int,
    names: frozenset[str],
    first: bool,
    *,
    bare: bool = False,
    loose: bool = False,
) -> dict | None:
    """A noun phrase, object pronoun or name starting at `pos`, with its end.

    `bare` allows a noun without a determiner, as in a list ("a husband, wife and son");
    `loose` also allows any words before it, as a headline's object has them ("kill shop
    owner").
    """
    rest = _unbracketed(sentence[pos:])
    m = lex.NP.match(rest)
    how = "np"
    if not m and bare:
        m, how = lex.BARE_NP.match(rest), "bare"
    if not m and loose:
        m, how = lex.LOOSE_NP.match(rest), "bare"
    if m:
        found = describe(m, pos, how)
        if found:
            found["end"] = pos + m.end()
            found["definite"] = bool(_THE_COUNT.match(m.groupdict().get("det") or ""))
        return found
    elliptic = lex.ELLIPTIC_OBJECT.match(rest) if first and not bare else None
    if elliptic:
        word = elliptic.group("n") or elliptic.group("m")
        count = 12 if word and word.lower() == "dozen" else lex.count_of(word) if word else 1
        return {
            "count": count or 1,
            "kind": "new" if count in (None, 1) else "plural",
            "group": "people",
            "head": "others",
            "others": True,
            "end": pos + elliptic.end(),
        }
    pron = re.match(r"(him|her)\b(?!self)", rest, re.IGNORECASE)
    if pron and first:
        head = pron.group(1).lower()
        return {
            "count": 1,
            "kind": "def",
            "group": "people",
            "head": head,
            "gender": "m" if head == "him" else "f",
            "end": pos + pron.end(),
        }
    named = _OBJECT_NAME.match(rest) if "-" not in names else None
    if named:
        words = [w for w in named.group("name").split() if w.lower() not in lex.NOT_NAMES]
        if len(words) >= 2 or (len(words) == 1 and words[0].lower() in names):
            age = named.group("age") or named.group("age2")
            return {
                "count": 1,
                "kind": "name",
                "group": "people",
                "head": "name",
                "name": " ".join(w.lower().strip(".") for w in words),
                "age": int(age) if age else None,
                "end": pos + named.end(),
            }
    return None


def not_listed(sentence: str, pos: int, found: dict) -> bool:
    """Whether a noun phrase after a comma is no further victim: the source of the statement
    ("an employee, a store official said") or an apposition ("his wife, businesswoman Ann Roe")."""
    after = sentence[found["end"] :]
    if _SPEAKER_AFTER.match(after):
        return True
    listed = sentence[:pos].rstrip().endswith(",")
    return bool(
        listed and found.get("bare") and found["kind"] == "indef" and _NAME_NEXT.match(after)
    )
