"""The towns a report names: which capitalised runs may be a town's name, the town of a
state a report names most, and the town its publisher's address names. Read where no phrase
places a report (`link.locate`) and for an outlet's home (`link.home`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from tally.link import gazetteer
from tally.link.places import hints, taken_there
from tally.link.states import BIG_CITY, host_town, outlet_city, surnames
from tally.link.where import (
    AMBIGUOUS,
    NAMES_BEFORE,
    NOT_TOWNS,
    TOWN_RUN,
    Located,
    country_named,
    dateline_town,
    name_prefixes,
    other_story,
    outlet_suffix,
    town_key,
    town_run_matches,
)
from tally.models import Document


@lru_cache(maxsize=1)
def _speaks() -> frozenset[str]:
    """Verbs of speech (`lang/en/speech.toml`): a name beside one is a speaker's."""
    from tally.extract.vocab import english  # here: commands that only read skip the extractor

    return frozenset(english().speaks)


def town_runs(
    doc: Document, limit: int = 6000, besides: str = "", signed: bool = False
) -> Iterator[tuple[str, ...]]:
    """For each capitalised run of the document's first `limit` characters outside page
    furniture, people's surnames and lines linking other stories (with `signed`, the title's
    outlet suffix too), the names it may give a town: its leading words,
    longest first (`name_prefixes`), but short ones and words a report names for other
    reasons, up to one naming a US state, a country or `besides` ("Brighton" of
    "Brighton Park"). What a report's towns are read from (`most_named_town`,
    `link.home.town_names`)."""
    for m in _runs(doc, limit, signed):
        yield _run_names(m.group(0), besides)


def _runs(doc: Document, limit: int, signed: bool) -> Iterator[re.Match[str]]:
    """The capitalised runs `town_runs` reads."""
    people = surnames(doc)
    suffix = outlet_suffix(doc.text) if signed else (0, 0)
    for m in town_run_matches(doc.text, limit):
        if doc.in_furniture(m.start(), m.end()) or m.group(0) in people:
            continue
        if suffix[0] <= m.start() < suffix[1] or other_story(doc.text, m.start()):
            continue  # "... - KXYZ News 12 Shreveport": where the outlet is; "RELATED: ..."
        yield m


def placed_runs(doc: Document, limit: int = 6000, besides: str = "") -> Iterator[tuple[str, ...]]:
    """`town_runs`, the title's outlet suffix kept, but for runs a report names a person or
    another thing by: said of a speaker ("said Richardson", "Richardson told"), joined by a
    hyphen ("Smith-Norton") or before a word that makes them a street's, township's or
    counties' name ("Grove St", "Bridgeport Township", `places.toml` [near] before)."""
    text = doc.text
    for m in _runs(doc, limit, False):
        if m.start() and text[m.start() - 1] in "-–":
            continue
        before = text[max(0, m.start() - 16) : m.start()].lower().split()
        after = text[m.end() : m.end() + 16].split()
        if (before and before[-1] in _speaks()) or (after and after[0].lower() in _speaks()):
            continue
        names = _run_names(m.group(0), besides)
        words = m.group(0).split()
        kept = []
        for name in names:
            n = len(name.split())
            tail = words[n] if n < len(words) else (after[0] if after else "")
            if tail.rstrip(".,;:") not in NAMES_BEFORE:
                kept.append(name)
        yield tuple(kept)


@lru_cache(maxsize=65536)
def _run_names(run: str, besides: str) -> tuple[str, ...]:
    """`town_runs`'s names of one run, kept per run: the same names recur."""
    out = []
    for name in name_prefixes(run):
        if len(name) < 4 or name.lower() in NOT_TOWNS:
            continue
        if (besides and besides.startswith(name)) or gazetteer.us_state(name):
            break
        if country_named(name):
            break
        out.append(name)
    return tuple(out)


@lru_cache(maxsize=65536)
def us_towns(name: str) -> tuple[gazetteer.Place, ...]:
    """The US towns called `name` (its own spelling, give or take "St."/"Saint"); kept per
    name, as town names recur from report to report."""
    key = town_key(name)
    return tuple(p for p in gazetteer.places(name) if p.country == "US" and town_key(p.name) == key)


def most_named_town(
    doc: Document, state: str, limit: int = 6000, besides: str = ""
) -> Located | None:
    """The town of `state` the document names most often outside page furniture and the
    title's outlet suffix (the earliest of equals), but where a victim was taken ("flown to
    a hospital in Dunmore"): where a local report happened when no phrase places it
    ("Indianapolis Metro Police", "on Detroit's west side"), not where its outlet is ("... -
    Channel 9 Dunmore"); `besides`, a name not to count."""
    counts: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], gazetteer.Place] = {}
    filed = dateline_town(doc)
    if filed and filed.admin1 == state:
        counts[(filed.name, state)] += 2
        first[(filed.name, state)] = filed
    for m in _runs(doc, limit, True):
        if taken_there(doc.text, m.start()):
            continue  # "taken to a hospital in Dunmore": where a victim went
        for name in _run_names(m.group(0), besides):
            here = [p for p in us_towns(name) if p.admin1 == state]
            if here:
                key = (here[0].name, state)
                counts[key] += 1
                first.setdefault(key, here[0])
                break
    ranked = sorted(counts, key=lambda k: -counts[k])
    if not ranked and state == "District of Columbia":
        ranked = [("Washington", state)]  # the District is one city
        first[ranked[0]] = next(p for p in gazetteer.places("Washington") if p.admin1 == state)
        counts[ranked[0]] = 2
    if not ranked:
        return None
    p = first[ranked[0]]
    if counts[ranked[0]] < 2 and p.population < MIN_TOWN:
        return None
    return Located.of(p, 2)


MIN_TOWN = 5_000
"""A town named once is taken for the document's place only when at least this big."""


def url_town(url: str | None, state: str | None) -> Located | None:
    """The town a publisher's address names, for a report whose text names none: a section
    of its path that is a town of `state` ("/local/fort-worth/"), else a big city of `state`
    no other US town of its name rivals (`AMBIGUOUS`) among a headline slug's words
    ("/northwest-atlanta-neighborhood/"). Without `state`, such a city alone, when the
    address names no US state of its own."""
    if not url:
        return None
    original = re.split(r"(?=https?://)", url)[-1]
    m = re.match(r"https?://[^/]+(/[^?#]*)?", original)
    segments = [seg for seg in (m.group(1) or "").lower().split("/") if seg] if m else []
    for seg in segments:
        if re.fullmatch(r"[a-z]+(?:-[a-z]+){0,2}", seg) and (
            found := _url_place(seg.replace("-", " "), state, 0)
        ):
            return found
    for seg in segments:
        words = re.findall(r"[a-z]+", seg)
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                found = _url_place(" ".join(words[i : i + n]), state, BIG_CITY)
                if found:
                    return found
    return None


def _url_place(name: str, state: str | None, least: int) -> Located | None:
    """The US town of this lower-cased name in `state` (any state for a big enough one of
    no rival namesake) of at least `least` people."""
    if len(name) < 4 or name in NOT_TOWNS or gazetteer.us_state(name):
        return None
    found = [p for p in gazetteer.places(name) if town_key(p.name) == town_key(name)]
    us = [p for p in found if p.country == "US"]
    if not us or (found[0].country != "US" and not state):
        return None
    top = us[0]
    if state is None:
        other = max((p.population for p in found[1:]), default=0)
        if top.population < max(least, BIG_CITY) or other * AMBIGUOUS >= top.population:
            return None
    here = next((p for p in us if p.admin1 == state), None) if state else top
    if here is None or here.population < least:
        return None
    return Located.of(here, 2)


def outlet_town(doc: Document, state: str | None) -> Located | None:
    """The town the outlet is in, for a report whose text places it in no town: the big
    city its address is named for ("kansascity.com", `states.outlet_city`), else the town its
    host is (`states.host_town`), else a town of
    `state` the title's outlet suffix names ("... - Action News 5 - Memphis, Tennessee");
    none outside `state` when the report points at one."""
    name = outlet_city(doc.url)
    if name:
        city = next((p for p in us_towns(name) if p.population >= BIG_CITY), None)
        if city and (state is None or city.admin1 == state):
            return Located.of(city, 2)
    town = host_town(doc.url)  # "lufkindailynews.com": a local paper named for its town
    if town and (state is None or town.admin1 == state):
        return Located.of(town, 2)
    start, end = outlet_suffix(doc.text)
    suffix = doc.text[start:end]
    if not end or not state or hints(suffix, True)[1] - {state}:
        return None  # "... - wistv.com - Columbia, South Carolina" of a report of Kentucky
    for m in TOWN_RUN.finditer(suffix):
        for name in name_prefixes(m.group(0)):
            if len(name) < 4 or name.lower() in NOT_TOWNS or gazetteer.us_state(name):
                continue
            here = [p for p in us_towns(name) if p.admin1 == state]
            if here:
                return Located.of(here[0], 2)
    return None
