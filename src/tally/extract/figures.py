"""Find figures in a document's text: numbers that count harmed people.

Rules and a lexicon, sentence by sentence. No parser is loaded: for this
register of prose the rules are as accurate as spaCy's dependency parse would
let them be, and ingest has to run many times faster than a full parse. A number becomes a
figure when it counts people ("43 farm workers", "27 others", "of them") or
stands in a toll ("put the toll at 88", "rose to 81 from 69"), and a harm cue
says what happened to them: a predicate after it ("were killed", "remain
missing"), a verb before it ("killing", "wounding"), a noun that is itself the
harm ("62 deaths"), or the figure it is listed with ("including 116 women").
Victims counted without a numeral come from `victims.count_victims` and are
merged in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tally.extract import lexicon as lex
from tally.extract.attribution import Attributor
from tally.extract.numbers import NumberMention, find_numbers
from tally.extract.phrases import (
    may_hold_number,
    not_count,
    noun_group,
    noun_phrase,
    predicate,
    window_cue,
)
from tally.extract.sentences import split_sentences
from tally.extract.victims import count_victims, shot_counts
from tally.models import Document, Figure

_HARM_NOUNS = {
    "deaths": "killed",
    "dead": "killed",
    "bodies": "killed",
    "lives": "killed",
    "body": "killed",
    "fatalities": "killed",
    "injuries": "injured",
    "injured": "injured",
    "wounded": "injured",
    "refugees": "displaced",
    "hostages": "captured",
    "captives": "captured",
}
_TRAILING_SOURCE = re.compile(
    r",\s*(?P<src>(?:the|a|an)\s+[\w' -]{2,50}?|[A-Z][\w.' -]{1,50}?)\s+(?:said|says|added)\.?[\"”]?$"
)
_SPEAKS = re.compile(
    r"\s*(?:(?:also|later|separately|have|had|has)\s+)?(?:said|told|say|says|reported|confirmed"
    r"|added|described|recalled|testified)\b",
    re.I,
)
_NOT_HARMED = re.compile(
    r"\b(?:released|freed|rescued|saved|arrested|detained|found\s+alive|recruited|hired|no|fired"
    r"|firing|fires|heard|let\s+off|squeezed\s+off)\s+$",
    re.I,
)
_STATUS_NOUNS = {"refugees", "hostages", "captives"}
"""People whose noun names a harm, unless the sentence says something else befell them."""
_HARMED_OF: dict[str, str | None] = {
    "dead": "killed",
    "killed": "killed",
    "victims": None,
    "wounded": "injured",
    "injured": "injured",
    "missing": "missing",
    "displaced": "displaced",
}
_TOLL = re.compile(
    r"\b(?:(?P<kw>(?:death\s+)?toll|tally|count|figure|number|casualties)\b(?P<mid>[^;]{0,110}?)"
    r"|(?P<kw2>dead|deaths|injured|wounded|missing|displaced|killed|injuries)(?P<mid2>(?:\s+(?:had"
    r"|has|have|was|is|were|now|since|already|risen|rose|climbed|jumped|increased|grown|stood"
    r"|reached|stands|been|sharply|further))*\s+))\b(?:at|to|of|reached|reaching|reaches"
    r"|hit|hits|pass(?:es|ed)?|past|from|was|is|stood\s+at|stands\s+at|with|exceeded|exceeds|topped"
    r"|tops|reporting|reported|as|rose|risen)\s+$",
    re.I,
)
_INHERIT_GAP = re.compile(
    r"^\s*(?:,\s*)?(?:(?:and|or|plus|as\s+well\s+as|with|including|among\s+them|of\s+whom|while"
    r"|compared\s+with|against|versus|from|to|up\s+from|down\s+from)\s+)?(?:,\s*)?$|^[^.;]{0,60}?"
    r"\b(?:including|among\s+them|of\s+whom|among\s+whom)\s+$",
    re.I,
)
_BARE_INHERIT = re.compile(
    r"(?:\bfrom|\bto|\band|\bor|,|\breporting|\breported|\bwith|\bat|\bgave|\bput\s+it\s+at)\s+$",
    re.I,
)
_OFFICIAL = re.compile(
    r"(?:\b(?:the\s+)?[\w.]+(?:\s+[\w.]+)?['’]s\s+|\b(?:the|an|its)\s+)?(?:official|earlier|initial|provisional|previous|government)\s+"
    r"(?:death\s+)?(?:toll|tally|figure|count|estimates?)\b",
    re.I,
)
_ORDINALS = {
    w: i
    for i, w in enumerate(
        [
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        2,
    )
}
_RUNNING = re.compile(
    r"\ba\s+(?P<n>\d+(?:st|nd|rd|th)|"
    + "|".join(_ORDINALS)
    + r")\s+(?P<np>(?:[\w.'-]+\s+){0,4}?)(?:has\s+|had\s+|have\s+)?"
    r"(?:died|been\s+killed|was\s+killed|killed|dead)\b",
    re.I,
)
_SUBSET = re.compile(r"among|of them|buried|burial|bodies|treated|hospital|identified", re.I)

_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
_OF_THE_HARMED = re.compile(
    r"\s+of\s+the\s+(dead|wounded|injured|victims|missing|killed|displaced)\b"
)
_OF_DETERMINER = re.compile(r"\s+of\s+(?:the|his|her|its|their|our|my|your|these|this|that|a|an)\b")
_NAMED_AFTER = re.compile(r"\s+(?:were|are|was|is)\s+(?:all\s+)?([a-z]+)\b")
_AND_GAP = re.compile(r"\s*(?:,\s*)?and\s*")
_TOLL_BEFORE = re.compile(r"\b(?:toll|deaths|dead)\s+$")
_OF_AFTER = re.compile(r"\s+of\b")
_OF_THING = re.compile(r"\s+of\s+(?:\d|[a-z]+\b(?<!them)(?<!whom))")
_AND_NAME_BEFORE = re.compile(r"\band\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+$")
_AMONG_BEFORE = re.compile(r"\bamong\s+(?:the\s+)?([\w-]+)\b[^.;]{0,50}$")
_VERB_FORM_BEFORE = re.compile(r"\b[a-z]{3,}(?:ed|es|s)\s+$")
_LISTED_NEXT = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)")
_WORDS_BEFORE = re.compile(r"(?:[\w'’.-]+\s+){1,3}$")
_AMONG_WERE_BEFORE = re.compile(r"\bamong\s+(?:the\s+)?\w+\s+(?:were|was)\s+$")


@dataclass
class _Found:
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


def extract(doc: Document) -> list[Figure]:
    """Every figure stated in `doc`'s text, outside page furniture, in text order."""
    return merge(extract_numeric(doc), count_victims(doc))


def merge(numeric: list[Figure], victims: list[Figure]) -> list[Figure]:
    """Numeric figures plus victim counts that say something the numerals do not.

    A victim count that overlaps a numeric figure of its category is dropped,
    unless its span contains the numeric ones and counts more than they add up
    to ("two men and a woman" is 3, not "two men"; "14 students and one
    teacher" stays two figures).
    """
    numeric = shot_counts(numeric, victims)
    out = list(numeric)
    for v in victims:
        if any(f.value == v.value and f.start < v.end and v.start < f.end for f in numeric):
            continue
        clash = [
            f for f in numeric if f.category == v.category and f.start < v.end and v.start < f.end
        ]
        if not clash:
            if not any(f.category == v.category and f.value == v.value for f in numeric):
                out.append(v)
            continue
        inside = all(v.start <= f.start and f.end <= v.end for f in clash)
        if inside and v.value > sum(f.value for f in clash):
            out = [f for f in out if f not in clash]
            out.append(v)
    return sorted(out, key=lambda f: (f.start, f.end))


def extract_numeric(doc: Document) -> list[Figure]:
    """Figures stated with a numeral (digits, number words, ranges, multiples)."""
    text = doc.text
    attributor = Attributor()
    figures: list[Figure] = []
    carry: _Found | None = None
    pending: list[int] = []
    prev_end = 0
    for s0, s1 in split_sentences(text):
        if doc.furniture and any(sp.start <= s0 and s1 <= sp.end for sp in doc.furniture):
            continue
        sentence = text[s0:s1]
        found = _read_sentence(sentence, carry) if may_hold_number(sentence) else []
        if not any(f.category for f in found):
            attributor.remember(sentence)
            trailing = _TRAILING_SOURCE.search(sentence)
            if pending and trailing and "\n" not in text[prev_end:s0]:
                for i in pending:
                    figures[i] = replace(figures[i], attribution=trailing.group("src"))
            pending, prev_end = [], s1
            continue
        pending, prev_end = [], s1
        sources = attributor.sources(sentence)
        carry_attr = carry.attribution if carry else None
        last_attr: str | None = None
        for f in found:
            a, b = s0 + min(f.qstart, f.num.start), s0 + f.end
            if doc.in_furniture(s0 + f.num.start, s0 + f.num.end) or f.category is None:
                continue
            attribution = attributor.attribute(sentence, sources, f.num.start)
            if f.official and (
                attribution is None
                or any(
                    p < f.official_pos and re.search(r"\d", sentence[p : f.official_pos])
                    for p, *_ in sources
                )
            ):
                attribution = f.official
            if attribution is None and f.them and carry_attr:
                attribution = carry_attr
            if attribution is None and f.coordinated_prev and last_attr:
                attribution = last_attr
            f.attribution = attribution
            last_attr = attribution
            if attribution is None:
                pending.append(len(figures))
            figures.append(
                Figure(
                    doc_id=doc.id,
                    category=f.category,
                    group=f.group,
                    value=f.num.value,
                    value_high=f.num.value_high,
                    qualifier=f.qualifier,
                    attribution=attribution,
                    quote=text[a:b],
                    start=a,
                    end=b,
                    subset=f.subset,
                )
            )
        carry = next((f for f in reversed(found) if f.category), carry)
    return _share_attribution(figures)


def _share_attribution(figures: list[Figure]) -> list[Figure]:
    """A repeat's attribution is the source the article gives it anywhere."""
    named: dict[tuple, str] = {}
    for f in figures:
        if f.attribution:
            named.setdefault((f.category, f.value, f.value_high), f.attribution)
    return [
        replace(f, attribution=named.get((f.category, f.value, f.value_high)))
        if f.attribution is None
        else f
        for f in figures
    ]


def _read_sentence(sentence: str, carry: _Found | None = None) -> list[_Found]:
    """Figures of one sentence; `carry` is the previous sentence's last figure ("of them")."""
    found: list[_Found] = []
    for num in find_numbers(sentence):
        f = _read_number(sentence, num, found[-1] if found else None, carry)
        if f is not None:
            found.append(f)
    for i in range(len(found) - 2, -1, -1):
        nxt = found[i + 1]
        if (
            found[i].category is None
            and found[i].coordinated_next
            and nxt.category
            and not nxt.them
        ):
            found[i].category = found[i + 1].category
    for m in _RUNNING.finditer(sentence):
        group = noun_group(m.group("np")) or "people"
        word = m.group("n").lower()
        value = _ORDINALS.get(word) or int(re.sub(r"\D", "", word))
        n = NumberMention(m.start("n"), m.end("n"), value)
        found.append(_Found(n, "killed", group, "exact", m.start(), m.end()))
    return found


def _read_number(
    sentence: str, num: NumberMention, prev: _Found | None, carry: _Found | None = None
) -> _Found | None:
    """Read one number: what it counts and what happened to them, or None if no figure.

    The harm is taken from the nearest evidence first: the noun itself, the
    predicate right after it, the figure it is listed with, the verb right
    before it, a toll phrase, then a cue in the rest of its clause.
    """
    before, after = sentence[: num.start], sentence[num.end :]
    if not_count(before[-80:], after, num, sentence[num.start : num.end]):
        return None
    qualifier, qstart = num.qualifier or "exact", num.start
    if num.qualifier is None:
        q = lex.qualifier_before(before)
        if q:
            qualifier, qstart = q
    if num.qualifier == "multiples" and _THE_BEFORE.search(before[-12:]):
        return None
    lead = before[:qstart]
    cut = max(0, len(lead) - 120)
    tail = lead[cut:]  # end-anchored searches over the whole lead would be quadratic
    if _NOT_HARMED.search(tail):
        return None
    group, nend, head, things = noun_phrase(after)
    harmed = _OF_THE_HARMED.match(after)
    if harmed:
        head, group, nend = harmed.group(1), None, harmed.end()
    elif things or (head is None and _OF_DETERMINER.match(after)):
        return None
    end = num.end + nend
    if group is not None and _SPEAKS.match(after[nend:]):
        return None
    if group is None:
        named = _NAMED_AFTER.match(after[nend:])
        if named and named.group(1) in lex.GROUP_NOUNS:
            group = lex.GROUP_NOUNS[named.group(1)]
    f = _Found(num, None, group or "people", qualifier, qstart, max(end, num.end))
    gap_prev = sentence[prev.end : qstart] if prev else None
    inherit = (
        prev is not None and prev.category is not None and bool(_INHERIT_GAP.match(gap_prev or ""))
    )
    if harmed:
        f.category = _HARMED_OF[harmed.group(1).lower()]
        f.subset = f.category is not None and group is None
    elif head in _HARM_NOUNS and not (head in _STATUS_NOUNS and predicate(sentence[f.end :])):
        f.category = _HARM_NOUNS[head]
    elif head and head in {"injured", "wounded", "dead", "displaced", "missing"}:
        f.category = lex.cue_category(lex.CUE_RE.match(head))
    if f.category is None and head and head not in lex.GROUP_NOUNS:
        cue = lex.CUE_RE.fullmatch(head)
        if cue:
            f.category = lex.cue_category(cue)
    if f.category is None:
        pred = predicate(sentence[f.end :])
        if pred:
            f.category = lex.cue_category(pred[0])
            f.end += pred[1]
            f.cue = pred[0].group(0)
    them = prev or carry
    f.them = head == "them"
    f.coordinated_prev = bool(gap_prev is not None and _AND_GAP.fullmatch(gap_prev))
    if head == "them" and them is not None:
        f.subset = group in (None, "people")
        if group is None:
            f.group = them.group
        if f.category is None:
            f.category = them.category
    if f.category is None and inherit and prev is not None:
        f.category = prev.category
        if group is None:
            f.group = prev.group
    if f.category is None:
        v = lex.VERB_BEFORE.search(tail)
        if v:
            f.category = v.lastgroup
            f.qstart = cut + v.start()
            f.cue = v.group(0)
    if f.category is None and (group is None or head in {"others", "people"}):
        t = _TOLL.search(re.split(r"\d", lead[-150:])[-1])
        if t:
            window = t.group(0)
            f.category = _window_category(window, prev)
            f.group = group or noun_group(window) or "people"
            rest = re.split(r"\d", lead[-150:])[-1]
            off = _OFFICIAL.search(rest)
            if off:
                f.official, f.official_pos = (
                    off.group(0).strip(),
                    len(lead) - len(rest) + off.start(),
                )
            if len(window) <= 40:
                f.qstart = len(lead) - len(window)
    if f.category is None and qualifier == "more_than" and _TOLL_BEFORE.search(tail):
        f.category = "killed"
    if f.category is None and group is None and _OF_AFTER.match(after):
        return None
    if group is None and _OF_THING.match(after) and not harmed:
        return None
    if group is None and lex.NUMBER_BEFORE.search(tail):
        return None
    if f.category is None and group is None and prev is not None and prev.category:
        gapped = _AND_NAME_BEFORE.search(tail)
        if (_BARE_INHERIT.search(tail) or gapped) and gap_prev is not None and len(gap_prev) < 80:
            f.category, f.group = prev.category, prev.group
    if (group is None or head in _HARM_NOUNS) and f.group == "people":
        among = _AMONG_BEFORE.search(tail)
        if among and among.group(1).lower() in lex.GROUP_NOUNS:
            f.group = lex.GROUP_NOUNS[among.group(1).lower()]
    other_verb = _VERB_FORM_BEFORE.search(tail) and not lex.VERB_BEFORE.search(tail)
    if f.category is None and group is not None and not other_verb:
        f.category = window_cue(sentence[f.end : f.end + 110], forward=True)
        if f.category is None and re.search(
            r"\b(?:were|are|was|is|include[ds]?|including)\b[^.;:]{0,60}$", lead
        ):
            f.category = window_cue(lead[-120:], forward=False)
        f.coordinated_next = bool(_LISTED_NEXT.match(sentence[f.end :]))
        if f.category is None and not f.coordinated_next:
            return None
    if f.category is None and group is None:
        return None
    if f.qstart == num.start and group is None:
        words = _WORDS_BEFORE.search(tail)
        if words:
            f.qstart = cut + words.start()
    if f.category is not None and f.official is None:
        rest = re.split(r"\d", lead[-80:])[-1]
        off = _OFFICIAL.search(rest)
        if off:
            f.official, f.official_pos = off.group(0).strip(), len(lead) - len(rest) + off.start()
    if f.cue and _SUBSET.search(f.cue) and f.group == "people":
        f.subset = True
    if head in lex.ROLE_NOUNS and f.group == "people":
        f.subset = True
    if head in {"bodies", "body"} or _AMONG_WERE_BEFORE.search(tail):
        f.subset = f.subset or f.group == "people"
    return f


def _window_category(window: str, prev: _Found | None) -> str:
    """The category a toll phrase names; a bare "figure"/"tally" follows the figure before it."""
    w = window.lower()
    if re.search(r"injur|wound|hurt", w):
        return "injured"
    if "missing" in w:
        return "missing"
    if re.search(r"displac|evacu|fled|homeless", w):
        return "displaced"
    if not re.search(r"toll|dead|death|kill|died|fatal", w) and prev and prev.category:
        return prev.category
    return "killed"
