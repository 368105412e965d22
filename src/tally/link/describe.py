"""What an incident is, where and when, as the headline and lead tell it.

Type from keywords, name from "the Khojaly massacre"-like phrases, date from
the lead's first date expression (else the publication date, at week
precision), and place from datelines and locative phrases resolved against
the offline gazetteer, the text's own country and US-state mentions breaking
ties. A place the gazetteer lacks keeps its name with a coarser precision.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache

from tally.link import gazetteer
from tally.link.dates import find_dates, format_range, parse_iso
from tally.link.text import Sentence
from tally.link.where import (
    FURNITURE,
    NOT_ALONE,
    Located,
    body_state,
    city_of,
    line_at,
    most_named_town,
    title_case,
)
from tally.models import Document, LocalIncident
from tally.words import MONTHS, WEEKDAYS

TYPES: list[tuple[str, re.Pattern[str]]] = [
    (
        "air strike",
        re.compile(
            r"\b(?:air ?strikes?|airstrikes?|drone strikes?|air raids?|bombardment)\b", re.I
        ),
    ),
    (
        "bombing",
        re.compile(
            r"\b(?:bomb(?:s|ing|ings|er|ers)?|explosives?|IEDs?|suicide (?:blast|attack)s?)\b", re.I
        ),
    ),
    ("explosion", re.compile(r"\b(?:explosions?|blasts?|exploded|blew up)\b", re.I)),
    ("earthquake", re.compile(r"\b(?:earthquakes?|quakes?|tremors?)\b", re.I)),
    ("landslide", re.compile(r"\b(?:landslides?|mudslides?|landslips?)\b", re.I)),
    ("flood", re.compile(r"\b(?:floods?|flooding|flash floods?|monsoon rains?)\b", re.I)),
    ("crash", re.compile(r"\b(?:crash(?:es|ed)?|collisions?|derail(?:ed|ment))\b", re.I)),
    (
        "fire",
        re.compile(
            r"\b(?:(?<!opened )(?<!open )fires?|blazes?|wildfires?|inferno)\b(?! force)", re.I
        ),
    ),
    ("stabbing", re.compile(r"\b(?:stabb(?:ing|ings|ed)|knife attack)\b", re.I)),
    (
        "shooting",
        re.compile(r"\b(?:shootings?|shot|gunm[ae]n|gunfire|opened fire|shooter)\b", re.I),
    ),
    ("massacre", re.compile(r"\b(?:massacres?|killing spree)\b", re.I)),
    ("abduction", re.compile(r"\b(?:abduct(?:ed|ion|ions)|kidnap(?:ped|ping|pings))\b", re.I)),
    ("attack", re.compile(r"\b(?:attacks?|raids?|assaults?|ambush(?:es)?)\b", re.I)),
    ("conflict", re.compile(r"\b(?:war|insurgency|conflict|fighting)\b", re.I)),
]
VIOLENT_GENERIC = {"attack", "massacre", "conflict"}
"""Types compatible with any violent type: a shooting is also an attack."""
DISASTERS = {"earthquake", "landslide", "flood", "fire", "crash"}
EXPLOSIVE = {"explosion", "bombing", "fire"}
"""An explosion may be reported as a blast, a fire, or later as a bombing."""

_NAME = re.compile(
    r"\b((?:[A-Z][\w'’-]+ |(?:al|el|ad|de|du)[- ](?=[A-Z])){1,4}"
    r"(?:massacre|siege|bombing|shooting|earthquake|attack|landslides?"
    r"|floods?|fire|blast|raid|strike|killings|uprising|war|insurgency))\b"
)
_NAME_STOP = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "last",
    "saturday's",
    "sunday's",
    "monday's",
    "tuesday's",
    "wednesday's",
    "thursday's",
    "friday's",
    "tuesday",
    "friday",
}
_LOCATIVE = re.compile(
    r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|from|across|around|of the (?:village|town|city) of)\s+"
    r"(?:the\s+)?"
    r"(?:(?:[a-z-]+\s+)?(?:village|town|city|district|province|state|region|county|neighbou?rhood)"
    r" of\s+)?"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|central|downtown|rural"
    r"|suburban|neighbou?ring|nearby)(?:ern)?\s+)?"
    r"(?P<p>[A-Z][\w'’.-]*(?:[ -](?:[A-Z][\w'’.-]*|al|el|de))*)(?:,\s+(?P<s>[A-Z][\w.]*(?: [A-Z][\w.]*)?))?"
)
_DATELINE = re.compile(
    r"^(?P<p>[A-Z][A-Z .'’-]{2,40}?)(?:,\s+(?P<s>[A-Z][\w.]*(?: [A-Z][\w.]*)?))?\s*(?:\([\w.]{1,20}\)\s*)?[:—–-]",
    re.M,
)
_NAMED = re.compile(
    r"\b(?:village|town|city|hamlet|district|county|province|region|neighbou?rhood|suburb) of\s+"
    r"(?P<p>[A-Z][\w’'-]*(?:[ -][A-Z][\w’'-]*){0,2})"
)
_POSSESSIVE = re.compile(r"\b(?P<s>[A-Z][\w-]+)['’]s (?P<p>[A-Z][\w-]+(?: [A-Z][\w-]+)?)")
_ATTRIBUTIVE = re.compile(
    r"\b(?P<p>(?:St\. |Ft\. |Mt\. )?[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?= (?:[Pp]olice|[Ss]heriff|man|woman|boy|girl|teens?"
    r"|teenager|father|mother|mom|dad|residents?|officers?|homeowner|family|youth|students?"
    r"|toddler|child|infant|baby|couple|native)\b)"
)
"""A town named as an attribute ("an Aurora man", "Dallas police"): trusted only when the
gazetteer knows it."""
_AT_SEA = re.compile(
    r"\b(?:at sea|off the coast|in international waters|capsized|mid-?air|in the air)\b", re.I
)
"""UCDP's where_prec 7: at sea or in the air."""
_ORG_WORDS = {
    "forces",
    "force",
    "army",
    "police",
    "department",
    "council",
    "ministry",
    "agency",
    "committee",
    "group",
    "party",
    "front",
    "church",
    "school",
    "hospital",
    "university",
    "company",
    "lines",
    "association",
    "office",
    "center",
    "centre",
    "news",
    "times",
    "post",
}
_REGION_WORDS = {
    *[
        "tower",
        "towers",
        "building",
        "apartments",
        "hotel",
        "arena",
    ],
    *[
        "state",
        "province",
        "region",
        "district",
        "county",
        "parish",
        "governorate",
        "prefecture",
        "oblast",
    ],
    *[
        "elementary",
        "high",
        "middle",
        "academy",
        "mall",
        "plaza",
        "stadium",
        "airport",
        "station",
        "park",
    ],
}
_NEAR = re.compile(r"\b(?:near|outside|about \d+ \w+ from|close to)\s+(?:the\s+)?$", re.I)
_STOP_PLACES = {
    *WEEKDAYS,
    *MONTHS,
    "the",
    "police",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "a",
    "an",
    "this",
    "that",
    "there",
    "hospital",
    "court",
    "church",
    "school",
    "state",
    "city",
    "county",
    "street",
    "road",
    "avenue",
    "mr",
    "mrs",
    "ms",
    "god",
    "christmas",
    "easter",
    "breaking",
    "urgent",
    "update",
    "live",
    "exclusive",
    *FURNITURE,
}


def incident_type(text: str) -> str | None:
    """The first incident type, in priority order, whose keywords occur in `text`."""
    for kind, pattern in TYPES:
        if pattern.search(text):
            return kind
    return None


def types_compatible(a: str | None, b: str | None) -> bool:
    """Can incidents of these types be the same event? Unknown and generic types fit any violent one."""
    if a is None or b is None or a == b:
        return True
    if {a, b} <= EXPLOSIVE:
        return True
    if a in DISASTERS or b in DISASTERS:
        return False
    return a in VIOLENT_GENERIC or b in VIOLENT_GENERIC


def name_in(text: str) -> str | None:
    """A proper name of an incident ("Khojaly massacre", "Beslan siege") if the text gives one.

    A capital that only opens a sentence or line ("Suicide attack kills ...") is no name.
    """
    for m in _NAME.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        if m.start() == 0 or before.strip() in {".", "!", "?", ""} or "\n" in before:
            continue
        words = m.group(1).replace("- ", "-").split()
        while words and words[0].lower() in _NAME_STOP:
            words = words[1:]
        if len(words) >= 2 and words[0][0].isupper() and not words[0].isupper():
            return " ".join(words)
    return None


def _hints(text: str) -> tuple[set[str], set[str]]:
    """Countries and US states the text names (ISO alpha-2 codes, state names).

    A name both a country and a US state ("Georgia") counts as the state when the text
    names another US state or the US, else as the country.
    """
    countries: set[str] = set()
    states: set[str] = set()
    either: set[str] = set()
    big_us = False
    for m in re.finditer(r"\b[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}", text):
        words = m.group(0).split()
        town = next(iter(gazetteer.places(m.group(0))), None) if len(m.group(0)) > 3 else None
        big_us = big_us or bool(town and town.country == "US" and town.population >= 50_000)
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                phrase = re.sub(r"['’]s$", "", " ".join(words[i : i + n]))
                c = gazetteer.country(phrase.rstrip(".")) if len(phrase) > 3 else None
                s = gazetteer.us_state(phrase) if len(phrase) > 3 or "." in phrase else None
                if c and s:
                    either.add(phrase)
                elif c:
                    countries.add(c.country)
                elif s:
                    states.add(s.name)
                    countries.add("US")
    for phrase in either:
        if "US" in countries or big_us:
            states.add(phrase)
            countries.add("US")
        else:
            found = gazetteer.country(phrase)
            countries.add(found.country if found else "")
    return countries, states


def _resolve(
    name: str, state: str | None, countries: set[str], states: set[str], near: bool, named: bool
) -> Located | None:
    name = name.strip(" .,'’-")
    if re.search(r"['’]s?$", name):
        return None
    words = name.split()
    while words and words[-1].islower():
        words = words[:-1]
    while words and words[0].lower() in _STOP_PLACES:
        words = words[1:]
    if not words or " ".join(words).lower() in _STOP_PLACES | NOT_ALONE:
        return None
    name = " ".join(words)
    if name.isupper():
        name = name.title()
    st = gazetteer.us_state(state.rstrip(".")) or gazetteer.us_state(state) if state else None
    within = next(iter(gazetteer.places(state)), None) if state and not st else None
    if within:  # "Jamaica, Queens": a place within another
        countries = {within.country}
        states = {within.admin1} if within.admin1 else states
    want_states = {st.name} if st else states
    c = gazetteer.country(name)
    s = gazetteer.us_state(name) if len(name) > 3 else None
    if c and s and ("US" in countries or st):
        c = None  # Georgia, in a text about the US
    if c and c.country not in countries and countries and not st:
        town = next((p for p in gazetteer.places(name) if p.country in countries), None)
        c = None if town else c  # Jamaica, Queens: a neighbourhood of the country the text is in
    if c:
        return Located(c.name, None, c.country, None, None, 6, (f"place:{c.country.lower()}",))
    if s:
        return Located(s.name, s.name, "US", None, None, 4, (f"place:{s.name.lower()}",))
    found: tuple[gazetteer.Place, ...] = ()
    for n in range(len(words), 0, -1):  # "Dallas Nightclub Shooting" names Dallas
        tail = {w.lower() for w in words[n:]}
        if n < len(words) and (
            " ".join(words[:n]).lower() in _STOP_PLACES | NOT_ALONE
            or tail & (_ORG_WORDS | _REGION_WORDS)
        ):
            break  # "Sokoto State", "Sandy Hook Elementary School": a region or a building
        found = gazetteer.places(" ".join(words[:n]))
        if countries:
            found = tuple(
                p
                for p in found
                if p.country in countries
                and (p.country != "US" or not want_states or p.admin1 in want_states)
            ) or tuple(p for p in found if p.country in countries)
        if found or (n == len(words) and named):
            break
    if want_states and found:
        inside = tuple(p for p in found if p.country == "US" and p.admin1 in want_states)
        found = inside or tuple(p for p in found if p.country != "US")
    if found:
        p = found[0]
        return Located(
            p.name,
            p.admin1,
            p.country,
            p.lat,
            p.lon,
            2 if near else 1,
            (
                f"place:{p.name.lower()}",
                f"geo:{p.country}:{p.admin1}:{p.name.lower()}",
                f"pop:{p.population}",
            ),
        )
    if not named or len(words) > 2 or words[-1].lower() in _ORG_WORDS:
        return None
    country = next(iter(countries)) if len(countries) == 1 else None
    admin1 = st.admin1 if st else (next(iter(states)) if len(states) == 1 else None)
    return Located(
        name,
        admin1,
        country,
        None,
        None,
        4 if admin1 else 6 if country else 5,
        (f"place:{name.lower()}",),
    )


def _candidates(text: str, early: int = 0) -> list[tuple[int, int, str, str | None, bool, bool]]:
    """(rank, position, phrase, state, near, named) of the place phrases of `text`, best first.

    Rank 0: "the village of X"; 1: a locative phrase ("in X", "near X"); 2: a dateline
    (where the story was filed, not always where it happened); 3: "X's Y". Phrases
    before `early` (the headline and first sentence) come first, then the dateline.
    `named` when the text marks the phrase as a place, so a name the gazetteer lacks is kept.
    """
    out = []
    patterns = (_NAMED, _LOCATIVE, _DATELINE, _POSSESSIVE, _ATTRIBUTIVE)
    for rank, pattern in enumerate(patterns):
        for m in pattern.finditer(text):
            near = bool(_NEAR.search(text[max(0, m.start() - 30) : m.start("p")]))
            named = rank in {0, 2} or bool(
                re.search(
                    r"\b(?:in|near|outside|around|of)\s+(?:the\s+)?(?:\w+ of\s+)?$",
                    text[m.start() : m.start("p")],
                )
            )
            if re.match(r"\s+\d", text[m.end("p") :]):
                continue  # "Route 91", "Building 7": a road or a unit, not a place
            phrase = re.split(r"['’]s\s+", m.group("p"))[-1]
            named = named and rank != 4 and not title_case(line_at(text, m.start("p")))
            out.append((rank, m.start("p"), phrase, m.groupdict().get("s"), near, named))

    def order(c: tuple[int, int, str, str | None, bool, bool]) -> tuple[int, int, int]:
        rank, pos = c[0], c[1]
        if rank == 2:
            return (1, rank, pos)
        if rank == 4:  # "an Aurora man": only when no phrase places the story
            return (3, rank, pos)
        return (0 if pos < early else 2, min(rank, 1), pos)

    return sorted(out, key=order)


def place_in(
    text: str,
    country: str | None = None,
    context: str = "",
    early: int = 0,
    state: str | None = None,
) -> Located | None:
    """The place `text` names, by rank (see `_candidates`) and then text order.

    A gazetteer city beats a name the gazetteer lacks, except a "village of X";
    a city beats a country or state. `state`, the US state the rest of the document
    names most, decides between US towns of one name when the context names none.
    """
    countries, states = _hints(context or text)
    if country and not countries:
        countries = {country}
    if state and not states:
        countries, states = countries | {"US"}, {state}
    named: Located | None = None
    coarse: Located | None = None
    for rank, _, phrase, state, near, named_ok in _candidates(text, early):
        loc = _resolve(phrase, state, countries, states, near, named_ok)
        if loc is None:
            continue
        if loc.lat is not None or (rank == 0 and loc.where_prec >= 4 and not _is_area(loc)):
            return loc
        if not _is_area(loc):
            named = named or loc
        else:
            coarse = coarse or loc
    return named or coarse


def _is_area(loc: Located) -> bool:
    """A country or first-level admin area rather than a named place."""
    return loc.place.lower() in {n.lower() for n in _country_names(loc)}


def _country_names(loc: Located) -> set[str]:
    c = gazetteer.country(loc.country or "") if loc.country else None
    s = gazetteer.us_state(loc.admin1 or "") if loc.admin1 else None
    return {x.name for x in (c, s) if x}


_PROPER = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b")
_WORD_STOP = (_STOP_PLACES - {"easter"}) | {
    "in",
    "on",
    "at",
    "after",
    "but",
    "and",
    "police",
    "officials",
    "said",
}


def proper_words(text: str, limit: int = 40) -> list[str]:
    """Capitalised phrases not opening a sentence, lower-cased: names for cross-document linking."""
    out: set[str] = set()
    acting = {m.group(1).lower(): m.group(2) for m in _ACTING.finditer(text)}
    for m in _PROPER.finditer(text):
        if m.start() == 0 or text[max(0, m.start() - 2) : m.start()].strip() in {".", "\n", ""}:
            continue
        word = m.group(0).lower()
        if word not in _WORD_STOP:
            out.add(f"{word} {acting[word]}" if word in acting else word)
    return sorted(out)[:limit]


_ACTING = re.compile(
    r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*) (militias?|fighters|rebels|militants|insurgents|gunmen"
    r"|forces|troops|soldiers)\b"
)
"""A name the text calls a militia or a force ("Janjaweed militia"): an actor, wherever named."""


ACTOR_TAILS = {
    "army",
    "armies",
    "forces",
    "force",
    "police",
    "militia",
    "militias",
    "rebels",
    "guerrillas",
    "front",
    "movement",
    "brigade",
    "brigades",
    "battalion",
    "regiment",
    "corps",
    "guard",
    "guards",
    "committee",
    "committees",
    "council",
    "observatory",
    "congress",
    "party",
    "group",
    "network",
    "coalition",
    "alliance",
    "command",
    "ministry",
    "government",
    "agency",
    "authority",
    "authorities",
    "commission",
    "mission",
    "rights",
    "troops",
    "fighters",
    "soldiers",
    "resistance",
    "militants",
    "insurgents",
    "gunmen",
}
"""Last words of the name of an armed group, a force or an agency: it acts in many events."""
TITLES = {
    "president",
    "prime",
    "minister",
    "general",
    "gen",
    "lieutenant",
    "lt",
    "colonel",
    "col",
    "major",
    "maj",
    "captain",
    "capt",
    "commander",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "governor",
    "sheikh",
    "brigadier",
    "sergeant",
}
"""First words of an official's name: spokesmen and leaders speak of many events."""


@lru_cache(maxsize=65536)
def is_actor(word: str) -> bool:
    """Whether a proper name (lower-cased) names an actor rather than the event: "sudan
    liberation army", "the local coordination committees", "lieutenant paddy ankunda".
    Actors are shared by many events in a region, so they are weak evidence of one."""
    parts = word.split()
    return len(parts) > 1 and (parts[-1] in ACTOR_TAILS or parts[0] in TITLES)


BIG_CITY_FOR_COUNTRY = 500_000
"""A city this big, named in the body, tells the country of an article that names none."""


def _main_country(doc: Document) -> str | None:
    """The country the body names most often, for articles whose lead names none."""
    counts: Counter[str] = Counter()
    for m in re.finditer(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?", doc.text[:6000]):
        if doc.in_furniture(m.start(), m.end()):
            continue
        for phrase in (m.group(0), m.group(0).split()[0]):
            c = gazetteer.country(phrase) if len(phrase) > 3 else None
            state = gazetteer.us_state(phrase) if len(phrase) > 3 else None
            if c or state:  # a US state counts for the US; "Georgia" for both
                counts.update(({c.country} if c else set()) | ({"US"} if state else set()))
                break
            city = next(iter(gazetteer.places(phrase)), None) if len(phrase) > 3 else None
            if city and city.name == phrase and city.population >= BIG_CITY_FOR_COUNTRY:
                counts[city.country] += 1
                break
    if not counts:
        return None
    (top, n), *rest = [*counts.most_common(2), ("", 0)]
    return top if n > rest[0][1] else None


def _event_date(
    headline: str, lead: list[Sentence], pub: date | None
) -> tuple[str | None, int | None]:
    """The earliest day-precise date of the headline and first lead sentences (later ones
    are usually reports about the event), else the first date of the lead, else nothing."""
    first = [
        d
        for text in [headline] + [s.text for s in lead[:3]]
        for d in find_dates(text, pub)
        if not (d.lo == pub and (text is headline or len(text) < 80))
    ]
    found = [
        d
        for d in first
        if d.prec <= 3
        and d.kind not in {"since_my", "since_year"}
        and not (pub and d.lo > pub)
        and not (d.kind == "iso" and d.lo == pub)
    ]
    if found:
        d = min(found, key=lambda d: d.lo)
        return d.iso, d.prec
    for d in first:
        if d.kind == "years_since":
            return d.iso, d.prec
    for s in lead:
        for d in find_dates(s.text, pub):
            if d.kind in {"since_year", "since_my", "rel_year"} or (pub and d.lo > pub):
                continue
            return d.iso, d.prec
    return None, None


def describe(doc: Document, headline: str, lead: list[Sentence]) -> LocalIncident:
    """The article's main incident: type, name, date, place and linking cues."""
    lead_text = "\n".join(s.text for s in lead)
    top = headline + "\n" + lead_text
    kind = incident_type(headline) or incident_type(" ".join(s.text for s in lead[:2]))
    kind = kind or incident_type(lead_text)
    pub = parse_iso(doc.published)
    date_s, prec = _event_date(headline, lead, pub)
    if date_s is None and pub:
        date_s, prec = format_range(pub - timedelta(days=6), pub, 3), 3
    countries, states = _hints(top)
    early = len(headline) + 1 + (len(lead[0].text) if lead else 0)
    body_country = _main_country(doc) if len(countries) != 1 else None
    in_state = body_state(doc) if not states else None
    loc = place_in(top, body_country, top, early, in_state)
    if loc is None:
        body = doc.text[:4000]
        found = place_in(body, body_country, body, 0, in_state)
        if found and found.lat is not None and in_state and found.admin1 == in_state:
            loc = found  # a town of the state the document is in, named below the lead
    st = (loc.admin1 if loc else None) or (min(states) if len(states) == 1 else in_state)
    if (loc is None or loc.lat is None) and st and (loc is None or loc.country in {None, "US"}):
        loc = most_named_town(doc, st) or loc
    if loc:
        loc = city_of(loc, doc.text[:4000])
    country = (
        loc.country if loc and loc.country else (min(countries) if len(countries) == 1 else None)
    )
    if country is None:
        country = body_country
    admin1 = loc.admin1 if loc and loc.admin1 else None
    if admin1 is None and country in {None, "US"}:
        admin1 = min(states) if len(states) == 1 else in_state
    country = country or ("US" if admin1 else None)
    words = proper_words(top)
    return LocalIncident(
        doc_id=doc.id,
        key="main",
        name=name_in(top),
        type=kind,
        date=date_s,
        date_prec=prec,
        place=loc.place if loc else None,
        admin1=admin1,
        country=country,
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        where_prec=7
        if _AT_SEA.search(top)
        else loc.where_prec
        if loc
        else (6 if country else None),
        background=False,
        published=doc.published,
        cues=("kind:main",) + (loc.cues if loc else ()) + tuple(f"w:{w}" for w in words),
    )
