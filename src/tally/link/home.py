"""An outlet's home state: where a local outlet's reports happen when their text does not
say which state they are in.

A report whose headline, lead, dateline or address names its state is sure of it and votes
for its outlet's home (`home_cues`); one of a big city no other US town shares a name with
votes too. A
report that is not sure keeps the town names it could mean; linking reads the votes of
all the outlet's reports in the ledger (`home_state`, an order-free count) and places such
a report in its outlet's home when a town of its names lies there (`at_home`). The
outlet is the publisher, else the URL's host (`models.outlet`): learnt from the ledger,
never from a list of outlets.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from tally.link import gazetteer
from tally.link.places import hints
from tally.link.states import BIG_CITY, url_states
from tally.link.towns import town_runs, us_towns
from tally.link.where import AMBIGUOUS, Located, dateline_state, outlet_suffix, town_key
from tally.models import Document, LocalIncident, outlet

HOME_MIN = 2
"""Sure reports of an outlet needed before it has a home state."""
HOME_SHARE = 0.6
"""The share of its sure reports the home state must hold: a national outlet has none."""
TOWNS = 4
"""Town names an unsure report keeps, its own place first, then the most named."""


def home_cues(
    doc: Document, top: str, loc: Located | None, country: str | None, admin1: str | None
) -> tuple[str, ...]:
    """The cues of a document's main incident (`top`: its headline and lead) that tell its
    outlet's home: `outlet:NAME`, and `home:STATE` when the text is sure of its US state,
    else `where:unsure` and `town:NAME` for each town it could be placed in. A report of a
    city abroad big enough to be meant by its name, or of a country, is sure of it."""
    name = home_outlet(doc)
    if not name:
        return ()
    cues = (f"outlet:{name.lower()}",)
    signed = signed_state(top)
    stated = bool(country == "US" and admin1 and _stated(doc, top, admin1))
    if (
        country == "US"
        and admin1
        and (stated or (_only_in(loc, admin1) and signed in {None, admin1}))
        and not (
            signed
            and signed != admin1
            and _namesake_in(loc, signed)
            and not _beside(top, loc, admin1)
        )
    ):
        state = signed or admin1
        return (*cues, f"home:{state}{_town_vote(loc, state)}")
    if signed or (country == "US" and admin1 and _big_city(loc, admin1)):
        cues = (*cues, f"home:{signed or admin1}")  # a vote; the report stays unsure
    if country not in {None, "US"} and (
        loc is None or loc.lat is None or _population(loc) >= ABROAD_BY_NAME
    ):
        return cues
    own = [loc.place] if loc and loc.lat is not None else []
    towns = list(dict.fromkeys([*own, *town_names(doc)]))[:TOWNS]
    return (*cues, "where:unsure", *(f"town:{t}" for t in towns))


TOWN_MARK = "|"
"""Between the state and the town of a sure report's vote ("home:Georgia|Atlanta")."""


def _town_vote(loc: Located | None, state: str) -> str:
    """The town part of a sure report's vote: its gazetteer town when that lies in the state
    it votes for, so the outlet's home town is learnt as its state is."""
    if loc is None or loc.lat is None or loc.country != "US" or loc.admin1 != state:
        return ""
    return f"{TOWN_MARK}{loc.place}"


def home_outlet(doc: Document) -> str | None:
    """The outlet whose home a report tells: its URL's host, else its publisher. A host is
    one outlet's own; a page's publisher may be a wire or a broadcast group ("The Associated
    Press", "Cox Media Group") whose reports are everywhere."""
    return outlet(None, doc.url) or outlet(doc.publisher, None)


def _only_in(loc: Located | None, admin1: str) -> bool:
    """Whether `loc` is a US town or county of a name no other state has ("Wetumpka",
    "Allamakee County", "Ravenel" whatever French village shares it): the report is sure
    of its state without naming it."""
    if loc is None or loc.country != "US" or loc.admin1 != admin1:
        return False
    if loc.lat is None:
        return loc.place.endswith(" County") and gazetteer.county_states(loc.place) == (admin1,)
    key = town_key(loc.place)
    named = [p for p in gazetteer.places(loc.place) if town_key(p.name) == key]
    us = [p for p in named if p.country == "US"]  # a namesake abroad is no other state's
    return bool(us) and all(p.admin1 == admin1 for p in us)


ABROAD_BY_NAME = 200_000
"""A town abroad this big is meant by its name, whatever the outlet's home."""


def _population(loc: Located) -> int:
    return next((int(c[4:]) for c in loc.cues if c.startswith("pop:")), 0)


def _stated(doc: Document, top: str, admin1: str) -> bool:
    """Whether the text states the state: its headline or lead names it, or its dateline
    ("LEXINGTON, Ky. —"), or a section of its address ("/news/kentucky/")."""
    return (
        admin1 in hints(top, True)[1]
        or dateline_state(doc) == admin1
        or url_states(doc.url).get(admin1, 0) >= 2
    )


def _big_city(loc: Located | None, admin1: str) -> bool:
    """Whether `loc` is a big US city no other US town of its name is a fifth as big as."""
    if loc is None or loc.lat is None:
        return False
    found = [p for p in gazetteer.places(loc.place) if p.country == "US"]
    here = next((p for p in found if p.admin1 == admin1 and p.name == loc.place), None)
    if here is None or here.population < BIG_CITY:
        return False
    other = max((p.population for p in found if p is not here), default=0)
    return other * AMBIGUOUS < here.population


def town_names(doc: Document, limit: int = 6000) -> list[str]:
    """The US town names the document names outside page furniture, most often first (the
    earliest of equals): the towns an unsure report may be in."""
    counts: Counter[str] = Counter()
    for names in town_runs(doc, limit, signed=True):
        name = next((n for n in names if us_towns(n)), None)
        if name:
            counts[name] += 1
    return [name for name, _ in counts.most_common(TOWNS)]


def _namesake_in(loc: Located | None, state: str) -> bool:
    """Whether a town of `loc`'s name lies in `state` (the outlet's own, where a report of
    Lexington from a South Carolina outlet may be, whatever else its page names)."""
    if loc is None or loc.lat is None:
        return False
    return any(p.admin1 == state for p in us_towns(loc.place))


def _beside(top: str, loc: Located | None, state: str) -> bool:
    """Whether `top` writes `state` beside `loc`'s name ("Springfield, Missouri")."""
    if loc is None:
        return False
    for m in re.finditer(rf"\b{re.escape(loc.place)},\s+([A-Z][\w.]*(?: [A-Z][\w.]*)?)", top):
        found = gazetteer.us_state(m.group(1).rstrip(".")) or gazetteer.us_state(m.group(1))
        if found and found.name == state:
            return True
    return False


def signed_state(top: str) -> str | None:
    """The one US state the outlet a page's title ends with names as its own ("... - Valley
    News 7 - Dayton, Ohio"): where the outlet is, whatever the report is about."""
    start, end = outlet_suffix(top)
    states = hints(top[start:end], True)[1] if end else set()
    if end and not states and (m := _SIGNED_CODE.search(top, start, end)):
        code = gazetteer.us_state(m.group(1))  # "... - WXYZ - Wilmington, NC"
        states = {code.name} if code else set()
    return next(iter(states)) if len(states) == 1 else None


_SIGNED_CODE = re.compile(r"\b[A-Z][a-z]+,\s+([A-Z]{2})\s*$", re.M)
"""A town and its state's postal code ending a title's outlet suffix (`hints` reads no bare
code: "IN", "OR" and "ME" are words)."""


def home_state(votes: Counter[str]) -> str | None:
    """The home state of an outlet whose sure reports are in these states, if one holds
    `HOME_SHARE` of at least `HOME_MIN`."""
    if not votes:
        return None
    state, n = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    total = sum(votes.values())
    return state if n >= HOME_MIN and n >= HOME_SHARE * total else None


HOME_TOWN_MIN = 3
"""Sure reports of one town an outlet's home town needs."""
HOME_TOWN_SHARE = 0.4
"""The share of its home state's sure reports with a town the home town must hold: a
station's city is where most of its reports happen, not all (its suburbs have the rest)."""


def home_town(votes: Counter[str]) -> str | None:
    """The home town of an outlet whose sure reports of its home state are in these towns,
    if one holds `HOME_TOWN_SHARE` of them and at least `HOME_TOWN_MIN`."""
    if not votes:
        return None
    town, n = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    return town if n >= HOME_TOWN_MIN and n >= HOME_TOWN_SHARE * sum(votes.values()) else None


def homes(votes: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each outlet's home from (outlet, sure vote) pairs, one per report (`home_cues`): its
    home state, with its home town after `TOWN_MARK` when one is learnt ("Georgia|Atlanta")."""
    counts: dict[str, Counter[str]] = {}
    towns: dict[str, Counter[tuple[str, str]]] = {}
    for name, vote in votes:
        state, _, town = vote.partition(TOWN_MARK)
        counts.setdefault(name, Counter())[state] += 1
        if town:
            towns.setdefault(name, Counter())[(state, town)] += 1
    out = {}
    for name, c in counts.items():
        if home := home_state(c):
            here = Counter({t: n for (s, t), n in towns.get(name, {}).items() if s == home})
            town = home_town(here)
            out[name] = f"{home}{TOWN_MARK}{town}" if town else home
    return out


def at_home(
    li: LocalIncident, towns: tuple[str, ...], home: str, home_place: str = ""
) -> LocalIncident:
    """`li`, an unsure report, placed in its outlet's home state: at the first of its towns
    that lies there, else, when it has no state or a small town abroad (`home_cues` keeps
    a big city abroad sure), in the state alone, at the outlet's home town (`home_place`)
    when it names no town: a local station's report of "a motel off the interstate" is of
    its city."""
    if li.admin1 == home and li.country == "US":
        return _at_home_town(li, home, home_place) if li.place is None else li
    for name in towns:
        here = [p for p in us_towns(name) if p.admin1 == home]
        if here:
            p = here[0]
            prec = li.where_prec if li.where_prec and li.where_prec <= 2 else 2
            return dataclasses.replace(
                li, place=p.name, admin1=home, country="US", lat=p.lat, lon=p.lon, where_prec=prec
            )
    if li.admin1 is None and li.country in {None, "US"}:
        placed = dataclasses.replace(li, admin1=home, country="US")
        return _at_home_town(placed, home, home_place) if li.place is None else placed
    if li.country not in {None, "US"}:  # a small town abroad of an unsure US outlet's report
        return dataclasses.replace(
            li, place=None, admin1=home, country="US", lat=None, lon=None, where_prec=4
        )
    return li


def _at_home_town(li: LocalIncident, home: str, town: str) -> LocalIncident:
    """`li`, in its outlet's home state without a town, at the outlet's home town if it has
    one; at the state's precision, so a town another report of the incident gives comes
    first."""
    here = next((p for p in us_towns(town) if p.admin1 == home), None) if town else None
    if here is None:
        return li
    prec = min(li.where_prec or 6, 4)
    return dataclasses.replace(li, place=here.name, lat=here.lat, lon=here.lon, where_prec=prec)


def placed(
    li: LocalIncident,
    outlet_name: str,
    towns: tuple[str, ...] | None,
    known: Mapping[str, str],
    vote: str = "",
) -> LocalIncident:
    """`li` where its outlet's home (`known`) places it: unchanged when it is sure of its
    place (`towns` None). Of an outlet with no home, a report in no state at all is placed
    by its own vote (`vote`, `home_cues`: the state its page signs, "... - WXYZ - Wilmington,
    NC"), its outlet's one report is the only one saying where it is."""
    home = known.get(outlet_name) if outlet_name and towns is not None else None
    if not home and towns is not None and li.admin1 is None and li.country in {None, "US"}:
        home = vote
    if not home:
        return li
    state, _, town = home.partition(TOWN_MARK)
    return at_home(li, towns or (), state, town)
