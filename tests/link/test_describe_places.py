"""Place candidates and their resolution (English): what names a place, and which place."""

from __future__ import annotations

import pytest

from tally.link.describe import place_in

STOP_WORDS = [
    "Update",
    "Skip",
    "Fatal Shooting",
    "Arrest",
    "Mazda",
    "Walmart",
    "Facebook",
    "Video",
    "Custody",
]


@pytest.mark.parametrize("word", STOP_WORDS)
@pytest.mark.parametrize(
    "template",
    [
        "{w}: Man Charged In Deadly Shooting",
        "Teen Charged In {w} After Weekend Gunfire",
        "The suspect was found hiding in a {w} after the gunfire, officers said.",
        "Witnesses said shots were fired at {w} shortly after midnight.",
    ],
)
def test_non_place_words_never_become_places(word: str, template: str) -> None:
    found = place_in(template.format(w=word))
    assert found is None or found.place.lower() != word.lower()


@pytest.mark.parametrize(
    ("text", "place", "state"),
    [
        (
            "ST. PAUL, Minn. — Two men were wounded in a shooting on Friday night.",
            "Saint Paul",
            "Minnesota",
        ),
        ("A woman was shot in St. Paul early Sunday, police said.", "Saint Paul", "Minnesota"),
        ("A teenager was shot in Jamaica, Queens, on Tuesday afternoon.", "Jamaica", "New York"),
        ("Police in Georgia said a man was shot dead in Atlanta on Monday.", "Atlanta", "Georgia"),
        ("An Aurora man was wounded in an accidental shooting, police said.", "Aurora", None),
        ("Two Killed In Dallas Nightclub Shooting", "Dallas", "Texas"),
        ("Rochester police are looking for the gunman, the department said.", "Rochester", None),
        ("A man was killed in a shooting in Memphis, Tenn., on Saturday.", "Memphis", "Tennessee"),
        (
            "ROCKY MOUNT, N.C. - Four people were hurt when gunfire broke out.",
            "Rocky Mount",
            "North Carolina",
        ),
        ("A girl was shot in Springfield, Ohio, on the city's south side.", "Springfield", "Ohio"),
    ],
)
def test_us_cities_and_states(text: str, place: str, state: str | None) -> None:
    found = place_in(text)
    assert found is not None and found.place == place and found.country == "US"
    if state:
        assert found.admin1 == state


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("A bomb exploded in a market in Kabul, Afghanistan, on Monday.", "Kabul", "AF"),
        ("Georgia's interior ministry said a blast in Tbilisi killed two.", "Tbilisi", "GE"),
        ("Heavy rain flooded homes across Jamaica on Sunday.", "Jamaica", "JM"),
    ],
)
def test_countries_stay_countries_abroad(text: str, place: str, country: str) -> None:
    found = place_in(text)
    assert found is not None and (found.place, found.country) == (place, country)
