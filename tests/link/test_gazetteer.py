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
        ("Uvalde", "US", "TX"),
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


def test_a_village_it_lacks_is_not_found() -> None:
    assert gazetteer.places("Tadaryat") == ()


@pytest.mark.parametrize(
    ("name", "code"),
    [("Burkina Faso", "BF"), ("DR Congo", "CD"), ("U.S.", "US"), ("AZ", "AZ"), ("Narnia", None)],
)
def test_countries(name: str, code: str | None) -> None:
    found = gazetteer.country(name)
    assert (found.country if found else None) == code


@pytest.mark.parametrize(("name", "code"), [("Texas", "TX"), ("Ill.", "IL"), ("N.C.", "NC")])
def test_us_states(name: str, code: str) -> None:
    state = gazetteer.us_state(name)
    assert state is not None and state.admin1 == code


@pytest.mark.slow
def test_index_is_built_once_into_the_cache_dir(tmp_path: Path) -> None:
    code = "from tally.link import gazetteer as g; print(g.places('Kabul')[0].country)"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    for _ in range(2):
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "AF"
    assert len(list((tmp_path / "tally").glob("gazetteer-*.pickle"))) == 1
