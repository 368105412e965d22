"""Which words of an English document name its place: furniture and brands that never do,
title-case headlines whose capitals mark no names, the US state a document is in, and the
city a neighbourhood lies in."""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tally.keywords import lowered, may_contain, quick_start
from tally.link import gazetteer
from tally.models import Document
from tally.words import MONTHS, WEEKDAYS

_DATA = tomllib.loads(Path(__file__).with_name("places.toml").read_text(encoding="utf-8"))
FURNITURE = {w.lower() for w in (*_DATA["stop"]["furniture"], *_DATA["stop"]["brands"])}
"""Headline and page-furniture words and brands, which follow "in"/"at" or open a line but
name no place (`places.toml`)."""
STOP_WORDS = tuple(_DATA["stop"]["words"])
ATTRIBUTE_BETWEEN = tuple(_DATA["attributive"]["between"])
PLACE_TAILS = frozenset(_DATA["places"]["tails"])
"""Last words of a neighbourhood's or suburb's name ("Hamilton Heights"), `places.toml`."""
"""Words between a town's name and the noun it is an attribute of (`places.toml`)."""
TAKEN = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in _DATA["elsewhere"]["taken"]) + r")\b", re.I
)
"""Words before a place phrase that make it where a victim was taken (`places.toml`)."""
COMPASS = {
    *["north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast"],
    *["central", "northern", "southern", "eastern", "western"],
}
"""Words naming a part of a place ("West Baltimore", "Southeast D.C.")."""
HOLIDAYS = {"christmas", "easter", "thanksgiving", "halloween", "independence"}
NOT_ALONE = {
    *["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
    *COMPASS,
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


_OTHER_STORY = re.compile(
    r"^[ \t]*(?:" + "|".join(re.escape(h) for h in _DATA["other_story"]["heads"]) + r")[ \t]*:.*$",
    re.I | re.M,
)


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
    if not _NEIGHBOURHOOD_WORD.search(text):
        return False  # both readings need the word: most texts skip compiling one for `name`
    n = re.escape(name)
    side = r"(?:(?:North|South|East|West|Northwest|Northeast|Southwest|Southeast)(?: Side)? )?"
    return bool(
        re.search(
            rf"\bthe {side}{n} (?:{NEIGHBOURHOOD_WORDS})\b"
            rf"|\b(?:{NEIGHBOURHOOD_WORDS}) (?:called|known as) {n}\b",
            text,
        )
    )


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


def city_of(loc: Located, text: str) -> Located:
    """The city `loc` lies in, when the text names one around it (Englewood → Chicago) and
    no police of `loc`'s own; the linking cues stay those of `loc`."""
    if loc.lat is None or loc.lon is None:
        return loc
    pop = next((int(c[4:]) for c in loc.cues if c.startswith("pop:")), 0)
    here = [(loc.lat, loc.lon, pop)] + [
        (p.lat, p.lon, p.population)
        for p in gazetteer.places(loc.place)
        if p.country == loc.country and p.name == loc.place and p.admin1 == loc.admin1
    ]
    seen: set[str] = set()
    if re.search(rf"\b{re.escape(loc.place)} [Pp]olice\b", text):
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
    return loc


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
    *["Road", "Rd.", "Boulevard", "Blvd.", "Drive", "Lane", "Heights", "Park"],
}
"""Words after a state's name that make it part of another name."""
STREET_TAILS = {"Street", "St.", "Avenue", "Ave.", "Road", "Rd.", "Boulevard", "Blvd.", "Drive"}
"""Words after a town's name that make it a street's ("Sheridan Road")."""
COUNTY_TAILS = {"County", "Co.", "Parish", "Borough"}
"""Words after a town's name that make it a county's ("Tyler County" is not the town)."""


def state_word(text: str, start: int, words: list[str], i: int, n: int) -> bool:
    """Whether `words[i:i+n]` of a capitalised run at `start` names a US state: not the first
    words of a city's, county's or street's name ("Kansas City", "Wyoming County",
    "Georgia Avenue"), and "Washington" only as ", Washington"
    or "Washington State" (alone it is mostly the capital or a name)."""
    after = words[i + n] if i + n < len(words) else ""
    if after.rstrip(",") in NAME_TAILS or after.rstrip(",.;:") in NAME_TAILS:
        return False  # "Indiana Avenue."
    if words[i].rstrip(".") == "Washington" and n == 1:
        return after.lower() == "state" or (i == 0 and text[max(0, start - 2) : start] == ", ")
    return True


def _state_pattern() -> re.Pattern[str]:
    """A state's name, AP abbreviation or code; the lookahead on their first letters lets
    the matcher skip most words without trying each of the 150 alternatives, and each
    alternative begins with its first letter (an abbreviation's or code's comma is looked
    behind after it), which `re` tests before entering the alternative."""
    states = gazetteer.index().admin1.values()
    names = sorted({p.name for p in states}, key=len, reverse=True)
    abbrs = list(gazetteer.AP_STATES)
    codes = sorted({p.code for p in states if p.code})
    alts = "|".join(
        [re.escape(n) for n in names]
        + [rf"{a[0]}(?<=, {a[0]}){re.escape(a[1:])}" for a in abbrs]
        + [rf"{code[0]}(?<=[a-z], {code[0]}){code[1:]}" for code in codes]
    )
    first = re.escape("".join(sorted({w[0] for w in names + abbrs + codes})))
    return re.compile(rf"\b(?=[{first}])(?:{alts})(?![\w])")


_STATES: list[re.Pattern[str]] = []
DATELINE = quick_start(
    re.compile(
        r"^(?P<p>[A-Z][A-Z .'’-]{2,40}?)(?:,\s+(?P<s>[A-Z][\w.]*(?: [A-Z][\w.]*)?))?\s*(?:\([\w.]{1,20}\)\s*)?[:—–-]",
        re.M,
    )
)
"""A dateline ("ROCKY MOUNT, N.C. —", "COLUMBUS (WCMH)–"): where the story was filed."""


def dateline_town(doc: Document, limit: int = 1500, sure: bool = False) -> gazetteer.Place | None:
    """The town of the document's first dateline when it is a US one (its state named beside
    it, else its likeliest reading anywhere is in the US); with `sure`, a dateline without its
    state only when no other US town of the name is a fifth as big (`AMBIGUOUS`): "WOODLAWN —"
    of a Chicago outlet is not Maryland's."""
    for m in DATELINE.finditer(doc.text[:limit]):
        if doc.in_furniture(m.start(), m.end()):
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
    for m in DATELINE.finditer(doc.text[:limit]):
        if doc.in_furniture(m.start(), m.end()):
            continue
        s = m.group("s")
        st = (gazetteer.us_state(s.rstrip(".")) or gazetteer.us_state(s)) if s else None
        return st.name if st else None
    return None


def name_prefixes(name: str) -> list[str]:
    """A capitalised run and its leading words, longest first ("Chicago Police" → "Chicago"),
    but none a street's or county's name goes on from ("Sheridan Road" names no Sheridan,
    "Tyler County" no town of Tyler)."""
    words = name.split()
    return [
        " ".join(words[:n])
        for n in range(len(words), 0, -1)
        if n == len(words) or (words[n] not in STREET_TAILS and words[n] not in COUNTY_TAILS)
    ]


_COUNTY = quick_start(
    re.compile(r"\b((?:St\. |Saint )?[A-Z][a-z]+(?: [A-Z][a-z]+)?) (County|Co\.|Parish)")
)
_COUNTY_WORDS = ("County", "Co.", "Parish")
"""What every `_COUNTY` match holds: a text without one is not scanned."""
_NEIGHBOURHOOD_AFTER = re.compile(rf" (?:{NEIGHBOURHOOD_WORDS})\b")
TOWN_RUN = quick_start(re.compile(r"\b(?:(?:St|Ft|Mt)\. )?[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}"))
BIG_CITY = 100_000
"""A US city this big, named in the text, tells the state of a document that names none."""
AMBIGUOUS = 5
"""A big city's name votes for its state only when no other US town of the name is a fifth
as big (Pasadena, California and Pasadena, Texas vote for neither)."""
HOST_CITY = 200_000
"""A US city this big whose name a publisher's host holds ("kansascity.com") hints at its state."""


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


_VOTES: dict[tuple[str, int], Counter[str]] = {}


def state_votes(doc: Document, limit: int = 8000) -> Counter[str]:
    """`_state_votes`, kept for the document last asked about (several deciders ask)."""
    key = (doc.id + str(len(doc.text)) + (doc.url or ""), limit)
    if key not in _VOTES:
        _VOTES.clear()
        _VOTES[key] = _state_votes(doc, limit)
    return Counter(_VOTES[key])


def _state_votes(doc: Document, limit: int = 8000) -> Counter[str]:
    """How strongly the document points at each US state, outside page furniture (and the
    title's outlet suffix, where the outlet is, for states named): a state
    named (2), a county name (1, shared among the states that have one), a big city named
    (1), and, weakly, a big city the publisher's host is named after (1)."""
    if not _STATES:
        _STATES.append(_state_pattern())
    text = doc.text[:limit]
    votes: Counter[str] = Counter()
    suffix = outlet_suffix(text)
    for m in _STATES[0].finditer(text):
        if suffix[0] <= m.start() < suffix[1]:
            continue  # "... - WXYZ News - Columbia, South Carolina": where the outlet is
        s = gazetteer.us_state(m.group(0))
        words = text[m.start() : m.end() + 12].split()
        if s and not state_word(text, m.start(), words, 0, len(m.group(0).split())):
            continue
        if s and not doc.in_furniture(m.start(), m.end()):
            votes[s.name] += 2
    counties = _COUNTY.finditer(text) if any(w in text for w in _COUNTY_WORDS) else ()
    for m in counties:
        last = f"{m.group(1).split()[-1]} {m.group(2)}"
        states = gazetteer.county_states(m.group(0)) or gazetteer.county_states(last)
        if states and not doc.in_furniture(m.start(), m.end()):
            for s in states:
                votes[s] += 1 / len(states)
    people = surnames(doc, limit)
    for m in TOWN_RUN.finditer(text):
        if doc.in_furniture(m.start(), m.end()) or _NEIGHBOURHOOD_AFTER.match(text, m.end()):
            continue  # "the Austin neighborhood" names no Texas
        if m.group(0) in people:
            continue  # "Boise said", of a man named Frederick Boise
        for state, share in _run_votes(m.group(0)):
            votes[state] += share
    filed = dateline_town(doc, sure=True) if votes else None
    if filed and filed.admin1:
        votes[filed.admin1] += 3  # where a US document was filed
    if host_state := _host_city_state(_host_label(doc.url)):
        votes[host_state] += 1
    for state, weight in url_states(doc.url).items():
        votes[state] += weight
    return votes


@lru_cache(maxsize=65536)
def _run_votes(run: str) -> tuple[tuple[str, float], ...]:
    """The votes a capitalised run of the text gives, in the order they are added: its
    longest leading words naming a big US city (1), else the towns of its exact name
    (`_town_states`). Kept per run: the same names recur in document after document."""
    big, state = _big_city_state(run)
    if big:
        return ((state, 1),) if state else ()
    return tuple(_town_states(run).items())


@lru_cache(maxsize=65536)
def _big_city_state(run: str) -> tuple[bool, str | None]:
    """Whether the longest leading words of a run that name a big US city are one, and its
    state when no other US town of the name is a fifth as big ("Las Vegas gunman")."""
    big = gazetteer.big_us_keys(BIG_CITY)
    for name in name_prefixes(run):
        if len(name) < 4 or gazetteer.place_key(name) not in big:
            continue  # its likeliest place is no big US city
        top, *rest = [*gazetteer.places(name), None]
        if top and top.country == "US" and top.population >= BIG_CITY and top.admin1:
            other = max((p.population for p in rest if p and p.country == "US"), default=0)
            if town_key(top.name) == town_key(name) and other * AMBIGUOUS < top.population:
                return True, top.admin1
            return True, None
    return False, None


_LEADING_RUN = re.compile(
    r"^(?:[A-Z]+:\s+)?((?:(?:St|Ft|Mt)\. )?[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\b"
)
"""A headline's first words in capitals, after a label ("BREAKING: Las Vegas gunman ...")."""


def headline_city_state(headline: str) -> str | None:
    """The state of the big US city a headline opens with, named alone as a modifier
    ("Las Vegas gunman kills 58", "Denver shooting leaves two dead"), when no other US
    town of the name is a fifth as big."""
    m = _LEADING_RUN.match(headline.strip())
    return _big_city_state(m.group(1))[1] if m else None


SECTION_WORDS = 3
"""A part of an address path of at most this many words is a section ("/central-mississippi/"),
2 votes; a longer one a headline's slug, whose words may name anything else, 1."""


@lru_cache(maxsize=8)
def url_states(url: str | None) -> dict[str, int]:
    """The US states a publisher's address names: a section of its path ("/news/houston-texas/",
    "/local/michigan/") or a big city's section ("/chicago/") 2, a headline's slug 1, its host ("kansas.com", "arkansasmatters.com") 1, the longest
    name where several fit ("arkansas", not "kansas"). Kept for the last few addresses
    (a document's is read by several deciders): not to be changed by a caller."""
    if not url:
        return {}
    original = re.split(r"(?=https?://)", url)[-1]
    m = re.match(r"https?://([^/:?#]+)[^/]*(/[^?#]*)?", original)
    if not m:
        return {}
    names = _state_names()
    out: dict[str, int] = {}
    cities = gazetteer.big_us_cities(HOST_CITY)
    for seg in (m.group(2) or "").lower().split("/"):
        key = seg.replace("-", "")
        state = cities.get(key) or cities.get(key + "city")
        if state and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", seg):
            out[state] = 2  # "/chicago/", "/new-york/": the city section of an outlet
            break
    for seg in (m.group(2) or "").lower().split("/"):
        path = " " + " ".join(re.findall(r"[a-z]+", seg)) + " "
        for name in names:
            if f" {name} " in path:
                state = gazetteer.us_state(name).name  # type: ignore[union-attr]
                out[state] = max(out.get(state, 0), 2 if seg.count("-") < SECTION_WORDS else 1)
                path = path.replace(f" {name} ", " ")
    squashed = re.sub(r"[^a-z]", "", _host_label("http://" + m.group(1)).split(".")[-1])
    for name in names:
        key = name.replace(" ", "")
        if len(key) >= 5 and key in squashed:
            state = gazetteer.us_state(name).name  # type: ignore[union-attr]
            out.setdefault(state, 1)
            break
    return out


@lru_cache(maxsize=1)
def _state_names() -> tuple[str, ...]:
    """Lower-cased US state names, longest first ("west virginia" before "virginia")."""
    names = {p.name.lower() for p in gazetteer.index().admin1.values()}
    return tuple(sorted(names, key=len, reverse=True))


TOWN_VOTE = 0.5
"""What a smaller US town named in the text gives the states that have one of the name,
shared among them (at most `TOWN_STATES`): the document's other places agreeing on a state."""
TOWN_STATES = 4
MIN_VOTING_TOWN = 10_000


def _town_states(name: str) -> dict[str, float]:
    """The share of `TOWN_VOTE` each state with a town of exactly this name gets."""
    if (
        len(name) < 4
        or name.lower() in NOT_TOWNS
        or gazetteer.us_state(name)
        or country_named(name)
    ):
        return {}
    found = gazetteer.places(name)
    if not found or found[0].country != "US":
        return {}  # "London", "Kabul": a city abroad before any US namesake
    states = {
        p.admin1
        for p in found
        if p.country == "US"
        and p.admin1
        and p.population >= MIN_VOTING_TOWN
        and town_key(p.name) == town_key(name)
    }
    if not states or len(states) > TOWN_STATES:
        return {}
    return {s: TOWN_VOTE / len(states) for s in states}


@lru_cache(maxsize=65536)
def town_key(name: str) -> str:
    """A town's name compared loosely ("St. Louis" and "Saint Louis", "Mt." and "Mount")."""
    key = re.sub(r"^(?:st|saint)\b\.?", "saint", name.lower())
    return re.sub(r"^(?:mt|mount)\b\.?", "mount", re.sub(r"^(?:ft|fort)\b\.?", "fort", key))


@lru_cache(maxsize=4096)
def _host_city_state(host: str) -> str | None:
    """The state of the first big US city (`HOST_CITY`) a publisher's host label holds
    ("kansascity"), if any: kept per host, as an outlet's documents come by the hundred."""
    if host:
        for squashed, state in gazetteer.big_us_cities(HOST_CITY).items():
            if squashed in host:
                return state
    return None


def _host_label(url: str | None) -> str:
    """The publisher's host name without its common prefixes and suffix (of an archived copy,
    the original's): "kansascity" for a Kansas City outlet."""
    if not url:
        return ""
    hosts = re.findall(r"https?://([^/:]+)", url)
    host = hosts[-1].lower() if hosts else ""
    host = re.sub(r"^(?:www\d?|m|mobile|amp)\.", "", host)
    return re.sub(r"\.(?:com|net|org|us|tv|info)$", "", host)


def body_states(doc: Document) -> set[str]:
    """The US states the document points at most (see `state_votes`): one where one leads,
    the tied ones otherwise (any of them beats a namesake abroad)."""
    votes = state_votes(doc)
    top = max(votes.values(), default=0)
    return {s for s, n in votes.items() if n == top} if top >= 1 else set()


def body_state(doc: Document) -> str | None:
    """The US state the document points at most (see `state_votes`), if one leads."""
    states = body_states(doc)
    return next(iter(states)) if len(states) == 1 else None


NAME_LEADS = {
    *["new", "san", "santa", "los", "las", "el", "la", "le", "fort", "mount", "lake", "port"],
    *["saint", "st", "grand", "little", "big", "old", "upper", "lower", "greater", "the"],
    *["in", "at", "near", "outside", "of", "on", "from", "and", "or", "to", "for", "by"],
}
"""First words of a capitalised run that begin a place's name or join words, not a person's."""


def surnames(doc: Document, limit: int = 8000) -> frozenset[str]:
    """Town names the document uses as people's last names ("Frederick Boise", "General
    Jasper Tyler"): the last word of a run of capitals that names no place, outside
    title-case lines, so the person named again ("Boise said") votes for no town."""
    return _surnames(doc.text[:limit])


_PERSON = quick_start(
    re.compile(r"\b[A-Z][a-z]+(?: (?:[A-Z]\.|[A-Z][a-z]+)){1,4}(?=,? (?:Jr|Sr)\b|[^\w.]|$)")
)
"""A person's name as a run of capitals, with titles and middle initials ("Chief Deputy John
Campbell", "Dwayne K. Martin"): its last word is the surname."""
_INITIAL = re.compile(r"[A-Z]\.")


@lru_cache(maxsize=2)
def _surnames(text: str) -> frozenset[str]:
    """`surnames` of a text: the cheap tests of a run first, then whether its last word names
    a US town (kept per word), a headline's case once per line, the whole run's places last."""
    out: set[str] = set()
    headline: dict[int, bool] = {}
    for m in _PERSON.finditer(text):
        words = [w for w in m.group(0).split() if not _INITIAL.fullmatch(w)]
        if len(words) < 2 or words[0].lower().rstrip(".") in _NOT_SURNAME_LEADS:
            continue
        last = words[-1]
        if len(last) < 4 or last in out or not _us_town_name(last):
            continue
        line = text.rfind("\n", 0, m.start()) + 1
        if line not in headline:
            headline[line] = title_case(line_at(text, m.start()))
        if not headline[line] and not gazetteer.places(m.group(0)):
            out.add(last)
    return frozenset(out)


@lru_cache(maxsize=65536)
def _us_town_name(word: str) -> bool:
    """Whether a US town is called `word`."""
    return any(p.country == "US" for p in gazetteer.places(word))


NOT_TOWNS = FURNITURE | NOT_ALONE | {w.lower() for w in (*MONTHS, *WEEKDAYS)} | HOLIDAYS
"""Capitalised words a report names for other reasons than its town ("Christmas", "May")."""
_NOT_SURNAME_LEADS = NAME_LEADS | NOT_TOWNS
"""First words of a capitalised run that is no person's name (`surnames`)."""


def counties_in(doc: Document, limit: int = 4000) -> set[str]:
    """The US counties the document's first `limit` characters name outside page furniture
    ("Onslow County", "the Carter Co. sheriff"), as the gazetteer knows them."""
    text = doc.text[:limit]
    if not any(w in text for w in _COUNTY_WORDS):
        return set()
    out = set()
    for m in _COUNTY.finditer(text):
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
    for m in _COUNTY.finditer(text):
        for name in (m.group(0), f"{m.group(1).split()[-1]} {m.group(2)}"):
            states = gazetteer.county_states(name)
            here = state if state in states else (states[0] if len(states) == 1 else None)
            if here:
                full = name.replace(" Co.", " County")
                return Located(full, here, "US", None, None, 3, (f"place:{full.lower()}",))
    return None


_US_ZONES = re.compile(r"\b(?:" + "|".join(re.escape(z) for z in _DATA["us"]["zones"]) + r")\b")
_US_PHRASE_WORDS = tuple(w.lower() for w in _DATA["us"]["phrases"])
_US_PHRASES = quick_start(
    re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in _DATA["us"]["phrases"]) + r")\b", re.IGNORECASE
    )
)


_CALL_SIGN = re.compile(_DATA["us"]["call_sign"])


def call_sign_host(url: str | None) -> bool:
    """Whether a publisher's host is a US broadcaster's call sign ("wxyz12.com")."""
    label = _host_label(url).split(".")[0]
    return bool(label) and bool(_CALL_SIGN.match(label))


_WEST = frozenset(_DATA["us"]["west"])
_EITHER = frozenset(_DATA["us"]["either"])


def call_sign_side(url: str | None) -> str | None:
    """The side of the Mississippi a US broadcaster's host says it is on: "k" west, "w" east."""
    return _host_label(url)[0] if call_sign_host(url) else None


def on_side(state: str | None, side: str) -> bool:
    """Whether a US state lies on this side of the Mississippi (`call_sign_side`)."""
    return state in _EITHER or (state in _WEST) == (side == "k")


def us_leaning(doc: Document, limit: int = 6000) -> bool:
    """Whether a document that names no country is about the US: it points at a US state
    (`state_votes`), comes from a US broadcaster (`call_sign_host`) or uses words of US time
    and policing ("4:25 PM EST", "the sheriff's office")."""
    votes = state_votes(doc)
    if max(votes.values(), default=0) >= 1 or call_sign_host(doc.url):
        return True
    text = doc.text[:limit]
    if _US_ZONES.search(text):
        return True
    return may_contain(lowered(text), _US_PHRASE_WORDS) and bool(_US_PHRASES.search(text))
