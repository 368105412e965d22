"""Place candidates and their resolution (English): what names a place, and which place."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tally.link import places
from tally.link.describe import place_in

STOP_LIST = tomllib.loads(
    (Path(places.__file__).with_name("places.toml")).read_text(encoding="utf-8")
)["stop"]
STOP_WORDS = sorted(
    {w.title() for key in ("furniture", "brands", "alone") for w in STOP_LIST[key]}
    | {"Fatal Shooting", "Update", "LPSO"}
)


def test_the_stop_list_keeps_the_words_seen_as_places() -> None:
    kept = {w.lower() for key in ("furniture", "brands", "alone") for w in STOP_LIST[key]}
    assert {"skip", "arrest", "mazda", "walmart", "previous story", "raw video"} <= kept


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
        # where a person came from is not where it happened
        (
            "A gunman from Dayton wounded two men at a bar in Memphis, Tenn., on Friday.",
            "Memphis",
            "Tennessee",
        ),
        (
            "A man from Boise was shot at a bar in Memphis, Tenn., on Friday, police said.",
            "Memphis",
            "Tennessee",
        ),
    ],
)
def test_us_cities_and_states(text: str, place: str, state: str | None) -> None:
    found = place_in(text)
    assert found is not None and found.place == place and found.country == "US"
    if state:
        assert found.admin1 == state


@pytest.mark.parametrize(
    "text",
    [
        "Teen hurt in Maryland Ave shooting",
        "Police investigate in Cedar Creek Road stabbing",
        "Two wounded in Kimball Street drive-by",
    ],
)
def test_a_street_after_in_is_no_town(text: str) -> None:
    assert place_in(text, "US", us=True) is None


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


def _main_place(text: str, url: str | None = None) -> tuple[str | None, str | None, str | None]:
    """The place, state and country `describe` gives a plain-text article's main incident."""
    from tally.link.describe import describe
    from tally.link.text import lead, sentences
    from tally.models import Document

    doc = Document(id="d", text=text, kind="text", name="a.txt", url=url, published="2016-05-02")
    headline, lead_sents = lead(doc, sentences(doc))
    li = describe(doc, headline, lead_sents)
    return li.place, li.admin1, li.country


@pytest.mark.parametrize(
    ("text", "url", "place", "state"),
    [
        (  # a county named in the body places a town many states share
            "Teen shot outside Duluth apartment\n\nA 16-year-old was shot in Duluth on Saturday night. "
            "The Gwinnett County police said the boy was taken to a hospital.",
            None,
            "Duluth",
            "Georgia",
        ),
        (  # a masthead's "City, ST" names the state of a local outlet
            "Boy, 13, accidentally shot by sibling - News 7 Hattiesburg, MS\n\n"
            "A 13-year-old was shot Friday morning. It happened on Hillside Drive in south "
            "Jackson, officers said.",
            None,
            "Jackson",
            "Mississippi",
        ),
        (  # a big city's name in the publisher's host, weakly
            "Man wounded in Lakewood shooting\n\nA man was shot in Lakewood late on Sunday, "
            "deputies said. He is expected to survive.",
            "http://web.archive.org/web/2016/http://www.denverpost.com:80/news/shot",
            "Lakewood",
            "Colorado",
        ),
        (  # no locative phrase: the town the report keeps naming
            "Cops: Man, 75, fatally shoots suspect in home invasion\n\nOne suspect is dead "
            "after a resident fought back on Detroit's west side early Friday. Detroit police "
            "said the second suspect fled on foot.",
            None,
            "Detroit",
            "Michigan",
        ),
        (  # a dateline with the outlet's name in brackets
            "Police name teen killed in shooting\n\nST. LOUIS, Mo. (KMOV.com) – Police have "
            "named the 15-year-old who was killed during a shooting Friday night.",
            None,
            "St. Louis",
            "Missouri",
        ),
        (  # a town of the document's state beats a bigger namesake elsewhere
            "Four hurt in Springfield shooting\n\nFour people were hurt when shots were "
            "fired in Springfield on Saturday. Massachusetts State Police are helping "
            "the city's officers.",
            None,
            "Springfield",
            "Massachusetts",
        ),
        (  # a big city the headline names alone outweighs a past event's state below
            "Denver gunman kills four at nightclub\n\nA gunman opened fire inside a crowded "
            "nightclub late Saturday, killing four people, police said. It recalled Orlando, "
            "Florida, in 2016.",
            None,
            "Denver",
            "Colorado",
        ),
        (
            "Memphis shooting leaves two dead\n\nTwo men were killed outside a gas station "
            "early Sunday. Last year a similar shooting in Jackson, Mississippi, killed three.",
            None,
            "Memphis",
            "Tennessee",
        ),
        (  # the District's parts are its one city
            "Man and three girls shot in Southeast D.C.\n\nA man and three girls were shot "
            "on Tuesday evening in Southeast D.C., the Metropolitan Police said.",
            None,
            "Washington",
            "District of Columbia",
        ),
        (  # "Mt." as GeoNames spells it out
            "Teen wounded while friends played with a gun in Mt. Juliet\n\nA teenager was "
            "wounded on Saturday in Mt. Juliet, Tenn., while friends handled a handgun.",
            None,
            "Mount Juliet",
            "Tennessee",
        ),
        (  # a city's quarter is the city
            "Boy, 17, shot to death at West Baltimore gas station\n\nA 17-year-old was shot "
            "and killed at a gas station in West Baltimore on Sunday night, police said.",
            None,
            "Baltimore",
            "Maryland",
        ),
        (  # "Kansas City" names no Kansas; a dateline's state leads the document
            "Police identify teen killed in quadruple shooting\n\nKANSAS CITY, Mo. — Police "
            "named the teenager who was killed when four people were shot in Kansas City.",
            None,
            "Kansas City",
            "Missouri",
        ),
        (  # no town named: the county, in the state that has one of the name
            "Teenager injured in accidental shooting on family farm\n\nA 15-year-old boy "
            "was hurt on Saturday night in Allamakee County when a revolver went off.",
            None,
            "Allamakee County",
            "Iowa",
        ),
        (  # a big city by its own name beats a small place of the state by another name
            "Playground party ends with gunfire\n\nSix people were hurt when shots rang out "
            "at a playground party in New Orleans, Florida visitors among them.",
            None,
            "New Orleans",
            "Louisiana",
        ),
        (  # the town of the title's outlet suffix is the outlet's, not the report's
            "Boy shot in Ritchie County - WXYZ 12 - Parkersburg and the Valley: News and "
            "Weather\n\nA 10-year-old boy was shot on Wednesday in a wooded area of Ritchie "
            "County, deputies said.",
            None,
            "Ritchie County",
            "West Virginia",
        ),
        (  # a town a victim was flown to is no town the report names for its place
            "Boy wounded while hunting\n\nA 12-year-old boy was shot while hunting in Ritchie "
            "County on Saturday, deputies said. He was flown to a hospital in Morgantown, "
            "where he is in stable condition.",
            None,
            "Ritchie County",
            "West Virginia",
        ),
        (  # a county abbreviated is the county, as its name is written in full
            "Man shot at party in Pickens Co.\n\nA man was shot at a party on Sunday night in "
            "Pickens Co., Alabama, deputies said.",
            None,
            "Pickens County",
            "Alabama",
        ),
        (  # a town abroad of the name the publisher's host is named for: the outlet's own
            "Woman wounded in accidental shooting\n\nA 30-year-old woman was hurt on Saturday "
            "in Paris when a gun went off, according to the police chief.",
            "http://www.parisvalleynews.example/local/article_1.html",
            "Paris",
            "Texas",
        ),
        (  # the headline's "X police" places the story before a city named below
            "Waukegan police searching for 18-year-old murder suspect\n\nThe suspect is "
            "believed to have fled to Chicago after the shooting on Sunday, officers said.",
            None,
            "Waukegan",
            "Illinois",
        ),
    ],
)
def test_document_places_resolve_by_the_document_state(
    text: str, url: str | None, place: str, state: str
) -> None:
    assert _main_place(text, url) == (place, state, "US")


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        (  # a dateline abroad is no US town of that name
            "Two killed in shooting near railway station\n\nPARIS — Two people were killed "
            "when a gunman opened fire outside a railway station on Friday, police said.",
            "Paris",
            "FR",
        ),
        (  # "Washington" alone is the capital, not the state
            "Federal officer wounded by his own weapon\n\nA federal police officer was "
            "wounded on Monday in Washington when his weapon went off, officials said.",
            "Washington",
            "US",
        ),
    ],
)
def test_datelines_and_capitals_abroad_and_at_home(text: str, place: str, country: str) -> None:
    found, admin1, got = _main_place(text)
    assert (found, got) == (place, country)
    assert admin1 != "Washington"


@pytest.mark.parametrize(
    ("text", "place", "state"),
    [
        (  # a station's call sign with its channel
            "Man wounded outside church\n\nROANOKE (WXYZ 10) – A man was shot on Sunday near "
            "a church in the Riverdale Gardens area, police said.",
            "Roanoke",
            "Virginia",
        ),
        (  # ... or with the wire it shares the story with
            "Two hurt in shooting at party\n\nAKRON (WXYZ/AP) — Two people were hurt when "
            "someone fired into a party on Saturday night in the Elm Hollow section, police said.",
            "Akron",
            "Ohio",
        ),
    ],
)
def test_a_dateline_with_a_call_sign_of_several_words_places_the_story(
    text: str, place: str, state: str
) -> None:
    assert _main_place(text) == (place, state, "US")


@pytest.mark.parametrize(
    "text",
    [
        "Two men were shot in North County late on Friday, deputies said.",
        "A teenager was wounded in West Court on Saturday, officers said.",
    ],
)
def test_a_quarter_of_nothing_is_no_place(text: str) -> None:
    found = place_in(text)
    assert found is None or found.place not in {"County", "Court"}


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("A man was shot and killed while hunting in South Carolina.", {"South Carolina"}),
        ("The family had moved from Ohio.", {"Ohio"}),
        ("He was wounded in Ga. on Monday.", {"Georgia"}),
        ("The senator flew back to Washington.", set()),  # the capital, not the state
        ("They drove home to Spokane, Washington.", {"Washington"}),
    ],
)
def test_a_state_named_at_a_sentences_end_is_named(text: str, states: set[str]) -> None:
    from tally.link.places import hints

    assert hints(text, True)[1] == states


@pytest.mark.parametrize(
    ("headline", "lead", "place"),
    [
        (
            "Two hurt in shooting",
            "ELMVALE, Okla. — Two men were wounded Friday at a house in suburban Tulsa.",
            "Elmvale",
        ),
        (
            "Woman shot near Denver",
            "LAKEWOOD, Colo. — A woman was shot outside Denver on Sunday, police said.",
            "Lakewood",
        ),
        (
            "Man wounded at home in Dallas suburbs",
            "PLANO, Texas — A man was wounded on Monday, police said.",
            "Plano",
        ),
        # without a dateline, the town the phrase is around is the one named
        ("Woman shot near Denver", "A woman was shot outside Denver on Sunday.", "Denver"),
    ],
)
def test_a_phrase_around_a_town_yields_to_the_dateline(
    headline: str, lead: str, place: str
) -> None:
    text = f"{headline}\n{lead}"
    found = places.place_in(text, early=len(text))
    assert found is not None and found.place == place


@pytest.mark.parametrize(
    "text",
    [
        "Two men were wounded in a shooting in Greater Lansing, police said.",
        "Greater Lansing shooting leaves two men wounded",
    ],
)
def test_a_town_with_its_surroundings_is_the_town(text: str) -> None:
    found = places.place_in(text, early=len(text))
    assert found is not None and found.place == "Lansing"


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("A man from Nevada shot a clerk at a gas station, deputies said.", set()),
        ("The suspect from Oregon was arrested after the shooting, police said.", set()),
        ("A man in Nevada shot a clerk at a gas station, deputies said.", {"Nevada"}),
    ],
)
def test_where_a_person_came_from_tells_no_state(text: str, states: set[str]) -> None:
    assert places.hints(text, True)[1] == states


@pytest.mark.parametrize(
    ("text", "not_place"),
    [
        ("A man was shot in Denver on Monday, officials in Texas said.", "Denver City"),
    ],
)
def test_a_town_of_the_named_state_is_one_of_the_same_name(text: str, not_place: str) -> None:
    found = places.place_in(text)
    assert found is not None and found.place != not_place and found.place == "Denver"
