"""The city a report's place is part of (`link.where.city_of`, `borough_of`): a neighbourhood
of the city an outlet's address names, the borough of a city whose addresses name boroughs;
and the broadcaster's side of the Mississippi and a headline's townsman against the dateline
(`link.locate`, `link.places`)."""

from __future__ import annotations

import pytest

from tally.link.describe import describe
from tally.link.places import place_in
from tally.link.states import host_town, outlet_city
from tally.link.text import lead, sentences
from tally.link.where import playlist_line
from tally.models import Document


def _main_place(text: str, url: str | None = None) -> tuple[str | None, str | None]:
    doc = Document(id="d", text=text, kind="text", name="a.txt", url=url, published="2016-05-02")
    headline, lead_sents = lead(doc, sentences(doc))
    li = describe(doc, headline, lead_sents)
    return li.place, li.admin1


@pytest.mark.parametrize(
    ("url", "city"),
    [
        ("http://www.chicagotribune.com/news/local/breaking/ct-two-shot-story.html", "Chicago"),
        ("http://web.archive.org/web/2016/http://abc7chicago.com/news/two-shot/1234/", "Chicago"),
        ("https://www.dnainfo.com/chicago/20160101/logan-square/two-shot", "Chicago"),
        ("http://www.example.com/news/local/two-shot/", None),
        (None, None),
    ],
)
def test_the_city_an_outlets_address_is_named_for(url: str | None, city: str | None) -> None:
    assert outlet_city(url) == city


@pytest.mark.parametrize(
    ("url", "town"),
    [
        ("http://www.lufkinweeklyplanet.com/news/local/a-story", ("Lufkin", "Texas")),
        (
            "http://web.archive.org/web/2016/http://fox9beaumont.com:80/news/x",
            ("Beaumont", "Texas"),
        ),
        ("http://www.myrtlebeachbreeze.com/crime/x.html", ("Myrtle Beach", "South Carolina")),
        ("http://www.readingeagle.com/news/x", None),  # Reading, England first: no US town's
        ("http://www.smalltownunion.com/news/x", None),  # a newspaper's word
        ("http://www.example.com/news/x", None),
        (None, None),
    ],
)
def test_the_town_a_local_outlets_host_is_named_for(
    url: str | None, town: tuple[str, str] | None
) -> None:
    found = host_town(url)
    assert ((found.name, found.admin1) if found else None) == town


@pytest.mark.parametrize(
    ("text", "url", "place", "state"),
    [
        (  # the text names no town: the outlet's
            "Boy, 6, hurt in accidental shooting\n\nA 6-year-old boy was taken to a hospital "
            "after a gun went off in a bedroom on Tuesday night, officers said.",
            "http://www.beaumontdailyplanet.com/news/boy-hurt/",
            "Beaumont",
            "Texas",
        ),
        (  # a big city named in passing does not outvote the outlet's town
            "Man shot after chase\n\nMacon Police say a Detroit man was shot after a chase "
            "early on Sunday near a gas station.",
            "http://www.maconweeklyplanet.com/story/1/man-shot/",
            "Macon",
            "Georgia",
        ),
    ],
)
def test_a_local_outlets_town_places_a_report_that_names_none(
    text: str, url: str, place: str, state: str
) -> None:
    assert _main_place(text, url) == (place, state)


CHICAGO = "http://www.chicagotribune.com/news/local/breaking/ct-shooting-20160501-story.html"


@pytest.mark.parametrize(
    ("text", "url", "place", "state"),
    [
        (  # a neighbourhood of the city the outlet's address names, which the text never names
            "Two men wounded in Logan Square shooting\n\nTwo men were wounded early Sunday "
            "when a gunman opened fire on a group standing outside a bar in Logan Square, "
            "police said. Neither man was cooperating with detectives.",
            CHICAGO,
            "Chicago",
            "Illinois",
        ),
        (  # a suburb the dateline names beside its state is a town of its own
            "Man shot in Skokie home\n\nSKOKIE, Ill. — A man was shot inside a home in Skokie "
            "on Saturday night after an argument with a relative, authorities said.",
            CHICAGO,
            "Skokie",
            "Illinois",
        ),
        (  # a suburb its own police work
            "Woman wounded in Skokie\n\nA woman was wounded by gunfire in Skokie on Monday, "
            "and Skokie police were searching for the driver of a dark sedan.",
            CHICAGO,
            "Skokie",
            "Illinois",
        ),
        (  # a place a county's deputies patrol is no neighbourhood of the city
            "Teen shot in Skokie\n\nA teenager was shot in Skokie late Friday, according to "
            "sheriff's deputies, who said the boy was expected to survive.",
            CHICAGO,
            "Skokie",
            "Illinois",
        ),
        (  # a place the gazetteer lacks everywhere, of the outlet city's state: the city's
            "Man shot in Eastfield Flats\n\nA man was shot in Eastfield Flats, Illinois, on "
            "Sunday night as he walked home from a bus stop, police said.",
            CHICAGO,
            "Chicago",
            "Illinois",
        ),
        (  # its own police named: a place of its own
            "Man shot in Eastfield Flats\n\nA man was shot in Eastfield Flats, Illinois, on "
            "Sunday night, and Eastfield Flats police were looking for a gunman.",
            CHICAGO,
            "Eastfield Flats",
            "Illinois",
        ),
        (  # no outlet's city: the neighbourhood stays as read
            "Two men wounded in Logan Square shooting\n\nTwo men were wounded early Sunday "
            "when a gunman opened fire on a group standing outside a bar in Logan Square, "
            "police said.",
            "http://www.example.com/news/two-men-wounded/",
            "Logan Square",
            "Illinois",
        ),
    ],
)
def test_a_neighbourhood_of_the_outlets_city_is_the_city(
    text: str, url: str, place: str, state: str
) -> None:
    assert _main_place(text, url) == (place, state)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (  # the city, and the borough its text names
            "Three men shot overnight\n\nNEW YORK — Three men were shot early Sunday in "
            "New York City, police said. The shooting happened on a corner in the Bronx, "
            "and the victims were taken to a hospital in the Bronx.",
            "The Bronx",
        ),
        (  # a neighbourhood of a borough, the borough unnamed
            "Teen shot in Flatbush\n\nA 17-year-old was shot in the leg in Flatbush on "
            "Tuesday evening, police said. He was expected to survive.",
            "Brooklyn",
        ),
        (  # a neighbourhood, and the borough the text names
            "Two hurt in Mott Haven shooting\n\nTwo people were hurt when shots were fired "
            "in Mott Haven on Friday night, the NYPD said. Bronx detectives are looking for "
            "a man in a red jacket.",
            "The Bronx",
        ),
        (  # the city with no borough named stays the city
            "Officer shot during traffic stop\n\nNEW YORK — A police officer was shot during "
            "a traffic stop in New York City on Thursday, officials said.",
            "New York City",
        ),
    ],
)
def test_a_city_of_boroughs_is_placed_in_the_borough(text: str, place: str) -> None:
    assert _main_place(text) == (place, "New York")


def test_an_old_stations_letter_yields_to_the_state_its_report_points_at() -> None:
    """A station west of the Mississippi whose call sign begins with W: Dallas, Texas, not
    Georgia's Dallas, when the report keeps pointing at Texas."""
    text = (
        "Man shot outside Dallas gas station\n\nDALLAS — A man was shot outside a gas "
        "station in Dallas on Friday night, Dallas police said. The man was taken to a "
        "hospital in Fort Worth. Police in Texas have not made an arrest."
    )
    url = "http://www.wxtx.com/news/crime/man-shot-outside-gas-station/123/"
    assert _main_place(text, url) == ("Dallas", "Texas")


def test_a_headlines_townsman_yields_to_the_dateline() -> None:
    """A headline's "Springfield man charged" tells where he lives, the dateline where it
    happened."""
    text = (
        "Springfield man charged in shooting\n\nDECATUR, Ill. — A Springfield man was "
        "charged Tuesday with attempted murder in a shooting that wounded two people outside "
        "a bar on Sunday, police said."
    )
    assert _main_place(text) == ("Decatur", "Illinois")


@pytest.mark.parametrize(
    ("text", "url", "place", "state"),
    [
        (  # a page's video playlist below the headline names other stories' towns
            "Teen shot in the leg in Bakersfield\n1:12 Salinas couple wins county fair prize\n"
            "0:45 Visalia council votes on new park\n\nA 16-year-old was shot in the leg "
            "Tuesday night, police said.",
            None,
            "Bakersfield",
            "California",
        ),
        (  # a town closing the headline, a playlist's time on the next line: no road number
            "Man wounded in Sacramento\n2:05 Storm closes highway near Reno\n\nA man was "
            "wounded in a shooting outside a store on Tuesday, officers said.",
            None,
            "Sacramento",
            "California",
        ),
        (  # a Chicago outlet's report of a neighbourhood named like a Texas city
            "Four wounded in Austin shooting\n\nFour people were wounded when someone opened "
            "fire on a porch in Austin on Saturday night, police said. Chicago police have "
            "made no arrests, and a Chicago alderman called for calm.",
            "http://chicago.suntimes.com/news/four-wounded-in-austin-shooting/",
            "Chicago",
            "Illinois",
        ),
    ],
)
def test_playlists_and_outlets_of_another_state(
    text: str, url: str | None, place: str, state: str
) -> None:
    assert _main_place(text, url) == (place, state)


@pytest.mark.parametrize(
    ("text", "place", "state"),
    [
        (  # the headline's townsman and the town the headline places the shooting in
            "Dormont teen killed in Carnegie shooting\n\nA 17-year-old was shot and killed "
            "outside a convenience store on Friday night, Pennsylvania State Police said.",
            "Carnegie",
            "Pennsylvania",
        ),
        (  # an arrest after a shooting: the shooting's town, not where the suspect was taken
            "One arrested after fatal shooting in Carbondale, Illinois\n\nPolice arrested a "
            "man on Sunday and were looking for two others.",
            "Carbondale",
            "Illinois",
        ),
        (  # a hamlet the gazetteer lacks, its state beside it, over a city named below
            "Three arrested in killing of teen in Quailridge, TN\n\nAgents arrested three "
            "people on Monday. The victim was taken to a hospital in Memphis, where he died. "
            "Memphis police assisted.",
            "Quailridge",
            "Tennessee",
        ),
    ],
)
def test_the_headline_places_the_shooting(text: str, place: str, state: str) -> None:
    assert _main_place(text) == (place, state)


@pytest.mark.parametrize(
    ("text", "place", "state"),
    [
        (  # the lead's acting police, over the towns the victims are from
            "Four men wounded in shooting\n\nKinston police are investigating a shooting "
            "that happened early Sunday at a business.\n\nOfficers said three men from Ayden "
            "and a man from Snow Hill were wounded.",
            "Kinston",
            "North Carolina",
        ),
        (  # a police officer of one town is a person; the shooting is in the other
            "Officer's son hurt\n\nA Concord police officer's son was hurt in a shooting in "
            "Gastonia on Monday night.",
            "Gastonia",
            "North Carolina",
        ),
        (  # a sheriff named like a city is its county's: the dateline's town
            "Man hurt at range\n\nPOWAY, Calif. — San Diego sheriff's detectives were "
            "investigating a shooting at a range in Poway on Tuesday.",
            "Poway",
            "California",
        ),
    ],
)
def test_the_leads_police_place_the_shooting(text: str, place: str, state: str) -> None:
    assert _main_place(text) == (place, state)


def test_a_us_dateline_alone_tells_the_state() -> None:
    """A report whose only pointer at its state is its dateline: a neighbourhood named like a
    capital abroad is the dateline's city's."""
    text = (
        "Two hurt in Algiers shooting\n\nNEW ORLEANS — Two men were hurt in a shooting on the "
        "West Bank late Friday, and detectives were looking for a gray pickup."
    )
    assert _main_place(text) == ("New Orleans", "Louisiana")


def test_a_shooting_in_a_city_meant_by_its_name_stays_there() -> None:
    """A report filed in one state about a shooting in a big city of another that no other
    town shares a name with: the shooting's city, however the report points elsewhere."""
    text = (
        "Dallas barber recalls visit from Baton Rouge gunman\n\nThe man filmed himself in a "
        "Dallas barbershop days before the shooting in Baton Rouge that killed three "
        "officers.\nDALLAS — Barbers in Dallas said they recognised the man. Dallas police "
        "said they had no record of him, and a Dallas pastor said he had met him."
    )
    assert _main_place(text) == ("Baton Rouge", "Louisiana")


@pytest.mark.parametrize(
    ("line", "playlist"),
    [
        ("1:36 Vigil held for teen shot outside school", True),
        ("0:44 Mayor of Elmwood addresses the shooting at a bar Pause", True),
        ("14:05 Police in the capital say the toll has risen to 40.", False),  # a live report
        ("10:30 PM EST Updated on Monday", False),  # a time of day
    ],
)
def test_a_playlists_line_is_a_videos_length_and_title(line: str, playlist: bool) -> None:
    text = "Headline of the report\n" + line + "\nThe report goes on."
    assert playlist_line(text, text.index(line) + 6) is playlist


def test_a_sentence_run_on_without_its_space_ends_the_towns_name() -> None:
    """ "in Fayetteville.Police said": the town, not a place called "Fayetteville.Police"."""
    found = place_in("A woman was shot in Fayetteville.Police said she would survive.", "US")
    assert found is not None and found.place == "Fayetteville"
