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

from tally.extract import victims_lexicon as lex
from tally.extract.victims_resolve import Mention, fatal_single, figures, resolve
from tally.models import Document, Figure

_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z])"
)
_ABBREVIATION = re.compile(
    r"\b(?:St|Sgt|Lt|Mr|Mrs|Ms|Dr|Ave|Jr|Sr|No|Co|Det|Ofc|Dept|Capt|Cpl|Gov|Sen|Rep|Blvd|Rd|"
    r"Mt|Ft|Gen|Col|Sheriff|Insp|Cmdr|Supt|[ap]\.m|U\.S|[A-Z])\.$"
)
_QUOTED = re.compile(r"“[^”]{0,600}”|\"[^\"\n]{0,600}\"")
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:then|later|also|both|all|each|soon|had|has|have|who|which|accidentally|"
    r"allegedly|apparently|reportedly|fatally|critically|seriously|mortally|badly|severely|"
    r"gravely|possibly|immediately|eventually|initially|subsequently|unintentionally|"
    r"ultimately|tragically|repeatedly|previously|recently|reportedly|mistakenly|inadvertently|"
    r"fortunately|sadly|reportedly|just|still))+\s*$",
    re.IGNORECASE,
)
_PARENTHETICAL = re.compile(
    r",\s*(?:ages?|aged)\s[^;:.!?]{1,60}?,\s*$|,[^,;:.!?]{1,90},\s*$|\s*\([^()]{1,90}\)\s*$|\s+[-–—]{1,2}\s[^-–—]{1,90}\s[-–—]{1,2}\s*$"
)
_COORDINATOR = re.compile(r"(?:,\s*and|,|\s+and|\s+&)\s*$")
_AGE_BEFORE = re.compile(r"(\d{1,2})-year-old\s+$")
_SUICIDE = re.compile(r"\bmurder[- ]suicide|\bsuicide\b|\bself-inflicted\b", re.IGNORECASE)
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+([A-Z][a-z]{2,})\b")
_OBJECT_NAME = re.compile(
    r"(?:(?P<age>\d{1,2})-year-old\s+)?(?P<name>[A-Z][a-z'’]+(?:\s+(?:[A-Z]\.|[A-Z][a-z'’]+|Jr\.?"
    r"|III|II)){0,3})(?:,\s*(?P<age2>\d{1,2})\b)?"
)
_APPOSITIVE = re.compile(
    r"(,\s*(?:\d{1,2}-year-old\s+)?[A-Z][a-z'’]+(?:\s+(?:[A-Z]\.|[A-Z][a-z'’]+)){0,3}"
    r"(?:,\s*\d{1,2})?)(?=,|\s|$)"
)
_HARM_WORD = re.compile(
    r"shot|shoot|kill|dead|die|wound|injur|hurt|slain|slay|murder|hospital|condition|fatal|"
    r"struck|strik|hit|graz|death|homicide|self|life|lives|surviv|succumb|gunned",
    re.IGNORECASE,
)
_NAME_APPOSITIVE = re.compile(
    r"(,\s*(?:\d{1,2},\s*)?an?\s+[^,;.]{1,60}?)(?=,|\s+(?:and|who|was|were)\b|[;.]|$)"
)
_PARENTHESES = re.compile(r",[^,;]{1,90},|\([^()]{1,90}\)")
_HARMED_OTHERS = re.compile(
    r"(?<!was )(?<!been )(?<!were )(?<!is )(?<!be )\b(?:killed|killing|shot|shooting|wounded|"
    r"wounding)\s+(?:his|her|their|a|an|the|two|three|four|five|several|multiple|\d|him|them|"
    r"people|others)\b"
)
_AFTER_CONJ = re.compile(r"(?:,|\band|\bbut|\bwhile|;)\s*$", re.IGNORECASE)
_STRONG_INJURY = ("wounded", "injured", "hurt", "condition", "hospital", "expected", "treated")


def count_victims(doc: Document) -> list[Figure]:
    """Figures for harmed people the text counts by naming them rather than by a number."""
    mentions: list[Mention] = []
    names = frozenset(n.group(1).lower() for n in _FULL_NAME.finditer(doc.text))
    for start, end in _sentences(doc):
        if mentions and lex.ROUNDUP.search(doc.text, start, end):
            break
        mentions.extend(_mentions_in(doc.text, start, end, names))
    mentions.sort(key=lambda m: (m.start, m.end))
    first_line = doc.text.lstrip().split("\n", 1)[0]
    title_end = len(doc.text) - len(doc.text.lstrip()) + len(first_line)
    if len(first_line) < 200:
        for m in mentions:
            m.title = m.end <= title_end
    suicide = bool(_SUICIDE.search(doc.text))
    victims = resolve(mentions, suicide)
    fatal_single(doc, mentions, victims)
    return figures(doc, mentions, victims)


def _sentences(doc: Document) -> list[tuple[int, int]]:
    """Sentence spans of the text outside page furniture."""
    text = doc.text
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if (
            m.start() > start
            and "\n" not in m.group(0)
            and _ABBREVIATION.search(text[max(start, m.start() - 8) : m.start()])
        ):
            continue
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return [(s, e) for s, e in out if e - s > 8 and not doc.in_furniture(s, e)]


def _mentions_in(text: str, start: int, end: int, names: frozenset[str]) -> list[Mention]:
    """Every harm statement in one sentence, with its subject or object counted."""
    sentence = text[start:end]
    if not _HARM_WORD.search(sentence) or lex.ELSEWHERE.search(sentence):
        return []
    words = sentence.split()
    if len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words):
        names = frozenset({"-"})
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(sentence)]
    attribution = _attribution(sentence)
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for _rank, pm, cat, how in sorted(_predicates(sentence), key=lambda c: (c[1].start(), c[0])):
        pred = pm.span()
        if any(a < pred[1] and pred[0] < b for a, b in taken):
            continue
        if any(a <= pred[0] < b for a, b in quoted):
            continue
        m = _mention(sentence, start, pm, cat, how, names)
        if m is None and how in {"passive", "intransitive"} and out:
            m = _shared_subject(sentence, start, out[-1], pm, cat)
        if m is None:
            continue
        clause = sentence[max(0, m.start - start - 40) : pred[1]]
        near = _PARENTHESES.sub(" ", sentence[max(0, m.start - start - 12) : pred[1]])
        if lex.HYPOTHETICAL.search(clause) or lex.NEGATION.search(near):
            continue
        taken.append(pred)
        m.attribution = attribution
        m.text = text[m.start : m.end]
        out.append(m)
    for m in out:
        along = lex.ALONG_WITH.match(text, m.end)
        if along and m.count == 1 and (n := lex.count_of(along.group("n"))):
            m.count, m.kind, m.end = n + 1, "plural", along.end()
        if m.kind == "plural" and m.category in {"shot", "injured"}:
            tail = lex.FATALLY_TAIL.match(text, m.end)
            if tail and (n := lex.count_of(tail.group("n"))) and n < m.count:
                m.killed_part = n
                m.end = tail.end()
    return out


def _predicates(sentence: str) -> list[tuple[int, re.Match[str], str, str]]:
    """(rank, match, category, how) for every harm predicate in a sentence."""
    found: list[tuple[int, re.Match[str], str, str]] = []
    for pm in lex.REFLEXIVE.finditer(sentence):
        cat = "killed" if pm.group("k") or "turn" in pm.group(0).lower() else "shot"
        found.append((0, pm, cat, "reflexive"))
    for pm in lex.PASSIVE.finditer(sentence):
        found.append((1, pm, _category(pm), "passive"))
    for pm in lex.INTRANSITIVE.finditer(sentence):
        found.append((2, pm, _category(pm), "intransitive"))
    for pm in lex.REDUCED.finditer(sentence):
        found.append((3, pm, _category(pm), "reduced"))
    for pm in lex.ACTIVE.finditer(sentence):
        found.append((4, pm, _category(pm), "active"))
    for pm in lex.DEATH_OF.finditer(sentence):
        found.append((5, pm, "killed", "active"))
    for pm in lex.WOUNDING_OF.finditer(sentence):
        found.append((5, pm, _category(pm), "active"))
    for pm in lex.MULTI.finditer(sentence):
        cat = "shot" if pm.group("kind").lower() == "shooting" else "killed"
        found.append((6, pm, cat, "multi"))
    return found


def _mention(
    sentence: str, offset: int, pm: re.Match[str], cat: str, how: str, names: frozenset[str]
) -> Mention | None:
    """The mention a predicate makes with the noun phrase it governs."""
    if how == "multi":
        n = lex.MULTIPLE_SHOOTING[pm.group("mult").lower()]
        return Mention(offset + pm.start(), offset + pm.end(), cat, n, "plural", "people")
    if how == "active":
        return _object(sentence, offset, pm, cat, names)
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
    if m and how == "reflexive":
        m.reflexive = True
    if m and how == "reduced" and m.attacker and cat == "shot":
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


def _shared_subject(
    sentence: str, offset: int, prev: Mention, pm: re.Match[str], cat: str
) -> Mention | None:
    """ "X was shot and later died": the subject of a coordinated predicate is the first one's."""
    between = sentence[prev.end - offset : pm.start()]
    joined = re.search(r"\b(?:and|but|before|where|then|which|who)\b|,", between)
    if len(between) > 90 or not (joined or (cat == "killed" and len(between) < 60)):
        return None
    if lex.NP.search(between) or re.search(r"\b(?:he|she|they|police|officers)\b", between, re.I):
        return None
    return Mention(
        start=prev.start,
        end=offset + pm.end(),
        category=cat,
        count=prev.count,
        kind="def" if prev.count == 1 and prev.kind != "plural" else prev.kind,
        group=prev.group,
        age=prev.age,
        gender=prev.gender,
        name=prev.name,
        attacker=prev.attacker,
        strong=cat == "injured",
        head=prev.head,
    )


def _category(pm: re.Match[str]) -> str:
    """killed, injured or shot, from a predicate match's named groups."""
    groups = pm.groupdict()
    if groups.get("k"):
        return "killed"
    if groups.get("s"):
        return "shot"
    return "injured" if groups.get("i") else "shot"


def _attribution(sentence: str) -> str | None:
    """Who the sentence says its statement comes from ("police said"), in its words."""
    m = lex.ATTRIBUTION.search(sentence)
    if not m:
        return None
    found = (m.group("a") or m.group("b") or "").strip()
    return re.sub(r"^(?:the|The)\s+", "", found) or None


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
        stripped = _TRAILING_ADVERBS.sub("", left) if not reduced else left
        found = _np_at_end(stripped, names, allow_bare=True)
        if found:
            return _finish(found, sentence, offset, stripped, pred_end, cat, reflexive, names)
        if reduced:
            return None
        paren = _PARENTHETICAL.search(stripped)
        if not paren:
            break

        left = stripped[: paren.start()]
    if reflexive:
        attacker = bool(_HARMED_OTHERS.search(left.lower())) or any(
            w in lex.ATTACKER_NOUNS for w in re.findall(r"[a-z]+", left.lower())
        )
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


def _np_at_end(left: str, names: frozenset[str], *, allow_bare: bool) -> dict | None:
    """A noun phrase, name or pronoun ending `left` (whitespace aside)."""
    body = lex.AGE_PP.sub("", left.rstrip())
    if not body:
        return None
    tail = body[-160:]
    base = len(body) - len(tail)
    m = _search_end(lex.NP, tail)
    if m:
        return _describe(m, base, "np")
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
    m = lex.NAME.search(tail) if "-" not in names else None
    if m and m.group("name").split()[0].lower() not in lex.NOT_NAMES:
        words = [w for w in m.group("name").split() if w.lower() not in lex.NOT_NAMES]
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
    if allow_bare:
        m = _search_end(lex.BARE_NP, tail)
        before = tail[: m.start()] if m else ""
        if m and (not before.strip(" \t\"“‘'—–-:") or _AFTER_CONJ.search(before)):
            return _describe(m, base, "bare")
    return None


def _search_end(pattern: re.Pattern[str], tail: str) -> re.Match[str] | None:
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


def _describe(m: re.Match[str], base: int, how: str) -> dict | None:
    """Count, kind, group, age and sex of a matched noun phrase."""
    head = re.sub(r"\s+", "-", m.group("head").lower())
    if head not in lex.GROUP_OF and not lex.AGE_IN.fullmatch(head):
        head = head.rsplit("-", 1)[-1]
    mods = (m.group("mods") or "").lower()
    det = (m.groupdict().get("det") or "").lower()
    det = re.sub(r"\s+", " ", det)
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
    while True:
        conj = _COORDINATOR.search(left[:start])
        if not conj or (not coordinated and conj.group(0).strip() == ","):
            break
        other = _np_at_end(left[: conj.start()], names, allow_bare=True)
        if not other or other.get("kind") == "part":
            break
        count += other["count"]
        groups.add(other["group"])
        start = other["start"]
        coordinated = True
    kind = found["kind"]
    if coordinated:
        kind = "plural"
    others = bool(found.get("others")) and not coordinated
    group = groups.pop() if len(groups) == 1 else "people"
    attacker = bool(found.get("attacker"))
    if reflexive and found["head"] in {"he", "she"}:
        earlier = left[: found["start"]].lower()
        attacker = bool(_HARMED_OTHERS.search(earlier)) or any(
            w in lex.ATTACKER_NOUNS for w in re.findall(r"[a-z]+", earlier)
        )
    if attacker and reflexive:
        cat = "killed"
    if attacker:
        group = "combatants"
    return Mention(
        start=offset + start,
        end=offset + pred_end,
        category=cat,
        count=count,
        kind=kind,
        group=group,
        age=found.get("age"),
        gender=found.get("gender"),
        name=found.get("name"),
        attacker=attacker,
        strong=any(w in sentence[start:pred_end].lower() for w in _STRONG_INJURY),
        head=lex.head_class(found["head"], found.get("age")),
        others=others,
    )


def _object(
    sentence: str, offset: int, pm: re.Match[str], cat: str, names: frozenset[str]
) -> Mention | None:
    """The person or group right of an active predicate ("killing a man and a woman")."""
    pos = pm.end()
    count, groups, first = 0, set(), None
    np_end = pos
    if pm.group(0).lower().startswith("shooting"):
        names = frozenset({"-"})
    while True:
        found = _np_at_start(sentence, pos, names, first is None)
        if not found:
            break
        first = first or found
        count += found["count"]
        groups.add(found["group"])
        pos = np_end = found["end"]
        if found["head"] != "name":
            appositive = _APPOSITIVE.match(sentence, pos)
            if appositive:
                pos = np_end = appositive.end(1)
        else:
            described = _NAME_APPOSITIVE.match(sentence, pos)
            if described:
                pos = np_end = described.end(1)
        conj = re.match(r"(?:,\s*and|,|\s+and)\s+", sentence[pos:])
        if not conj:
            break
        pos += conj.end()
    if not first:
        return None
    end = offset + np_end
    left = lex.LEFT.match(sentence, np_end)
    verb = pm.group(0).lower()
    if pm.groupdict().get("l"):
        if not left:
            return None
        cat = _category(left)
        end = offset + left.end()
    kind = first["kind"] if len(groups) == 1 and count == first["count"] else "plural"
    attacker = bool(first.get("attacker"))
    group = "combatants" if attacker else (groups.pop() if len(groups) == 1 else "people")
    return Mention(
        start=offset + pm.start(),
        end=end,
        category=cat,
        count=count,
        kind=kind,
        group=group,
        age=first.get("age"),
        gender=first.get("gender"),
        name=first.get("name"),
        attacker=attacker,
        strong="wound" in verb or "injur" in verb,
        head=lex.head_class(first["head"], first.get("age")),
    )


def _np_at_start(sentence: str, pos: int, names: frozenset[str], first: bool) -> dict | None:
    """A noun phrase, object pronoun or name starting at `pos`, with its end."""
    rest = sentence[pos:]
    m = lex.NP.match(rest)
    if m:
        found = _describe(m, pos, "np")
        if found:
            found["end"] = pos + m.end()
        return found
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
