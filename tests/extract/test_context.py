"""The context component: the words after a figure make it a part of a total."""

from __future__ import annotations

import pytest

from tally.extract.context import by_context
from tally.models import Document, text_hash
from tests.conftest import figure_at

LEAD = (
    "Gunmen stormed the village of Solhan in north-eastern Burkina Faso on Saturday, "
    "killing 132 people, the government said. "
)


def doc(text: str) -> Document:
    return Document(id=text_hash(text), text=text, kind="text", name="x.txt")


fig = figure_at


@pytest.mark.parametrize(
    ("sentence", "quote", "value", "subset"),
    [
        ("Two people were dead when they arrived at the clinic.", "Two people", 2, True),
        ("Seven children were among the victims, the mayor said.", "Seven children", 7, True),
        ("Nine soldiers were among those killed in the raid.", "Nine soldiers", 9, True),
        ("Eleven people were killed in the raid on the market.", "Eleven people", 11, False),
    ],
)
def test_the_words_after_a_count_make_it_a_part(
    sentence: str, quote: str, value: int, subset: bool
) -> None:
    d = doc(LEAD + sentence)
    (out,) = by_context(d, [fig(d, quote, value)])
    assert out.subset is subset


@pytest.mark.parametrize(
    ("sentence", "quote", "value", "subset"),
    [
        ("Two of the men were in critical condition at Mercy.", "Two of the men were", 2, True),
        (
            "Three teens critically wounded near a rec center.",
            "Three teens critically wounded",
            3,
            True,
        ),
        ("Five were shot; one suffered minor injuries.", "one suffered", 1, True),
        ("Two women are in stable condition, police said.", "Two women", 2, True),
        ("Four people were wounded outside the lounge.", "Four people were wounded", 4, False),
        ("Six people were wounded, two of them in the legs.", "Six people were wounded", 6, False),
    ],
)
def test_an_injured_count_saying_how_they_fare_is_a_part(
    sentence: str, quote: str, value: int, subset: bool
) -> None:
    d = doc(sentence)
    (out,) = by_context(d, [fig(d, quote, value, "injured")])
    assert out.subset is subset


def test_a_death_count_with_a_condition_word_stays_whole() -> None:
    d = doc("Two people died and a third is in critical condition.")
    (out,) = by_context(d, [fig(d, "Two people died", 2)])
    assert out.subset is False


def test_linking_keeps_the_extractors_roles() -> None:
    """Linking within a document reads `subset` and `group`; it never rewrites them."""
    from tally.link.within import link_within

    d = doc(LEAD + "The gunman, identified as Tom Reed, was killed by officers.")
    f = fig(d, "Tom Reed, was killed", 1)
    out, _ = link_within(d, [f])
    assert (out[0].group, out[0].subset) == (f.group, f.subset)
