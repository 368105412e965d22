"""Where a document's main incident happened: its headline and lead's place phrases
(`places.place_in`), resolved with the rest of the document — the US state it points at
(`where.state_votes`), the town it keeps naming when no phrase places it, the county it
names, the city a neighbourhood lies in."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from tally.link import gazetteer
from tally.link.near import enclosing_city, near_namesake, written_beside
from tally.link.places import Located, hints, main_country, place_in
from tally.link.states import (
    HOST_CITY,
    big_city_state,
    body_states,
    call_sign_side,
    headline_city_state,
    host_names,
    on_side,
    outlet_city,
    state_votes,
    us_leaning,
)
from tally.link.towns import most_named_town, outlet_town, url_town, us_towns
from tally.link.where import (
    OUTLET,
    borough_of,
    city_of,
    county_named,
    dateline_filed,
    dateline_town,
    datelines,
    headline_label,
    is_county,
    neighbourhood_named,
    outlet_suffix,
    title_case,
    town_key,
)
from tally.models import Document

LEAD_MARGIN = 2.0
"""How many votes (`state_votes`) the state a document points at most must have over the
state of the town its lead names before that town is read as the leading state's namesake."""


@dataclass(frozen=True)
class Where:
    """The main incident's place as the document tells it."""

    loc: Located | None
    country: str | None
    admin1: str | None


def document_place(doc: Document, top: str, early: int) -> Where:
    """The place of the incident `top` (headline and lead) reports; `early` is where the
    lead's first sentence ends."""
    us = us_leaning(doc)
    first, _, rest = top.partition("\n")
    kept = OUTLET.sub("", first)
    top, early = kept + "\n" + rest, early - (len(first) - len(kept))
    countries, states = hints(top, us)
    dated = dateline_filed(doc)
    filed = dated[1] if dated else None
    if filed and us:
        countries, states = countries | {"US"}, states | {filed}  # "LEXINGTON, Ky. —"
    body_country = main_country(doc) if len(countries) != 1 else None
    in_states, named = set(), states
    if not states:
        opens = headline_city_state(kept) if us and not dateline_town(doc) else None
        named = {opens} if opens else set()  # "Las Vegas gunman kills 58"
        in_states = named or body_states(doc)
    in_state = next(iter(in_states)) if len(in_states) == 1 else None
    if body_country is None and not countries and us:
        body_country = "US"
    loc = place_in(
        top,
        body_country,
        top,
        early,
        in_states or ({filed} if filed and us else None),
        us,
        frozenset(state_votes(doc)),
        dated if us else None,
    )
    if loc is None:
        body = doc.text[:4000]
        found = place_in(body, body_country, body, 0, in_state, us)
        if found and found.lat is not None and in_state and found.admin1 == in_state:
            loc = found  # a town of the state the document is in, named below the lead
    st = (loc.admin1 if loc else None) or (min(states) if len(states) == 1 else in_state)
    beside = bool(
        loc
        and loc.admin1
        and not is_county(loc.place)
        and (
            loc.admin1 in written_beside(top, loc.place)
            or dated == (loc.place, loc.admin1)  # "ELMVALE, S.D. —"
            or _filed_at(doc) == loc.place  # "ELMVALE —": a town, whatever the gazetteer knows
        )
    )
    if loc and loc.lat is None and not beside and _placed_in(kept, loc.place):
        towns = us_towns(loc.place)  # "boy shot in Kalispell", in no state the lead names:
        if (
            len({p.admin1 for p in towns}) == 1
            and loc.country in {None, "US"}
            and towns[0].admin1 in state_votes(doc)
        ):
            loc = Located.of(towns[0], loc.where_prec)  # its one state's, which the body names
    if (
        (loc is None or loc.lat is None)
        and st
        and (loc is None or loc.country in {None, "US"})
        and not beside  # "in Toone, TN": a town too small for the gazetteer, as written
    ):
        loc = most_named_town(doc, st) or loc
    if loc is None or loc.lat is None:
        loc = url_town(doc.url, st) or loc
    if loc is None:
        loc = county_named(top, st)
    if (us or loc is None) and (loc is None or (loc.lat is None and loc.place in {loc.admin1, st})):
        loc = outlet_town(doc, st) or loc  # "... - Action News 5 - Memphis, Tennessee"
    if loc and loc.country in {None, "US"} and not loc.admin1:
        loc = _county_state(loc, doc)
    if loc and us:
        loc = _in_leading_state(loc, doc, named, top)
        loc = _broadcasters_side(loc, doc, named)
        loc = _outlets_state(loc, doc, named)
    if loc:
        loc = near_namesake(loc, doc, top)  # of a US town, whether or not the text leans US
    if loc and loc.country not in {None, "US"} and loc.lat is not None:
        loc = _outlets_town(loc, doc)
    if loc and us and neighbourhood_named(top, loc.place):
        loc = _city_around(loc, doc)
    if loc and us and neighbourhood_named(doc.text[:4000], loc.place):
        loc = enclosing_city(loc) or loc  # "in the Englewood neighborhood": Chicago's
    if loc:
        start, end = outlet_suffix(doc.text)  # "... - News 9 - Oklahoma City": the outlet's
        text = doc.text[:start] + doc.text[end:4000] if end else doc.text[:4000]
        loc = city_of(loc, text, outlet_city(doc.url) if us else None)
        loc = borough_of(loc, text)
    country = (
        loc.country if loc and loc.country else (min(countries) if len(countries) == 1 else None)
    )
    if country is None:
        country = body_country
    admin1 = loc.admin1 if loc and loc.admin1 else None
    if admin1 is None and country in {None, "US"}:
        admin1 = min(states) if len(states) == 1 else in_state
    country = country or ("US" if admin1 else None)
    return Where(loc, country, admin1)


def _placed_in(headline: str, place: str) -> bool:
    """Whether the headline places its event in `place` ("boy shot in Kalispell"), not in
    title case, whose capitals mark no names."""
    return not title_case(headline) and bool(
        re.search(rf"\b(?:in|near|at) {re.escape(place)}\b", headline)
    )


def _filed_at(doc: Document) -> str | None:
    """The town the document's first dateline names, as a name ("ELMVALE —": Elmvale)."""
    for m in datelines(doc.text):
        if not doc.in_furniture(m.start(), m.end()) and not headline_label(doc.text, m):
            return m.group("p").strip().title()
    return None


def _outlets_town(loc: Located, doc: Document) -> Located:
    """`loc`, a town abroad, or the biggest US town of its name when the publisher's host is
    named for it ("parisvalleynews.example" of "a man hurt in Paris"): a local outlet's
    report of its own town, not of its namesake abroad."""
    if not host_names(doc.url, loc.place):
        return loc
    here = us_towns(loc.place)
    return dataclasses.replace(Located.of(here[0], loc.where_prec), cues=loc.cues) if here else loc


def _county_state(loc: Located, doc: Document) -> Located:
    """A county named without its state ("in Brown County") placed in the state, among
    those that have a county of the name, the document points at most (`state_votes`)."""
    states = gazetteer.county_states(loc.place)
    if not states:
        return loc
    votes = state_votes(doc)
    ranked = sorted(states, key=lambda s: -votes.get(s, 0))
    if len(ranked) > 1 and votes.get(ranked[0], 0) <= votes.get(ranked[1], 0):
        return loc
    return dataclasses.replace(loc, admin1=ranked[0], country="US", where_prec=3)


def _in_leading_state(loc: Located, doc: Document, named: set[str], top: str = "") -> Located:
    """`loc`, or, when the document points at another US state by `LEAD_MARGIN` votes more
    (and its lead does not name `loc`'s state), that state's town of the name, else the
    town of that state the document names most ("in Austin" of a Chicago report), unless
    the lead places a shooting in a big city of `loc`'s name no other town shares ("before
    the shooting in Baton Rouge", of a Dallas report)."""
    votes = state_votes(doc)
    ranked = votes.most_common(2)
    if not ranked:
        return loc
    leader, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if n - second < LEAD_MARGIN or loc.admin1 == leader:
        return loc
    if loc.country == "US" and (
        loc.admin1 in named or votes.get(loc.admin1 or "", 0) + LEAD_MARGIN > n
    ):
        return loc
    same = [
        p
        for p in gazetteer.places(loc.place)
        if p.country == "US" and p.admin1 == leader and town_key(p.name) == town_key(loc.place)
    ]  # the town of the name, not one the gazetteer also knows by it ("Denver City")
    if same:
        return Located.of(same[0], loc.where_prec)
    if loc.admin1 and big_city_state(loc.place) == loc.admin1 and _event_in(loc.place).search(top):
        return loc
    return most_named_town(doc, leader) or county_named(doc.text[:4000], leader) or loc


def _event_in(place: str) -> re.Pattern[str]:
    """A harm event placed in `place` ("shooting in Baton Rouge")."""
    return re.compile(
        rf"\b(?:shootings?|killings?|attacks?|ambush|massacre|rampage) in {re.escape(place)}\b"
    )


def _outlets_state(loc: Located, doc: Document, named: set[str]) -> Located:
    """`loc`, or, from an outlet whose address names a big city of another state
    (`outlet_city`) when the report points at that state more than at `loc`'s and names
    not `loc`'s state in its lead: the town of `loc`'s name there, else the city itself.
    A neighbourhood named like a far city ("Austin" of a Chicago outlet) is the outlet's."""
    name = outlet_city(doc.url)
    if not name or loc.country != "US" or not loc.admin1 or loc.admin1 in named:
        return loc
    city = next((p for p in us_towns(name) if p.population >= HOST_CITY), None)
    if city is None or city.admin1 == loc.admin1:
        return loc
    votes = state_votes(doc)
    if votes.get(loc.admin1, 0) >= votes.get(city.admin1 or "", 0):
        return loc
    same = [p for p in us_towns(loc.place) if p.admin1 == city.admin1]
    return dataclasses.replace(Located.of(same[0] if same else city, loc.where_prec), cues=loc.cues)


def _leading_state(doc: Document) -> str | None:
    """The US state the document points at by `LEAD_MARGIN` votes more than at any other
    (`state_votes`), if one does."""
    ranked = state_votes(doc).most_common(2)
    if not ranked:
        return None
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    return ranked[0][0] if ranked[0][1] - second >= LEAD_MARGIN else None


def _broadcasters_side(loc: Located, doc: Document, named: set[str]) -> Located:
    """`loc`, or, from a US broadcaster on the other side of the Mississippi
    (`where.call_sign_side`) whose report names not `loc`'s state, the biggest town of
    the name on the broadcaster's side: a Missouri station's "Columbia". A document that
    points at `loc`'s state by `LEAD_MARGIN` votes more than at any other keeps it: an old
    station keeps the other side's letter (a Dallas station's "W")."""
    side = call_sign_side(doc.url)
    if side is None or loc.country != "US" or loc.lat is None or loc.admin1 in named:
        return loc
    if _leading_state(doc) == loc.admin1:
        return loc
    if on_side(loc.admin1, side):
        return loc
    same = [p for p in us_towns(loc.place) if on_side(p.admin1, side)]
    return Located.of(same[0], loc.where_prec) if same else loc


def _city_around(loc: Located, doc: Document) -> Located:
    """The city a neighbourhood named like a town elsewhere lies in ("the Austin
    neighborhood, Chicago police said"): the town of the leading state (`state_votes`)
    the document names most, when it is another."""
    ranked = state_votes(doc).most_common(1)
    city = most_named_town(doc, ranked[0][0], besides=loc.place) if ranked else None
    if not city or town_key(city.place) == town_key(loc.place):
        return loc
    return dataclasses.replace(city, cues=loc.cues)  # linked as the neighbourhood, as `city_of`
