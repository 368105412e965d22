"""Round-ups: an article's separate local incidents, each with its own figures and incident."""

from __future__ import annotations

import dataclasses

import pytest

from tally.link.across import link_across
from tally.link.episodes import is_roundup, same_scene, scene_streets
from tally.link.within import MAIN, link_within
from tally.models import Document, Figure, text_hash
from tests.link.test_within import fig


def article(text: str, published: str = "2019-03-11") -> Document:
    return Document(id=text_hash(text), text=text, kind="text", name="a.txt", published=published)


@pytest.mark.parametrize(
    ("sentence", "streets"),
    [
        (
            "A man was shot in the 4500 block of South Halsted Street, police said.",
            {"halsted#4500"},
        ),
        ("Two men were wounded at 63rd and South Ashland about 2 a.m.", {"63rd", "ashland"}),
        ("Officers found him near Grand Avenue and Pine Street.", {"grand", "pine"}),
        ("The shooting happened outside a bar at 1219 E. Walnut St. on Sunday.", {"walnut"}),
        # where someone lives is not where it happened
        ("Lopez, of the 3100 block of West 26th Street, died at the scene.", set()),
        ("The victim, who lived in the 900 block of Cedar Avenue, was 19.", set()),
        # but the area of a block is a scene
        ("Police were called to the area of the 200 block of Elm Road.", {"elm#200"}),
        # two capitalised words joined by "and" are no corner without a street in them
        ("Detectives Smith and Jones spoke at the scene.", set()),
        ("The boy was taken to Mercy Hospital in serious condition.", set()),
    ],
)
def test_scene_streets(sentence: str, streets: set[str]) -> None:
    assert set(scene_streets(sentence)) == streets


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ({"halsted#4500"}, {"halsted#4600"}, True),  # the next block: one scene
        ({"halsted#1100"}, {"halsted#5400"}, False),  # one long street, miles apart
        ({"halsted#4500"}, {"47th", "halsted"}, True),  # a block and a corner of it
        ({"ashland"}, {"pulaski"}, False),
    ],
)
def test_same_scene(a: set[str], b: set[str], same: bool) -> None:
    assert same_scene(a, b) is same


@pytest.mark.parametrize(
    ("headline", "roundup"),
    [
        ("3 wounded in two shootings on the South Side", True),
        ("Two boys hurt in separate accidental shootings", True),
        ("5 dead, 19 wounded in weekend shootings across the city", True),
        ("Man shot dead outside Elm Street convenience store", False),
        ("Police: shooting that wounded two was gang-related", False),
    ],
)
def test_is_roundup(headline: str, roundup: bool) -> None:
    assert is_roundup(headline) is roundup


ROUNDUP = (
    "Two teens wounded in separate shootings on the West Side\n\n"
    "Two teenagers were wounded in separate shootings Sunday on the city's West Side, police "
    "said.\n\n"
    "The first shooting happened about 1:20 a.m. in the 1400 block of North Kildare Avenue. "
    "A 16-year-old boy was shot in the leg and taken to a hospital in good condition.\n\n"
    "About two hours later, a 17-year-old girl was shot in the arm in the 3900 block of West "
    "Madison Street. She was listed in stable condition.\n\n"
    "Her mother said the girl had just left a friend's house on Madison when the shots came.\n"
)


def figures_of(d: Document, quotes: list[str], category: str = "injured") -> list[Figure]:
    return [
        fig(d, q, 1 if q[0].isalpha() and not q.startswith("Two") else 2, category) for q in quotes
    ]


def test_a_roundup_gives_each_shooting_its_own_incident() -> None:
    d = article(ROUNDUP)
    quotes = [
        "Two teenagers were wounded",
        "A 16-year-old boy was shot",
        "a 17-year-old girl was shot",
    ]
    out, local = link_within(d, figures_of(d, quotes))
    keys = [f.incident for f in out]
    assert keys[0] == "bg-conflict"  # the lead's count is a tally of the separate shootings
    assert len(set(keys)) == 3
    by_key = {li.key: li for li in local}
    for key in keys[1:]:
        assert by_key[key].type == "shooting"
        assert "kind:separate" in by_key[key].cues
        assert not by_key[key].background


@pytest.mark.parametrize(
    "text",
    [
        # one shooting; the suspect was caught on another street
        "Man wounded in shooting on Elm Street\n\n"
        "A 30-year-old man was shot in the chest Friday in the 2200 block of Elm Street, police "
        "said.\n\nOfficers later arrested a suspect at Oak Avenue and 12th Street. The victim "
        "was in critical condition.\n",
        # one shooting; the victim lived elsewhere, and the article tells the hours after it
        "Teen killed in drive-by shooting\n\n"
        "A 15-year-old boy was killed Saturday night in a drive-by shooting in the 700 block "
        "of Pine Road, police said.\n\nThe boy, of the 1500 block of Maple Avenue, was "
        "pronounced dead at 11:40 p.m. Hours later, police said the boy was killed by a stray "
        "bullet.\n",
        # an article about one shooting at a corner named both ways
        "Two hurt in shooting at corner store\n\n"
        "Two men were wounded Tuesday at 35th and Archer, police said.\n\n"
        "Minutes later, a witness said, the gunman fled east on Archer Avenue. The men were "
        "shot in the legs.\n",
    ],
)
def test_a_single_shooting_stays_one_incident(text: str) -> None:
    d = article(text)
    found = [
        fig(d, q, 1, "killed" if "killed" in q else "injured")
        for q in (
            "was shot in the chest",
            "was killed Saturday",
            "Two men were wounded",
            "were shot in the legs",
            "was killed by a stray",
        )
        if q in text
    ]
    out, local = link_within(d, found)
    assert {f.incident for f in out} == {MAIN}
    assert [li.key for li in local] == [MAIN]


def test_a_separate_shooting_continues_past_its_opening_sentence() -> None:
    """A sentence saying another incident begins takes the sentences after it until the
    text returns to a street told before."""
    text = (
        "Man shot outside barbershop on Main Street\n\n"
        "A 24-year-old man was shot Monday afternoon outside a barbershop in the 300 block of "
        "Main Street, police said.\n\n"
        "In a separate shooting, officers were called to the 1800 block of Hill Avenue about "
        "9 p.m. A woman, 41, was found with a gunshot wound to her hand. She was taken to a "
        "hospital.\n\n"
        "Back on Main Street, the barbershop's owner said the man was a regular customer. "
        "The man remained in serious condition.\n"
    )
    d = article(text)
    quotes = [
        "A 24-year-old man was shot",
        "A woman, 41, was found with a gunshot wound",
        "She was taken to a hospital",
        "The man remained in serious condition",
    ]
    out, _ = link_within(d, [fig(d, q, 1, "injured") for q in quotes])
    keys = [f.incident for f in out]
    assert keys[0] == MAIN and keys[3] == MAIN
    assert keys[1] == keys[2] != MAIN


CHICAGO = ("place:chicago", "geo:US:Illinois:chicago", "pop:2664452")


def test_a_roundup_shooting_links_to_its_own_report() -> None:
    """A round-up's second shooting joins another outlet's report of that shooting; the
    round-up's first one does not."""
    own = (
        "Girl, 17, shot on West Madison Street\n\n"
        "A 17-year-old girl was shot in the arm early Sunday in the 3900 block of West Madison "
        "Street, police said. Her mother, Denise Harlan, said she had just left a friend's "
        "house.\n"
    )
    docs = [article(ROUNDUP), article(own)]
    local, keys = [], []
    for d, quotes in zip(
        docs,
        (
            [
                "Two teenagers were wounded",
                "A 16-year-old boy was shot",
                "a 17-year-old girl was shot",
            ],
            ["A 17-year-old girl was shot"],
        ),
        strict=True,
    ):
        out, lis = link_within(d, figures_of(d, quotes))
        local += [  # both reports from one city the articles leave to their outlet's dateline
            dataclasses.replace(
                li, place="Chicago", admin1="Illinois", country="US", cues=(*li.cues, *CHICAGO)
            )
            for li in lis
        ]
        keys.append([f.incident for f in out])
    _, mapping = link_across(local)
    girl = mapping[(docs[1].id, MAIN)]
    assert mapping[(docs[0].id, keys[0][2])] == girl
    assert mapping[(docs[0].id, keys[0][1])] != girl


@pytest.mark.parametrize(
    ("text", "streets"),
    [
        ("Police found him in the 4200 block of Elm Avenue.", {"elm#4200"}),
        ("Shots were fired at 5th and Walnut.", {"5th", "walnut"}),
        ("The gunman fled toward Oak Road after the shooting.", {"oak"}),
        ("Two men were wounded at Maple and Cedar, police said.", set()),
        ("A woman was killed in the family's home on Friday night.", set()),
    ],
)
def test_scene_streets_with_and_without_a_suffix_or_a_digit(text: str, streets: set[str]) -> None:
    """A sentence with neither a digit nor a street's suffix names no street (an intersection
    of two bare names is not read as one); the prefilter skips it without changing a result."""
    assert scene_streets(text) == streets
