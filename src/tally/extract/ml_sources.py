"""Who gave a figure, in a language with data in `tally.lang`: one mechanism, data per language.

A sentence names its sources after a "selon"-like word or by a reporting verb, with the
subject before it ("la police a annoncé") or after it ("a annoncé la police", "sagte
der Sprecher", "وقال الوزير"). A sentence with two sources gives each figure the one
nearest to it. A name set off after a title ("le procureur, François Molins") and an
acronym in brackets ("(OCHA)") belong to the source. A title or report that refers back
("le magistrat", "el informe", "Son dernier relevé": the language's `refer_back` nouns)
is the last source the document named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from tally.lang import Language


@cache
def _stops(that: str) -> re.Pattern[str]:
    """Punctuation, or a word that opens reported speech (`Language.that`)."""
    return re.compile(_PUNCTUATION + (f"|\\s{that}" if that != "(?!)" else ""), re.I)


WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*|\d+")
_PUNCTUATION = r"[,،.;:!?؟)«»\"“”\n]|\((?![^()\s]{2,10}\))|\s[-–—]\s"
"""Where a source phrase ends; an acronym in brackets ("(OCHA)") stays in it."""
_APPOSITION = re.compile(
    r"^,\s+(?P<name>(?:[^\W\d_][\w'’-]*\s*){1,4}?)\s*(?=$|[,.;:!?)]|\s[-–—]\s)"
)
"""A name set off by a comma right after the source: ", François Molins," ", Holger Münch."."""
_HEADING = re.compile(r"^(?:[\d:.h]+\s*[-–—]\s*)?(?P<np>[^:;.!?]{3,80}?)\s*:\s*\S")


@dataclass(frozen=True)
class Source:
    """A source the sentence names, and where its cue stands in the sentence."""

    at: int
    text: str


def sources(lang: Language, sent: str) -> list[Source]:
    """Every source `sent` names, in the order of their cues."""
    found: list[Source] = []
    spans: list[tuple[int, int]] = []
    for m in lang.source_before.finditer(sent):
        stop = _stops(lang.that.pattern).search(sent, m.end())
        spans.append((m.start(), stop.start() if stop else len(sent)))
        src = _after_cue(lang, sent, m.end())
        if not src:
            own = sent[m.start() : m.end()].split(maxsplit=1)
            src = own[1] if len(own) == 2 else None
        if src:
            found.append(Source(m.start(), src))
    for m in lang.said.finditer(sent):
        if any(a <= m.start() < b for a, b in spans):
            continue  # "selon le point communiqué par les autorités": one source
        src = _said_source(lang, sent, m)
        if src:
            found.append(Source(m.start(), src))
    if not found:
        heading = _count_heading(lang, sent)
        if heading:
            found.append(Source(0, heading))
    return sorted(found, key=lambda s: s.at)


def nearest(found: list[Source], at: int, numbers: Sequence[int] = ()) -> str | None:
    """The source of the number at `at`: the first cue after it with no other number
    (`numbers`, their starts) between, or else the last cue before it."""
    if not found:
        return None
    after = [s for s in found if s.at > at and not any(at < n < s.at for n in numbers)]
    if after:
        return after[0].text
    before = [s for s in found if s.at < at]
    return before[-1].text if before else found[0].text


def attribution(lang: Language, sent: str) -> str | None:
    """The first source `sent` names, or None."""
    found = sources(lang, sent)
    return found[0].text if found else None


def refers_back(lang: Language, src: str) -> bool:
    """Whether `src` is a title or report that stands for a source named earlier."""
    return bool(lang.refer_back.search(src)) and not _names_after_first(lang, src)


def _names_after_first(lang: Language, src: str) -> bool:
    words = WORD.findall(src)[1:]
    if lang.nouns_capitalised:
        return any(len(w) > 1 and w.isupper() for w in words)
    return any(w[:1].isupper() for w in words)


def _after_cue(lang: Language, sent: str, end: int) -> str | None:
    """The source phrase that starts at `end`, to the next stop, with a name set off after it."""
    rest = sent[end:]
    stop = _stops(lang.that.pattern).search(rest)
    src = _trim(rest[: stop.start()] if stop else rest)
    if src and stop:
        src = _with_apposition(src, rest[stop.start() :])
    return src


def _with_apposition(src: str, rest: str) -> str:
    m = _APPOSITION.match(rest)
    if m is None or not all(w[:1].isupper() for w in m.group("name").split()):
        return src
    return f"{src}, {' '.join(m.group('name').split())}"


def _said_source(lang: Language, sent: str, m: re.Match[str]) -> str | None:
    """The subject of the reporting verb at `m`: after it (inverted) or before it."""
    head, rest = sent[: m.start()], sent[m.end() :]
    stops = _stops(lang.that.pattern)
    stop = stops.search(rest)
    after = rest[: stop.start()] if stop else rest
    first = next(lang.numbers.find(after), None)
    after = after[: first.start] if first else after
    before = [p for p in reversed(stops.split(head)) if p and p.strip()]
    aux = list(lang.auxiliary.finditer(before[0])) if before else []
    between: list[tuple[str, bool]] = []
    if aux:  # "hatten die Behörden ... gesprochen", "وكان رئيس البلدية قد حذّر"
        last = aux[-1]
        tail = before[0][last.end() :]
        inner = lang.adverbial_any.search(tail, 1)
        between = [(tail[: inner.start()] if inner else tail, False)]
        before[0] = before[0][: last.start()]
    order = [(after, True), *((b, False) for b in before)]
    if not lang.subject_after:
        order = order[1:] + order[:1]
    order = between + order
    for candidate, inverted in order:
        src = _source(lang, candidate, inverted)
        if src:
            if inverted and stop and not first:
                src = _with_apposition(src, rest[stop.start() :])
            elif not inverted and candidate is before[0]:
                src = _named_before(lang, head, before, src)
            return src
    return None


def _named_before(lang: Language, head: str, before: list[str], src: str) -> str:
    """ "La Brigada Militar, la policía del estado, llegó a informar": the name that opens the
    sentence, with the phrase set off after it, is the subject."""
    if len(before) != 2 or not head.rstrip().endswith(",") or not before[0].strip():
        return src
    name = before[1].strip()
    if not name[:1].isupper() or lang.adverbial.match(name) or not _source(lang, name):
        return src
    return f"{name}, {src}"


def _count_heading(lang: Language, sent: str) -> str | None:
    """A count named before a colon ("Primer balance oficial: 63 muertos") is the source."""
    m = _HEADING.match(sent)
    if m is None or not lang.toll.search(m.group("np")):
        return None
    src = _trim(m.group("np"))
    return src if src and not lang.harm.search(src) and len(WORD.findall(src)) <= 8 else None


def _source(lang: Language, text: str, inverted: bool = False) -> str | None:
    """`text` as a source: a short noun phrase, with no number, not an adverbial.

    After its verb (`inverted`), the adverbials that open it are dropped word by word.
    Before it, a phrase opened by an adverbial ("Через дев'ять днів Маріупольська міська рада")
    keeps what follows it from the first capitalised word, where capitals mark names
    rather than every noun.
    """
    src: str | None = " ".join(text.split()).strip(" '’")
    while inverted and src and (m := lang.adverbial.match(src)):  # "a annoncé mardi la police"
        src = src[m.end() :].strip(" '’")
    inner = lang.adverbial_any.search(src, 1) if inverted and src else None
    src = _trim(src[: inner.start()] if inner and src else src or "")
    if not src:
        return None
    if lang.adverbial.match(src):
        if lang.nouns_capitalised:
            return None
        cap = re.search(r"(?<=\s)[^\W\d_]", src)
        while cap and not cap.group(0).isupper():
            cap = re.compile(r"(?<=\s)[^\W\d_]").search(src, cap.end())
        if not cap:
            return None
        src = src[cap.start() :]
    if len(WORD.findall(src)) > 12 or re.search(r"\d", src):
        return None
    if next(lang.numbers.find(src), None) or lang.harm.search(src) or lang.victims.search(src):
        return None
    if inverted and lang.toll.search(src):
        return None  # "a annoncé mardi un bilan": the object of the verb
    article = lang.determiner.match(src)
    articles = lang.determiner.pattern != "(?!)"
    if src[:1].islower() and not article and (articles or not inverted):
        return (
            None  # without articles, a source after its verb opens in lower case: "російські ЗМІ"
        )
    return src if not article or src[article.end() :].strip(" '’") else None


def _trim(text: str) -> str | None:
    words = WORD.findall(text)
    if not words or len(words) > 12:
        return None
    src = " ".join(text.split()).strip(" '’")
    return src + ")" if src.count("(") > src.count(")") else src
