"""Victims counted without a numeral: sentences written for these tests, with the counts a
careful reader takes from them."""

from __future__ import annotations

import pytest

from tally.extract.victims import count_victims
from tally.models import Document, Span


def _doc(text: str, furniture: tuple[Span, ...] = ()) -> Document:
    return Document(id="t", text=text, kind="text", name="t.txt", furniture=furniture)


def _totals(text: str) -> tuple[int, int]:
    """(killed, injured) as the placeholder reconciliation reads them: the largest value."""
    figures = count_victims(_doc(text))
    killed = max((f.value for f in figures if f.category == "killed"), default=0)
    injured = max((f.value for f in figures if f.category == "injured"), default=0)
    return killed, injured


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A man was shot dead outside a bar on Friday night, police said.", 1, 0),
        ("Two men and a woman were wounded when someone opened fire on the porch.", 0, 3),
        ("A 12-year-old was in critical condition after he and three others were shot.", 0, 4),
        ("The girl was pronounced dead at the scene.", 1, 0),
        ("A teenager was shot and killed near the park late Sunday.", 1, 0),
        ("Deputies said both victims died at the hospital.", 2, 0),
        ("A police officer was wounded in the exchange of gunfire.", 0, 1),
        ("A woman was shot in the leg and is expected to survive.", 0, 1),
        ("Three people were shot, one fatally, outside the store.", 1, 2),
        ("Four people were shot on the corner; one died.", 1, 3),
        ("A man was shot Tuesday night. He later died at the hospital.", 1, 0),
        ("A 4-year-old boy accidentally shot himself in the hand at home.", 0, 1),
        ("Officers found a man suffering from a gunshot wound to the chest.", 0, 1),
        ("A man was killed and a woman was wounded in the shooting.", 1, 1),
        ("Police said the suspect was arrested and no one was injured.", 0, 0),
        ("Nobody was hurt when the shots hit the house.", 0, 0),
        ("The bullet could have killed a child, the chief said.", 0, 0),
        ("A bystander was killed in a similar shooting last year.", 0, 0),
        ("A teen was nearly killed over a pair of shoes.", 0, 0),
        ("Police arrested a man in connection with the robbery.", 0, 0),
        ("The shooting left a man dead and two women injured.", 1, 2),
        ("A gunman opened fire, killing a man and wounding another man.", 1, 1),
        ("Police are investigating the shooting death of a 17-year-old boy.", 1, 0),
        ("A quadruple shooting on the east side sent four men to the hospital.", 0, 4),
        ("Jane Roe, 31, was shot in the arm. Roe was treated and released.", 0, 1),
    ],
)
def test_counts(text: str, killed: int, injured: int) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "category", "group"),
    [
        ("A man was shot dead on Main Street.", "killed", "men"),
        ("A woman was wounded in the drive-by.", "injured", "women"),
        ("A 12-year-old was in critical condition on Monday.", "injured", "children"),
        ("The girl was pronounced dead at the scene.", "killed", "children"),
        ("A 19-year-old was shot in the foot.", "injured", "people"),
        ("A police officer was wounded in the shootout.", "injured", "people"),
        ("The suspect was shot and killed by deputies.", "killed", "combatants"),
    ],
)
def test_groups(text: str, category: str, group: str) -> None:
    figures = count_victims(_doc(text))
    assert [(f.category, f.group) for f in figures] == [(category, group)]


def test_an_attacker_who_shot_himself_is_a_combatant_apart_from_his_victims() -> None:
    figures = count_victims(
        _doc("The gunman killed his wife and a neighbor before he shot himself.")
    )
    assert {(f.category, f.value, f.group) for f in figures} == {
        ("killed", 2, "people"),
        ("killed", 1, "combatants"),
    }


def test_one_victim_named_many_times_is_one() -> None:
    text = (
        "Teen shot and killed in Riverside\n\n"
        "A 17-year-old boy was shot and killed Saturday night, police said. "
        "The boy was pronounced dead at a hospital. "
        "The victim, identified as Sam Doe, 17, was a junior at the high school. "
        "Doe died of a gunshot wound to the head, the coroner said."
    )
    assert _totals(text) == (1, 0)


def test_separate_victims_add_up() -> None:
    text = (
        "A 24-year-old man was shot in both feet. "
        "Another 24-year-old man was shot in the thigh. "
        "A 30-year-old woman was shot in the arm."
    )
    assert _totals(text) == (0, 3)


def test_quotes_ground_and_carry_attribution() -> None:
    text = "Three people were shot, one fatally, police said. A man was wounded, officials said."
    figures = count_victims(_doc(text))
    assert figures
    for f in figures:
        assert text[f.start : f.end] == f.quote
        assert f.qualifier == "exact"
    assert {f.attribution for f in figures} <= {"police", "officials"}


def test_furniture_holds_no_victims() -> None:
    story = "A man was wounded in the shooting."
    menu = "\n\nMore stories: Woman shot dead in parking lot\n"
    text = story + menu
    start = text.index("More stories")
    figures = count_victims(_doc(text, (Span(start, len(text)),)))
    assert [(f.category, f.value) for f in figures] == [("injured", 1)]


def test_quoted_speech_is_not_a_statement() -> None:
    text = "“They killed my baby,” the neighbor said. A man was wounded."
    assert _totals(text) == (0, 1)
