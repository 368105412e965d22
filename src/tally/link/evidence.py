"""The evidence that two local incidents are one (`pair_score`): what rules it out, what
speaks for it, and when reports far apart in time may still be one event followed up.
"""

from __future__ import annotations

from functools import lru_cache

from tally.link.dates import MONTHS, WEEKDAYS
from tally.link.describe import (
    ACTOR_TAILS,
    DISASTERS,
    TITLES,
    VIOLENT_GENERIC,
    is_actor,
    types_compatible,
)
from tally.link.nodes import (
    BIG_CITY,
    DATE_SLACK_DAYS,
    LASTING_TOLL,
    MASS_CASUALTY,
    NEAR_KM,
    SLOW_SLACK_DAYS,
    SLOW_TYPES,
    STREET_LAST,
    STREET_PENALTY,
    THRESHOLD,
    TOWN,
    TYPE_PENALTY,
    Node,
    common,
    day,
    distance_km,
    meet,
    same_street,
)
from tally.link.places import ORG_WORDS, REGION_WORDS
from tally.link.where import is_county

FOLLOW_UP_DAYS = 60
"""How long after a small event a report may follow it up and be linked by names alone."""


def _lasting(a: Node, b: Node) -> bool:
    """Whether two reports far apart in time may be one event followed up: both deadly
    (`LASTING_TOLL`) or a small event's follow-up (`_followed_up`), sharing two rare
    multi-word names (a tower, an arena, a theatre), or one or the incident's name and a
    figure, and neither published before the other's event."""
    if min(a.toll, b.toll) < LASTING_TOLL and not _followed_up(a, b):
        return False
    for x, y in ((a, b), (b, a)):
        if x.lo_day and (x.li.date_prec or 9) <= 2 and x.lo_day < day(x.li.published) - 7:
            pub = day(y.li.published)  # x is dated to its event, not to its report
            if pub and pub < x.lo_day - DATE_SLACK_DAYS:
                return False
    names = [w for w in a.rare_words if " " in w and w in b.rare_words and not is_actor(w)]
    if len(names) >= 2:
        return True
    return bool(names or _same_name(a, b)) and meet(a.rare_figs, b.rare_figs)


def full_name(word: str) -> bool:
    """Whether a proper name reads as a person's full name: two to four words, none a word
    that makes a street, a place, an organisation, an actor or a title ("dana elm", not
    "elm county hospital" nor "detective dana elm")."""
    parts = word.split()
    return 2 <= len(parts) <= 4 and _not_person().isdisjoint(parts)


@lru_cache(maxsize=1)
def _not_person() -> frozenset[str]:
    """Words no person's name holds: those of organisations, places, actors, titles, streets,
    the days and months ("easter sunday"), and the capitalised words that name no victim
    (`victims.toml` [not_names])."""
    from tally.extract.vocab import english  # here: linking alone loads no extractor

    return frozenset(
        {*ORG_WORDS, *REGION_WORDS, *ACTOR_TAILS, *TITLES, *STREET_LAST, *WEEKDAYS, *MONTHS}
        | set(english().not_names)
    )


def _followed_up(a: Node, b: Node) -> bool:
    """Whether a report weeks after a smaller event follows it up (the victims named, an
    arrest): of one place, within `FOLLOW_UP_DAYS`, sharing a count and three rare names, two
    of them people's full names (`full_name`); an official or a hospital is named in many
    events of a city."""
    if not (meet(a.geo, b.geo) or meet(a.places, b.places)):
        return False
    if abs(a.lo_day - b.lo_day) > FOLLOW_UP_DAYS or not meet(a.figs, b.figs):
        return False
    shared = [w for w in a.rare_words if w in b.rare_words and not is_actor(w)]
    names = [w for w in shared if full_name(w)]
    return len(shared) >= 3 and len(names) >= 2


def _tolls_apart(x: int, y: int) -> int:
    """How strongly two tolls speak against one event within days (20 dead and 600 dead):
    beyond ten times the smaller, strongly; below, or where the smaller is a first count of
    a few (tolls rise; a toll here is the larger of the killed and the injured), not at all."""
    lo, hi = min(x, y), max(x, y)
    return 2 if lo >= LASTING_TOLL and hi > 10 * lo else 0


def _same_name(a: Node, b: Node) -> bool:
    """The same incident name, or one report's name ("the Grenfell Tower fire") whose proper
    part the other names ("Grenfell Tower")."""
    na, nb = (n.li.name.lower() if n.li.name else "" for n in (a, b))
    if na and na == nb:
        return True
    return any(
        n and (stem := n.rsplit(" ", 1)[0]) != n and stem in other.words
        for n, other in ((na, b), (nb, a))
    )


def _whole_named(n: Node) -> bool:
    """Whether another report's naming `n`'s place tells, without a shared cue, that it is
    `n`'s event: `n`'s place is a county of a known state, which a report of a town in it
    names as the town's ("a Dunmore shooting, Marlow County deputies said"). A town that a
    county's report names may be only where a victim was taken or a body examined."""
    return bool(n.li.admin1) and is_county(n.li.place or "")


def _other_people(a: Node, b: Node) -> bool:
    """Whether two reports each name people (`full_name`) and none the other's."""
    pa, pb = ({w for w in n.rare_words if full_name(w)} for n in (a, b))
    return bool(pa and pb) and pa.isdisjoint(pb)


def _same_day_count(a: Node, b: Node) -> bool:
    """Whether two reports of one town tell of one event on the same day: both dated to that
    day, of one specific type, on no streets apart, and sharing a figure (the same killed or
    injured count) or, giving other counts, not each naming people the other does not (one
    report's dead, another's wounded). A town that is no big city seldom has two such events
    in a day (gva-dev: of the document pairs this links without a shared count, all are
    coded as one)."""
    return (
        a.li.date_prec == b.li.date_prec == 1
        and a.li.date == b.li.date
        and bool(a.li.type)
        and a.li.type == b.li.type
        and a.li.type not in VIOLENT_GENERIC
        and (meet(a.geo, b.geo) or meet(a.places, b.places))
        and (meet(a.figs, b.figs) or not _other_people(a, b))
        and not (a.streets and b.streets and not same_street(a.streets, b.streets))
    )


def pair_score(a: Node, b: Node, lasting: bool = False) -> int | None:
    """The evidence that two local incidents are one, or None when something rules it out.

    With `lasting`, the dates need not meet (`_lasting` decides whether they may differ)."""
    if a.li.doc_id == b.li.doc_id or (a.alone and not a.conflict) or (b.alone and not b.conflict):
        return None
    ca, cb = a.li.country, b.li.country
    if ca and cb and ca != cb:
        return None
    if a.conflict or b.conflict:
        linked = a.conflict and b.conflict and ca and cb and not (a.alone or b.alone)
        return THRESHOLD if linked else None
    penalty = 0
    if not types_compatible(a.li.type, b.li.type):
        penalty = TYPE_PENALTY * (1 + ((a.li.type in DISASTERS) != (b.li.type in DISASTERS)))
    if a.lo_day and b.lo_day and not lasting:
        slow = a.li.type in SLOW_TYPES or b.li.type in SLOW_TYPES
        slack = SLOW_SLACK_DAYS if slow else DATE_SLACK_DAYS
        if a.lo_day - slack > b.hi_day or b.lo_day - slack > a.hi_day:
            return None
    if lasting and not _lasting(a, b):
        return None
    shared = [w for w in a.rare_words if w in b.rare_words] if a.rare_words else []
    one_disaster = a.li.type == b.li.type and a.li.type in DISASTERS | SLOW_TYPES
    actors = 0 if one_disaster else sum(1 for w in shared if is_actor(w))
    specific = min(3, len(shared) - actors) + min(2, common(a.rare_figs, b.rare_figs))
    if specific and actors:
        specific += 1  # an armed group or a force acts in many events: it only adds (an
        # agency that counts the dead of one flood or quake names that disaster)
    if a.li.name and b.li.name and a.li.name.lower() == b.li.name.lower():
        specific += 2
    if (
        not specific
        and min(a.toll, b.toll) >= MASS_CASUALTY
        and a.li.date_prec == b.li.date_prec == 1
        and a.li.date == b.li.date
        and a.li.type == b.li.type
    ):
        specific = 1
    score = 0
    big = max(a.population, b.population) > BIG_CITY
    if not specific and max(a.population, b.population) < TOWN and _same_day_count(a, b):
        specific = 1
    if meet(a.geo, b.geo) or meet(a.places, b.places):
        score += 1 if big else 2
        if not specific:
            return None
    elif not (a.places and b.places):
        named = meet(a.places, b.words) or meet(b.places, a.words)
        same_disaster = a.li.type == b.li.type and a.li.type in DISASTERS | SLOW_TYPES
        if specific < (1 if named or same_disaster else 2):
            return None
        score += 1 if named else 0
    elif (
        (meet(a.places, b.words) and (specific or _whole_named(a)))
        or (meet(b.places, a.words) and (specific or _whole_named(b)))
        or ((km := distance_km(a.li, b.li)) is not None and km < NEAR_KM)
    ):
        score += 1
    elif (a.geo and b.geo) or specific < 3 or not _same_name(a, b):
        # two places apart that neither report names in the other: two events unless the
        # reports name the incident alike
        return None
    if a.li.type and a.li.type == b.li.type and a.li.type not in VIOLENT_GENERIC:
        score += 1
        if a.li.type in DISASTERS | SLOW_TYPES and ca and ca == cb:
            score += 1
    if a.li.date_prec == 1 and a.li.date == b.li.date:
        score += 1
    if not lasting and not meet(a.rare_figs, b.rare_figs):
        score -= _tolls_apart(a.toll, b.toll)
    if min(a.toll, b.toll) >= MASS_CASUALTY and ca and ca == cb:
        score += 1  # two mass-casualty events in one country within days are rare
    if a.streets and b.streets and not same_street(a.streets, b.streets):
        score -= STREET_PENALTY
    return score + specific - penalty
