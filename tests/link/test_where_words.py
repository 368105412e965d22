"""The name tests of link.where and link.near read without compiling a pattern per name:
each agrees with the pattern it replaces, on sentences that do and do not match."""

from __future__ import annotations

import re

import pytest

from tally.link.near import written_beside
from tally.link.where import (
    NEIGHBOURHOOD_WORDS,
    TOWN_RUN,
    dateline_state,
    dateline_town,
    neighbourhood_named,
    own_police,
    town_key,
    town_run_matches,
)
from tally.models import Document


def _neighbourhood_pattern(text: str, name: str) -> bool:
    n = re.escape(name)
    side = r"(?:(?:North|South|East|West|Northwest|Northeast|Southwest|Southeast)(?: Side)? )?"
    return bool(
        re.search(
            rf"\bthe {side}{n} (?:{NEIGHBOURHOOD_WORDS})\b"
            rf"|\b(?:{NEIGHBOURHOOD_WORDS}) (?:called|known as) {n}\b",
            text,
        )
    )


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("He was shot in the Austin neighborhood on Friday.", "Austin", True),
        ("He was shot in the South Side Gresham neighborhood.", "Gresham", True),
        ("He was shot in the Northwest Belmont neighbourhoods.", "Belmont", True),
        ("It happened in a neighborhood called Uptown, police said.", "Uptown", True),
        ("It happened in a community area known as Riverdale.", "Riverdale", True),
        ("It happened in a Philadelphia neighborhood.", "Philadelphia", False),
        ("the Kensington section of Philadelphia", "Philadelphia", False),
        ("bathe Austin neighborhood", "Austin", False),
        ("the Austin neighborhoodwatch", "Austin", False),
        ("a neighborhood called Uptowners", "Uptown", False),
        ("the Port St. Lucie section and the St. Lucie section", "St. Lucie", True),
        ("Austin, the Austin area, a section called Austin", "Austin", True),
    ],
)
def test_neighbourhood_named(text: str, name: str, expected: bool) -> None:
    assert neighbourhood_named(text, name) is expected
    assert _neighbourhood_pattern(text, name) is expected


@pytest.mark.parametrize(
    ("text", "place", "expected"),
    [
        ("Spencer Police were called to the home.", "Spencer", True),
        ("spencer police", "Spencer", False),
        ("Officers of the Spencer police department", "Spencer", True),
        ("The Spencer Policemen's Ball", "Spencer", False),
        ("East Spencer Police", "Spencer", True),
        ("NorthSpencer Police", "Spencer", False),
    ],
)
def test_own_police(text: str, place: str, expected: bool) -> None:
    assert own_police(place, text) is expected
    assert bool(re.search(rf"\b{re.escape(place)} [Pp]olice\b", text)) is expected


@pytest.mark.parametrize(
    ("text", "name", "states"),
    [
        ("The shooting in Cameron, W.Va., left one dead.", "Cameron", {"West Virginia"}),
        ("Madison, WI and Madison, Ala. both", "Madison", {"Wisconsin", "Alabama"}),
        ("West Madison, Wis. police", "Madison", {"Wisconsin"}),
        ("Hudson, Ohio, Ohio", "Ohio", {"Ohio"}),
        ("NewMadison, Wis. and Madison, police said", "Madison", set()),
        ("Madison,Wis.", "Madison", set()),
    ],
)
def test_written_beside(text: str, name: str, states: set[str]) -> None:
    assert written_beside(text, name) == states


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("St. Louis", "saint louis"),
        ("Saint Louis", "saint louis"),
        ("Ft. Myers", "fort myers"),
        ("Mt. Juliet", "mount juliet"),
        ("Mount Juliet", "mount juliet"),
        ("Stockton", "stockton"),
        ("Mtwara", "mtwara"),
        ("Madison", "madison"),
    ],
)
def test_town_key(name: str, key: str) -> None:
    assert town_key(name) == key


def test_town_runs_at_every_limit_are_those_of_the_cut_text() -> None:
    """`town_run_matches` gives `TOWN_RUN.finditer(text[:limit])` for every limit, a run
    cut by the limit ("Grand Rapi", "St. L") included."""
    text = (
        "Police in Grand Rapids said a St. Louis man and a Mt. Vernon woman were shot on "
        "Main Street. New York City officers, Ft. Worth and St. Paul were not involved. X Y"
    )
    for limit in range(len(text) + 2):
        got = [(m.start(), m.group(0)) for m in town_run_matches(text, limit)]
        want = [(m.start(), m.group(0)) for m in TOWN_RUN.finditer(text[:limit])]
        assert got == want, limit


def _doc(text: str) -> Document:
    return Document(id="d", text=text, kind="text", name="a.txt", published="2016-05-02")


@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        # a headline's label is filed nowhere: the dateline below it is
        (
            "NOPD: Man hurt in shooting\n\nBATON ROUGE – A man was shot on Friday, police said.",
            "Baton Rouge",
            None,
        ),
        (
            "UPDATE: Man hurt in shooting\n\nTOLEDO, Ohio – A man was shot on Friday.",
            "Toledo",
            "Ohio",
        ),
        ("Man hurt in shooting\n\nTOLEDO, Ohio – A man was shot on Friday.", "Toledo", "Ohio"),
    ],
)
def test_a_headlines_label_is_no_dateline(text: str, town: str, state: str | None) -> None:
    filed = dateline_town(_doc(text))
    assert filed is not None and filed.name == town
    assert dateline_state(_doc(text)) == state
