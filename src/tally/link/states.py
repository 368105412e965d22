"""Which US state a document points at, and whether it is about the US at all.

A local report seldom names its state: it names towns, counties, big cities, a dateline,
and it comes from an outlet whose address names a city or a state. `state_votes` weighs
all of them (outside page furniture) into one vote per state, read by the deciders of a
document's place (`locate`, `home`); `us_leaning` says whether a document that names no
country is about the US. The words live in `places.toml` (`[us]`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from tally.keywords import lowered, may_contain, quick_start
from tally.link import gazetteer
from tally.link.where import (
    AMBIGUOUS,
    COUNTY,
    COUNTY_WORDS,
    NAMEPLATE,
    NEIGHBOURHOOD_AFTER,
    NOT_TOWNS,
    US_WORDS,
    country_named,
    dateline_state,
    dateline_town,
    line_at,
    name_prefixes,
    outlet_suffix,
    state_word,
    title_case,
    town_key,
    town_run_matches,
)
from tally.models import Document


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


BIG_CITY = 100_000
"""A US city this big, named in the text, tells the state of a document that names none."""


HOST_CITY = 200_000
"""A US city this big whose name a publisher's host holds ("kansascity.com") hints at its state."""


_VOTES: dict[tuple[str, str, str | None, int], Counter[str]] = {}


def state_votes(doc: Document, limit: int = 8000) -> Counter[str]:
    """`_state_votes`, kept for the document last asked about (several deciders ask); keyed
    by the text itself, not its length: two documents of one id (a test's, a re-ingested
    edit) may differ in nothing else."""
    key = (doc.id, doc.text, doc.url, limit)
    if key not in _VOTES:
        _VOTES.clear()
        _VOTES[key] = _state_votes(doc, limit)
    return Counter(_VOTES[key])


def _state_votes(doc: Document, limit: int = 8000) -> Counter[str]:
    """How strongly the document points at each US state, outside page furniture (and the
    title's outlet suffix, where the outlet is, for states named): a state named (2), a
    county name (1, shared among the states that have one), a big city named (1), and,
    weakly, a big city or town the publisher's host is named after (1, `host_town`)."""
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
    counties = COUNTY.finditer(text) if any(w in text for w in COUNTY_WORDS) else ()
    for m in counties:
        last = f"{m.group(1).split()[-1]} {m.group(2)}"
        states = gazetteer.county_states(m.group(0)) or gazetteer.county_states(last)
        if states and not doc.in_furniture(m.start(), m.end()):
            for s in states:
                votes[s] += 1 / len(states)
    people = surnames(doc, limit)
    for m in town_run_matches(doc.text, limit):
        run_votes = _run_votes(m.group(0))
        if not run_votes:
            continue  # most runs name no town: the tests below are for those that do
        if doc.in_furniture(m.start(), m.end()) or NEIGHBOURHOOD_AFTER.match(text, m.end()):
            continue  # "the Austin neighborhood" names no Texas
        if m.group(0) in people:
            continue  # "Boise said", of a man named Frederick Boise
        for state, share in run_votes:
            votes[state] += share
    filed = dateline_town(doc, sure=True)
    if state := (filed.admin1 if filed else None) or dateline_state(doc):
        votes[state] += 3  # where a US document was filed ("GLENMONT, NY —", a hamlet)
    town = host_town(doc.url)
    if host_state := _host_city_state(_host_label(doc.url)) or (town and town.admin1):
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


def big_city_state(name: str) -> str | None:
    """The state of the big US city (`BIG_CITY`) this name is, when no other US town of the
    name is a fifth as big ("Baton Rouge", not "Columbus"): a city meant by its name."""
    return _big_city_state(name)[1]


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
    host = gazetteer.squashed(_host_label("http://" + m.group(1)).split(".")[-1])
    for name in names:
        key = name.replace(" ", "")
        if len(key) >= HOST_NAME and key in host:
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


@lru_cache(maxsize=4096)
def _host_city_state(host: str) -> str | None:
    """The state of the first big US city (`HOST_CITY`) a publisher's host label holds
    ("kansascity"), if any: kept per host, as an outlet's documents come by the hundred."""
    if host:
        for squashed, state in gazetteer.big_us_cities(HOST_CITY).items():
            if squashed in host:
                return state
    return None


@lru_cache(maxsize=8)
def outlet_city(url: str | None) -> str | None:
    """The big US city (`HOST_CITY`) a publisher's address is named for: its host label
    ("chicagotribune.com", "abc7chicago.com") or a section of its path ("/chicago/")."""
    cities = gazetteer.big_us_cities(HOST_CITY)
    host = _host_label(url)
    found = next((squashed for squashed in cities if squashed in host), None) if host else None
    if found is None and url:
        original = re.split(r"(?=https?://)", url)[-1]
        m = re.match(r"https?://[^/]+(/[^?#]*)?", original)
        for seg in (m.group(1) or "").lower().split("/") if m else ():
            if re.fullmatch(r"[a-z]+(?:-[a-z]+)*", seg) and seg.replace("-", "") in cities:
                found = seg.replace("-", "")
                break
    if found is None:
        return None
    return gazetteer.big_us_names(HOST_CITY)[found][0]


def host_names(url: str | None, name: str) -> bool:
    """Whether the publisher's host label holds this place's name, squashed ("parisvalleynews"
    holds Paris, "dunmoreledger" Dunmore): a local outlet named for its town."""
    key = gazetteer.squashed(name)
    return len(key) >= HOST_NAME and key in gazetteer.squashed(_host_label(url))


HOST_NAME = 5
"""The fewest letters of a name a host label is read for: shorter ones hide in any word."""


HOST_TOWN = 10_000
"""A US town this big whose whole name a local outlet's host holds ("lufkindailynews") is
where the outlet is (`host_town`)."""
HOST_RIVAL = 2
"""How many times bigger than any other US town of its name such a town must be."""


def host_town(url: str | None) -> gazetteer.Place | None:
    """The US town a local outlet's host is named for ("delrionewsherald" Del Rio, Texas):
    the longest name of one or two words the host label's letters hold of a US town of at
    least `HOST_TOWN` people `HOST_RIVAL` times any namesake's size, none when that name is
    a newspaper's word (`where.NAMEPLATE`) or a bigger place's abroad."""
    return _host_town(_host_label(url))


@lru_cache(maxsize=4096)
def _host_town(host: str) -> gazetteer.Place | None:
    """`host_town` of a host label, kept per host: an outlet's documents come by the hundred."""
    label = gazetteer.squashed(host.split(".")[-1])
    best: gazetteer.Place | None = None
    for size in range(len(label), HOST_NAME - 1, -1):
        for i in range(len(label) - size + 1):
            part = label[i : i + size]
            if part in NAMEPLATE:
                continue
            for name in [part] + [f"{part[:j]} {part[j:]}" for j in range(3, size - 2)]:
                found = [p for p in gazetteer.places(name) if gazetteer.squashed(p.name) == part]
                if found and found[0].country != "US" and found[0].population >= HOST_TOWN:
                    return None  # "readingeagle" of Reading, England first: no US town's
                us = [p for p in found if p.country == "US"]
                if not us or us[0].population < HOST_TOWN:
                    continue
                rival = max((p.population for p in us[1:]), default=0)
                if rival * HOST_RIVAL < us[0].population:
                    best = us[0]
                    break
            if best:
                return best
    return None


@lru_cache(maxsize=64)
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


_NOT_SURNAME_LEADS = NAME_LEADS | NOT_TOWNS
"""First words of a capitalised run that is no person's name (`surnames`)."""


_US_ZONES = re.compile(r"\b(?:" + "|".join(re.escape(z) for z in US_WORDS["zones"]) + r")\b")


_US_PHRASE_WORDS = tuple(w.lower() for w in US_WORDS["phrases"])


_US_PHRASES = quick_start(
    re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in US_WORDS["phrases"]) + r")\b", re.IGNORECASE
    )
)


_CALL_SIGN = re.compile(US_WORDS["call_sign"])


def call_sign_host(url: str | None) -> bool:
    """Whether a publisher's host is a US broadcaster's call sign ("wxyz12.com")."""
    label = _host_label(url).split(".")[0]
    return bool(label) and bool(_CALL_SIGN.match(label))


_WEST = frozenset(US_WORDS["west"])


_EITHER = frozenset(US_WORDS["either"])


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
