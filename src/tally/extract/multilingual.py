"""Figures in a document of any language with data in `tally.lang`: one mechanism, data per language.

Sentence by sentence (a sentence with no harm word is skipped by the language's
prefilter), each number the language's reader finds becomes a figure when it
counts people and a harm cue says what befell them:

- `ml.harm_after`: a harm word follows in its clause ("Douze personnes ont été
  tuées", "86 Menschen starben", "48 Verletzte");
- `ml.harm_before`: a harm word precedes it ("tuant 86 personnes", "погибли не
  менее 64 человек");
- `ml.toll`: a count noun precedes it ("le bilan s'élève à 84");
- `ml.colon`: a count of people opens what a colon adds to a clause of harm or of the
  victims ("жертв могло бути вдвічі більше: близько 600 людей");
- `ml.listed`: a bare number listed after the sentence's count, which it continues ("95
  mortos na noite de 30 de outubro, mais de 200 ao fim de uma semana");
- `ml.breakdown`: a people noun follows and the sentence already gave a figure
  ("De las 216 víctimas mortales, 131 eran hombres");
- `ml.hospital`: people in hospital or treated (injured, usually a subset);
- `ml.shot_dead`: an attacker shot dead, with no numeral.

The qualifier is read from the words right before (or after) the number, the
group from the people noun after it, the source (`ml_sources`) from the sentence's
attribution nearest to it or, failing that, the last one in its paragraph, or else the
first a later sentence of the paragraph names ("... con 45 cuerpos. El CID advierte").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tally.extract.ml_sources import WORD as _WORD
from tally.extract.ml_sources import Source, nearest, refers_back, sources
from tally.extract.numbers import NumberMention
from tally.extract.sentences import document_sentences
from tally.lang import Language
from tally.models import Document, Figure

_CLAUSE_END = re.compile(r"[.;:!?؟؛\n]|,\s|،|\s[-–—]\s")
_CLAUSE_START = re.compile(r"[.;:!?؟؛\n]|,\s|،")
"""Where the words before a number start: a dash introduces the number ("Среди погибших — 41")."""
_YEAR = range(1900, 2101)
_CARRIED = ("ml.breakdown", "ml.update")
"""Readings that stand in a sentence with no harm word, from the count before it."""
AFTER_WORDS = 9
BEFORE_WORDS = 6


@dataclass
class _Read:
    category: str
    rule: str
    group: str = "people"
    subset: bool = False


def _words_after(text: str, n: int) -> str:
    """The first `n` words of `text`, cut at its clause end."""
    cut = _CLAUSE_END.search(text)
    head = text[: cut.start()] if cut else text
    words = list(_WORD.finditer(head))
    return head[: words[n - 1].end()] if len(words) >= n else head


def _words_before(text: str, n: int) -> str:
    """The last `n` words of `text`, from its last clause end."""
    cuts = list(_CLAUSE_START.finditer(text))
    tail = text[cuts[-1].end() :] if cuts else text
    words = list(_WORD.finditer(tail))
    return tail[words[-n].start() :] if len(words) >= n else tail


def _people_after(lang: Language, after: str) -> tuple[str, int] | None:
    """The group of the people noun that follows a number (at most one word between)."""
    m = lang.people.match(after, len(after) - len(after.lstrip()))
    if m is None:
        skip = lang.between.match(after, len(after) - len(after.lstrip()))
        if skip is None:
            return None
        rest = after[skip.end() :]
        m = lang.people.match(rest, len(rest) - len(rest.lstrip()))
        if m is None:
            return None
        return str(m.lastgroup), skip.end() + m.end()
    return str(m.lastgroup), m.end()


def _harm(lang: Language, text: str, last: bool = False) -> re.Match[str] | None:
    found = list(lang.harm.finditer(text))
    if not found:
        return None
    return found[-1] if last else found[0]


def read_number(
    lang: Language,
    sent: str,
    num: NumberMention,
    prior: str | None,
    last: tuple[str, str] | None = None,
) -> _Read | None:
    """What the number at `num` counts in `sent`, or None when it is not a harmed-people count.

    `prior` is the category the paragraph was counting; `last` the text from the sentence's
    previous figure to this number and that figure's group, when the sentence gave one.
    """
    after = sent[num.end :]
    before = sent[: num.start]
    qualified = lang.qualifier_after.match(after)  # "за три с лишним года"
    if lang.not_count.match(after[qualified.end() :] if qualified else after):
        return None
    if re.match(r"^\s*[./:]\d", after):
        return None
    if re.search(r"(?:\bn[°ºo]\.?|№|#)\s*$", before, re.I):
        return None
    if lang.date.match(sent, num.start):
        return None  # "am Sonntag, 30. Oktober"
    if num.value in _YEAR and num.qualifier is None and re.search(r"\d{4}$", sent[: num.end]):
        return None
    near_after = _words_after(after, AFTER_WORDS)
    near_before = _words_before(before, BEFORE_WORDS)
    people = _people_after(lang, after)
    partitive = lang.partitive.match(after) if _num_noun(sent, num) else None
    if people is None and partitive:  # "medio millar de personas", "un millier d'habitants"
        named = _people_after(lang, after[partitive.end() :])
        people = (named[0], partitive.end() + named[1]) if named else None
    lone = num.value == 1 and not sent[num.start : num.end][:1].isdigit()
    if _part_by_place(lang, after):
        earlier = _harm(lang, before, last=True)
        counted = prior or (str(earlier.lastgroup) if earlier else None)
        if counted:
            return _Read(counted, "ml.part", "people", True)
    if lone and people is None and not lang.victims.match(after, len(after) - len(after.lstrip())):
        return None
    group = people[0] if people else "people"
    opener = _words_before(before.rstrip(" ,،"), 3)  # "De ellas, 104 tenían"
    subset = group == "people" and bool(lang.subset.search(opener))
    subset = subset or lone
    # one person named by an article ("un bebé que murió") is one of a toll, not a toll
    harm_here = lang.harm.match(after, len(after) - len(after.lstrip()))
    if harm_here:
        return _Read(str(harm_here.lastgroup), "ml.harm_after", group, subset)
    victims_here = lang.victims.match(after, len(after) - len(after.lstrip()))
    hospital = lang.hospital.search(near_after)
    harm = _harm(lang, near_after)
    if harm and hospital and hospital.start() <= harm.start():
        harm = None
    if harm and (people or victims_here or harm.start() < 40 or _verb_near(near_after, harm)):
        return _Read(str(harm.lastgroup), "ml.harm_after", group, subset)
    if victims_here:
        return _Read("killed", "ml.victims", group, subset)
    if hospital and (people or hospital.start() < 30):
        return _Read("injured", "ml.hospital", group, True)
    harm = _harm(lang, near_before, last=True)
    counts = (
        people is not None
        or not re.match(r"^\s*[^\W\d_]", after)
        or lang.between.match(after.lstrip())
        or lang.adverbial.match(after.lstrip())  # "auf 85 und schließlich", "200 ao fim"
    )
    close = harm is not None and len(_WORD.findall(near_before[harm.end() :])) <= 1
    if harm and (counts or (num.qualifier == "multiples" and close)):
        return _Read(str(harm.lastgroup), "ml.harm_before", group, subset)
    hospital = lang.hospital.search(near_before)
    if hospital and counts:
        return _Read("injured", "ml.hospital", group, True)
    if lang.toll.search(near_before) and counts:
        earlier = _harm(lang, before, last=True)
        counted = str(earlier.lastgroup) if earlier else prior
        if prior and any(m.lastgroup == prior for m in lang.harm.finditer(before)):
            counted = prior  # "erlagen weitere Schwerverletzte ..., die Zahl stieg auf 85"
        return _Read(counted or "killed", "ml.toll", group, subset)
    if people and last is None and (told := _before_colon(lang, before)):
        return _Read(told, "ml.colon", group, subset)
    if prior and counts and lang.update.search(_words_before(before, 2)):
        return _Read(prior, "ml.update", group, subset)  # "уночі — вже про 53", "son ya 158"
    listed = lang.copula.match(after)
    if prior and listed:
        named = _people_after(lang, after[listed.end() :])
        if named and named[0] != "people":
            return _Read(prior, "ml.breakdown", named[0], subset)
    if (
        prior
        and last
        and people is None
        and (counts or lang.determiner.match(after.lstrip()))  # "95 el jueves", "a semana"
        and _listed(lang, before, last[0])
    ):
        return _Read(prior, "ml.listed", last[1], subset)
    if prior and subset:
        return _Read(prior, "ml.breakdown", group, True)
    if people and prior and people[0] != "people" and last is not None:
        return _Read(prior, "ml.breakdown", group, subset)
    return None


_COLON_BEFORE = re.compile(r"[:：]\s*(?:[^\W\d_]+\s+){0,2}$")
"""A colon right before a number, at most two words (a qualifier) between."""


def _before_colon(lang: Language, before: str) -> str | None:
    """What the clause a colon closes right before a count tells of: its harm word's
    category, or killed where it names victims or a toll ("the toll may be twice as high:
    about 600 people"), else None."""
    colon = _COLON_BEFORE.search(before)
    if colon is None:
        return None
    clause = _words_before(before[: colon.start()], BEFORE_WORDS)
    harm = _harm(lang, clause, last=True)
    if harm:
        return str(harm.lastgroup)
    return "killed" if lang.victims.search(clause) or lang.toll.search(clause) else None


def _num_noun(sent: str, num: NumberMention) -> bool:
    """Whether the number is written as a noun ("millar", "Hunderte"), not in digits."""
    return sent[num.end - 1 : num.end].isalpha()


LISTED_GAP = 60
"""The most characters from a count to a bare number listed after it."""


def _listed(lang: Language, before: str, gap: str) -> bool:
    """Whether a bare number continues the list of counts its sentence began ("95 mortos na
    noite de 30 de outubro, mais de 200 ao fim de uma semana"): close to the count before it,
    in the same clause or the next, after a comma, a conjunction or a preposition of the list."""
    if len(gap) > LISTED_GAP or re.search(r"[.;:!?؟؛\n]", gap):
        return False
    q = lang.qualifier_before.search(before)
    return bool(lang.listed.search(before[: q.start()] if q else before))


def _part_by_place(lang: Language, after: str) -> bool:
    """A number listed with the place it counts ("62 de ellos en la provincia", "siete en X")."""
    m = lang.subset_after.match(after)
    rest = after[m.end() :] if m else after
    m = lang.place_in.match(rest)
    if m is None:
        return False
    return any(w[:1].isupper() for w in rest[m.end() :].split()[:5])


def _verb_near(near_after: str, harm: re.Match[str]) -> bool:
    return len(_WORD.findall(near_after[: harm.start()])) <= 3


def qualifier(lang: Language, sent: str, num: NumberMention) -> str:
    """The qualifier of the number at `num`: set by the number itself, or by the words around it."""
    if num.qualifier:
        return num.qualifier
    m = lang.qualifier_before.search(sent[max(0, num.start - 40) : num.start])
    if m:
        return str(m.lastgroup)
    m = lang.qualifier_after.match(sent[num.end :])
    return str(m.lastgroup) if m else "exact"


def extract_language(doc: Document, lang: Language) -> list[Figure]:
    """Every figure stated in `doc` (outside page furniture), read with `lang`'s data."""
    out: list[Figure] = []
    text = doc.text
    paragraph_source: str | None = None
    named: str | None = None
    unsourced: list[int] = []
    prior: str | None = None
    total: int | None = None
    last_end = 0
    for s, e in document_sentences(doc):
        if "\n\n" in text[last_end:s] or ("\n" in text[last_end:s] and doc.kind == "html"):
            paragraph_source = prior = total = None
            unsourced = []
        last_end = e
        sent = text[s:e]
        found_sources = []
        for src in sources(lang, sent):
            if refers_back(lang, src.text) and named:
                src = Source(src.at, named)
            else:
                named = src.text
            found_sources.append(src)
        source = found_sources[0].text if found_sources else None
        harmful = lang.prefilter.search(sent)
        furniture = doc.in_furniture(s, e)
        found = []
        if not furniture and (harmful or prior) and not lang.condition.match(sent):
            found = _sentence_figures(
                doc, lang, sent, s, found_sources, paragraph_source, prior, total
            )
            found = found if harmful else [f for f in found if f.rule in _CARRIED]
        if source and not furniture:
            # a sentence that names a source and states no figure speaks of the ones before it
            for i in unsourced if not found else ():
                out[i] = _with_source(out[i], source)
            unsourced = []
        if furniture or not (harmful or prior):
            paragraph_source = source or paragraph_source
            continue
        unsourced += [
            len(out) + i
            for i, f in enumerate(found)
            if f.attribution is None and f.rule != "ml.shot_dead"
        ]
        out.extend(found)
        prior = found[-1].category if found else prior if not harmful else None
        counts = [f.value for f in found if not f.subset and f.rule != "ml.breakdown"]
        total = max(counts, default=total) if prior else None
        paragraph_source = source or paragraph_source
    return _dedupe(out)


def _with_source(f: Figure, source: str) -> Figure:
    return Figure(**{**{k: getattr(f, k) for k in f.__slots__}, "attribution": source})


def _sentence_figures(
    doc: Document,
    lang: Language,
    sent: str,
    offset: int,
    found: list[Source],
    fallback: str | None,
    prior: str | None = None,
    total: int | None = None,
) -> list[Figure]:
    """The figures of one sentence; `prior` is the category the paragraph was counting and
    `total` its largest count: a part of it ("ml.breakdown") is never larger."""
    out: list[Figure] = []
    mentions = list(lang.numbers.find(sent))
    starts = [n.start for n in mentions]
    last: tuple[int, str] | None = None
    for num in mentions:
        listed = (sent[last[0] : num.start], last[1]) if last else None
        read = read_number(lang, sent, num, prior, listed)
        if read is None or (read.rule == "ml.breakdown" and total and num.value > total):
            continue
        if not read.subset and read.rule != "ml.breakdown":
            total = max(total or 0, num.value)
        prior = read.category
        last = (num.end, read.group)
        start, end = _quote_span(sent, num)
        out.append(
            Figure(
                doc_id=doc.id,
                category=read.category,
                group=read.group,
                value=num.value,
                value_high=num.value_high,
                qualifier=qualifier(lang, sent, num),
                attribution=nearest(found, num.start, starts) or fallback,
                quote=sent[start:end],
                start=offset + start,
                end=offset + end,
                subset=read.subset,
                rule=read.rule,
            )
        )
    m = lang.shot_dead.search(sent)
    if m and lang.attacker.search(sent) and not any(f.group == "combatants" for f in out):
        out.append(
            Figure(
                doc_id=doc.id,
                category="killed",
                group="people",
                value=1,
                value_high=None,
                qualifier="exact",
                attribution=None,
                quote=sent[m.start() : m.end()],
                start=offset + m.start(),
                end=offset + m.end(),
                rule="ml.shot_dead",
            )
        )
    return out


def _quote_span(sent: str, num: NumberMention) -> tuple[int, int]:
    """The number with its clause's words around it: a short quote that reads on its own."""
    before = _words_before(sent[: num.start], 3)
    after = _words_after(sent[num.end :], 4)
    return num.start - len(before), num.end + len(after.rstrip())


def _dedupe(figures: list[Figure]) -> list[Figure]:
    """One figure per stated count: a repeat (headline, then body) keeps the first, with a source."""
    out: list[Figure] = []
    index: dict[tuple[str, int, int | None], int] = {}
    for f in figures:
        key = (f.category, f.value, f.value_high)
        if key in index:
            first = out[index[key]]
            if first.attribution is None and f.attribution is not None:
                out[index[key]] = _with_source(first, f.attribution)
            continue
        index[key] = len(out)
        out.append(f)
    return sorted(out, key=lambda f: (f.start, f.end))
