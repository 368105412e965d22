"""Which phrases of a text name places, and which places they name.

Candidates come from locative phrases ("in X", "near the village of X"), datelines, "X's Y"
and attributive names ("an Aurora man"), never from page furniture, headline capitals or
brands; each resolves against the offline gazetteer with the countries and US states the
text names breaking ties between places of one name. A place the gazetteer lacks keeps its
name with a coarser precision where the text marks it as a place.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from tally.keywords import quick_start
from tally.link import gazetteer
from tally.link.nodes import STREET_LAST
from tally.link.states import BIG_CITY, us_leaning
from tally.link.where import (
    AROUND_AFTER,
    AROUND_BEFORE,
    ATTRIBUTE_BETWEEN,
    COMPASS,
    DATELINE,
    FORCE_MEMBERS,
    FURNITURE,
    NOT_ALONE,
    PLACE_TAILS,
    STOP_WORDS,
    TAKEN,
    WIDER,
    Located,
    country_named,
    is_county,
    line_at,
    other_story,
    playlist_line,
    state_word,
    title_case,
    town_key,
)
from tally.models import Document
from tally.words import MONTHS, WEEKDAYS

_LOCATIVE = quick_start(
    re.compile(
        r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|from|across|around|of the (?:village|town|city) of)\s+"
        r"(?:the\s+)?"
        r"(?:(?:[a-z-]+\s+)?(?:village|town|city|district|province|state|region|county|neighbou?rhood)"
        r" of\s+)?"
        r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|central|downtown|rural"
        r"|suburban|neighbou?ring|nearby)(?:ern)?\s+)?"
        r"(?P<p>[A-Z][\w'’.-]*(?:[ -](?:[A-Z][\w'’.-]*|al|el|de))*)(?:,\s+(?P<s>[A-Z][\w.]*(?: [A-Z][\w.]*)?))?"
    )
)
_NAMED = quick_start(
    re.compile(
        r"\b(?:village|town|city|hamlet|district|county|province|region|neighbou?rhood|suburb) of\s+"
        r"(?P<p>[A-Z][\w’'-]*(?:[ -][A-Z][\w’'-]*){0,2})"
    )
)
_POSSESSIVE = quick_start(
    re.compile(r"\b(?P<s>[A-Z][\w-]+)['’]s (?P<p>[A-Z][\w-]+(?: [A-Z][\w-]+)?)")
)
_PEOPLE = (
    r"man|woman|boy|girl|teens?|teenager|father|mother|mom|dad|residents?|homeowner|family"
    r"|youth|students?|toddler|child|infant|baby|couple|native|men|women|kids|children|neighbors"
)
"""The people an attributive town names ("a Raytown man"): where they live, not always where
it happened."""
_ATTRIBUTIVE = quick_start(
    re.compile(
        r"\b(?P<p>(?:St\. |Ft\. |Mt\. )?[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
        r"(?= (?:(?:"
        + "|".join(re.escape(w) for w in ATTRIBUTE_BETWEEN)
        + r") ){0,2}(?P<n>[Pp]olice|[Ss]heriff|officers?|"
        + _PEOPLE
        + r"|shootings?|homicides?|murders?|killings?|stabbings?|slayings?|death|gunfire|standoff)\b)"
    )
)
"""A town named as an attribute ("an Aurora man", "Dallas police", "in fatal Hammond
shooting", "a Bossier City nightclub shooting"): trusted only when the gazetteer knows it."""
_PERSON = re.compile(_PEOPLE)
_ORIGIN = re.compile(rf"\b(?:{_PEOPLE}|offender|suspect|gunman|shooter|driver|visitors?) $")


def came_from(text: str, pos: int) -> bool:
    """Whether the place named at `pos` is where a person came from ("a drifter from
    Nevada"): "from" right before it, a person's noun right before that."""
    start = pos - len("from ")
    return text.startswith("from ", start) and bool(_ORIGIN.search(text, max(0, start - 30), start))


"""A person before "from X": X is where they came from, not where it happened."""
_FORCE = re.compile(r"[Pp]olice")
"""The force an attributive town names ("Dallas police"): where it acts; a sheriff is a
county's ("San Diego sheriff's detectives" in a suburb)."""
ORG_WORDS = {
    *["forces", "force", "army", "police", "department", "council", "ministry", "agency"],
    *["committee", "group", "party", "front", "church", "school", "hospital", "university"],
    *["company", "lines", "association", "office"],
    "court",  # a court of law, or of homes ("the Elm Court housing project")
    *["center", "centre", "news", "times", "post"],
}
REGION_WORDS = {
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
        "bridge",
    ],
}
_DAYS = {*WEEKDAYS, *MONTHS}
_TITLE_PREPOSITIONS = {"In", "At", "Near", "Outside", "Of", "On", "From"}
"""Prepositions a title-case headline capitalises inside a run of capitals."""
_NEAR = quick_start(
    re.compile(r"\b(?:near|outside|about \d+ \w+ from|close to)\s+(?:the\s+)?$", re.I)
)
STOP_PLACES = {*WEEKDAYS, *MONTHS, *(w.lower() for w in STOP_WORDS), *FURNITURE}
"""Words that name no place alone nor begin a place's name (`places.toml`)."""


def _big_by_name(p: gazetteer.Place, name: str) -> bool:
    """A city big enough, named by its own name, to be meant wherever the text points."""
    return p.population >= BIG_CITY_BY_NAME and town_key(p.name) == town_key(name)


BIG_CITY_BY_NAME = 500_000
STATED_BEATS = 300_000
"""A state written beside a town's name ("Manchester, Illinois") places it there, however
small, unless the name is a city at least this big by its own name ("New Orleans, Florida
visitors")."""


def _us_town(name: str, states: set[str]) -> bool:
    """Whether a US town of exactly this name lies in one of `states` (any state if none)."""
    return any(
        p.country == "US"
        and town_key(p.name) == town_key(name)
        and (not states or p.admin1 in states)
        for p in gazetteer.places(name)
    )


def hints(text: str, us: bool = False) -> tuple[set[str], set[str]]:
    """Countries and US states the text names (ISO alpha-2 codes, state names).

    A name both a country and a US state ("Georgia") counts as the state when the text
    names another US state or the US, or `us` says the document is about the US
    (`where.us_leaning`), else as the country. Describing an article asks about its
    headline and lead twice, so recent answers are kept (and copied out).
    """
    countries, states = _hints(text, us)
    return set(countries), set(states)


_CAPITALISED_RUN = quick_start(re.compile(r"\b[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}"))
_POSSESSIVE_S = re.compile(r"['’]s$")


@lru_cache(maxsize=64)
def _hints(text: str, us: bool) -> tuple[frozenset[str], frozenset[str]]:
    countries: set[str] = set()
    states: set[str] = set()
    either: set[str] = set()
    big_us = False
    for m in _CAPITALISED_RUN.finditer(text):
        if came_from(text, m.start()):
            continue  # "a drifter from Nevada": where he came from
        run = m.group(0)
        words = run.split()
        big, spans = _run_places(run)
        big_us = big_us or big
        used: set[int] = set()
        for i, n, phrase, c, s in spans:
            span = range(i, i + n)
            if not used.isdisjoint(span):
                continue  # "New Mexico" names no Mexico
            if s and not state_word(text, m.start(), words, i, n):
                s = None
            if c and not s and us and n == 1 and i == 0 and len(words) > 1:
                c = None  # "Chad Olm", "Jordan Faulkner": a person in a US report
            if c or s:
                used.update(span)
            if c and s:
                either.add(phrase)
            elif c:
                countries.add(c.country)
            elif s:
                states.add(s.name)
                countries.add("US")
    for phrase in either:
        if "US" in countries or big_us or us:
            states.add(phrase)
            countries.add("US")
        else:
            found = gazetteer.country(phrase)
            countries.add(found.country if found else "")
    return frozenset(countries), frozenset(states)


@lru_cache(maxsize=65536)
def _run_places(
    run: str,
) -> tuple[bool, tuple[tuple[int, int, str, gazetteer.Place | None, gazetteer.Place | None], ...]]:
    """What a capitalised run may name, whatever its text: whether it is a US city of 50,000
    or more, and each of its word spans (longest first, then leftmost) that names a country
    or a US state, as (first word, words, phrase, country, state). Kept per run: the same
    names recur from document to document."""
    words = run.split()
    town = next(iter(gazetteer.places(run)), None) if len(run) > 3 else None
    big = bool(town and town.country == "US" and town.population >= 50_000)
    spans = []
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            phrase = _POSSESSIVE_S.sub("", " ".join(words[i : i + n]))
            c = country_named(phrase.rstrip(".")) if len(phrase) > 3 else None
            s = gazetteer.us_state(phrase) if len(phrase) > 3 or "." in phrase else None
            if s is None and phrase.endswith(".") and len(phrase.rstrip(".")) >= 4:
                s = gazetteer.us_state(phrase.rstrip("."))  # "hunting in South Carolina."
            if c or s:
                spans.append((i, n, phrase, c, s))
    return big, tuple(spans)


def _resolve(
    name: str,
    state: str | None,
    countries: set[str],
    states: set[str],
    near: bool,
    named: bool,
    guessed: bool = False,
) -> Located | None:
    """The place a phrase names; `guessed` when `states` are only the ones the rest of the
    document points at most (`place_in`'s `state`): a preference among the name's US towns,
    which keeps them all when none lies there."""
    name = re.split(r"\.(?=[A-Z][a-z])", name)[0]  # "Goldsboro.Police": a missing space
    name = name.strip(" .,'’-")
    if re.search(r"['’]s?$", name):
        return None
    words = name.split()
    inner = [i for i, w in enumerate(words) if i and w in _TITLE_PREPOSITIONS]
    if inner:
        words = words[inner[-1] + 1 :]  # "Custody In Winchester Shooting": after the last "In"
    while words and (words[-1].islower() or words[-1].lower() in _DAYS):
        words = words[:-1]  # "Lexington Monday": the day after the town
    while words and words[0].lower() in STOP_PLACES:
        words = words[1:]
    if (
        len(words) > 1
        and words[0].lower() in COMPASS | WIDER
        and not gazetteer.places(" ".join(words))
    ):
        words = words[1:]  # "West Baltimore", "Greater Lansing": the city's part is the city's
    if not words or " ".join(words).lower() in STOP_PLACES | NOT_ALONE:
        return None
    if len(words) > 1 and words[-1] in {"Co", "CO"}:
        words = [*words[:-1], "County"]  # "in Marlow Co.": the county, as its name is written
    name = " ".join(words)
    if len(name) < 2 or (
        re.fullmatch(r"[A-Z]{2,4}", name)
        and not gazetteer.us_state(name)
        and not gazetteer.places(name)
    ):
        return None  # "LPSO", "SAPD": initials, not a town in capitals
    if words[-1].lower().rstrip(".") in STREET_LAST and not gazetteer.places(name):
        return None  # "in Pennsylvania Ave deadly shooting": a street, not a town
    if name.isupper():
        name = name.title()
    st = gazetteer.us_state(state.rstrip(".")) or gazetteer.us_state(state) if state else None
    within = next(iter(gazetteer.places(state)), None) if state and not st else None
    if within:  # "Jamaica, Queens": a place within another
        countries = {within.country}
        states = {within.admin1} if within.admin1 else states
    want_states = {st.name} if st else states
    c = country_named(name)
    s = gazetteer.us_state(name) if len(name) > 3 and name != "Washington" else None
    s = s or (gazetteer.us_state("DC") if name in {"Dc", "D.C.", "D.C"} else None)
    if c and s and ("US" in countries or st):
        c = None  # Georgia, in a text about the US
    if c and (st or want_states) and not s and _us_town(name, want_states):
        c = None  # "Lebanon, Ohio", "in Lebanon" of a text about Ohio: the town
    if c and c.country not in countries and countries and not st:
        town = next((p for p in gazetteer.places(name) if p.country in countries), None)
        c = None if town else c  # Jamaica, Queens: a neighbourhood of the country the text is in
    if c:
        return Located(c.name, None, c.country, None, None, 6, (f"place:{c.country.lower()}",))
    if s and s.code == "DC":
        words = ["Washington"]  # the District is its city
    elif s:
        return Located(s.name, s.name, "US", None, None, 4, (f"place:{s.name.lower()}",))
    found: tuple[gazetteer.Place, ...] = ()
    for n in range(len(words), 0, -1):  # "Dallas Nightclub Shooting" names Dallas
        tail = {w.lower() for w in words[n:]}
        if n < len(words) and (
            " ".join(words[:n]).lower() in STOP_PLACES | NOT_ALONE
            or tail & (ORG_WORDS | REGION_WORDS)
            or words[n] in PLACE_TAILS
        ):
            break  # "Sokoto State", "Sandy Hook Elementary School": a region or a building;
            # "Hamilton Heights": a place of its own the gazetteer lacks, not Hamilton
        phrase_n = " ".join(words[:n])
        every = gazetteer.places(phrase_n)
        found = every
        if countries:
            found = tuple(
                p
                for p in found
                if p.country in countries
                and (
                    p.country != "US"
                    or not want_states
                    or (p.admin1 in want_states and town_key(p.name) == town_key(phrase_n))
                )
            ) or tuple(p for p in found if p.country in countries)
        if not found and every and _big_by_name(every[0], phrase_n):
            found = every[:1]  # "in Fort Worth" of a text whose promo names Paris
        if found or (n == len(words) and named):
            break
    if want_states and found:
        phrase = town_key(found[0].name) == town_key(" ".join(words[:n]))
        inside = tuple(p for p in found if p.country == "US" and p.admin1 in want_states)
        if (
            phrase
            and found[0].population >= BIG_CITY
            and found[0] not in inside
            and (inside or not st or found[0].population >= STATED_BEATS)
        ):
            inside = (
                inside
                if any(town_key(p.name) == town_key(found[0].name) for p in inside)
                else (found[0],)
            )
        found = inside or tuple(p for p in found if p.country != "US" or (guessed and not st))
    if found:
        p = found[0]
        return Located.of(p, 2 if near else 1)
    if not named or len(words) > 2 or words[-1].lower() in ORG_WORDS:
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
    before `early` (the headline and first sentence) come first, then the dateline; a
    phrase around a town ("outside Denver", "in suburban Tulsa") comes after a dateline.
    `named` when the text marks the phrase as a place, so a name the gazetteer lacks is kept.
    """
    out = []
    people: set[int] = set()
    forces: set[int] = set()
    around: set[int] = set()
    patterns = (_NAMED, _LOCATIVE, DATELINE, _POSSESSIVE, _ATTRIBUTIVE)
    for rank, pattern in enumerate(patterns):
        for m in pattern.finditer(text):
            near = bool(_NEAR.search(text[max(0, m.start() - 30) : m.start("p")]))
            named = rank in {0, 2} or bool(
                re.search(
                    r"\b(?:in|near|outside|around|of)\s+(?:the\s+)?(?:\w+ of\s+)?$",
                    text[m.start() : m.start("p")],
                )
            )
            if re.match(r"[ \t]+\d", text[m.end("p") :]):
                continue  # "Route 91", "Building 7": a road or a unit, not a place
            if rank == 1 and taken_there(text, m.start("p")):
                continue  # "flown to a hospital in Columbus": where the victim went
            if rank == 1 and came_from(text, m.start("p")):
                continue  # "a drifter from Nevada": where he came from
            if other_story(text, m.start("p")) or playlist_line(text, m.start("p")):
                continue  # "RELATED: Boy drowns in Seguin", "1:36 Vigil held in Seguin"
            phrase = re.split(r"['’]s\s+", m.group("p"))[-1]
            named = named and rank != 4 and not title_case(line_at(text, m.start("p")))
            out.append((rank, m.start("p"), phrase, m.groupdict().get("s"), near, named))
            if rank == 1 and (
                near
                or AROUND_BEFORE.search(text, max(0, m.start("p") - 30), m.start("p"))
                or AROUND_AFTER.match(text, m.end("p"))
            ):
                around.add(m.start("p"))  # "outside Denver", "in suburban Tulsa"
            if rank == 4 and _PERSON.fullmatch(m.group("n") or ""):
                people.add(m.start("p"))
            elif rank == 4 and _FORCE.fullmatch(m.group("n") or ""):
                after = text[m.end("n") : m.end("n") + 14].split()
                if not after or after[0].lower().rstrip(",") not in FORCE_MEMBERS:
                    forces.add(m.start("p"))  # "Rocky Glen police are investigating"

    headline = text.find("\n") if early and "\n" in text[:early] else 0
    filed = any(c[0] == 2 for c in out)

    def order(c: tuple[int, int, str, str | None, bool, bool]) -> tuple[int, int, int]:
        rank, pos = c[0], c[1]
        if rank == 2:
            return (1, rank, pos)
        if rank == 4 and pos < headline and pos in people:
            # "Raytown man charged" / "KANSAS CITY, Mo. —", "Beaver teen killed in Aliquippa
            # shooting": where he lives, after the dateline and the lead's place phrases
            return (1, 3, pos) if filed else (0, 2, pos)
        if rank == 4 and (pos < headline or (pos < early and pos in forces)):
            return (0, 1, pos)  # "Waukegan police seek ...": the headline's or lead's town
        if rank == 4:  # "an Aurora man" below: only when no phrase places the story
            return (3, rank, pos)
        if filed and pos < early and pos in around:
            return (1, 3, pos)  # "ELMVALE, Okla. — ... in suburban Tulsa": the dateline's town
        return (0 if pos < early else 2, min(rank, 1), pos)

    return sorted(out, key=order)


def taken_there(text: str, pos: int) -> bool:
    """Whether the place phrase at `pos` says where a victim was taken (`where.TAKEN` before
    it in its sentence, at most 60 characters back)."""
    before = text[max(0, pos - 60) : pos]
    before = re.split(r"[.!?]\s|\n", before)[-1]
    taken = list(TAKEN.finditer(before))
    return bool(taken) and not _EVENT_BETWEEN.search(before, taken[-1].end())


_EVENT_BETWEEN = re.compile(
    r"\b(?:shootings?|killings?|stabbings?|homicides?|murders?|crash|attack|standoff)\b", re.I
)
"""An event named between a word of taking and the place ("arrested after a shooting in
Carbondale"): the place is the event's."""


def place_in(
    text: str,
    country: str | None = None,
    context: str = "",
    early: int = 0,
    state: str | set[str] | None = None,
    us: bool = False,
    voted: frozenset[str] = frozenset(),
    filed: tuple[str, str] | None = None,
) -> Located | None:
    """The place `text` names, by rank (see `_candidates`) and then text order.

    A gazetteer city beats a name the gazetteer lacks, except a "village of X";
    a city beats a country or state. `state`, the US state the rest of the document
    names most, decides between US towns of one name when the context names none; `us`,
    that the document is about the US (see `hints`). A name no town of those states has,
    kept without a state, is its likeliest town instead when that lies in a state of
    `voted` (the states the document points at at all). `filed`, the town and state of a
    dateline the lead's sentences no longer hold ("LEXINGTON, Ky. —"), places that town's
    name in that state, as a state written beside it in the text does.
    """
    countries, states = hints(context or text, us)
    if country and not countries:
        countries = {country}
    guessed = bool(state and not states)
    if state and not states:
        countries, states = countries | {"US"}, set(state) if isinstance(state, set) else {state}
    found = _candidates(text, early)
    loc = _first_place(found, countries, states, False, filed)
    if guessed and loc is not None and loc.lat is None and not loc.admin1:
        # "in Troy" of a report pointing at no state of a Troy: the name's likeliest town
        again = _first_place(found, countries, states, True, filed)
        if (
            again is not None
            and again.lat is not None
            and again.admin1 in voted
            and town_key(again.place) == town_key(loc.place)
            and not re.search(rf"\b{re.escape(loc.place)} (?:county|parish)\b", text, re.I)
        ):
            return again  # not "in Marlow county": a county, written small
    return loc


def _first_place(
    found: list[tuple[int, int, str, str | None, bool, bool]],
    countries: set[str],
    states: set[str],
    guessed: bool,
    filed: tuple[str, str] | None = None,
) -> Located | None:
    """The place of the first of `_candidates`' phrases that names one (`place_in`)."""
    named: Located | None = None
    coarse: Located | None = None
    stated = {  # "Manchester, Illinois" below, "SALEM, IN (WXYZ) -" above
        c[2].lower(): c[3] for c in reversed(found) if c[3] and gazetteer.us_state(c[3].rstrip("."))
    }
    if filed:
        stated.setdefault(filed[0].lower(), filed[1])
    for rank, _, phrase, state, near, named_ok in found:
        loc = _resolve(
            phrase, state or stated.get(phrase.lower()), countries, states, near, named_ok, guessed
        )
        if loc is None:
            continue
        if rank == 4 and named and is_county(named.place):
            return named  # "in Brown County ... Green Bay police": the county it happened in
        if loc.lat is not None or (rank == 0 and loc.where_prec >= 4 and not _is_area(loc)):
            return loc
        if state and loc.admin1 and not _is_area(loc):
            return loc  # "Manchester, Illinois", a town too small for the gazetteer
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


_NAME_RUN = quick_start(re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?"))
BIG_CITY_FOR_COUNTRY = 500_000
"""A city this big, named in the body, tells the country of an article that names none."""


@lru_cache(maxsize=65536)
def _run_countries(run: str, us: bool) -> tuple[str, ...]:
    """The countries a run of names counts for (`main_country`) in a text that is about
    the US or not (`us`): the country or state it or its first word names, or a big city's
    country. Kept per run: the same names recur."""
    for phrase in (run, run.split()[0]):
        c = country_named(phrase) if len(phrase) > 3 else None
        state = gazetteer.us_state(phrase) if len(phrase) > 3 else None
        if c and not state and phrase != run and us:
            return ()  # "Chad Olm", "Jordan Faulkner": a person's name in a US report
        if c or state:  # a US state counts for the US; "Georgia" for both
            return tuple(({c.country} if c else set()) | ({"US"} if state else set()))
        city = next(iter(gazetteer.places(phrase)), None) if len(phrase) > 3 else None
        if city and city.name == phrase and city.population >= BIG_CITY_FOR_COUNTRY:
            if not (us and city.country != "US" and _us_town(phrase, set())):
                return (city.country,)
            return ()
    return ()


def main_country(doc: Document) -> str | None:
    """The country the body names most often, for articles whose lead names none; a big
    city abroad that shares its name with a US town (Athens, Birmingham) counts only in a
    text that is not about the US (`where.us_leaning`)."""
    counts: Counter[str] = Counter()
    us = us_leaning(doc)
    for m in _NAME_RUN.finditer(doc.text[:6000]):
        if not doc.in_furniture(m.start(), m.end()):
            counts.update(_run_countries(m.group(0), us))
    if not counts:
        return None
    (top, n), *rest = [*counts.most_common(2), ("", 0)]
    return top if n > rest[0][1] else None
