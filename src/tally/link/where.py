"""Which words of an English document name its place: furniture and brands that never do,
title-case headlines whose capitals mark no names, the US state a document is in, and the
city a neighbourhood lies in."""

from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tally.ingest.text import PLAYLIST
from tally.keywords import boundary, bounded, quick_start
from tally.link import gazetteer
from tally.link.nodes import STREET_LAST
from tally.models import Document
from tally.words import MONTHS, WEEKDAYS

_DATA = tomllib.loads(Path(__file__).with_name("places.toml").read_text(encoding="utf-8"))
NAMES_BEFORE = frozenset(_DATA["near"]["before"])
"""Words after a town's name that make it another thing's (`towns.placed_runs`)."""
US_WORDS = _DATA["us"]
"""What tells a US report: time zones, policing phrases, broadcasters' call signs (`states`)."""
FURNITURE = {w.lower() for w in (*_DATA["stop"]["furniture"], *_DATA["stop"]["brands"])}
"""Headline and page-furniture words and brands, which follow "in"/"at" or open a line but
name no place (`places.toml`)."""
STOP_WORDS = tuple(_DATA["stop"]["words"])
ATTRIBUTE_BETWEEN = tuple(_DATA["attributive"]["between"])
"""Words between a town's name and the noun it is an attribute of (`places.toml`)."""
FORCE_MEMBERS = frozenset(_DATA["attributive"]["members"])
"""Words after "X police" that make it one of the force's people (`places.toml`)."""
PLACE_TAILS = frozenset(_DATA["places"]["tails"])
"""Last words of a neighbourhood's or suburb's name ("Hamilton Heights"), `places.toml`."""
NAMEPLATE = frozenset(_DATA["host"]["nameplate"])
"""Words of newspapers' and stations' names, no town's in a host label (`places.toml`)."""


def _listed(table: str, key: str) -> str:
    """An alternation of the phrases `places.toml` lists under `[table] key`, as written."""
    return "(?:" + "|".join(re.escape(w) for w in _DATA[table][key]) + ")"


TAKEN = re.compile(rf"\b{_listed('elsewhere', 'taken')}\b", re.I)
"""Words before a place phrase that make it where a victim was taken (`places.toml`)."""
AROUND_BEFORE = re.compile(rf"\b{_listed('around', 'before')}\s+$", re.I)
AROUND_AFTER = re.compile(rf"(?:['’]s)?(?: [a-z]+)? {_listed('around', 'after')}\b", re.I)
"""Words before or after a place phrase that put it around the town, not in it
(`places.toml` [around]: "in suburban Tulsa", "in Tulsa's suburbs")."""
COMPASS = {
    *["north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast"],
    *["central", "northern", "southern", "eastern", "western"],
}
"""Words naming a part of a place ("West Baltimore", "Southeast D.C.")."""
WIDER = {"greater"}
"""Words naming a place with its surroundings ("Greater Lansing"): the place's."""
HOLIDAYS = {"christmas", "easter", "thanksgiving", "halloween", "independence"}
NOT_ALONE = {
    *["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
    *COMPASS,
    *WIDER,
    *[
        "downtown",
        "uptown",
        "midtown",
        "metro",
        "back",
        "young",
        "university",
        "northside",
        "southside",
    ],
    *["eastside", "westside", "county", "parish", "township", "borough"],
    *_DATA["stop"]["alone"],
}
"""Words that begin place names ("West Englewood") but alone name no place."""


_OTHER_STORY = re.compile(rf"^[ \t]*{_listed('other_story', 'heads')}[ \t]*:.*$", re.I | re.M)


def without_playlist(text: str) -> str:
    """`text` without the lines of a page's video playlist (`PLAYLIST`): other stories'
    words, which pages of one outlet share."""
    return PLAYLIST.sub("", text) if ":" in text else text


def playlist_line(text: str, pos: int) -> bool:
    """Whether `pos` lies on a line of a page's video playlist (`PLAYLIST`): its places are
    other stories', though of the outlet's own area."""
    start = text.rfind("\n", 0, pos) + 1
    line = PLAYLIST.match(text, start)
    return line is not None and line.end() > pos


@lru_cache(maxsize=4)
def _other_story_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _OTHER_STORY.finditer(text)) if ":" in text else ()


def other_story(text: str, pos: int) -> bool:
    """Whether `pos` lies on a line that links another story ("RELATED: ...", `places.toml`
    [other_story]): its places are that story's."""
    return any(a <= pos < b for a, b in _other_story_spans(text))


@dataclass(frozen=True)
class Located:
    """A place as found in the text and, where possible, in the gazetteer."""

    place: str
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    where_prec: int
    cues: tuple[str, ...]

    @classmethod
    def of(cls, p: gazetteer.Place, prec: int) -> Located:
        """A gazetteer place found at precision `prec`, with its linking cues."""
        name = p.name.lower()
        cues = (f"place:{name}", f"geo:{p.country}:{p.admin1}:{name}", f"pop:{p.population}")
        return cls(p.name, p.admin1, p.country, p.lat, p.lon, prec, cues)


WRITTEN_CODES = {"US", "U.S.", "UK", "U.K.", "USA", "DRC", "UAE"}
"""The country codes news writes as names; any other short capitals are states, time zones or
initials."""


def country_named(name: str) -> gazetteer.Place | None:
    """The country a phrase of running text names: a code only of `WRITTEN_CODES`, so "Va.",
    "In", "IN" and "EST" name none."""
    short = len(name.rstrip("."))
    if short <= 3 and name not in WRITTEN_CODES:
        return None  # "IN", "VA" in a US text are states, "EST" a time zone
    return gazetteer.country(name)


NEIGHBOURHOOD_WORDS = r"neighbou?rhoods?|section|community area"
_NEIGHBOURHOOD_WORD = re.compile(NEIGHBOURHOOD_WORDS)


def neighbourhood_named(text: str, name: str) -> bool:
    """Whether `text` calls `name` a neighbourhood ("the Austin neighborhood", "the South
    Side Gresham neighborhood", "a neighborhood called Uptown"); "a Philadelphia
    neighborhood" and "the Kensington section of Philadelphia" are the city's."""
    if name not in text or not _NEIGHBOURHOOD_WORD.search(text):
        return False  # both readings need the word
    i = text.find(name)
    while i >= 0:
        if NEIGHBOURHOOD_AFTER.match(text, i + len(name)) and any(
            text.startswith(p, i - len(p)) and boundary(text, i - len(p))
            for p in _THE_SIDE
            if len(p) <= i
        ):
            return True  # "the (South Side) Gresham neighborhood"
        i = text.find(name, i + 1)
    return any(
        text.startswith(name, m.end()) and boundary(text, m.end() + len(name))
        for m in _NEIGHBOURHOOD_CALLED.finditer(text)
    )  # "a neighborhood called Uptown"


_SIDES = ("North", "South", "East", "West", "Northwest", "Northeast", "Southwest", "Southeast")
_THE_SIDE = ("the ", *(f"the {s} " for s in _SIDES), *(f"the {s} Side " for s in _SIDES))
"""What `neighbourhood_named` reads right before a neighbourhood's name."""
NEIGHBOURHOOD_AFTER = re.compile(rf" (?:{NEIGHBOURHOOD_WORDS})\b")
"""A neighbourhood word after a name ("Austin neighborhood"): the name is no town's."""
_NEIGHBOURHOOD_CALLED = re.compile(rf"\b(?:{NEIGHBOURHOOD_WORDS}) (?:called|known as) ")


def is_county(name: str) -> bool:
    """Whether a place's name is a US county's ("Brown County", "Orleans Parish")."""
    return name.endswith((" County", " Parish", " Borough"))


def line_at(text: str, pos: int) -> str:
    """The line of `text` holding `pos`."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def title_case(line: str) -> bool:
    """A headline in title case ("Man Charged In Fatal Shooting"): its capitals mark no names."""
    words = _LONG_WORD.findall(line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


_LONG_WORD = re.compile(r"[A-Za-z][\w'’]{3,}")
"""A word of more than three characters (a shorter one is no run's start: its letters and
the characters after them are fewer)."""


NEIGHBOURHOOD_KM = 15.0
"""A place this close to a city at least `CITY_FACTOR` times its size, which the document also
names, is a neighbourhood or suburb of it: the incident is reported in that city."""
CITY_FACTOR = 10
POLICED_FACTOR = 5
"""A city the text names as the one whose police act, or whose part it is ("Miami police
said", "Chicago's South Side"), holds a place a fifth its size, and a city of more than a
million reaches further, by the root of its size in millions (`reach`): a suburb has
police of its own."""


def reach(population: int) -> float:
    """How far from its centre a city of this size holds its neighbourhoods (km)."""
    return NEIGHBOURHOOD_KM * max(1.0, math.sqrt(population / 1_000_000))


_NAME_RUN = quick_start(re.compile(r"\b[A-Z][a-z]+(?:[ .]+[A-Z][a-z]+){0,2}"))


_POLICED = quick_start(
    re.compile(r"\b([A-Z][a-z]+(?:[ .]+[A-Z][a-z]+){0,2})(?= [Pp]olice\b|['’]s [A-Z])")
)


def city_of(loc: Located, text: str, outlet: str | None = None) -> Located:
    """The city `loc` lies in, when the text names one around it (Englewood → Chicago), or
    the publisher's address does (`outlet`, "chicagotribune.com": as a city whose police the
    text names), and no police of `loc`'s own; the linking cues stay those of `loc`."""
    if loc.lat is None or loc.lon is None:
        return _unknown_part(loc, text, outlet)
    pop = next((int(c[4:]) for c in loc.cues if c.startswith("pop:")), 0)
    here = [(loc.lat, loc.lon, pop)] + [
        (p.lat, p.lon, p.population)
        for p in gazetteer.places(loc.place)
        if p.country == loc.country and p.name == loc.place and p.admin1 == loc.admin1
    ]
    seen: set[str] = set()
    if own_police(loc.place, text):
        return loc  # "Spencer Police were called": a suburb has police of its own
    policed = {m.group(1) for m in _POLICED.finditer(text)}
    for m in _NAME_RUN.finditer(text):
        words = m.group(0).split()
        for phrase in [" ".join(words[:n]) for n in range(1, len(words) + 1)]:
            if phrase in seen:
                continue
            seen.add(phrase)
            wide = phrase in policed
            if phrase != loc.place and (city := _around(phrase, loc, here, wide)):
                return city
    if outlet and outlet != loc.place and _may_be_part(loc, pop, text):
        return _around(outlet, loc, here) or loc
    return loc


def _unknown_part(loc: Located, text: str, outlet: str | None) -> Located:
    """The city an outlet's address names (`outlet`, a big city of `loc`'s state) for a
    place the gazetteer knows in no state ("Eastfield Flats"), nor a
    county, whose own police the text does not name: a part of the outlet's city."""
    if not outlet or loc.country != "US" or not loc.admin1 or loc.place == loc.admin1:
        return loc
    if is_county(loc.place) or own_police(loc.place, text):
        return loc
    if any(p.country == "US" for p in gazetteer.places(loc.place)):
        return loc  # "Capitol Heights": a town of another state, as the text may mean
    city = next(
        (
            p
            for p in gazetteer.places(outlet)
            if p.country == "US" and p.admin1 == loc.admin1 and p.population >= OWN_CITY
        ),
        None,
    )
    if city is None:
        return loc
    return Located(city.name, city.admin1, "US", city.lat, city.lon, loc.where_prec, loc.cues)


OWN_CITY = 100_000
"""A place this big is a city of its own, whatever outlet reports it (Pasadena of a Los
Angeles station)."""
_SHERIFF = re.compile(r"\b(?:[Ss]heriff|[Dd]eputies)\b")


def _may_be_part(loc: Located, pop: int, text: str) -> bool:
    """Whether `loc` may be a part of the city an outlet's address names: smaller than
    `OWN_CITY`, policed by no sheriff (a county's deputies patrol suburbs and unincorporated
    places, not a big city's neighbourhoods) and not the town a dateline names beside its
    state ("LITTLETON, Colo. (CBS4) –")."""
    if pop >= OWN_CITY or _SHERIFF.search(text):
        return False
    m = next(iter(datelines(text)), None)
    return not (
        m and m.group("s") and town_key(m.group("p").strip().title()) == town_key(loc.place)
    )


def own_police(place: str, text: str) -> bool:
    """Whether the text names `place`'s own police ("Spencer Police were called")."""
    return bounded(text, f"{place} Police") or bounded(text, f"{place} police")


BOROUGHS: dict[str, tuple[str, ...]] = {
    city: tuple(parts) for city, parts in _DATA["boroughs"].items()
}
"""Cities whose addresses name their boroughs, with the boroughs (`places.toml`)."""


def borough_of(loc: Located, text: str) -> Located:
    """The borough `loc` is in, for a city whose addresses name their borough (`BOROUGHS`):
    of the city itself, the borough the text names most (the first of equals), else the
    city; of a neighbourhood (no police of its own named), of the boroughs `CITY_FACTOR`
    times its size whose centre lies within `NEIGHBOURHOOD_KM`, the one the text names
    most, else the nearest ("Coney Island" is Brooklyn's). The linking cues stay those of
    `loc`."""
    if loc.country != "US" or loc.lat is None or loc.lon is None:
        return loc
    lat, lon = loc.lat, loc.lon
    if loc.place in BOROUGHS:
        parts = [p for n in BOROUGHS[loc.place] if (p := _borough(n, loc.admin1))]
        named = _most_named(parts, text)
        return (
            dataclasses.replace(Located.of(named, loc.where_prec), cues=loc.cues) if named else loc
        )
    if own_police(loc.place, text) or loc.place in {n for ns in BOROUGHS.values() for n in ns}:
        return loc
    pop = next((int(c[4:]) for c in loc.cues if c.startswith("pop:")), 0)
    for names in BOROUGHS.values():
        parts = [
            p
            for n in names
            if (p := _borough(n, loc.admin1))
            and p.population >= CITY_FACTOR * pop
            and _km(p, lat, lon) <= NEIGHBOURHOOD_KM
        ]
        best = _most_named(parts, text) or min(parts, key=lambda p: _km(p, lat, lon), default=None)
        if best is not None:
            return dataclasses.replace(Located.of(best, loc.where_prec), cues=loc.cues)
    return loc


def _most_named(parts: list[gazetteer.Place], text: str) -> gazetteer.Place | None:
    """Of these boroughs, the one the text names most (the first of equals; "the Bronx" as
    "Bronx"), if it names any."""
    counts: dict[str, tuple[int, int]] = {}
    for p in parts:
        bare = re.sub(r"^The ", "", p.name)
        found = [m.start() for m in re.finditer(rf"\b{re.escape(bare)}\b", text)]
        if found:
            counts[p.name] = (-len(found), found[0])
    return min((p for p in parts if p.name in counts), key=lambda p: counts[p.name], default=None)


def _borough(name: str, state: str | None) -> gazetteer.Place | None:
    """The gazetteer's borough of this name in `state`."""
    return next(
        (
            p
            for p in gazetteer.places(name)
            if p.country == "US" and p.admin1 == state and town_key(p.name) == town_key(name)
        ),
        None,
    )


def _km(p: gazetteer.Place, lat: float, lon: float) -> float:
    dy = (p.lat - lat) * 111.0
    dx = (p.lon - lon) * 111.0 * math.cos(math.radians(lat))
    return math.hypot(dx, dy)


def _around(
    phrase: str, loc: Located, here: list[tuple[float, float, int]], wide: bool = False
) -> Located | None:
    """The city of this name that one of the places `here` lies in, if any; `wide`, by the
    looser test of a city whose police the text names (`POLICED_FACTOR`)."""
    factor = POLICED_FACTOR if wide else CITY_FACTOR
    for p in gazetteer.places(phrase):
        if p.country != loc.country or p.admin1 != loc.admin1 or p.population < 100_000:
            continue
        far = reach(p.population) if wide else NEIGHBOURHOOD_KM
        for lat, lon, size in here:
            dy = (p.lat - lat) * 111.0
            dx = (p.lon - lon) * 111.0 * math.cos(math.radians(lat))
            if p.population >= factor * size and math.hypot(dx, dy) <= far:
                return Located(p.name, p.admin1, p.country, p.lat, p.lon, 1, loc.cues)
    return None


NAME_TAILS = {
    *["City", "County", "Co.", "Parish", "Township", "Street", "St.", "Avenue", "Ave."],
    *["Road", "Rd.", "Boulevard", "Blvd.", "Drive", "Lane", "Heights", "Park", "Ave", "Blvd"],
}
"""Words after a state's name that make it part of another name."""
COUNTY_TAILS = {"County", "Co.", "Parish", "Borough"}
"""Words after a town's name that make it a county's ("Tyler County" is not the town)."""


_BLOCK_OF = re.compile(r"\bblock of (?:the )?$")


def state_word(text: str, start: int, words: list[str], i: int, n: int) -> bool:
    """Whether `words[i:i+n]` of a capitalised run at `start` names a US state: not the first
    words of a city's, county's or street's name ("Kansas City", "Wyoming County",
    "Georgia Avenue"), and "Washington" only as ", Washington"
    or "Washington State" (alone it is mostly the capital or a name)."""
    after = words[i + n] if i + n < len(words) else ""
    if i == 0 and _BLOCK_OF.search(text, max(0, start - 12), start):
        return False  # "the 900 block of Pennsylvania": a street
    if after.rstrip(",") in NAME_TAILS or after.rstrip(",.;:") in NAME_TAILS:
        return False  # "Indiana Avenue."
    if words[i].rstrip(".") == "Washington" and n == 1:
        return after.lower() == "state" or (i == 0 and text[max(0, start - 2) : start] == ", ")
    return True


DATELINE = quick_start(
    re.compile(
        r"^(?P<p>[A-Z][A-Z .'’-]{2,40}?)(?:,\s+(?P<s>[A-Z][\w.]*(?: [A-Z][\w.]*)?))?\s*(?:\((?=[^)]*\w)[\w.,/& ]{1,30}\)\s*)?[:—–-]",
        re.M,
    )
)
"""A dateline ("ROCKY MOUNT, N.C. —", "COLUMBUS (WCMH)–", "SALEM (WXYZ 10/AP) –"): where the
story was filed."""


def datelines(text: str, limit: int = 1500) -> tuple[re.Match[str], ...]:
    """`DATELINE`'s matches in the first `limit` characters of `text`, found once for the
    several deciders that read a document's dateline."""
    return _datelines(text[:limit])


@lru_cache(maxsize=8)
def _datelines(head: str) -> tuple[re.Match[str], ...]:
    return tuple(DATELINE.finditer(head))


def headline_label(text: str, m: re.Match[str]) -> bool:
    """Whether a dateline's match is the label a headline opens with ("NOPD: Man shot",
    "UPDATE: ..."): the title is filed nowhere, its dateline is below it."""
    return m.start() == 0 and m.group(0).endswith(":") and "\n" in text[: m.start() + 300]


def dateline_town(doc: Document, limit: int = 1500, sure: bool = False) -> gazetteer.Place | None:
    """The town of the document's first dateline when it is a US one (its state named beside
    it, else its likeliest reading anywhere is in the US); with `sure`, a dateline without its
    state only when no other US town of the name is a fifth as big (`AMBIGUOUS`): "WOODLAWN —"
    of a Chicago outlet is not Maryland's."""
    for m in datelines(doc.text, limit):
        if doc.in_furniture(m.start(), m.end()) or headline_label(doc.text, m):
            continue
        st = gazetteer.us_state(m.group("s").rstrip(".")) if m.group("s") else None
        st = st or (gazetteer.us_state(m.group("s")) if m.group("s") else None)
        found = list(gazetteer.places(m.group("p").strip().title()))
        if st:
            found = [p for p in found if p.country == "US" and p.admin1 == st.name]
        if found and sure and not st:
            other = max((p.population for p in found[1:] if p.country == "US"), default=0)
            if other * AMBIGUOUS >= found[0].population:
                return None
        if found:
            return found[0] if found[0].country == "US" else None  # "PARIS —" is not Texas'
        return None
    return None


def dateline_state(doc: Document, limit: int = 1500) -> str | None:
    """The US state the document's first dateline names beside its town ("LEXINGTON, Ky.
    (WTVQ) –"), outside page furniture."""
    filed = dateline_filed(doc, limit)
    return filed[1] if filed else None


def dateline_filed(doc: Document, limit: int = 1500) -> tuple[str, str] | None:
    """The town and US state of the document's first dateline, when it names its state
    beside its town ("LEXINGTON, Ky. (WTVQ) –": Lexington, Kentucky), outside page furniture."""
    for m in datelines(doc.text, limit):
        if doc.in_furniture(m.start(), m.end()) or headline_label(doc.text, m):
            continue
        s = m.group("s")
        st = (gazetteer.us_state(s.rstrip(".")) or gazetteer.us_state(s)) if s else None
        return (m.group("p").strip().title(), st.name) if st else None
    return None


def name_prefixes(name: str) -> list[str]:
    """A capitalised run and its leading words, longest first ("Chicago Police" → "Chicago"),
    but none a street's or county's name goes on from ("Sheridan Road" names no Sheridan,
    "Elm Ridge Road" no Elm, "Tyler County" no town of Tyler)."""
    words = name.split()
    if len(words) > 1 and words[-1].lower().rstrip(".") in STREET_LAST:
        return [name]  # a street's name of several words: none of its leading words a town's
    return [
        " ".join(words[:n])
        for n in range(len(words), 0, -1)
        if n == len(words)
        or (words[n].lower().rstrip(".") not in STREET_LAST and words[n] not in COUNTY_TAILS)
    ]


COUNTY = quick_start(
    re.compile(r"\b((?:St\.? |Saint )?[A-Z][a-z]+(?: [A-Z][a-z]+)?) (County|Co\.|Parish)")
)
COUNTY_WORDS = ("County", "Co.", "Parish")
"""What every `COUNTY` match holds: a text without one is not scanned."""
TOWN_RUN = quick_start(re.compile(r"\b(?:(?:St|Ft|Mt)\. )?[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}"))
"""A run of capitalised words that may name a town ("St. Paul", "Grand Rapids")."""
TOWN_RUN_REACH = 8000
"""How much of a document `town_run_matches` scans once for every limit up to it."""


def town_run_matches(text: str, limit: int) -> list[re.Match[str]]:
    """`TOWN_RUN.finditer(text[:limit])`, read off one scan of the first `TOWN_RUN_REACH`
    characters (the state votes and the town readers ask with different limits). The
    pattern asks nothing of the text past a match, so the matches that end within the
    limit are the same; the scan resumes, on the cut text, at the first that does not."""
    if limit > TOWN_RUN_REACH:
        return list(TOWN_RUN.finditer(text[:limit]))
    out: list[re.Match[str]] = []
    for m in _town_runs(text[:TOWN_RUN_REACH]):
        if m.end() > limit:
            if m.start() < limit:
                out.extend(TOWN_RUN.finditer(text[:limit], m.start()))
            break
        out.append(m)
    return out


@lru_cache(maxsize=4)
def _town_runs(head: str) -> tuple[re.Match[str], ...]:
    return tuple(TOWN_RUN.finditer(head))


AMBIGUOUS = 5
"""A big city's name votes for its state only when no other US town of the name is a fifth
as big (Pasadena, California and Pasadena, Texas vote for neither)."""


OUTLET = re.compile(
    r"\s+(?:[-–—|:]|--)\s+(?=.*(?:\b(?:News|NEWS|TV|Channel|Weather|Sports|Radio|Online|Times|Post"
    r"|Herald|Tribune|Gazette|Journal|Daily)\b|\.com\b)).*$"
)
"""The outlet a page's title ends with ("... - KXYZ.com, Valley News, Weather"): where
the outlet is, not the incident."""


def outlet_suffix(text: str) -> tuple[int, int]:
    """Where the outlet a page's title line ends with is (`OUTLET`), else (0, 0)."""
    end = text.find("\n")
    m = OUTLET.search(text[: end if end >= 0 else len(text)])
    return (m.start(), m.end()) if m else (0, 0)


@lru_cache(maxsize=65536)
def town_key(name: str) -> str:
    """A town's name compared loosely ("St. Louis" and "Saint Louis", "Mt." and "Mount")."""
    key = name.lower()
    if not key.startswith(("s", "m", "f")):
        return key  # none of the three spellings can open it
    key = _SAINT_KEY.sub("saint", key)
    return _MOUNT_KEY.sub("mount", _FORT_KEY.sub("fort", key))


_SAINT_KEY = re.compile(r"^(?:st|saint)\b\.?")
_FORT_KEY = re.compile(r"^(?:ft|fort)\b\.?")
_MOUNT_KEY = re.compile(r"^(?:mt|mount)\b\.?")


NOT_TOWNS = FURNITURE | NOT_ALONE | {w.lower() for w in (*MONTHS, *WEEKDAYS)} | HOLIDAYS
"""Capitalised words a report names for other reasons than its town ("Christmas", "May")."""


def counties_in(doc: Document, limit: int = 4000) -> set[str]:
    """The US counties the document's first `limit` characters name outside page furniture
    ("Onslow County", "the Carter Co. sheriff"), as the gazetteer knows them."""
    text = doc.text[:limit]
    if not any(w in text for w in COUNTY_WORDS):
        return set()
    out = set()
    for m in COUNTY.finditer(text):
        if doc.in_furniture(m.start(), m.end()):
            continue
        for name in (m.group(0), f"{m.group(1).split()[-1]} {m.group(2)}"):
            if gazetteer.county_states(name):
                out.add(name)
                break
    return out


def county_named(text: str, state: str | None) -> Located | None:
    """The first US county the text names ("in Allamakee County", "a Carter County man"), in
    `state` where that state has one of the name, else where only one state has: the second
    level of the hierarchy, for a report that names no town."""
    for m in COUNTY.finditer(text):
        for name in (m.group(0), f"{m.group(1).split()[-1]} {m.group(2)}"):
            states = gazetteer.county_states(name)
            here = state if state in states else (states[0] if len(states) == 1 else None)
            if here:
                full = re.sub(r"^(?:Saint|St\.?) ", "St. ", name.replace(" Co.", " County"))
                return Located(full, here, "US", None, None, 3, (f"place:{full.lower()}",))
    return None
