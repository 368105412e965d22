"""The offline gazetteer: lookups, and the index built once and cached."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tally.link import gazetteer


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [
        ("Kabul", "AF", None),
        ("Peshawar", "PK", None),
        ("Uvalde", "US", "Texas"),
        ("St. Paul", "US", "Minnesota"),
        ("St. Louis", "US", "Missouri"),
        ("Lewiston", "US", None),
        ("Khojaly", "AZ", None),
        ("Cianjur", "ID", None),
    ],
)
def test_places_most_likely_first(name: str, country: str, admin1: str | None) -> None:
    found = gazetteer.places(name)
    assert found and found[0].country == country
    if admin1:
        assert found[0].admin1 == admin1


@pytest.mark.parametrize(
    ("name", "main"),
    [("درنة", "Darnah"), ("Маріуполь", "Mariupol"), ("Кемерово", "Kemerovo"), ("Dérna", "Darnah")],
)
def test_names_in_other_scripts_find_the_place(name: str, main: str) -> None:
    assert gazetteer.places(name)[0].name == main


def test_a_village_it_lacks_is_not_found() -> None:
    assert gazetteer.places("Tadaryat") == ()


@pytest.mark.parametrize(
    ("name", "code"),
    [("Burkina Faso", "BF"), ("DR Congo", "CD"), ("U.S.", "US"), ("AZ", "AZ"), ("Narnia", None)],
)
def test_countries(name: str, code: str | None) -> None:
    found = gazetteer.country(name)
    assert (found.country if found else None) == code


@pytest.mark.parametrize(
    ("name", "code", "full"),
    [("Texas", "TX", "Texas"), ("Ill.", "IL", "Illinois"), ("N.C.", "NC", "North Carolina")],
)
def test_us_states_are_admin1_by_name(name: str, code: str, full: str) -> None:
    state = gazetteer.us_state(name)
    assert state is not None and (state.code, state.admin1, state.country) == (code, full, "US")


def test_admin1_is_never_a_bare_code() -> None:
    (khojaly, *_) = gazetteer.places("Khojaly")
    assert khojaly.admin1 is None and khojaly.code


def _lookup_in_a_new_process(cache: Path) -> str:
    code = "from tally.link import gazetteer as g; print(g.places('Kabul')[0].country)"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


@pytest.fixture(scope="module")
def built_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache dir whose index was built by a first process."""
    cache = tmp_path_factory.mktemp("cache")
    assert _lookup_in_a_new_process(cache) == "AF"
    return cache


@pytest.mark.slow
def test_index_is_built_once_into_the_cache_dir(built_cache: Path) -> None:
    (index,) = (built_cache / "tally").glob("gazetteer-*.sqlite")
    before = index.stat().st_mtime_ns
    assert _lookup_in_a_new_process(built_cache) == "AF"
    assert index.stat().st_mtime_ns == before
    others = [p.name for p in (built_cache / "tally").iterdir() if not p.match("patterns*.marshal")]
    assert others == [index.name]  # no second index, no temporary file left


@pytest.mark.slow
def test_a_damaged_index_is_rebuilt(built_cache: Path, tmp_path: Path) -> None:
    (index,) = (built_cache / "tally").glob("gazetteer-*.sqlite")
    damaged = tmp_path / "tally" / index.name
    damaged.parent.mkdir()
    damaged.write_bytes(index.read_bytes()[: 1 << 20])
    assert _lookup_in_a_new_process(tmp_path) == "AF"
    assert damaged.stat().st_size > 1 << 20
    rebuilt = damaged.stat().st_mtime_ns
    assert _lookup_in_a_new_process(tmp_path) == "AF"
    assert damaged.stat().st_mtime_ns == rebuilt


def test_a_forked_child_opens_its_own_connection() -> None:
    parent = gazetteer.index()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        ok = gazetteer.index() is not parent and gazetteer.places("Kabul")[0].country == "AF"
        os.write(write, b"1" if ok else b"0")
        os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 1) == b"1"
    assert gazetteer.index() is parent


@pytest.mark.parametrize(
    ("name", "state"),
    [("Portland", "Indiana"), ("Springfield", "Vermont"), ("Jackson", "Wyoming")],
)
def test_every_states_town_of_a_common_name_is_kept(name: str, state: str) -> None:
    assert any(p.country == "US" and p.admin1 == state for p in gazetteer.places(name))


@pytest.mark.parametrize(
    ("name", "big"),
    [("Chicago", True), ("St. Louis", True), ("Ft. Worth", True), ("Uvalde", False),
     ("Police Chief", False)],
)  # fmt: skip
def test_big_us_keys_hold_the_big_cities_by_any_spelling_places_takes(name: str, big: bool) -> None:
    assert (gazetteer.place_key(name) in gazetteer.big_us_keys(100_000)) is big
    if big:
        assert any(p.country == "US" and p.population >= 100_000 for p in gazetteer.places(name))


def test_big_us_cities_and_keys_refuse_a_population_their_rows_do_not_hold() -> None:
    with pytest.raises(ValueError):
        gazetteer.big_us_keys(gazetteer.BIG_US - 1)
    assert gazetteer.big_us_cities(200_000)["kansascity"] == "Missouri"
