"""What a number in a sentence counts, and what the words around it say happened.

Phrase-level helpers for the extractor: the people noun after a number
("43 farm workers", "of them"), the harm predicate after it ("were killed",
"remain missing"), the harm cue in a wider window, and what rules a number
out (dates, ages, times, units, addresses).
"""

from __future__ import annotations

import re

from tally.extract import lexicon as lex
from tally.extract.numbers import MULTIPLES, SCALES, TENS, UNITS, NumberMention
from tally.extract.victims_lexicon import GROUP_OF
from tally.keywords import may_end_with, quick_start

_MONTHS = lex.VOCAB.month_pattern
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$")
_DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+$")
_MONTH_WORDS = lex.VOCAB.month_words
"""The words `_DATE_BEFORE` can end on (see `keywords.may_end_with`): the same list."""
_DATE_AFTER = re.compile(
    rf"^(?i:st|nd|rd|th)?\s*(?:{_MONTHS})\b|^\s*[:/]\d|^\s*[-–/]\s*\d+\s+(?:{_MONTHS})\b"
)
_JOINED_BEFORE = re.compile(r"[A-Za-z\d][-–/]?$")
_DECIMAL_BEFORE = re.compile(r"\d[:.]\d*$")
"""The digits after a time's colon or a decimal point ("10:30", "2.5"); a label's colon
("Fatalities:17") is not one."""
_DECIMAL_AFTER = re.compile(r"^[:/]\d|^\.\d")
_PLACE_COMMA = quick_start(re.compile(r"[A-Z][\w'’.-]*,\s*$"))
_LIST_END = re.compile(r"\s*(?:[,.;)]|and\b|$)")
_NAME_BEFORE = re.compile(r"\S\s+([A-Z][a-z]+)\s+$")
_LISTED_NAME = quick_start(re.compile(r"\b(?:and|with|in)\s+[A-Z][a-z]+\s+$"))
_YEAR = re.compile(r"\d{4}")
_PEOPLE_AFTER = re.compile(r"^\s+(?:people|persons|civilians|dead|deaths)", re.I)
_WORD = re.compile(
    r"[A-Z][\w.'’-]*(?:/[A-Z][\w.'’-]*)+|[A-Z][A-Z\d.-]+\([A-Z\d]{1,4}\)|\([A-Z][\w.-]{0,9}\)"
    r"|[A-Za-z][\w.'’-]*|\d[\d,.]*|[^\w\s]"
)
"""A word of a noun phrase; a name of joined or parenthesised capitals is one ("TTP/LI",
"NDFB(S)": a group's acronym before its people's noun), as is an acronym in parentheses ("United
Nations (UN) peacekeepers")."""
_LETTERS = re.compile(r"[a-z]+")
NUMBER_WORDS = frozenset([*UNITS, *TENS, *SCALES, *(w.split()[-1] for w in MULTIPLES), "dozen"])
_WINDOW_STOP = re.compile(
    r";|\bbut\b|\bwhile\b|\bwhereas\b|\d|(?:,\s*|\band\s+)(?:"
    + "|".join(sorted(NUMBER_WORDS - {"hundred", "thousand", "million", "billion"}))
    + r")\b",
    re.I,
)
_OWN_COUNT = re.compile(
    r"\s+(?:(?:at\s+least|some|about|nearly|almost|more\s+than|over)\s+)?(?:\d|(?:"
    + "|".join(sorted(NUMBER_WORDS))
    + r")\b)",
    re.I,
)
"""A count right after a harm verb: the verb's own object ("after troops killed three children"),
whose harm that is, not an earlier count's."""
AGENT_AFTER = re.compile(
    r"(?:(?!\b(?:was|were|are|is|been|be|killed|died|dead|wounded|injured|when|after|as|while|who|"
    r"which|and(?!\s+(?:then\s+|\w+ly\s+)?(?:shot|opened|fired|killed|murdered|stabbed|attacked)"
    r"\b)|but)"
    r"\b)[^.;:]){0,80}?\b"
    r"(?:opened\s+fire|returned\s+fire|fired\s+(?:up)?on|fired\s+at|(?:shot|killed|murdered|"
    r"stabbed|hacked|beheaded|assassinated|ambushed|attacked|abducted|kidnapped|executed|"
    r"gunned\s+down|shot\s+dead|detonated|stormed|raided|entered|dragged|targeted|lynched|hurled|"
    r"threw|carried\s+out|launched|staged|"
    r"(?:shoot|kill|murder|stab|hack|behead|assassinate|ambush|attack|abduct|kidnap|execute|"
    r"lynch|raid|storm|target)(?:e?s)?|guns?\s+down|shoots?\s+dead|opens?\s+fire\s+on)"
    r"(?:\s+and\s+(?:killed|wounded|injured|shot|kills?|wounds?|injures?|shoots?))?"
    r"\s+(?:an?|the|his|her|their|its|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|several|him|them|\d+|[A-Z][\w'-]+)\b)"
)
"""A count's people as the doers of the harm the words after it tell ("two men stormed the
house", "one of them opened fire"): the attackers, no count of the harmed."""
_PARTICIPLES = re.compile(r"\s+(?:\w{3,}ing\b[^.;:,]{0,40}?\s+and\s+)+(?=\w{3,}ing\b)")
"""Participles describing a count's people, joined by "and" ("two gunmen carrying pistols and
wearing masks"): the last one, and what they did after it, tell who they are."""


def doers_after(sentence: str, end: int) -> re.Match[str] | None:
    """`AGENT_AFTER` read after a count ending at `end`, past the participles joined by "and"
    that describe its people."""
    lead = _PARTICIPLES.match(sentence, end)
    return AGENT_AFTER.match(sentence, lead.end() - 1 if lead else end)


_INCLUDING = re.compile(
    r",\s*(?:including|among\s+them)\b[^,;]*,"
    r"|,\s*(?:including|among\s+them)\b[^,;]*?(?=\s+(?:were|are|have\s+been|had\s+been)\s)"
)
"""A part set off inside the clause ("four people, including two teens, were shot"; its
closing comma left out before the verb, "20 fighters, including 3 commanders were killed"):
skipped, so the clause's own harm is read after it."""
_OWN_OBJECT = re.compile(
    r",\s*(?:and\s+)?(?:killing|wounding|injuring|hitting|striking)\b"
    r"(?!\s+(?:the|both|all|them|each|those|these|everyone)\b)"
)
"""Where a clause hands its harm word to the object of a participle ("shot eight men,
killing two"), not back to its own people ("fired on two guards, killing both")."""
_PREDICATE_BLOCK = lex.VOCAB.predicate_block
_DETERMINERS = {"its", "their", "his", "her", "our", "the", "own", "those"}
_BLOCKER = quick_start(re.compile(rf"\b(?:{'|'.join(lex.VOCAB.window_block)})\b", re.I))
_STOP = {
    "as", "and", "or", "but", "when", "while", "after", "before", "because", "if", "of", "from", "with",
    "by", "at", "on", "for", "in", "the", "a", "an", "his", "her", "their", "its", "than", "into",
    "whom", "whose", "where", "what", "since", "during", "across", "near", "under", "over", "about",
}  # fmt: skip
_DIGIT = re.compile(r"\d")
_TIME_ADVERB = re.compile(r"\s*[a-z]+ly\s+(?:after|before|afterwards|thereafter)\b")
"""A time adverb after a number ("at about 300 shortly after the strike") names no thing."""
_NOT_THINGS = frozenset(
    {"more", "other", "others", "another", "they", "we", "he", "she", "it", "i"}
)
"""Words right after a number that never make it a count of things ("the 207 they reported")."""
_OPEN_QUOTES = frozenset({'"', "“", "'", "‘"})
_NAME_PARTICLE = re.compile(r"(?:al|el)\s+(?=[A-Z])|(?:a[lnrstdz]|ash|el)-(?=[A-Z])")
"""An Arabic article in lower case opening a group's name ("four al Shabaab", "two
al-Qaeda"): part of the name, no word of its own (a capital one, "El Paso", is a name's)."""
_CLOSE_QUOTES = frozenset({'"', "”", "'", "’"})
_NOT_NAMES = lex.FUNCTION_WORDS | {
    "some", "about", "around", "nearly", "almost", "over", "only", "another", "up", "more",
    "fewer", "less", "roughly", "approximately", "just", "all", "least", "estimated", "toll",
    "total", "including", "among", "plus", "killing", "wounding",
}  # fmt: skip


def date_before(before: str) -> bool:
    """Whether `before` ends on a month name, so a number right after it is a day ("October 27"),
    unless the month has its day before it ("12 Sep. 4 killed")."""
    if not may_end_with(before, _MONTH_WORDS):
        return False
    month = _DATE_BEFORE.search(before)
    return month is not None and not _DAY_BEFORE.search(before, 0, month.start())


def may_hold_number(sentence: str) -> bool:
    """A cheap test that lets most sentences skip the number search."""
    if _DIGIT.search(sentence):
        return True
    return not _COUNT_WORDS.isdisjoint(_LETTERS.findall(sentence.lower()))


_COUNT_WORDS = NUMBER_WORDS | frozenset(lex.VOCAB.ordinals)
"""Words that may give a count: number words, and ordinals ("a second victim has died")."""


def noun_group(words: str) -> str | None:
    """The group the people nouns among `words` name ("U.S. troops" → combatants), or None."""
    if lex.SERVICE.search(words):
        return "combatants"
    group = None
    for w in words.split():
        w = w.strip(".,")
        g = lex.GROUP_NOUNS.get(w.lower()) or (
            "people" if lex.DEMONYM.match(w) else lex.MODIFIER_GROUPS.get(w.lower())
        )
        if g:
            group = g if group in (None, "people") else group
    return group


def _noun_next(words: list[re.Match[str]], i: int) -> bool:
    """Whether the word after `words[i]` is a people noun."""
    return i + 1 < len(words) and words[i + 1].group(0).lower().rstrip(".") in lex.GROUP_NOUNS


def _thing_next(words: list[re.Match[str]], i: int) -> bool:
    """Whether the word after `words[i]` is a noun of things ("police vehicles")."""
    return i + 1 < len(words) and words[i + 1].group(0).lower().rstrip(".") in lex.THINGS


def _word_end(words: list[re.Match[str]], i: int) -> int:
    """The last of the tokens that run on from `words[i]` without a space ("9", "mm" of "9mm";
    "9", "-", "1", "-", "1" of "9-1-1")."""
    while i + 1 < len(words) and words[i + 1].start() == words[i].end():
        i += 1
    return i


def _scare_quoted(words: list[re.Match[str]], i: int) -> bool:
    """Whether the quote mark `words[i]` opens one word in quotes ('"thugs"', "'robbers'"), not
    a quoted phrase."""
    if i + 1 >= len(words) or not words[i + 1].group(0)[:1].isalpha():
        return False
    word = words[i + 1].group(0)
    return word[-1] in _CLOSE_QUOTES or (
        i + 2 < len(words) and words[i + 2].group(0) in _CLOSE_QUOTES
    )


def noun_phrase(after: str) -> tuple[str | None, int, str | None, bool]:
    """(group, end offset, head word, counts-things) for the words after a number.

    "counts-things" is True when a content word that names no people follows
    the number directly ("2,272 houses"), so the number is not a figure.
    """
    words = list(_WORD.finditer(after))
    i = 0
    group: str | None = None
    end = 0
    head: str | None = None
    if len(words) >= 2 and words[0].group(0).lower() == "of":
        w1 = words[1].group(0).lower()
        if w1[:1].isdigit() or w1 in NUMBER_WORDS:
            return None, 0, None, False
        if w1 in {"them", "whom", "which"}:
            end = words[1].end()
            rest = noun_phrase(after[end:])
            if rest[0] and rest[1] <= 12:
                return rest[0], end + rest[1], "them", False
            return None, end, "them", False
        i = 1
        while i < len(words) and words[i].group(0).lower() in _DETERMINERS:
            i += 1
    modifiers = 0
    adjective_cue = None
    while i < len(words) and modifiers <= 3:
        w = words[i].group(0).rstrip(".") or "."
        if (particle := _NAME_PARTICLE.match(after, words[i].start())) and particle.end() < len(
            after
        ):
            if particle.group(0).endswith("-"):
                w = w[len(particle.group(0)) :]  # "al-Shabaab": the name after its article
            else:
                i += 1  # "al Shabaab": the article, then the name
                continue
        lw = w.lower()
        service = lex.SERVICE.match(after, words[i].start())
        if service:
            return "combatants", service.end(), "members", False
        g = lex.GROUP_NOUNS.get(lw) or ("people" if lex.DEMONYM.match(w) else None)
        if g and lw not in lex.GROUP_NOUNS and _noun_next(words, i):
            g = None  # a demonym modifying the noun after it ("Somali pirates")
        if g and _thing_next(words, i):
            return None, 0, None, True  # a people noun modifying a thing ("five police cars")
        if g:
            group, end, head = g, words[i].start() + len(w), lw
            if lw in {"others", "people", "persons"} and i + 1 < len(words):
                nxt = words[i + 1].group(0).lower()
                if nxt in lex.GROUP_NOUNS and nxt not in {"dead", "deaths"}:
                    i += 1
                    continue
            for mw in after[: words[i].start()].split():
                mg = lex.MODIFIER_GROUPS.get(mw.lower().strip(".,"))
                if mg and group == "people":
                    group = mg
            return group, end, head if adjective_cue is None else adjective_cue, False
        if w in _OPEN_QUOTES and _scare_quoted(words, i):
            i += 1  # a word in scare quotes ('five "thugs"'): the word
            continue
        if w.startswith("(") and w.endswith(")") and modifiers:
            i += 1  # the acronym of the name before it
            continue
        if (
            lw == "and"
            and modifiers
            and words[i - 1].group(0)[:1].isupper()
            and i + 1 < len(words)
            and words[i + 1].group(0)[:1].isupper()
        ):
            i += 1  # two groups' names before one noun ("15 TTP and LeI militants")
            continue
        if w[0].isdigit() and _thing_next(words, _word_end(words, i)):
            return None, 0, None, True  # a number before things ("three 911 calls", "two 9mm guns")
        if not w[0].isalnum() or lw in lex.FUNCTION_WORDS or w[0].isdigit():
            break
        if lw in lex.THINGS:
            return (
                None,
                0,
                None,
                True,
            )  # the head names things ("two loaded guns", "three stolen cars")
        if (
            (modifiers == 0 or (modifiers == 1 and w.istitle() and w.endswith("s")))
            and ((w.islower() and w.endswith("s") and not w.endswith("ss")) or w.istitle())
            and len(w) > 3
            and lw not in lex.THINGS
            and (i + 1 >= len(words) or words[i + 1].group(0).lower() not in lex.GROUP_NOUNS)
            and not _thing_next(words, i)  # "the two Springfield attacks"
            and not lex.CUE_RE.fullmatch(w)
            and predicate(after[words[i].end() :])
        ):
            return "people", words[i].start() + len(w), lw, False
        if (
            modifiers <= 1
            and w.isupper()
            and w.isalpha()
            and 2 <= len(w) <= 6
            and i + 1 < len(words)
            and words[i + 1].group(0).islower()  # not a headline in capitals ("16 YO SHOT")
            and words[i + 1].group(0) not in lex.GROUP_NOUNS
            and lw not in lex.FUNCTION_WORDS
            and predicate(after[words[i].end() :])
        ):  # a group's acronym as its members' noun ("8 suspected SLDF killed")
            return "people", words[i].start() + len(w), lw, False
        if lex.CUE_RE.fullmatch(w):
            adjective_cue = lw
            if i + 1 >= len(words) or words[i + 1].group(0).lower() not in lex.GROUP_NOUNS:
                break
        modifiers += 1
        i += 1
    first = words[0].group(0) if words else ""
    counts_things = (
        not _NAME_PARTICLE.match(after.lstrip())
        and first[:1].isalpha()
        and first[0].islower()
        and first.lower() not in lex.FUNCTION_WORDS
        and first.lower() not in _NOT_THINGS
        and not re.search(r"(?:ed|en|ing)$", first)
        and not _TIME_ADVERB.match(after)
        and not lex.CUE_RE.match(after.lstrip())
        and not (first.lower() in lex.VOCAB.bare_number_words and predicate(after))
    )
    return None, 0, None, counts_things


_INCLUDED = re.compile(rf"[^,.;:()]{{1,60}}?\s{lex.RUN_AUX}\s+(?:[a-z]+ly\s+)?")
"""The people an "including" names between a count and its verb, up to the verb."""

_DASHED = re.compile(r"\s*(?:--|—|\s–\s)(?:(?!--|—|\s–\s)[^.;:()]){1,90}(?:--|—|\s–\s)")
"""An aside set off by dashes between a count and its verb ("-- the youngest a boy --")."""
_AUX_AFTER_ASIDE = re.compile(r"(\s*)(?:(?:have|has|had)\s+been|were|was|are|is)?\s*", re.I)
"""The auxiliary between an aside and its harm ("-- ... -- have been killed")."""
_COMMA_INCLUDING = re.compile(r",\s*including\b(?![^.;:()]*,\s*(?:were|was|are|is)\b)", re.I)
"""A comma opening the people an "including" names, with no comma closing them before the verb."""
_BREAKDOWN_APPOSED = re.compile(
    rf",\s*((?:\d+|[a-z]+)\s[^,.;:()]{{1,40}}(?:,\s*[^,.;:()]{{1,40}}){{0,3}}),\s*(?={lex.RUN_AUX}\s)"
)
"""A breakdown set off by commas between a count and its verb ("Nine passengers, two women and seven
girls, were killed"), up to the verb."""


_PHONE_AFTER = re.compile(lex.VOCAB.phone_after, re.I)
_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_CONDITIONAL = re.compile(
    rf"(?:^|[,;:(—–\"“‘']\s*|\b(?:and|but|or)\s+)(?:{'|'.join(lex.VOCAB.conditional)})\s+"
    r"(?:(?!(?:is|are|was|were)\b)[\w'’-]+\s+){0,3}$",
    re.I,
)


def in_condition(lead: str) -> bool:
    """Whether a clause of condition or of any occasion is open right before a count ("if one
    more person is hurt", "any time one of our students is killed"): a possibility, no toll."""
    return bool(_CONDITIONAL.search(lead, max(0, len(lead) - 60)))


def shot_fired(sentence: str, end: int, said: str, reach: int) -> bool:
    """Whether a bare count's "shot" (`said`, read over `reach` characters from the count's
    `end`) is the gunshot ("one shot was fired", "a single shot rang out"), nobody shot."""
    return said.lower() == "shot" and bool(lex.SHOT_FIRED.match(sentence, end + reach))


FUTURE_HARM = re.compile(
    r"\b(?:would|will|could|might|may|should|must|shall)\s+(?:not\s+)?be\b", re.I
)
"""A harm told as a threat or a possibility to come ("all four would be executed", "will be
killed"), not as done ("may have been killed" is an estimate of one done)."""


def _has_count(words: str) -> bool:
    """True when `words` hold a count of their own or name a part (a breakdown, not an aside:
    "-- two men and a boy --", "— including a teenager —"), ages aside."""
    said = words.lower().replace(",", " ").split()
    return any(w.isdigit() or w in NUMBER_WORDS or w == "including" for w in said)


def _counts(words: str) -> bool:
    """True when each part of a list starts with a count ("two women and four girls")."""
    firsts = [(p.split() or [""])[0].lower() for p in _LIST_SPLIT.split(words)]
    return all(w.isdigit() or w in NUMBER_WORDS for w in firsts)


def predicate(after: str) -> tuple[re.Match[str], int] | None:
    """A harm cue right after a noun phrase ("were killed", "remain missing"), and its end."""
    pos = 0
    for _ in range(7):
        rest = after[pos:]
        lead = len(rest) - len(rest.lstrip())
        m = lex.CUE_RE.match(rest, lead)
        if m:
            return None if FUTURE_HARM.search(after, 0, pos + lead) else (m, pos + m.end())
        part = _BREAKDOWN_APPOSED.match(rest) if rest.startswith(",") else None
        if part and _counts(part.group(1)):
            pos += part.end()
            continue
        aside = _DASHED.match(rest) if any(d in rest[:4] for d in "-—–") else None
        if aside and not _has_count(aside.group(0)):  # "16 villagers -- the youngest a boy --"
            after_aside = rest[aside.end() :]
            aux = _AUX_AFTER_ASIDE.match(after_aside)
            cue = lex.CUE_RE.match(after_aside, aux.end()) or lex.CUE_RE.match(
                after_aside, aux.end(1)
            )
            return (cue, pos + aside.end() + cue.end()) if cue else None
        if _COMMA_INCLUDING.match(rest):  # "three civilians, including a boy were killed"
            rest, pos = rest[1:], pos + 1
        w = re.match(r"\s*([A-Za-z][\w'’-]*)", rest)
        if not w:
            return None
        word = w.group(1)
        if word.lower() == "including":  # "ten civilians including a girl were killed"
            part = _INCLUDED.match(rest, w.end())
            cue = lex.CUE_RE.match(rest, part.end()) if part else None
            if cue:
                return cue, pos + cue.end()
        if word.lower() == "as" and lex.CUE_RE.match(rest[w.end() :].lstrip()):
            pos += w.end()
            continue
        if word.lower() in _STOP or word[0].isupper() or word.lower() in _PREDICATE_BLOCK:
            return None
        pos += w.end()
    return None


def not_count(before: str, after: str, num: NumberMention, text: str) -> bool:
    """True when a number is a date, year, time, age, unit, amount or address, not a count."""
    if text in lex.VOCAB.phone_numbers and _PHONE_AFTER.match(after):
        return True  # "911 operators", "a 999 call"
    if lex.NOT_COUNT_AFTER.match(after) or (
        may_end_with(before, lex.NOT_COUNT_BEFORE_ENDS) and lex.NOT_COUNT_BEFORE.search(before)
    ):
        return True
    if date_before(before):
        return True
    if _DATE_AFTER.match(after):
        return True
    if _JOINED_BEFORE.search(before) or _DECIMAL_BEFORE.search(before):
        return True
    if _DECIMAL_AFTER.match(after):
        return True
    if _PLACE_COMMA.search(before) and _LIST_END.match(after):
        return True
    if lex.ADDRESS_AFTER.match(after):
        return True
    if lex.AGE_OF_PERSON.search(before[-60:]) and lex.AGE_END.match(after):
        return True  # an age: "a male, 28, and a female, 20"
    if (
        num.value >= 100
        and text.isdigit()
        and lex.AT_ADDRESS.search(before)
        and lex.ADDRESS_NEXT.match(after)
    ):
        return True  # a house number: "shot at 4006 N. Main", "a home at 500 NE 2nd"
    name = _NAME_BEFORE.search(before)
    if (
        name
        and text[:1].isdigit()
        and name.group(1).lower() not in _NOT_NAMES
        and not lex.CUE_RE.fullmatch(name.group(1))
        and not _LISTED_NAME.search(before)
    ):
        return True  # a name with a number: "Motel 6", "Channel 4", "Apollo 11"
    raw = before[-1:] if before else ""
    return (
        num.qualifier is None
        and 1800 <= num.value <= 2100
        and raw != ","
        and _YEAR.fullmatch(text) is not None
        and not _PEOPLE_AFTER.match(after)
    )


def window_cue(text: str, forward: bool) -> str | None:
    """The nearest harm cue in `text` within its clause, or None."""
    if forward:
        text = _WINDOW_STOP.split(_INCLUDING.sub(",", text))[0]
        text = _OWN_OBJECT.split(text)[0]
        m = lex.CUE_RE.search(text)
        if not m or re.search(r"\b(?:not|never|no)\b|n't\b", text[: m.start()]):
            return None
        if _OWN_COUNT.match(text, m.end()) or FUTURE_HARM.search(text, 0, m.start()):
            return None
        return lex.cue_category(m)
    text = re.split(r";|,\s+and\b|\bbut\b|\bwhile\b|\bwhereas\b|\d", text)[-1]
    ms = list(lex.CUE_RE.finditer(text))
    if not ms or _BLOCKER.search(text, ms[-1].end()):
        return None
    return lex.cue_category(ms[-1])


_PLURAL_OBJECT = re.compile(
    r"\s+(?:(?:[A-Z][\w.-]*|[a-z][\w-]*-[\w-]+)\s+){0,2}([a-z][a-z-]{2,}(?<!s)s)\b(?![-'’])"
    r"(?=\s*(?:$|[,.;:()]|and\b|in\b|on\b|at\b|near\b|from\b|of\b|who\b|during\b|as\b|while\b|after\b))"
)
"""An object of a harm verb that no list names, plural ("killing two tailors in ..."): people,
unless it counts things (numeric.toml [things]); the victims reader counts the nouns it knows."""
STRONG_VERB = re.compile(
    r"(?:kill|slaughter|massacr|murder|execut|behead|assassinat|lynch|decapitat|gun|shoot|shot|"
    r"wound|injur|maim|abduct|kidnap)",
    re.I,
)
"""Harm verbs whose object is a person, whatever its noun ("killed", not "left" or "recovered")."""
_NOT_PLURAL_OBJECT = lex.THINGS | GROUP_OF.keys()


def plural_object(after: str, verb: str | None = None) -> tuple[str, int] | None:
    """(noun, end) of an unlisted plural right after a number that a harm verb takes (`verb`,
    when given, must be one whose object is a person), or None."""
    if verb is not None and not STRONG_VERB.match(verb):
        return None
    m = _PLURAL_OBJECT.match(after)
    if not m or m.group(1).lower() in _NOT_PLURAL_OBJECT:
        return None
    return m.group(1).lower(), m.end()
