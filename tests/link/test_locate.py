"""Where a document's main incident happened (`link.locate`): the document's other places,
its dateline, the publisher's address and US words deciding between towns of one name."""

from __future__ import annotations

import pytest

from tally.link.describe import describe
from tally.link.places import place_in
from tally.link.text import lead, sentences
from tally.link.where import country_named, county_named, name_prefixes
from tally.models import Document


def _doc(text: str, url: str | None = None) -> Document:
    return Document(id="d", text=text, kind="text", name="a.txt", url=url, published="2016-05-02")


def _main_place(text: str, url: str | None = None) -> tuple[str | None, str | None, str | None]:
    doc = _doc(text, url)
    headline, lead_sents = lead(doc, sentences(doc))
    li = describe(doc, headline, lead_sents)
    return li.place, li.admin1, li.country


@pytest.mark.parametrize(
    ("text", "url", "place", "state"),
    [
        (  # a town named like a country, with its state beside it in the dateline
            "Teen hurt while target shooting in Lebanon\n\nLEBANON, Ohio — A teenager was "
            "accidentally shot on Saturday while target shooting with a friend, police said.",
            None,
            "Lebanon",
            "Ohio",
        ),
        (  # "Va." is Virginia's abbreviation, not the Vatican's code
            "Family of four found dead in Culpeper, Va.\n\nDeputies found four people dead "
            "in a house on a rural road on Sunday night, the sheriff's office said.",
            None,
            "Culpeper",
            "Virginia",
        ),
        (  # a town too small for the gazetteer keeps the state the text gives it
            "State police release details of Manchester shooting\n\nFive people died in the "
            "shooting in Manchester, Illinois, state police said on Friday.",
            None,
            "Manchester",
            "Illinois",
        ),
        (  # a state in the publisher's address decides between towns of one name
            "Man killed in early morning shooting\n\nA man was killed in a shooting in "
            "Jackson early on Saturday, officers said. No arrest has been made.",
            "http://example.com/news/local/mississippi/man-killed-in-shooting/",
            "Jackson",
            "Mississippi",
        ),
        (  # a city's neighbourhood named like a big city elsewhere: the document's city
            "Teen shot outside party in Austin\n\nCHICAGO — A 16-year-old boy was shot "
            "outside a party in Austin on the West Side early Sunday, Chicago police said. "
            "Chicago police said the boy was taken to a hospital in Oak Park. Chicago "
            "officers are canvassing the block.",
            None,
            "Chicago",
            "Illinois",
        ),
        (  # the outlet a page title ends with is where the outlet is, not the shooting
            "Toddler hurt in accidental shooting - Channel 6 News Tulsa, Weather & Sports\n\n"
            "A 2-year-old was hurt on Sunday when a handgun went off at a home in Broken "
            "Arrow, police said.",
            None,
            "Broken Arrow",
            "Oklahoma",
        ),
        (  # a county named without its state, in the state the rest of the text points at
            "Man dies after being shot by hunting partner\n\nA 41-year-old man died on "
            "Saturday after a hunting accident in Brown County, deputies said. His partner "
            "had mistaken him for a deer.",
            "http://example.com/news/wisconsin/hunter-dies/",
            "Brown County",
            "Wisconsin",
        ),
        (  # "the X neighborhood": a quarter of the city whose police report it
            "Police: Boy, 15, shot to death in Gresham\n\nA teenage boy was shot to death on "
            "Friday night in the Gresham neighborhood on the South Side, Chicago police "
            "said. Chicago police have made no arrest.",
            None,
            "Chicago",
            "Illinois",
        ),
        (  # a big quarter of a city whose police act: that city
            "Two men wounded in Dorchester drive-by\n\nTwo men were wounded on Tuesday "
            "night in a drive-by shooting in Dorchester, Boston police said. Detectives "
            "have asked witnesses to come forward.",
            None,
            "Boston",
            "Massachusetts",
        ),
        (  # a suburb with police of its own stays itself beside the big city it borders
            "Four men shot in Compton\n\nFour men were shot on Sunday night in Compton, "
            "Compton sheriff's deputies said. The men were taken to a hospital in Los "
            "Angeles.",
            None,
            "Compton",
            "California",
        ),
        (  # a text naming no town: the town section of the publisher's address
            "Girl, 4, shot in the hand\n\nA 4-year-old girl apparently shot herself in the "
            "hand on Sunday afternoon, officers said. She is expected to recover.",
            "http://example.com/news/local/community/fort-worth/article1.html",
            "Fort Worth",
            "Texas",
        ),
        (  # ... or a big city of no rival namesake among its headline slug's words
            "Teen shot inside home\n\nA 17-year-old was shot and killed inside a house on "
            "Monday night, officers said. No arrest has been made.",
            "http://example.com/news/teen-shot-inside-northwest-atlanta-home/a1B2/",
            "Atlanta",
            "Georgia",
        ),
        (  # a town of many states from a broadcaster east of the Mississippi: the east's
            "Teen hurt in Danville shooting\n\nA teenager was hit by gunfire on Saturday "
            "night in Danville, officers said. Danville police are looking for a car.",
            "http://www.wxyz.com/news/teen-hurt-in-danville-shooting/",
            "Danville",
            "Virginia",
        ),
        (  # ... unless the report names the state it is in
            "Teen hurt in Danville shooting\n\nA teenager was hit by gunfire on Saturday "
            "night in Danville, California, officers said.",
            "http://www.wxyz.com/news/teen-hurt-in-danville-shooting/",
            "Danville",
            "California",
        ),
        (  # the hospital a victim was flown to is not where the shooting happened
            "Boy, 14, hurt in accidental shooting\n\nZanesville police say a 14-year-old boy "
            "shot himself in the leg on Wednesday while home alone. He was flown to a "
            "children's hospital in Columbus, Ohio, where he is in stable condition.",
            None,
            "Zanesville",
            "Ohio",
        ),
        (  # ... nor is the town where a suspect was arrested
            "Man charged in neighbour's death\n\nDeputies arrested a man in San Antonio on "
            "Friday, two days after the shooting death of his neighbour at a home in Seguin.",
            None,
            "Seguin",
            "Texas",
        ),
        (  # a line linking another story names that story's town
            "Teen shot outside store\n\nA 16-year-old was shot outside a corner store on "
            "Tuesday night, officers said.\nRELATED: Boy dies after falling into a pool in "
            "Seguin\nSan Antonio police said the teen is expected to recover. San Antonio "
            "detectives have no suspect.",
            None,
            "San Antonio",
            "Texas",
        ),
        (  # a county named after a town of its state is the county, not the town
            "Teen killed in Anderson County shooting\n\nA teenager was killed in a shooting "
            "at a home in Anderson County on Saturday, the sheriff's office said. Anderson "
            "County deputies are investigating.",
            "http://example.com/news/south-carolina/teen-killed/",
            "Anderson County",
            "South Carolina",
        ),
        (  # a town's name as a person's surname votes for no town
            "Man charged in killing of Macon toddler\n\nThe man accused of shooting his "
            "girlfriend's toddler in Macon was not allowed to have a gun. Ronnie Lee Howard "
            "appeared in court on Friday. Howard's lawyer said Howard would plead not "
            "guilty. Howard told deputies the gun went off.",
            None,
            "Macon",
            "Georgia",
        ),
        (  # a suburb whose own police act is not folded into the city next door
            "Two hurt in shooting at Midwest City park\n\nTwo people were hurt when shots "
            "were fired at a park in Midwest City on Sunday. Midwest City Police said a "
            "fight broke out first. One victim was taken to a hospital in Oklahoma City.",
            None,
            "Midwest City",
            "Oklahoma",
        ),
        (  # the city the outlet's name ends with is the outlet's, not the suburb's city
            "Boy hurt in accidental shooting in Garner - WXYZ News 11 - Raleigh, NC\n\n"
            "A boy was hurt on Tuesday when a handgun went off in a home in Garner, "
            "deputies said. The boy is expected to recover.",
            None,
            "Garner",
            "North Carolina",
        ),
        (  # a headline's town named as an attribute, with a word before its noun
            "Victims of Bossier City nightclub shooting named\n\nThe four men shot outside a "
            "club early Monday were named on Tuesday. Officers in Shreveport joined the search "
            "for the gunman, deputies said.",
            None,
            "Bossier City",
            "Louisiana",
        ),
        (  # ... or two words ("backyard party")
            "Names released in west Fresno backyard party shooting\n\nTwo men shot at a "
            "party on Saturday were named by the coroner on Monday. A woman in Modesto "
            "said one of them was her son.",
            None,
            "Fresno",
            "California",
        ),
        (  # the dateline's state, cut from the lead's sentence, over a state the lead names
            "Man wounded outside bar\n\nSPRINGFIELD, Ill. (WXYZ) – A man visiting from "
            "Missouri was wounded outside a bar in Springfield on Monday night.",
            None,
            "Springfield",
            "Illinois",
        ),
        (  # a neighbourhood named as one, its city unnamed: the big city it lies in
            "Girl, 16, dies after drive-by in Englewood\n\nA 16-year-old girl died Monday "
            "after shots were fired from a passing car in the Englewood neighborhood, the Cook "
            "County medical examiner said. Illinois State Police are looking for a dark sedan.",
            None,
            "Chicago",
            "Illinois",
        ),
    ],
)
def test_the_document_decides_which_town(
    text: str, url: str | None, place: str, state: str
) -> None:
    assert _main_place(text, url) == (place, state, "US")


@pytest.mark.parametrize(
    ("text", "state"),
    [
        (  # the states the body names most have no town of the name: its one town, in a
            # state the body points at too (a town it names there)
            "Boy hurt in Wetumpka shooting\n\nA boy was shot in Wetumpka on Monday night, "
            "deputies said. He was visiting from Ohio. His father works in Texas. The boy was "
            "flown to a hospital in Prattville.",
            "Alabama",
        ),
        (  # ... but not in a state the body does not point at at all
            "Boy hurt in Wetumpka shooting\n\nA boy was shot in Wetumpka on Monday night, "
            "deputies said. He was visiting from Ohio. His father works in Texas.",
            None,
        ),
    ],
)
def test_a_town_no_state_the_body_names_most_has(text: str, state: str | None) -> None:
    assert _main_place(text) == ("Wetumpka", state, "US")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (  # US words of time and policing: the US town, not a namesake abroad
            "Couple found dead in Roy home\n\nPosted 4:25 PM MST\n\nA couple were found dead "
            "in their Roy home on Sunday night, the county sheriff's office said.",
            "Roy",
        ),
        (  # a town named before the event ("in fatal Hammond shooting")
            "Victim named in fatal Hammond shooting\n\nThe man who died after being shot "
            "on Sunday was 24, the county coroner said at 10:05 PM CST.",
            "Hammond",
        ),
        (  # a headline's capitalised "In" names nothing
            "2 In Custody In Winchester Shooting\n\nTwo people are in custody after a "
            "shooting on Oxford Drive, the police department said at 9:10 PM EST.",
            "Winchester",
        ),
    ],
)
def test_us_reports_name_us_towns(text: str, place: str) -> None:
    """The town a US report names, in the US."""
    found, _, country = _main_place(text)
    assert (found, country) == (place, "US")


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        (  # US troops named in a report from abroad make no US town of its city
            "Blast at airport kills 13 U.S. troops\n\nKABUL — A suicide bomber struck the "
            "crowds outside the airport on Thursday, killing 13 American service members "
            "and dozens of Afghans, officials said.",
            "Kabul",
            "AF",
        ),
        (  # a city abroad with small US namesakes stays abroad
            "Tower block fire: 30 now dead\n\nLONDON (Reuters) - Thirty people are now known "
            "to have died in the tower block fire in west London, the Metropolitan Police "
            "said on Saturday. London's mayor visited the site.",
            "London",
            "GB",
        ),
        (  # a country's region ("Sudan's Gezira state") is no US state beside a town
            "Survivors recount village attack\n\nThree months after gunmen overran their "
            "village in Sudan's Gezira state, survivors say they do not know why.",
            "Gezira",
            "SD",
        ),
    ],
)
def test_reports_from_abroad_stay_abroad(text: str, place: str, country: str) -> None:
    found, _, got = _main_place(text)
    assert (found, got) == (place, country)


@pytest.mark.parametrize(
    ("name", "code"),
    [("US", "US"), ("UK", "GB"), ("DRC", "CD"), ("Va.", None), ("In", None), ("IN", None)],
)
def test_country_codes_only_as_written_in_capitals(name: str, code: str | None) -> None:
    found = country_named(name)
    assert (found.country if found else None) == code


def test_a_countrys_name_before_a_surname_is_a_person() -> None:
    text = (
        "Man pleads guilty in nephew's death\n\nChad Olm admitted in court on Thursday that "
        "he shot his nephew while showing him a handgun in Milford, the sheriff's office said."
    )
    _, _, country = _main_place(text)
    assert country == "US"


def test_a_locative_big_city_beats_a_promo_abroad() -> None:
    found = place_in(
        "5 People Injured By Man With A Shotgun In Fort Worth\nFive Must-See Destinations "
        "In Paris: within the 41 square miles of Paris, France there are 60 attractions."
    )
    assert found is not None and (found.place, found.admin1) == ("Fort Worth", "Texas")


def test_a_datelines_state_in_capitals_decides_the_town_its_lead_names() -> None:
    text = (
        "Name of shooting victim released\nCHARLESTOWN, IN (WXYZ) - The teenager shot and "
        "killed outside Charlestown this week was named on Thursday, the sheriff said."
    )
    loc = place_in(text, None, text, len(text), None, True)
    assert loc is not None and (loc.place, loc.admin1) == ("Charlestown", "Indiana")


def test_a_court_of_homes_is_no_town() -> None:
    text = "Man shot in Larkspur Court\n\nA man was shot in Larkspur Court on Sunday night."
    loc = place_in(text, "US", text, len(text), "Virginia", True)
    assert loc is None or loc.place != "Larkspur Court"


def test_a_neighbourhood_the_gazetteer_lacks_is_not_the_town_it_begins_with() -> None:
    text = "Father killed in Hamilton Heights shooting\n\nA father was killed on Sunday."
    loc = place_in(text, "US", text, len(text), "New York", True)
    assert loc is None or loc.place != "Hamilton"


@pytest.mark.parametrize(
    ("run", "prefixes"),
    [
        ("Chicago Police Department", ["Chicago Police Department", "Chicago Police", "Chicago"]),
        ("Sheridan Road", ["Sheridan Road"]),
        ("Elm Ridge Road", ["Elm Ridge Road"]),  # a street of several words names no Elm
        ("Memphis Highway", ["Memphis Highway"]),  # any suffix streets.toml lists
        ("Boise Ln", ["Boise Ln"]),
        ("Tyler County", ["Tyler County"]),
    ],
)
def test_a_runs_leading_words_but_not_a_streets_or_countys_first(
    run: str, prefixes: list[str]
) -> None:
    assert name_prefixes(run) == prefixes


@pytest.mark.parametrize(
    "text",
    [
        "A driver was shot on Friday in St. Louis County, the police said.",
        "A driver was shot on Friday in St Louis County, the police said.",
        "A driver was shot on Friday in Saint Louis County, the police said.",
    ],
)
def test_a_county_named_for_a_saint_however_the_report_spells_it(text: str) -> None:
    loc = county_named(text, "Missouri")
    assert loc is not None and (loc.place, loc.admin1) == ("St. Louis County", "Missouri")
    assert loc.cues == ("place:st. louis county",)  # one linking cue for every spelling


@pytest.mark.parametrize(
    ("text", "place", "state"),
    [
        (  # a dateline's town the gazetteer lacks, with its state: not the larger town after it
            "Boy hurt while hunting\n\nQUARBLEVILLE, S.D. — A 12-year-old was hurt while "
            "hunting on Saturday about six miles north of Quarbleville.\nOfficers from Sioux "
            "Falls said the boy was taken to Sioux Falls. Sioux Falls medics helped.",
            "Quarbleville",
            "South Dakota",
        ),
        (  # a headline run cut at "Near" takes no bridge's name for a town
            "3 Hurt In Riverton Shooting Of Tour Van Near Harbor Bridge\n\nRIVERTON (AP) — "
            "Two men fired shots at a tour van in west Riverton on Sunday, wounding three.",
            "Riverton",
            "Utah",
        ),
    ],
)
def test_a_datelines_town_stays_the_place(text: str, place: str, state: str) -> None:
    got = _main_place(text)
    assert got[:2] == (place, state)


@pytest.mark.parametrize(
    ("text", "place", "state"),
    [
        (  # the headline's town, of one state only, though the text names another state
            "Teen shot in Kalispell has died\n\nThe teen, who had moved from Ohio last year, was "
            "shot on Tuesday afternoon outside an apartment building in Flathead County, "
            "officers said. Flathead County deputies are looking for a gray sedan.",
            "Kalispell",
            "Montana",
        ),
    ],
)
def test_the_headlines_town_of_one_state_keeps_its_state(text: str, place: str, state: str) -> None:
    assert _main_place(text)[:2] == (place, state)


def test_the_leading_states_namesake_is_a_town_of_the_same_name() -> None:
    """A report of Denver pointing at Texas: its Texas town of the name, else the town it names
    most there, never a town the gazetteer also knows by the name (Denver City)."""
    from tally.link import gazetteer
    from tally.link.locate import _in_leading_state
    from tally.link.where import Located

    denver = next(p for p in gazetteer.places("Denver") if p.admin1 == "Colorado")
    doc = _doc(
        "Officers in Amarillo, Texas, praised the work. Lubbock, Texas, officials and Abilene, "
        "Texas, officials agreed with Texas troopers who once served in Denver."
    )
    got = _in_leading_state(Located.of(denver, 1), doc, set(), "")
    assert (got.place, got.admin1) == ("Amarillo", "Texas")
