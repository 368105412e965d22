"""Which US state a document points at (`link.states`): its publisher's address, a
broadcaster's call sign, US words, town names used as surnames, a title's outlet suffix."""

from __future__ import annotations

import pytest

from tally.link.states import state_votes, surnames, url_states, us_leaning
from tally.models import Document


def _doc(text: str, url: str | None = None) -> Document:
    return Document(id="d", text=text, kind="text", name="a.txt", url=url, published="2016-05-02")


@pytest.mark.parametrize(
    ("url", "states"),
    [
        ("http://www.example.com/news/houston-texas/houston/article/x.php", {"Texas": 2}),
        ("http://www.example.com/story/local/west-virginia/2015/man-shot/", {"West Virginia": 2}),
        ("http://web.archive.org/web/2016/http://www.arkansasnow.com:80/story/1", {"Arkansas": 1}),
        ("https://www.example.com/chicago/20160208/englewood/teens-shot", {"Illinois": 2}),
        ("http://www.example.com/2016/02/09/baby-shot-in-the-face/", {}),
        (
            "http://www.example.com/2017/03/13/two-shot-outside-washington-park-store/",
            {"Washington": 1},
        ),
        (None, {}),
    ],
)
def test_states_a_publishers_address_names(url: str | None, states: dict[str, int]) -> None:
    assert url_states(url) == states


@pytest.mark.parametrize(
    ("url", "us"),
    [
        ("http://web.archive.org/web/2016/http://www.wxyz.com:80/news/a-story", True),
        ("https://kabc7.com/local/a-story/", True),
        ("https://www.wqrstv.com/news/", True),
        ("https://www.bbc.co.uk/news/a-story", False),
        ("https://www.westfieldnews.example/a-story", False),
        (None, False),
    ],
)
def test_a_us_broadcasters_call_sign_host_tells_a_us_report(url: str | None, us: bool) -> None:
    doc = _doc("Two people were hurt in a shooting in Chelsea on Friday, police said.", url)
    assert us_leaning(doc) is us


@pytest.mark.parametrize(
    ("text", "us"),
    [
        ("Posted: Friday 10:21 AM EST. A man was shot on Main Street.", True),
        ("The Greene County Sheriff's Office charged the father on Friday.", True),
        ("A bomb exploded in a market on Monday, killing 12, officials said.", False),
        ("Police in Manchester said 22 people were killed at the arena.", False),
    ],
)
def test_us_words_tell_a_us_report(text: str, us: bool) -> None:
    assert us_leaning(_doc(text)) is us


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Police said Frederick Boise, 18, fled on foot. Boise was arrested later.", {"Boise"}),
        ("General Jasper Tyler is mourning his son, Tyler said.", {"Tyler"}),
        ("Officers from West Dallas and North Austin responded.", set()),
        ("She moved from New Orleans to Fort Worth last year.", set()),
        ("Police are looking for Darnell K. Martin, 25, in the killing.", {"Martin"}),
        ("Chief Deputy Ronald Campbell was shot during the stop.", {"Campbell"}),
        ("Deputies want to talk to Lamar Scott Jr., who fled.", {"Scott"}),
        ("Two men were shot in Salt Lake City on Sunday.", set()),
    ],
)
def test_town_names_used_as_surnames(text: str, names: set[str]) -> None:
    assert surnames(_doc(text)) == names


@pytest.mark.parametrize(
    ("text", "votes"),
    [
        (  # the state the title's outlet signs with is where the outlet is
            "Boy hurt in shooting at home - Channel 10 News - Columbia, South Carolina\n\n"
            "A boy was hurt when a handgun went off at a home on Friday, deputies said.",
            0,
        ),
        (  # ... the report's own sentences naming it still point at it
            "Boy hurt in shooting at home - Channel 10 News\n\nA boy was hurt when a handgun "
            "went off at a home in rural South Carolina on Friday, deputies said.",
            2,
        ),
    ],
)
def test_a_titles_outlet_suffix_votes_for_no_state(text: str, votes: int) -> None:
    assert state_votes(_doc(text)).get("South Carolina", 0) == votes


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # a dateline's state, though its hamlet is in no gazetteer
        ("Hunter hurt\n\nQUILLBROOK, NY (WXYZ)-- A hunter was shot on Monday.", "New York"),
        ("Boy hurt\n\nQUILLBROOK, Ore. — A boy was shot on his porch on Monday.", "Oregon"),
    ],
)
def test_a_datelines_state_votes_when_its_town_is_unknown(text: str, state: str) -> None:
    leader, votes = state_votes(_doc(text)).most_common(1)[0]
    assert leader == state and votes >= 3


@pytest.mark.parametrize(
    "text",
    [
        "Teen shot in 900 block of Virginia\n\nA teen was shot in the 900 block of Virginia.",
        "Teen shot on Virginia Ave\n\nA teen was shot on Virginia Ave on Monday.",
        "Teen shot on Virginia Blvd\n\nA teen was shot on Virginia Blvd on Monday.",
    ],
)
def test_a_street_named_like_a_state_votes_for_no_state(text: str) -> None:
    assert state_votes(_doc(text)).get("Virginia", 0) == 0


def test_state_votes_are_not_those_of_another_text_of_the_same_id_and_length() -> None:
    """The votes kept for the last document are not given to another of its id and length."""
    first = "A man was shot in Shreveport, Louisiana, on Sunday night."
    second = "A man was shot in Augusta, Georgia, on Sunday night, police."[: len(first)]
    assert len(first) == len(second)
    docs = [Document(id="d", text=t, kind="text", name="a.txt") for t in (first, second)]
    assert state_votes(docs[0]).most_common(1)[0][0] == "Louisiana"
    assert state_votes(docs[1]).most_common(1)[0][0] == "Georgia"
