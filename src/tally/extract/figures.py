"""Find figures in a document's text: numbers that count harmed people.

Rules and a lexicon, sentence by sentence. No parser is loaded: for this
register of prose the rules are as accurate as spaCy's dependency parse would
let them be, and ingest has to run many times faster than a full parse. A number becomes a
figure when it counts people ("43 farm workers", "27 others", "of them") or
stands in a toll ("put the toll at 88", "rose to 81 from 69"), and a harm cue
says what happened to them: a predicate after it ("were killed", "remain
missing"), a verb before it ("killing", "wounding"), a noun that is itself the
harm ("62 deaths"), the figure it is listed with ("including 116 women"), or
the total it breaks down ("Of the dead, 12 were children"). Each figure
records the id of the rule that decided its category (`Figure.rule`). Victims
counted without a numeral come from `victims.count_victims` and are merged in.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tally.extract import breakdown
from tally.extract import lexicon as lex
from tally.extract import victims_causes as causes
from tally.extract.attribution import Attributor, credited
from tally.extract.combine import share_attribution
from tally.extract.numbers import NumberMention, find_numbers
from tally.extract.numeric_harm import (
    HARM_NOUNS,
    Found,
    fate_after,
    harm_of_noun,
    harmed_them,
    partitive_part,
    suspects,
    toll,
)
from tally.extract.phrases import (
    FUTURE_HARM,
    NUMBER_WORDS,
    STRONG_VERB,
    doers_after,
    in_condition,
    may_hold_number,
    not_count,
    noun_phrase,
    plural_object,
    predicate,
    shot_fired,
    window_cue,
)
from tally.extract.sentences import document_sentences
from tally.extract.tolls import OFFICIAL, running_totals, since_last_count
from tally.extract.vocab import english
from tally.keywords import lowered, may_contain, quick_start, word_alternation
from tally.models import Document, Figure

_VOCAB = english()
_TRAILING_SOURCE = quick_start(
    re.compile(
        r",\s*(?P<src>(?:the|a|an)\s+[\w' -]{2,50}?|[A-Z][\w.' -]{1,50}?)\s+(?:said|says|added)\.?[\"”]?$"
    )
)
_SPEAKS = re.compile(
    rf"\s*(?:(?:{'|'.join(_VOCAB.speaks_before)})\s+)?(?:{'|'.join(_VOCAB.speaks)})\b", re.I
)
_NOT_HARMED = quick_start(re.compile(rf"\b(?:{'|'.join(_VOCAB.not_harmed_before)})\s+$", re.I))
_PART_GAP = re.compile(r"\b(?:including|among\s+them|of\s+(?:whom|which)|among\s+whom)\s+$", re.I)
"""The gap before a count taken out of the one before ("30 people, including 12 ...")."""
_INHERIT_GAP = re.compile(
    r"^\s*(?:[,–—-]\s*)?(?:(?:and|or|plus|as\s+well\s+as|with|including|among\s+them|of\s+(?:whom|which)"
    r"|while|compared\s+(?:with|to)|against|versus|from|to|up\s+from|down\s+from|revised\s+from)"
    r"\s+)?(?:(?:the|its|their)\s+)?(?:,\s*)?$|^[^.;]{0,60}?"
    r"\b(?:including|among\s+them|of\s+(?:whom|which)|among\s+whom)\s+$",
    re.I,
)
_LIST_GAP = re.compile(r"^[^.;,]{0,50}?(?:,\s*|\s)and\s+$|^\s*,\s*$", re.I)
"""The gap between objects of one harm verb ("killed the two snipers, 101 civilians ... and four")."""
_BARE_INHERIT = quick_start(
    re.compile(
        r"(?:\bfrom|\bto|\band|\bor|,|\breporting|\breported|\bwith|\bat|\bgave|\bput\s+it\s+at"
        r"|\b(?:spoke|speak|speaks|talked|talk)\s+of)\s+$",
        re.I,
    )
)
_SUBSET = re.compile(r"among|of them|buried|burial|bodies|treated|hospital|identified", re.I)

_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
_OF_THE_HARMED = re.compile(
    r"\s+of\s+the\s+(dead|wounded|injured|victims|missing|killed|displaced)\b"
)
_OF_DETERMINER = re.compile(r"\s+of\s+(?:the|his|her|its|their|our|my|your|these|this|that|a|an)\b")
# A people noun by its form after a harm verb: a capitalised plural, at most two lower-case
# modifiers before it ("killed 20 minority Tamils", "shot dead four Kurds").
_NATION_AFTER = re.compile(r"\s+(?:[a-z]+\s+){0,2}?([A-Z][a-z]{2,}s)\b(?![-'])")
_NAMED_AFTER = re.compile(r"\s+(?:were|are|was|is)\s+(?:all\s+)?([a-z]+)\b")
_AND_GAP = re.compile(r"\s*(?:,\s*)?and\s*")
_TOLL_BEFORE = re.compile(r"\b(?:toll|deaths|dead)\s+$")
_OF_AFTER = re.compile(r"\s+of\b")
_OF_THING = re.compile(r"\s+of\s+(?:\d|[a-z]+\b(?<!them)(?<!whom)(?<!which))")
_AND_NAME_BEFORE = re.compile(r"\band\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+$")
_AMONG_BEFORE = re.compile(r"\bamong\s+(?:the\s+)?([\w-]+)\b[^.;]{0,50}$")
_VERB_FORM_BEFORE = re.compile(r"\b[a-z]{3,}(?:ed|es|s)\s+$")
_AGENT_CLAUSE = re.compile(
    r"\s+who\s+(?!(?:was|were|had|have|has|is|are|got)\b)(?:\w+\s+)?(?:opened\s+fire|"
    r"fired|shot|killed|attacked|robbed|ambushed)\b"
    r"|\s+(?:(?:\w+\s+){0,2}?(?:are|were|was|is|been|being|now)\s+)?(?:accused|suspected|charged|"
    r"convicted|arrested|indicted|sought|wanted)\s+(?:of|with|in|for)\b"
)
"""People a number counts by what they did or are charged with ("two men who opened fire",
"three teens charged in the shooting"): the doers, unless the clause then tells their own harm."""
_OWN_HARM_LATER = re.compile(
    r"[^.;]*?\b(?:were|was|are|is|been|being)\s+(?:\w+\s+){0,2}?(?:killed|shot|wounded|"
    r"injured|hurt|slain|lynched|dead|murdered|beaten|stabbed)\b"
)
"""The people a number counts as the subject of an active deed ("two militants on a motorcycle
shot and killed a ranger"): the attackers, whom a harm word later in the clause never names."""
_SHOT_CUE = re.compile(r"shot|(?:hit|struck)\s+by\s+(?:gunfire|[\w\s]*bullets?)", re.I)
"""A harm cue that says people were shot, whether they lived or died (rule `num.shot`)."""
_LISTED_NEXT = re.compile(rf"^\s*(?:{lex.NOUN_TAIL})?(?:,\s*(?:and\s+)?|and\s+)")
"""What joins a count to the next in a list: a comma or "and", after a short phrase of its
noun ("one soldier from the army and four rebels were killed")."""
_AUX_BEFORE_CUE = re.compile(rf"\s*(?:[\w'-]+\s+){{0,6}}?{lex.RUN_AUX}\s", re.I)
"""A finite verb after a count's noun phrase: the clause's own predicate, not a participle."""
_THEN_KILLED = re.compile(
    r"[^.;:]{0,60}?(?:,\s*|\s+)(?:and\s+)?(?:(?:later|then|subsequently|eventually|afterwards)\s+)?"
    r"(?:killed|executed|murdered|beheaded|slain|shot\s+dead|shot\s+and\s+killed|hanged"
    r"|found\s+dead|tortured\s+to\s+death|beaten\s+to\s+death)\b"
    rf"(?!\s+(?:a|an|the|his|her|another|\d|{word_alternation(NUMBER_WORDS)})\b)",
    re.I,
)
"""What befell people after they were taken ("were kidnapped and later killed", "abducted two
men, tortured and killed them"): their death, when no one else is its object."""
_JOINED = re.compile(r"\b(?:and|but|or|while)\s+", re.I)
"""A conjunction among the words before a bare count: its span starts after it."""
_WORDS_BEFORE = re.compile(r"(?:[\w'’.-]+\s+){1,3}$")
_AMONG_WERE_BEFORE = re.compile(r"\bamong\s+(?:the\s+)?\w+\s+(?:were|was)\s+$")


_OR_MORE = re.compile(r"^\s+or\s+more\b", re.I)
_VICTIM_VERB_BEFORE = re.compile(
    r"\b(?:identif(?:y|ied|ies|ying)|named|mourn(?:ed|ing|s)?|recover(?:ed|ing|s)?|buried)\s+$",
    re.I,
)
_TAKEN_BEFORE = re.compile(
    r"\b(?:took|taken|taking|takes|brought|rushed|ferried|transported|sent)\s+$", re.I
)
_HOSPITAL_AFTER = re.compile(r"^[^.;]{0,60}?\bhospitals?\b", re.I)
_POSSESSIVE_PRONOUN = re.compile(r"(?:its|their|his|her)\b", re.I)
_LEANS_ON_TOTAL = frozenset({"num.breakdown", "num.breakdown_next", "num.identified"})
"""Rules whose figure counts part of a total stated before: it keeps that total's source."""
_DIED_LATER = re.compile(
    r"[^.;]{0,80}?\b(?:where|and|but|before)\s+(?:\w+\s+)?(?:later\s+|subsequently\s+)?"
    r"(?:died|succumbed|(?:was|were)\s+(?:pronounced|declared)\s+dead)\b",
    re.I,
)
"""Taken to hospital "where he later died": the harm that counts is the death."""
_CONTINUES = re.compile(
    r"^\s*(?:Another|A\s+further|Of\s+those|At\s+that\s+(?:point|time|stage)|By\s+then"
    r"|At\s+the\s+time)\b[\s,]*$"
)
_RELIES_ON = quick_start(re.compile(rf"\b(?:{_VOCAB.alternation(_VOCAB.source_intro)})\b", re.I))
"""A sentence that names where the counts after it come from."""
_RELIES_KEYS = _VOCAB.first_words(_VOCAB.source_intro)
"""The prefilter of `_RELIES_ON`, from the same phrases."""
_CLAUSE_CUE = re.compile(r"[^.;,]{0,60}?(?:" + lex.CUE_RE.pattern + ")", re.I)
"""The rest of a clause up to its harm word ("91 were classed as seriously injured")."""
_FATE_OF = re.compile(r"\bfate\s+of\s+$", re.I)
_UNKNOWN = re.compile(r"[^.;]{0,80}?\b(?:unknown|unclear|not\s+known|uncertain)\b", re.I)
"""'the fate of hundreds of people ... was unknown': they are missing."""
_NONE_SURVIVED = re.compile(
    r"[^.;]{0,120}?\b(?:none\s+(?:of\s+(?:them|whom)\s+)?(?:had\s+)?survived|there\s+were\s+no"
    r"\s+survivors|no\s+one\s+survived)\b",
    re.I,
)
"""'100 people had been queuing ... and none of them survived': they were killed."""
_WHOLE_OF = re.compile(
    rf"\b(?:\d+|{word_alternation(NUMBER_WORDS)}|none|some|several|most)\s+of\s+(?:the|those|these)\s+$",
    re.IGNORECASE,
)
"""A count that is the whole a part is taken from ("one of the three victims died"): the verb
after it tells of the part, not of the three."""
_PARTICIPLE = re.compile(r"killed|shot|wounded|injured|hurt|slain|dead", re.IGNORECASE)
"""A participle right after the whole's noun ("one of the two men shot") is the whole's."""
_TAKEN_TO = re.compile(r"taken\s+to\s+(?!(?:the\s+|a\s+)?hospital)", re.I)
"""A bare number "taken to <a named> hospital" may be anyone moved; a people noun says who."""
_BODIES_OF = re.compile(r"(?:bod(?:y|ies)|remains)\s+of", re.I)
"""'the bodies of four people' counts the dead, not part of them."""
_SAYS_IN = re.compile(r"\b(?:said|says|say|told|tells)\b", re.I)
_INCLUDE_BEFORE = re.compile(r"\binclud\w*\s+$", re.I)


def extract_numeric(doc: Document) -> list[Figure]:
    """Figures stated with a numeral (digits, number words, ranges, multiples)."""
    text = doc.text
    attributor = Attributor()
    figures: list[Figure] = []
    carry: Found | None = None
    announced: str | None = None
    """A count named in the sentence before, without figures ("The inquiry relies on a police assessment.")."""
    pending: list[int] = []
    prev_end = 0
    for s0, s1 in document_sentences(doc):
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
            intro = may_contain(lowered(sentence), _RELIES_KEYS) and _RELIES_ON.search(sentence)
            named = OFFICIAL.search(sentence) if intro else None
            announced = named.group(0) if named else None
            pending, prev_end = [], s1
            continue
        if announced and "\n" in text[prev_end:s0]:
            announced = None
        pending, prev_end = [], s1
        sources = attributor.sources(sentence)
        carry_attr = carry.attribution if carry else None
        last_attr: str | None = None
        credit = credited(sentence)
        for f in found:
            a, b = s0 + min(f.qstart, f.num.start), s0 + f.end
            if doc.in_furniture(s0 + f.num.start, s0 + f.num.end) or f.category is None:
                continue
            if f.rule == "num.harm_before" and (
                causes.charged_deed(sentence, f.qstart) or causes.death_as_cause(sentence, f.qstart)
            ):
                continue  # another event's deaths: charged, answered or marked
            attribution = attributor.attribute(sentence, sources, f.num.start)
            if f.official and (
                attribution is None
                or any(
                    p < f.official_pos and re.search(r"\d", sentence[p : f.official_pos])
                    for p, *_ in sources
                )
            ):
                attribution = f.official
                if _POSSESSIVE_PRONOUN.match(attribution) and attributor.last:
                    attribution = attributor.last
            if attribution is None and announced:
                attribution = announced
            leans = f.them or f.continues or f.rule in _LEANS_ON_TOTAL
            if attribution is None and leans and carry_attr:
                attribution = carry_attr
            if credit and f.num.start < credit[0]:
                attribution = credit[1]
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
                    rule=f.rule,
                )
            )
        carry = next((f for f in reversed(found) if f.category), carry)
        announced = None
    return share_attribution(figures)


_ACTIVE_PRESENT = re.compile(
    r"(?:(?:shoots?|kills?|murders?|stabs?|hacks?|beheads?|lynch(?:es)?|wounds?|injures?)"
    r"(?:\s+and\s+(?:kills?|wounds?|injures?))?|guns?\s+down|shoots?\s+dead)",
    re.I,
)
"""A harm verb in the present tense, active ("three gunmen kill a trader")."""
_OBJECT_NEXT = re.compile(
    rf"\s+(?:an?|the|his|her|their|two|\d+|{word_alternation(NUMBER_WORDS)})\b", re.I
)
"""An object after the verb: the count before it counts those who did the harm."""


_FATE_LATER = re.compile(
    rf"[^.;:,\n]{{0,60}}?(?:,[^.;:,\n]{{1,40}},)?\s{lex.RUN_AUX}\s+(?:[a-z]+ly\s+)?", re.I
)
"""The verb of a run of counts, after the count: "4 firemen and 6 police officers were",
"eight others, among them a child, were"."""


_OTHER_VERB = re.compile(
    r"\b(?:\w+ed|say|says|said|survived?|told|who|which|that|while|when|as|after|but)\b"
    rf"(?=.*\s{lex.RUN_AUX}\b)",
    re.I,
)
"""A verb or clause word between a count and the verb of the run it would open."""


def _later_fate(sentence: str, end: int) -> str | None:
    """The category of the harm told for the run a count opens ("... were wounded"), if any."""
    verb = _FATE_LATER.match(sentence, end)
    if verb is None or _OTHER_VERB.search(
        sentence, end, verb.start() + len(verb.group(0).rstrip())
    ):
        return None  # a verb before it ("three survived and Joe was killed") ends the run
    cue = lex.CUE_RE.match(sentence, verb.end())
    return lex.cue_category(cue) if cue else None


def _read_sentence(sentence: str, carry: Found | None = None) -> list[Found]:
    """Figures of one sentence; `carry` is the previous sentence's last figure ("of them")."""
    found: list[Found] = []
    total = breakdown.total_of(sentence, carry.category if carry else None)
    opening = breakdown.total_end(sentence) if total else 0
    numbers = breakdown.join_ranges(sentence, list(find_numbers(sentence)))
    for num in numbers:
        context = total if num.start >= opening else None
        f = _read_number(sentence, num, found[-1] if found else None, carry, context)
        if f is not None:
            found.append(f)
    for i in range(len(found) - 2, -1, -1):
        nxt = found[i + 1]
        if (
            found[i].category is None
            and found[i].coordinated_next
            and nxt.category
            and not nxt.them
            and nxt.rule != "num.harm_before"
        ):
            found[i].decide(nxt.category, "num.listed")
    for n, group, start, end in running_totals(sentence):
        found.append(Found(n, "killed", group, "exact", start, end, rule="num.running_total"))
    return found


def _read_number(
    sentence: str,
    num: NumberMention,
    prev: Found | None,
    carry: Found | None = None,
    total: str | None = None,
) -> Found | None:
    """Read one number: what it counts and what happened to them, or None if no figure.

    The harm is taken from the nearest evidence first: the noun itself, the
    predicate right after it, the figure it is listed with, the verb right
    before it, a toll phrase, then a cue in the rest of its clause. `total` is
    the category of a total the sentence breaks down ("Of the dead, ...").
    """
    before, after = sentence[: num.start], sentence[num.end :]
    if not_count(before[-80:], after, num, sentence[num.start : num.end]):
        return None
    qualifier, qstart = num.qualifier or "exact", num.start
    if num.qualifier is None:
        q = lex.qualifier_before(before)
        if q:
            qualifier, qstart = q
        elif _OR_MORE.match(after):
            qualifier = "at_least"
    if num.qualifier == "multiples" and _THE_BEFORE.search(before[-12:]):
        return None
    lead = before[:qstart]
    cut = max(0, len(lead) - 120)
    tail = lead[cut:]  # end-anchored searches over the whole lead would be quadratic
    if _NOT_HARMED.search(tail) or in_condition(lead):
        return None
    group, nend, head, things = noun_phrase(after)
    verb = lex.VERB_BEFORE.search(tail)
    if group is None and verb and verb.lastgroup != "displaced":
        nation = _NATION_AFTER.match(after)
        if nation and nation.group(1).lower() not in lex.THINGS:
            group, nend, head, things = "people", nation.end(), nation.group(1).lower(), False
        plural = None if nation else plural_object(after, verb.group(0))
        if plural:
            group, nend, head, things = "people", plural[1], plural[0], False
    listed = (
        group is None
        and prev is not None
        and prev.rule in {"num.harm_before", "num.verb_list"}
        and _LIST_GAP.match(sentence[prev.end : qstart])
    )
    plural = plural_object(after) if listed else None
    if plural:
        group, nend, head, things = "people", plural[1], plural[0], False
    harmed = _OF_THE_HARMED.match(after)
    if harmed:
        head, group, nend = harmed.group(1), None, harmed.end()
    elif things or (head is None and _OF_DETERMINER.match(after)):
        return None
    end = num.end + nend
    own_harm = (  # "three deaths reported": the noun is the harm, the verb no speaker's
        head in HARM_NOUNS and head not in _VOCAB.status_nouns and len(after[:nend].split()) == 1
    )
    if group is not None and not own_harm and _SPEAKS.match(after[nend:]):
        return None
    if breakdown.not_harmed(after[nend:]) or (verb is None and suspects(after[nend:])):
        return None
    named = _NAMED_AFTER.match(after[nend:]) if group is None else None
    if named and named.group(1) in lex.GROUP_NOUNS and named.group(1) not in HARM_NOUNS:
        group = lex.GROUP_NOUNS[named.group(1)]
        end += named.end()
    else:
        named = None
    f = Found(num, None, group or "people", qualifier, qstart, max(end, num.end), head=head)
    f.continues = bool(_CONTINUES.match(lead))
    if qualifier == "at_least" and _OR_MORE.match(after):
        f.end = max(f.end, num.end + _OR_MORE.match(after).end())
    gap_prev = sentence[prev.end : qstart] if prev else None
    whole = bool(_WHOLE_OF.search(tail))  # "one of the three victims died": not the three
    if (
        whole
        and (pred := predicate(sentence[f.end :]))
        and _PARTICIPLE.fullmatch(pred[0].group(0).strip())
    ):
        whole = False  # "one of the two firefighters shot": the participle tells of the two
    inherit = (
        prev is not None
        and prev.category is not None
        and bool(_INHERIT_GAP.match(gap_prev or ""))
        and not whole
    )
    harm_of_noun(f, sentence, after, head, harmed, group, verb is not None)
    if f.rule == "num.cue_noun" and group is not None and lex.FATE_VERB_BEFORE.search(tail):
        adjective = f.category, f.rule  # "left one homeless man dead": the fate told after it
        f.category, f.rule = None, None
        fate_after(f, sentence, tail, cut)
        if f.category is None:
            f.category, f.rule = adjective
    if f.category is None and not whole:
        pred = predicate(sentence[f.end :])
        if pred:
            bare_transfer = group is None and _TAKEN_TO.match(pred[0].group(0))
            reduced = (  # "killed 11 aid workers taken hostage": the verb's, not the participle's
                verb is not None
                and verb.lastgroup == "killed"
                and lex.cue_category(pred[0]) == "captured"
                and not _AUX_BEFORE_CUE.match(sentence, f.end)
            )
            said = sentence[f.end : f.end + pred[1]].strip()
            doer = _ACTIVE_PRESENT.fullmatch(said) and _OBJECT_NEXT.match(sentence, f.end + pred[1])
            shot = _SHOT_CUE.fullmatch(pred[0].group(0)) is not None
            fired = shot and group is None and shot_fired(sentence, f.end, said, pred[1])
            if not bare_transfer and not reduced and not doer and not fired:
                f.decide(lex.cue_category(pred[0]), "num.shot" if shot else "num.harm_after")
                f.end += pred[1]
                f.cue = pred[0].group(0)
    if (
        f.category is None
        and prev is not None
        and _LIST_GAP.match(gap_prev or "")
        and prev.rule in {"num.harm_before", "num.verb_list"}
    ):
        f.decide(prev.category, "num.verb_list")
        if group is None:
            f.group = prev.group
    if f.category is None and total and (group is not None or not after[nend:].startswith(",")):
        f.decide(total, "num.breakdown")
        f.subset = True
    them = prev or carry
    f.them = head == "them"
    f.coordinated_prev = bool(gap_prev is not None and _AND_GAP.fullmatch(gap_prev))
    if head == "them" and verb is not None and STRONG_VERB.match(verb.group(0)):
        f.decide(verb.lastgroup, "num.harm_before")
    if head == "them" and f.category is None and doers_after(sentence, f.end):
        return None  # "two men arrived and one of them opened fire": a doer, not one harmed
    if head == "them" and them is not None:
        f.subset = group in (None, "people")
        if group is None:
            f.group = them.group
        if f.category is None:
            f.decide(them.category, "num.of_them")
    later = _later_fate(sentence, f.end) if f.category is None and inherit else None
    if later and prev is not None and later != prev.category:
        f.decide(later, "num.listed")  # "one was killed and 4 porters and 2 drivers were hurt"
    if f.category is None and inherit and prev is not None:
        f.decide(prev.category, "num.inherit")
        if group is None:
            f.group = prev.group
        if f.group == prev.group and _PART_GAP.search(gap_prev or ""):
            f.subset = True  # "killed 30 people, including 12 in the north": 12 of the 30
    if f.category is None:
        v = lex.VERB_BEFORE.search(tail)
        if v:
            f.decide(v.lastgroup, "num.harm_before")
            f.qstart = cut + v.start()
            f.cue = v.group(0)
    if f.category is None:
        fate_after(f, sentence, tail, cut)
    if f.category is None and carry is not None and carry.category and (group is None or named):
        if named and carry.rule in {"num.breakdown", "num.breakdown_next"} and not lead.strip():
            f.decide(carry.category, "num.breakdown_next")
            f.subset = True
        elif carry.category == "killed" and breakdown.identified(after[nend:]):
            f.decide("killed", "num.identified")
            f.subset = True
    deaths_before = (prev or carry) is not None and (prev or carry).category == "killed"
    named_dead = head in {"bodies", "corpses", "dead"} or (head == "victims" and deaths_before)
    if f.category is None and named_dead and _VICTIM_VERB_BEFORE.search(tail):
        f.decide("killed", "num.victims_named")
    if f.category is None and _TAKEN_BEFORE.search(tail) and _HOSPITAL_AFTER.match(after[nend:]):
        f.decide("injured", "num.to_hospital")
    if f.category is None and _FATE_OF.search(tail) and _UNKNOWN.match(sentence, f.end):
        f.decide("missing", "num.fate_unknown")
    if f.category is None and group is not None and _NONE_SURVIVED.match(sentence, f.end):
        f.decide("killed", "num.none_survived")
    toll(f, lead, group, head, prev or carry)
    if f.category is None and qualifier == "more_than" and _TOLL_BEFORE.search(tail):
        f.decide("killed", "num.toll_more")
    if f.category is None and group is None and _OF_AFTER.match(after):
        return None
    if group is None and _OF_THING.match(after) and not harmed:
        return None
    if group is None and lex.NUMBER_BEFORE.search(tail):
        return None
    if f.category is None and group is None and prev is not None and prev.category:
        gapped = _AND_NAME_BEFORE.search(tail)
        if (_BARE_INHERIT.search(tail) or gapped) and gap_prev is not None and len(gap_prev) < 80:
            f.decide(prev.category, "num.inherit_bare")
            f.group = prev.group
    if (group is None or head in HARM_NOUNS) and f.group == "people":
        among = _AMONG_BEFORE.search(tail)
        if among and among.group(1).lower() in lex.GROUP_NOUNS:
            f.group = lex.GROUP_NOUNS[among.group(1).lower()]
    other_verb = (
        _VERB_FORM_BEFORE.search(tail)
        and not lex.VERB_BEFORE.search(tail)
        and not _INCLUDE_BEFORE.search(tail)
    )
    if f.category is None and whole:
        return None  # the verbs after it tell of the part taken out of it
    if f.category is None and group is not None:
        harmed_them(f, sentence)
    if f.category is None and group is not None and doers_after(sentence, f.end):
        return None
    if (
        f.category is None
        and group is not None
        and _AGENT_CLAUSE.match(sentence, f.end)
        and not _OWN_HARM_LATER.match(sentence, f.end)
    ):
        return None
    if f.category is None and group is not None and not other_verb:
        f.decide(window_cue(sentence[f.end : f.end + 110], forward=True), "num.window_after")
        if f.category is None and re.search(
            r"\b(?:were|are|was|is|include[ds]?|including)\b[^.;:]{0,60}$", lead
        ):
            f.decide(window_cue(lead[-120:], forward=False), "num.window_before")
        f.coordinated_next = bool(_LISTED_NEXT.match(sentence[f.end :]))
        if f.category is None and not f.coordinated_next:
            return None
    if f.category is None and group is None:
        return None
    if f.rule == "num.breakdown":
        cue = _CLAUSE_CUE.match(sentence, f.end)
        f.end = cue.end() if cue else f.end
    elif f.qstart == num.start and group is None:
        words = _WORDS_BEFORE.search(tail)
        if words and not _SAYS_IN.search(words.group(0)):
            joined = list(_JOINED.finditer(words.group(0)))  # "was killed and one other ..."
            f.qstart = cut + words.start() + (joined[-1].end() if joined else 0)
    if f.category is not None and f.official is None:
        rest = since_last_count(lead[-80:])
        off = OFFICIAL.search(rest)
        if off:
            f.official, f.official_pos = off.group(0).strip(), len(lead) - len(rest) + off.start()
    if f.category == "injured" and _DIED_LATER.match(sentence, f.end):
        f.decide("killed", "num.died_later")
    later = f.rule == "num.died_later"  # those taken to hospital who died there: the dead
    if (
        f.cue
        and _SUBSET.search(f.cue)
        and f.group == "people"
        and not _BODIES_OF.match(f.cue)
        and not later
    ):
        f.subset = True
    if head in lex.ROLE_NOUNS and f.group == "people":
        f.subset = True
    if head in {"bodies", "body", "corpses"} or _AMONG_WERE_BEFORE.search(tail):
        f.subset = f.subset or f.group == "people"
    if not f.subset and partitive_part(f, after):
        f.subset, f.rule = True, "num.partitive"
    then = _THEN_KILLED.match(sentence, f.end) if f.category == "captured" else None
    if then and not FUTURE_HARM.search(then.group(0)):
        f.decide("killed", "num.captured_then_killed")  # "were kidnapped and later killed"
    return f
