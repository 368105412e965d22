"""Which of a town's namesakes a report means (`link.near`): the one its other places lie
near, unless the report names the town's state itself or the evidence is too slight for a
much bigger namesake."""

from __future__ import annotations

import pytest

from tally.link.describe import describe
from tally.link.near import near_namesake
from tally.link.places import Located
from tally.link.text import lead, sentences
from tally.link.towns import placed_runs, us_towns
from tally.models import Document


def _doc(text: str, url: str | None = None) -> Document:
    return Document(id="n", text=text, kind="text", name="n.txt", url=url, published="2015-03-02")


def _main_place(text: str, url: str | None = None) -> tuple[str | None, str | None]:
    doc = _doc(text, url)
    headline, lead_sents = lead(doc, sentences(doc))
    li = describe(doc, headline, lead_sents)
    return li.place, li.admin1


def _town(name: str, state: str) -> Located:
    return Located.of(next(p for p in us_towns(name) if p.admin1 == state), 1)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        (  # the page's outlet names the big towns near the small one
            "Teen dies in Cameron shooting - Valley News 9 - Wheeling Steubenville\n\n"
            "A teenager died on Friday after he was shot while two friends handled a "
            "handgun in a house in Cameron, the sheriff's office said. It was an accident.",
            "West Virginia",
        ),
        (  # a big city nearby, named in the story, outweighs a much bigger namesake
            "Three shot in Henderson overnight\n\nThree men were shot outside a bar in "
            "Henderson late Saturday. Two were taken to a hospital in Evansville, where "
            "one remained in serious condition, deputies said.",
            "Kentucky",
        ),
    ],
)
def test_the_namesake_near_the_reports_other_towns(text: str, state: str) -> None:
    assert _main_place(text)[1] == state


@pytest.mark.parametrize(
    "text",
    [
        (  # the state written beside the town is never overruled
            "Woman shot in Henderson, Nev.\n\nA woman was shot in a parking lot in "
            "Henderson on Sunday. Her sister, who lives in Evansville, drove out to see her."
        ),
        (  # a hamlet's name, likelier an apartment complex's, does not move a big city
            "Four teens shot after a concert in Memphis\n\nFour teenagers were shot outside "
            "the Hillview apartments in Memphis late on Saturday, police said."
        ),
    ],
)
def test_the_town_read_stays(text: str) -> None:
    place, state = _main_place(text)
    assert (place, state) in {("Henderson", "Nevada"), ("Memphis", "Tennessee")}


@pytest.mark.parametrize(
    ("url", "state"),
    [
        # a local outlet named for a town near the small namesake: that one
        ("http://www.evansvillecourier.com/news/three-shot-overnight", "Kentucky"),
        # a host named for no town: the big namesake
        ("http://www.wxyz.com/news/three-shot-overnight", "Nevada"),
    ],
)
def test_the_namesake_near_the_outlets_town(url: str, state: str) -> None:
    text = (
        "Three shot in Henderson overnight\n\nThree men were shot outside a bar in "
        "Henderson late Saturday, deputies said."
    )
    assert _main_place(text, url) == ("Henderson", state)


def test_a_county_in_the_dateline_tells_the_namesake() -> None:
    doc = _doc(
        "Father charged after son finds gun\n\nJACKSONVILLE, ONSLOW COUNTY - A father was "
        "charged on Sunday after his young son found a loaded pistol and shot himself."
    )
    loc = near_namesake(_town("Jacksonville", "Florida"), doc, "Father charged after son finds gun")
    assert loc.admin1 == "North Carolina"
    assert loc.cues == _town("Jacksonville", "Florida").cues  # linked as the report read it


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Police met at Grove St. and Main on Sunday.", set()),
        ('"We heard it," said Richardson. Richardson told us more.', set()),
        ("The prosecutor, Terry Smith-Norton, spoke.", set()),
        ("Deputies from Grant and Crawford Counties and Bridgeport Township came.", set()),
        ("He was flown to a hospital in Evansville on Sunday.", {"Evansville"}),
    ],
)
def test_names_that_tell_no_town_nearby(text: str, kept: set[str]) -> None:
    names = {n for names in placed_runs(_doc(text)) for n in names if us_towns(n)}
    assert names & {"Grove", "Richardson", "Norton", "Crawford", "Bridgeport", "Evansville"} == kept
