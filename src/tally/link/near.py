"""Which of a town's namesakes a report means: the one the report's other places lie near.

A report of "Cameron" whose page also names Wheeling and Steubenville is of the West
Virginia town, not Wisconsin's; one of "Jacksonville" that names Onslow County is of North
Carolina's. Each other town the report names counts for a namesake it lies near
(`NEAR_KM`), as much as that reading of its name is likely (`_weight`); each county, for
the namesakes in a state that has one of its name; the town a local outlet's address names
counts as a town the report names. A namesake wins when it leads the town
the report was placed in by `MARGIN`: a reading the report points at plainly, never a
coin toss. The report's own word for its state (headline, lead, dateline, address) is
never overruled.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter

from tally.keywords import boundary
from tally.link import gazetteer
from tally.link.places import Located, hints
from tally.link.states import HOST_CITY, host_town, outlet_city, url_states
from tally.link.towns import placed_runs, us_towns
from tally.link.where import (
    CITY_FACTOR,
    counties_in,
    dateline_state,
    datelines,
    reach,
    town_key,
)
from tally.models import Document

NEAR_KM = 60.0
"""A town this close to a namesake counts for it: the same county or metro area."""
MARGIN = 0.25
"""How much more the report's other places must count for a namesake than for the town it
was placed in, besides a point for each tenfold the town outsizes the namesake (Memphis,
Tennessee is meant by its name, whatever a small town near Memphis, Indiana a report names)."""
EVIDENCE = 0.5
"""What a town named near a namesake counts for it per tenfold of its size: Baltimore
named (600,000 people) outweighs the odds of Brooklyn, New York against Maryland's."""
STATED = 3.0
"""What a state written beside the town's name ("Cameron, W.Va."), or its county in the dateline
("JACKSONVILLE, ONSLOW COUNTY -"), counts for its namesake."""
MIN_TOWN = 10_000
"""The size of the biggest town of a name before the name tells where a report is."""
LIMIT = 4000
"""How much of a report is read for its other places."""


def near_namesake(loc: Located, doc: Document, top: str) -> Located:
    """`loc`, or the namesake in another state that the document's other places lie near,
    when they point at it by `MARGIN` more and neither `top` (headline and lead), the
    dateline nor the address names `loc`'s state."""
    if loc.country != "US" or loc.lat is None or loc.lon is None or not loc.admin1:
        return loc
    rivals = _namesakes(loc)
    if not rivals or _stated(doc, top, loc):
        return loc
    votes = _votes(doc, loc, rivals)
    best = max(rivals, key=lambda p: (votes[p.admin1 or ""], p.population))
    size = math.log10((_population(loc) + 1) / (best.population + 1))  # the odds of `loc`
    if votes[best.admin1 or ""] - votes[loc.admin1] < MARGIN + max(0.0, size):
        return loc
    return dataclasses.replace(Located.of(best, loc.where_prec), cues=loc.cues)  # linked as read


def _population(loc: Located) -> int:
    return next((int(c[4:]) for c in loc.cues if c.startswith("pop:")), 0)


def _namesakes(loc: Located) -> list[gazetteer.Place]:
    """The biggest US town of `loc`'s name in each other state."""
    out: dict[str, gazetteer.Place] = {}
    for p in us_towns(loc.place):
        if p.admin1 and p.admin1 != loc.admin1 and p.admin1 not in out:
            out[p.admin1] = p
    return list(out.values())


def _stated(doc: Document, top: str, loc: Located) -> bool:
    """Whether the report names `loc`'s state where it tells its own place, or beside the
    town's name anywhere ("Madison, WI")."""
    state = loc.admin1
    return (
        state in hints(top, True)[1]
        or dateline_state(doc) == state
        or url_states(doc.url).get(state or "", 0) >= 2
        or state in written_beside(doc.text[:LIMIT], loc.place)
    )


_BESIDE = re.compile(r",\s+([A-Z][\w.]*(?: [A-Z][a-z]+)?)")
"""What follows a name that a state is written beside: its comma and the state's words."""


def written_beside(text: str, name: str) -> set[str]:
    """The US states `text` writes beside `name` ("Cameron, W.Va.", "Madison, WI")."""
    out: set[str] = set()
    pos, written = 0, f"{name},"
    while (i := text.find(written, pos)) >= 0:
        m = _BESIDE.match(text, i + len(name)) if boundary(text, i) else None
        if m is None:
            pos = i + 1
            continue
        pos = m.end()
        for words in (m.group(1), m.group(1).split()[0]):
            found = gazetteer.us_state(words.rstrip(".")) or gazetteer.us_state(words)
            if found:
                out.add(found.name)
                break
    return out


def _votes(doc: Document, loc: Located, rivals: list[gazetteer.Place]) -> Counter[str]:
    """How much the document's other towns and counties count for each namesake's state
    (`loc`'s own among them)."""
    here = [(loc.admin1 or "", loc.lat or 0.0, loc.lon or 0.0)] + [
        (p.admin1 or "", p.lat, p.lon) for p in rivals
    ]
    states = {s for s, _, _ in here}
    votes: Counter[str] = Counter({s: 0.0 for s in states})
    key = town_key(loc.place)
    seen: set[str] = set()
    for names in placed_runs(doc, LIMIT, besides=loc.place):
        name = next((n for n in names if us_towns(n)), None)
        if name is None or name in seen or town_key(name) == key:
            continue
        seen.add(name)
        towns = us_towns(name)
        if towns[0].population < MIN_TOWN:
            continue  # a hamlet's name is as likely a shop's, a street's or a person's
        for state, lat, lon in here:
            votes[state] += _weight(towns, lat, lon)
    home = _outlet_place(doc.url)
    if home is not None and town_key(home.name) != key:
        for state, lat, lon in here:  # "salinapost.example" of "in Abilene": Kansas's
            votes[state] += _weight((home,), lat, lon)
    for state in written_beside(doc.text[:LIMIT], loc.place) & states:
        votes[state] += STATED
    filed = _dateline_county(doc)
    for state in set(gazetteer.county_states(filed)) & states if filed else ():
        votes[state] += STATED / len(gazetteer.county_states(filed))
    for county in counties_in(doc, LIMIT):
        having = set(gazetteer.county_states(county)) & states
        for state in having:
            votes[state] += 1 / len(gazetteer.county_states(county))
    return votes


def _outlet_place(url: str | None) -> gazetteer.Place | None:
    """Where a local outlet is, as its address says: the town its host is named for
    (`host_town`), else the big city it names (`outlet_city`); a place the report's town
    lies near, as a town the report names."""
    town = host_town(url)
    if town is not None:
        return town
    name = outlet_city(url)
    return next((p for p in us_towns(name) if p.population >= HOST_CITY), None) if name else None


def _dateline_county(doc: Document) -> str | None:
    """The county a dateline names beside its town ("JACKSONVILLE, ONSLOW COUNTY -")."""
    m = next(iter(datelines(doc.text)), None)
    if not m or not m.group("s") or doc.in_furniture(m.start(), m.end()):
        return None
    name = m.group("s").title()
    return name if name.endswith(" County") and gazetteer.county_states(name) else None


def _weight(towns: tuple[gazetteer.Place, ...], lat: float, lon: float) -> float:
    """What a name of these towns tells for a namesake at (`lat`, `lon`): nothing, unless
    one lies within `NEAR_KM`; then `EVIDENCE` per tenfold of its size (a city named tells
    more than a hamlet a street or a shop may share a name with), times the odds of that
    reading of the name (its size over the biggest one's)."""
    near = max((p.population + 1 for p in towns if _km(p, lat, lon) <= NEAR_KM), default=0)
    if not near:
        return 0.0
    return EVIDENCE * math.log10(near) * near / max(p.population + 1 for p in towns)


def _km(p: gazetteer.Place, lat: float, lon: float) -> float:
    dy = (p.lat - lat) * 111.0
    dx = (p.lon - lon) * 111.0 * math.cos(math.radians(lat))
    return math.hypot(dx, dy)


def enclosing_city(loc: Located) -> Located | None:
    """The big city of `loc`'s state whose neighbourhood `loc` may be: at least `CITY_FACTOR`
    times its size, with `loc` within its reach (`reach`); linked as `loc`. For a place
    the report calls a neighbourhood without naming its city ("in the Englewood
    neighborhood" of a Chicago outlet)."""
    if loc.country != "US" or loc.lat is None or loc.lon is None or not loc.admin1:
        return None
    size = _population(loc)
    best: gazetteer.Place | None = None
    for name, state in gazetteer.big_us_cities(HOST_CITY).items():
        if state != loc.admin1:
            continue
        for p in gazetteer.places(name):
            if p.country != "US" or p.admin1 != state or p.population < CITY_FACTOR * size:
                continue
            if _km(p, loc.lat, loc.lon) <= reach(p.population) and (
                best is None or p.population > best.population
            ):
                best = p
    if best is None:
        return None
    return dataclasses.replace(Located.of(best, loc.where_prec), cues=loc.cues)
