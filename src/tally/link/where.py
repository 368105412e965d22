"""Which words of an English document name its place: furniture and brands that never do,
title-case headlines whose capitals mark no names, the US state a document is in, and the
city a neighbourhood lies in."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from tally.link import gazetteer
from tally.models import Document

FURNITURE = {
    # page furniture and headline words that open a line or follow "in"/"at"
    "skip",
    "arrest",
    "arrests",
    "watch",
    "video",
    "photos",
    "photo",
    "gallery",
    "advertisement",
    "menu",
    "search",
    "share",
    "comments",
    "related",
    "subscribe",
    "sign",
    "login",
    "home",
    "news",
    "weather",
    "sports",
    "traffic",
    "fatal",
    "deadly",
    "shooting",
    "custody",
    "court",
    "jail",
    "prison",
    "connection",
    "critical",
    "stable",
    "serious",
    # brands: cars, shops and sites named "in a ..." or "at ..."
    "mazda",
    "honda",
    "toyota",
    "ford",
    "chevrolet",
    "chevy",
    "nissan",
    "dodge",
    "jeep",
    "hyundai",
    "kia",
    "buick",
    "cadillac",
    "lexus",
    "subaru",
    "volkswagen",
    "bmw",
    "walmart",
    "target",
    "kroger",
    "mcdonald",
    "facebook",
    "twitter",
    "instagram",
    "youtube",
    "snapchat",
    "google",
    "uber",
    "lyft",
}
"""Headline and page-furniture words and brands, which follow "in"/"at" or open a line but
name no place."""
NOT_ALONE = {
    *["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
    *[
        "north",
        "south",
        "east",
        "west",
        "northwest",
        "northeast",
        "southwest",
        "southeast",
        "central",
    ],
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
}
"""Words that begin place names ("West Englewood") but alone name no place."""


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


def line_at(text: str, pos: int) -> str:
    """The line of `text` holding `pos`."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def title_case(line: str) -> bool:
    """A headline in title case ("Man Charged In Fatal Shooting"): its capitals mark no names."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


NEIGHBOURHOOD_KM = 15.0
"""A place this close to a city at least `CITY_FACTOR` times its size, which the document also
names, is a neighbourhood or suburb of it: the incident is reported in that city."""
CITY_FACTOR = 10


def city_of(loc: Located, text: str) -> Located:
    """The city `loc` lies in, when the text names one around it (Englewood → Chicago);
    the linking cues stay those of `loc`."""
    if loc.lat is None or loc.lon is None:
        return loc
    pop = next((int(c[4:]) for c in loc.cues if c.startswith("pop:")), 0)
    here = [(loc.lat, loc.lon, pop)] + [
        (p.lat, p.lon, p.population)
        for p in gazetteer.places(loc.place)
        if p.country == loc.country and p.name == loc.place and p.admin1 == loc.admin1
    ]
    seen: set[str] = set()
    for m in re.finditer(r"\b[A-Z][a-z]+(?:[ .]+[A-Z][a-z]+){0,2}", text):
        words = m.group(0).split()
        for phrase in [" ".join(words[:n]) for n in range(1, len(words) + 1)]:
            if phrase in seen:
                continue
            seen.add(phrase)
            if phrase != loc.place and (city := _around(phrase, loc, here)):
                return city
    return loc


def _around(phrase: str, loc: Located, here: list[tuple[float, float, int]]) -> Located | None:
    """The city of this name that one of the places `here` lies in, if any."""
    for p in gazetteer.places(phrase):
        if p.country != loc.country or p.admin1 != loc.admin1 or p.population < 100_000:
            continue
        for lat, lon, size in here:
            dy = (p.lat - lat) * 111.0
            dx = (p.lon - lon) * 111.0 * math.cos(math.radians(lat))
            if p.population >= CITY_FACTOR * size and math.hypot(dx, dy) <= NEIGHBOURHOOD_KM:
                return Located(p.name, p.admin1, p.country, p.lat, p.lon, 1, loc.cues)
    return None


def _state_pattern() -> re.Pattern[str]:
    names = sorted({p.name for p in gazetteer.index().admin1.values()}, key=len, reverse=True)
    abbrs = [re.escape(k) for k in gazetteer.AP_STATES]
    alts = "|".join([re.escape(n) for n in names] + [rf"(?<=, ){a}" for a in abbrs])
    return re.compile(rf"\b(?:{alts})(?![\w])")


_STATES: list[re.Pattern[str]] = []


def body_state(doc: Document) -> str | None:
    """The US state the document names most often outside page furniture, if one leads."""
    if not _STATES:
        _STATES.append(_state_pattern())
    counts: Counter[str] = Counter()
    for m in _STATES[0].finditer(doc.text[:8000]):
        s = gazetteer.us_state(m.group(0))
        if s and not doc.in_furniture(m.start(), m.end()):
            counts[s.name] += 1
    (top, n), (_, m) = [*counts.most_common(2), ("", 0), ("", 0)][:2]
    return top if n > m else None
