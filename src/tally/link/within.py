"""Within a document: the article's main incident and the background ones it mentions.

Each figure counts the article's main incident unless the words around it say
otherwise. The cues, nearest one to the figure winning:

- a wider conflict: "insurgency", "the war", "fighting", "violence by ...",
  "since 2015", "in less than three years", "has been accused of killing" — one
  background conflict per document;
- a past or other incident: a date well before the main incident ("in March
  last year", "since December 2012, when ..."), or "three days after a
  suicide bombing ...", "hours before the attack, gunmen also killed ..." —
  one background incident per date or per sentence;
- "more than 100 of them are still missing" continues the previous sentence's
  incident.

Comparisons ("the deadliest attack since 2015") are not cues. Only the text is
evidence: never the file name, path or URL.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from functools import lru_cache

from tally.keywords import quick_start
from tally.link import gazetteer
from tally.link.dates import DateMention, find_dates, format_range, parse_iso, prec_of
from tally.link.describe import (
    Located,
    describe,
    incident_type,
    name_in,
    place_in,
    proper_words,
)
from tally.link.episodes import episodes, is_roundup
from tally.link.nodes import NEAR_KM, distance_km, interval
from tally.link.text import Sentence, lead, sentence_at, sentences
from tally.models import Document, Figure, LocalIncident
from tally.words import small_numbers

MAIN = "main"
CONFLICT = "bg-conflict"

_CONFLICT_CUE = quick_start(
    re.compile(
        r"\b(?:insurgency|insurgencies|civil war|the war|a war|this war|its war|conflict"
        r"|(?:the|of|since|amid) fighting|fighting between"
        r"|violence (?:by|in|across|since)|(?:jihadist|militant|armed|sectarian|gang) violence"
        r"|at the height of|in (?:less|more) than (?:\w+ )?(?:years|decades)"
        r"|over the (?:past|last) (?:\w+ )?(?:years|decades)|(?:decade|year)s?-long"
        r"|(?:has|have) been (?:accused of|blamed for) (?:killing|the deaths)"
        r"|so far this year|this year alone|(?:earlier |so far )?this (?:year|month)\b(?!['’]s)"
        r"|(?:across|throughout|around) the (?:city|county|state|country|nation|region|\w+ boroughs)"
        r"|citywide|nationwide|in (?:\d+|\w+) separate (?:shootings|incidents|attacks)"
        r"|separate (?:shooting )?incidents|in separate shootings"
        r"|(?:across|throughout) (?!the\b)(?P<across>(?-i:[A-Z][a-z]+))"
        r"|the (?:battle|offensive|siege) (?:for|of)\b"
        r"|[\w]+-(?:year|month|week|decade) (?:war|conflict|insurgency|siege|occupation)"
        r"|for (?:more than|over|nearly|almost) (?:\w+ )?(?:weeks?|months?|years?)"
        r"|in total since|since (?:the (?:start|beginning|outbreak)|(?:the )?fighting|the war|the conflict"
        r"|the (?:invasion|offensive|siege|campaign) (?:began|started)))\b",
        re.I,
    )
)
_RELATIVE_CUE = quick_start(
    re.compile(
        r"\b(?:(?:\w+|\d+) (?:hours?|days?|weeks?|months?|years?) |hours )"
        r"(?:after (?:a|an|another|\d+|two|three|four|five|six|seven|eight|nine|ten|twin|several)"
        r"|before (?:a|an|the|another)|earlier than)\b",
        re.I,
    )
)
_OTHER_CUE = quick_start(
    re.compile(
        r"\b(?:in (?:a|another) (?:separate|similar|earlier) (?:attack|incident|shooting|bombing)"
        r"|also killed \S+ (?:people |others )?in (?:the )?(?:village|town|city) of)\b",
        re.I,
    )
)
_RECALLED = re.compile(
    r"(?:\s+(?:who|that)\s+(?:were|was|had\s+been|have\s+been))?"
    r"(?:\s+(?:killed|shot\s+dead|slain|murdered|who\s+died))?"
    r"\s+(?:earlier\s+(?:in\s+the|this|that|last)\s+(?:week|month)|last\s+(?:week|month|year"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|(?:a\s+|\w+\s+)?(?:days?|weeks?|months?)"
    r"\s+(?:earlier|ago|before)|the\s+(?:previous|day\s+before|week\s+before))\b",
    re.I,
)
"""The words after a count that date its victims' deaths before the article's incident ("four
farmers killed earlier this month", "three protesters who were shot dead last Friday")."""
_ANSWERED = re.compile(
    r"\b(?:funerals?|burials?|mourn\w*|vigils?|memorials?|protest\w*|demonstrat\w+|strikes?|riots?"
    r"|rall(?:y|ies)|retaliation|revenge|reprisals?|anger|outrage)\b(?:[^.;:]{0,50})$",
    re.I,
)
"""An event of the article that answers deaths before it, right before their count ("the
funeral of", "a protest against the killing of"): those deaths are not its own."""
_CAUSED = re.compile(
    r"[^.;]{0,80}?\b(?:triggered|sparked|prompted|provoked|set\s+off|touched\s+off)\s+(?!by\b)"
    r"(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:protests?|riots?|clashes|demonstrations?|unrest"
    r"|outrage|reprisals?)\b",
    re.I,
)
"""Deaths told as what set off the article's event ("the murders of two masons ... triggered
a storm of protest"): those deaths are another incident's."""
_BATTLE = re.compile(r"(?:the|of|amid) fighting|fighting between", re.I)
"""A conflict cue that may name one day's battle ("fighting between rebels and soldiers killed
eight people on Monday") as well as the war."""
_ONGOING = re.compile(
    r"\b(?:ha(?:s|ve|d)\s+(?:\w+\s+)?(?:been|killed|died|left|claimed)|since|so\s+far|in\s+the\s+(?:past|last)"
    r"|over\s+the\s+(?:past|last)|(?:days|weeks|months|years)\s+of|continu|ongoing|on-going|recent)",
    re.I,
)
"""Words that make a battle cue's harm a war's running count, not one battle's."""
_SINCE_WHEN = re.compile(r",?\s*(?:when|where|in which)\b")
_CONFLICT_AFTER = re.compile(
    r"(?:in|during|of|since) (?:the|a|its) (?:[\w-]+ )?(?:war|insurgency|conflict)\b"
    r"|in (?:less|more) than|over the (?:past|last)|since|(?:across|throughout|around) the"
    r"|citywide|nationwide|(?:in )?(?:\w+ )?separate|(?:earlier |so far )?this (?:year|month)"
    r"|(?:across|throughout) (?-i:[A-Z])",
    re.I,
)
_COMPARISON = re.compile(
    r"\b(?:deadliest|worst|bloodiest|biggest|largest|first|most)\b[^.;]{0,60}$", re.I
)
_ANAPHORA = re.compile(
    r"^(?:more than |at least |about |some |around )?\S+ of (?:them|those)\b|^(?:they|them)\b", re.I
)
_RELATIVE_N = re.compile(r"\b(\w+|\d+) (hour|day|week|month|year)s? (after|before)\b", re.I)
_NUMBERS = {**small_numbers(), "a": 1, "an": 1, "several": 3, "few": 3}
WINDOW_BEFORE = 140
WINDOW_AFTER = 90
PAST_GAP_DAYS = 45


@dataclasses.dataclass
class _Cue:
    kind: str
    """`conflict`, `past` (a dated other incident), `relative`, `other`."""
    pos: int
    date: tuple[date, date, int] | None = None


def link_within(doc: Document, figures: list[Figure]) -> tuple[list[Figure], list[LocalIncident]]:
    """Give each figure a document-local incident key and describe those local incidents."""
    sents = sentences(doc)
    headline, lead_sents = lead(doc, sents)
    lead_end = lead_sents[0].end if lead_sents else 0
    main = describe(doc, headline, lead_sents)
    main_lo = _interval_lo(main.date) or parse_iso(doc.published)
    keys: list[str] = []
    sentence_of: list[int] = []
    extra: dict[str, LocalIncident] = {}
    for f in figures:
        si = sentence_at(sents, f.start)
        sent = sents[si] if sents else Sentence(0, len(doc.text), doc.text)
        key, li = _classify(doc, f, sent, main, main_lo, f.start < lead_end)
        if key == MAIN and _after_war(doc, sents, si, main_lo, figures):
            key, li = CONFLICT, _conflict(doc, main, None, "conflict", sents[si - 1].text)
        if key == MAIN and keys and _ANAPHORA.match(doc.text[sent.start : f.end]):
            prev = [k for k, s in zip(keys, sentence_of, strict=True) if s == si - 1]
            if prev and prev[-1] != MAIN:
                key = prev[-1]
        if li is not None and key not in extra:
            extra[key] = li
        keys.append(key)
        sentence_of.append(si)
    lead_first = lead_sents[0].text if lead_sents else ""
    roundup = is_roundup(headline + "\n" + lead_first)
    keys = _recalled(doc, sents, main, main_lo, figures, keys, sentence_of, extra)
    keys = _separated(doc, sents, lead_end, roundup, main, keys, sentence_of, extra)
    if keys and all(k == CONFLICT for k in keys) and _one_days_spread(sents, sentence_of):
        li = extra[CONFLICT]  # a country's toll of one day, all the article counts: its own
        extra[CONFLICT] = dataclasses.replace(li, cues=(*li.cues, "kind:tally"))
    if roundup and any(k.startswith("sep-") for k in keys):
        main = dataclasses.replace(main, cues=(*main.cues, "kind:tally"))
    out = [dataclasses.replace(f, incident=k) for f, k in zip(figures, keys, strict=True)]
    fig_cues: dict[str, set[str]] = {}
    for f, k in zip(figures, keys, strict=True):
        fig_cues.setdefault(k, set()).add(f"fig:{f.category}:{f.group}:{f.value}")
    locals_ = [dataclasses.replace(main, cues=main.cues + tuple(sorted(fig_cues.get(MAIN, ()))))]
    for k in sorted(extra.keys() & fig_cues.keys()):
        li = extra[k]
        locals_.append(dataclasses.replace(li, cues=li.cues + tuple(sorted(fig_cues.get(k, ())))))
    return out, locals_


_SPREAD = re.compile(
    r"\b(?:(?:across|throughout|around)\s+(?:the\s+)?(?:country|nation|(?P<name>(?-i:[A-Z])\w+))"
    r"|nationwide|countrywide)\b",
    re.I,
)
"""A toll told as spread over a country ("across the country", "nationwide", "across Peru")."""


def _spread(text: str) -> bool:
    """Whether `text` tells a toll spread over a country (a country's name in the gazetteer,
    not a city's: a city's overnight tally is its own separate shootings)."""
    m = _SPREAD.search(text)
    return m is not None and (not m.group("name") or gazetteer.country(m.group("name")) is not None)


def _one_days_spread(sents: list[Sentence], sentence_of: list[int]) -> bool:
    """Whether every figure's sentence tells a toll spread over a country, not a running
    count ("killed across the country on Monday", not "has killed ... since March"): with
    no other figure, the article's own tally, linked to no other report's (`kind:tally`)."""
    told = {sents[i].text for i in sentence_of} if sents else set()
    return bool(told) and all(_spread(t) and not _ONGOING.search(t) for t in told)


def _recalled(
    doc: Document,
    sents: list[Sentence],
    main: LocalIncident,
    main_lo: date | None,
    figures: list[Figure],
    keys: list[str],
    sentence_of: list[int],
    extra: dict[str, LocalIncident],
) -> list[str]:
    """`keys` with the main incident's figures of deaths an event of the article answers
    (`_ANSWERED`) and dates before it (`_RECALLED`) keyed to a background incident of their
    sentence, in the lead as anywhere: only while another figure still counts the main
    incident (a vigil's own article is about the deaths it mourns)."""
    recalled = [
        k == MAIN
        and f.category == "killed"
        and (
            (
                bool(_RECALLED.match(doc.text, f.end, sents[si].end))
                and bool(_ANSWERED.search(doc.text, sents[si].start, f.start))
            )
            or bool(_CAUSED.match(doc.text, f.end, sents[si].end))
        )
        for f, k, si in zip(figures, keys, sentence_of, strict=True)
    ]
    if not any(recalled) or all(r or k != MAIN for r, k in zip(recalled, keys, strict=True)):
        return keys
    out = list(keys)
    for n, r in enumerate(recalled):
        if r:
            key, li = _past(doc, sents[sentence_of[n]], main, main_lo, None)
            extra.setdefault(key, li)
            out[n] = key
    return out


def _separated(
    doc: Document,
    sents: list[Sentence],
    lead_end: int,
    roundup: bool,
    main: LocalIncident,
    keys: list[str],
    sentence_of: list[int],
    extra: dict[str, LocalIncident],
) -> list[str]:
    """`keys` with the main incident's figures (and a sentence's own other incident's) that a
    separate incident's sentences tell (`episodes`) keyed to that incident, which joins
    `extra`."""
    start = next((i for i, s in enumerate(sents) if s.start >= lead_end), len(sents))
    told = episodes(sents, start, roundup)
    if not told:
        return keys
    of = {i: ep for ep in told for i in ep}
    out = list(keys)
    for n, (k, si) in enumerate(zip(keys, sentence_of, strict=True)):
        ep = of.get(si)
        if ep is None or k not in {MAIN, f"bg-s{sents[si].start}"}:
            continue
        key = f"sep-{sents[ep[0]].start}"
        if key not in extra:
            extra[key] = _separate(doc, main, [sents[i] for i in ep], key)
        out[n] = key
    return out


def _separate(doc: Document, main: LocalIncident, told: list[Sentence], key: str) -> LocalIncident:
    """A separate incident of the document, as its sentences `told` tell it: the main
    incident's town unless they name another, their day if they give one, else the main's."""
    opener, text = told[0].text, " ".join(s.text for s in told)
    pub = parse_iso(doc.published)
    days = [
        d
        for d in find_dates(opener, doc.published)
        if d.prec <= 2 and not d.kind.startswith("since") and not (pub and d.lo > pub)
    ]
    main_lo, main_hi = interval(main.date, main.date_prec)
    if days and main_lo and main_hi and (main.date_prec or 9) <= 2:
        days = [d for d in days if main_lo - timedelta(days=7) <= d.lo <= main_hi]
    date_s, prec = (days[0].iso, days[0].prec) if days else (main.date, main.date_prec)
    at = place_in(opener, main.country, state=main.admin1)
    town = (
        at is not None
        and at.lat is not None
        and at.country == main.country
        and at.admin1 == main.admin1
        and ((km := _km(at, main)) is None or km > NEAR_KM)
    )
    where = ("place:", "geo:", "pop:")
    return LocalIncident(
        doc_id=doc.id,
        key=key,
        name=name_in(text),
        type=incident_type(opener) or incident_type(text) or main.type,
        date=date_s,
        date_prec=prec,
        place=at.place if town else main.place,
        admin1=at.admin1 if town else main.admin1,
        country=main.country,
        lat=at.lat if town else main.lat,
        lon=at.lon if town else main.lon,
        where_prec=at.where_prec if town else main.where_prec,
        published=doc.published,
        cues=(
            "kind:separate",
            *(at.cues if town else tuple(c for c in main.cues if c.startswith(where))),
            *(f"w:{w}" for w in proper_words(text)),
        ),
    )


def _km(at: Located, main: LocalIncident) -> float | None:
    """How far a place is from the main incident's: a neighbourhood of its city is near."""
    here = LocalIncident(doc_id="", key="", lat=at.lat, lon=at.lon)
    return distance_km(here, main)


def _interval_lo(value: str | None) -> date | None:
    if not value:
        return None
    first = value.split("/")[0]
    return parse_iso(first + "-01-01"[len(first) - 4 :]) if len(first) < 10 else parse_iso(first)


def _cues(doc: Document, sent: Sentence, main_lo: date | None, fig_end: int) -> list[_Cue]:
    """The cues of `sent` that may take a figure ending at `fig_end` from the main incident."""
    conflicts, others, dates = _sentence_cues(sent.text, doc.published, main_lo)
    after = fig_end - sent.start
    out = [_Cue("conflict", sent.start + pos) for pos, ok in conflicts if pos < after or ok]
    in_conflict = bool(out)
    out += [_Cue(kind, sent.start + pos) for kind, pos in others]
    for d, when, since, hi, old in dates:
        if since and not when:
            if d.kind != "weekday" and main_lo and d.lo < main_lo - timedelta(days=3):
                out.append(_Cue("conflict", sent.start + d.start, (d.lo, d.hi, d.prec)))
        elif in_conflict and old and not when:
            out.append(_Cue("conflict", sent.start + d.start, (d.lo, main_lo, 5)))  # type: ignore[arg-type]
        elif old:
            prec = (4 if d.kind == "since_my" else 5) if since else d.prec
            out.append(_Cue("past", sent.start + d.start, (d.lo, hi, prec)))
    return out


@lru_cache(maxsize=256)
def _sentence_cues(
    text: str, published: str | None, main_lo: date | None
) -> tuple[
    tuple[tuple[int, bool], ...],
    tuple[tuple[str, int], ...],
    tuple[tuple[DateMention, bool, bool, date, bool], ...],
]:
    """What a sentence's cues are, read once per sentence, not once per figure in it
    (a run-on sentence holds many): conflict cues (position, whether it also takes figures
    before it), relative and other cues, and dates (mention, "when" follows, "since", end,
    well before the main incident)."""
    conflicts = tuple(
        (m.start(), bool(_CONFLICT_AFTER.match(text, m.start())))
        for m in _CONFLICT_CUE.finditer(text)
        if not _COMPARISON.search(text[: m.start()])
        and (m["across"] is None or gazetteer.country(m["across"]) is not None)
        and not (_BATTLE.fullmatch(m.group(0)) and not _ONGOING.search(text))
    )
    others = tuple(("relative", m.start()) for m in _RELATIVE_CUE.finditer(text)) + tuple(
        ("other", m.start()) for m in _OTHER_CUE.finditer(text)
    )
    dates = []
    for d in find_dates(text, published):
        when = bool(_SINCE_WHEN.match(text, d.end))
        if _COMPARISON.search(text[: d.start]) and not when:
            continue
        since = d.kind.startswith("since") or text[: d.start].rstrip().endswith("since")
        hi = _end_of(d) if since and when else d.hi
        old = bool(main_lo and hi < main_lo - timedelta(days=PAST_GAP_DAYS))
        dates.append((d, when, since, hi, old))
    return conflicts, others, tuple(dates)


def _end_of(d: DateMention) -> date:
    if d.kind == "since_my":
        nxt = date(d.lo.year + (d.lo.month == 12), d.lo.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(d.lo.year, 12, 31)


def _classify(
    doc: Document,
    f: Figure,
    sent: Sentence,
    main: LocalIncident,
    main_lo: date | None,
    in_lead: bool = False,
) -> tuple[str, LocalIncident | None]:
    """The local key of the incident figure `f` counts, and that incident if it is not the main.

    In the headline and first sentence only a wider conflict can take a figure from
    the main incident: that is where an article states what it is about.
    """
    best: tuple[int, _Cue] | None = None
    for cue in _cues(doc, sent, main_lo, f.end):
        if in_lead and cue.kind != "conflict":
            continue
        if cue.pos <= f.start:
            dist = f.start - cue.pos
            if dist > WINDOW_BEFORE:
                continue
        else:
            dist = cue.pos - f.end
            if dist > WINDOW_AFTER or cue.kind in {"relative", "other"}:
                continue
        if best is None or dist < best[0]:
            best = (dist, cue)
    if best is None:
        return MAIN, None
    cue = best[1]
    clause = doc.text[sent.start : sent.end]
    if cue.kind == "conflict":
        kind = incident_type(clause) or "conflict"
        return CONFLICT, _conflict(doc, main, cue.date, kind, clause)
    return _past(doc, sent, main, main_lo, cue.date if cue.kind == "past" else None)


def _past(
    doc: Document,
    sent: Sentence,
    main: LocalIncident,
    main_lo: date | None,
    dated: tuple[date, date, int] | None,
) -> tuple[str, LocalIncident]:
    """The background incident a sentence tells of another time: keyed by its date where a
    cue dates it (`dated`), else by its sentence, dated relative to the main incident."""
    clause = doc.text[sent.start : sent.end]
    if dated:
        lo, hi, prec = dated
        key = f"bg-{lo:%Y%m%d}"
        date_s: str | None = format_range(lo, hi, prec)
    else:
        lo, hi, prec = _relative_date(clause, main_lo, doc)
        key = f"bg-s{sent.start}"
        date_s = format_range(lo, hi, prec) if lo and hi else None
    li = LocalIncident(
        doc_id=doc.id,
        key=key,
        name=name_in(clause),
        type=incident_type(clause),
        date=date_s,
        date_prec=prec if date_s else None,
        published=doc.published,
        background=True,
        country=main.country,
        cues=("kind:past", *tuple(f"w:{w}" for w in proper_words(clause))),
    )
    place = place_in(clause, main.country)
    if place is not None:
        li = dataclasses.replace(
            li,
            place=place.place,
            admin1=place.admin1,
            country=place.country or main.country,
            lat=place.lat,
            lon=place.lon,
            where_prec=place.where_prec,
            cues=li.cues + place.cues,
        )
    return key, li


def _conflict(
    doc: Document,
    main: LocalIncident,
    lo_hi: tuple[date, date, int] | None,
    kind: str | None,
    clause: str,
) -> LocalIncident:
    """The document's background conflict (one per document), at the town its sentence names
    (a siege of one city is not the country's war)."""
    date_s = format_range(lo_hi[0], lo_hi[1], 5) if lo_hi else None
    at = place_in(clause, main.country) or _town_named(clause, main.country)
    town = at is not None and at.lat is not None and at.country == main.country
    return LocalIncident(
        doc_id=doc.id,
        key=CONFLICT,
        published=doc.published,
        background=True,
        country=main.country,
        type=kind,
        date=date_s,
        date_prec=5 if date_s else None,
        where_prec=at.where_prec if town else 6 if main.country else None,
        place=at.place if town else None,
        admin1=at.admin1 if town else None,
        lat=at.lat if town else None,
        lon=at.lon if town else None,
        cues=(
            "kind:conflict",
            *(("kind:tally",) if _TALLY.search(clause) and not _WAR.search(clause) else ()),
            *(at.cues if town else ()),
        ),
    )


_TALLY = re.compile(
    r"\bseparate (?:shootings|incidents|attacks|stabbings)\b|\bcitywide\b"
    r"|\b(?:across|throughout|around) the (?:city|county)\b",
    re.I,
)
"""What makes a background a tally of one place's separate incidents (several shootings in
one city overnight), not a wider conflict: it counts no other document's incident."""


def _town_named(clause: str, country: str | None) -> Located | None:
    """The first capitalised word of `clause` that is a town of `country` in the gazetteer
    ("Mariupol, a port city, has been encircled ...")."""
    if not country:
        return None
    for m in re.finditer(r"\b[A-Z][a-z]{3,}\b", clause):
        p = next((p for p in gazetteer.places(m.group(0)) if p.country == country), None)
        if p is not None:
            return Located.of(p, 1)
    return None


_WAR = re.compile(
    r"\b(?:war|insurgency|conflict|siege|occupation|offensive|invasion|encircled|besieged)\b", re.I
)


def _after_war(
    doc: Document, sents: list[Sentence], si: int, main_lo: date | None, figures: list[Figure]
) -> bool:
    """A figure in a sentence of no incident of its own right after a sentence that sets
    out a war without a figure ("After a six-year war, ... . Around one million live as
    refugees."): it counts the war, not the article's incident."""
    if si == 0 or not sents or incident_type(sents[si].text):
        return False
    prev = sents[si - 1]
    if "\n\n" in doc.text[prev.end : sents[si].start] or not _WAR.search(prev.text):
        return False
    if any(prev.start <= f.start < prev.end for f in figures):
        return False
    return any(c.kind == "conflict" for c in _cues(doc, prev, main_lo, prev.end))


def _relative_date(
    clause: str, main_lo: date | None, doc: Document
) -> tuple[date | None, date | None, int]:
    """ "three days after a bombing" in an article about an event on day D: D − 3."""
    m = _RELATIVE_N.search(clause)
    if m and main_lo:
        n = _NUMBERS.get(m[1].lower()) or (int(m[1]) if m[1].isdigit() else None)
        unit = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}[m[2].lower()]
        if n is not None:
            sign = -1 if m[3].lower() == "after" else 1
            mid = main_lo + timedelta(days=sign * n * unit)
            spread = 0 if unit <= 1 else max(1, unit // 4)
            lo, hi = mid - timedelta(days=spread), mid + timedelta(days=spread)
            return lo, hi, prec_of(lo, hi)
    dates = find_dates(clause, doc.published)
    if dates:
        return dates[0].lo, dates[0].hi, dates[0].prec
    return None, None, 5
