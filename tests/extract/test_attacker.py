"""The attacker component: whether a figure counts the attackers, in every language."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.extract.attacker import by_role
from tally.models import Document, text_hash
from tests.conftest import figure_at

LEAD = (
    "Gunmen stormed the village of Solhan in north-eastern Burkina Faso on Saturday, "
    "killing 132 people, the government said. "
)


def doc(text: str, language: str = "en") -> Document:
    return Document(id=text_hash(text), text=text, kind="text", name="x.txt", language=language)


fig = figure_at


@pytest.mark.parametrize(
    ("text", "value", "role"),
    [
        ("Police said two of the attackers were killed in the shootout.", 2, "perpetrator"),
        ("Three gunmen died when troops stormed the building.", 3, "perpetrator"),
        ("Investigators say four suicide bombers took part in the attacks.", 4, "perpetrator"),
        ("Six pirates were killed when the navy boarded the trawler.", 6, "perpetrator"),
        ("Five soldiers were killed in the ambush.", 5, "victim"),
    ],
)
def test_a_count_that_names_the_attackers_counts_perpetrators(
    text: str, value: int, role: str
) -> None:
    figure = next(f for f in extract(doc(text)) if f.value == value)
    assert (figure.category, figure.group, figure.role) == ("killed", "combatants", role)


@pytest.mark.parametrize(
    ("sentence", "quote", "value", "combatants"),
    [
        (
            "The gunman, identified as Tom Reed, was killed by officers.",
            "Tom Reed, was killed",
            1,
            True,
        ),
        (
            "Police said the suspect was shot dead by a deputy.",
            "the suspect was shot dead",
            1,
            True,
        ),
        ("The suspect shot and killed two people before fleeing.", "killed two people", 2, False),
        ("The suspect's girlfriend was killed on Sunday.", "girlfriend was killed", 1, False),
        ("Two people died after a gunman opened fire.", "Two people died", 2, False),
    ],
)
def test_the_death_the_sentence_gives_the_attacker_is_a_combatants(
    sentence: str, quote: str, value: int, combatants: bool
) -> None:
    d = doc(LEAD + sentence)
    (out,) = by_role(d, [fig(d, quote, value)])
    assert (out.group == "combatants") is combatants


@pytest.mark.parametrize(
    ("language", "text", "perpetrators"),
    [
        (
            "fr",
            "Un homme armé a ouvert le feu sur un marché de Lyon samedi, tuant trois personnes. "
            "L'assaillant a été abattu par la police.",
            1,
        ),
        (
            "de",
            "Bei dem Anschlag in Berlin wurden drei Menschen getötet. "
            "Der Täter wurde von der Polizei erschossen.",
            1,
        ),
        ("fr", "Trois personnes ont été tuées samedi à Lyon. Un policier a été abattu.", 0),
    ],
)
def test_an_attacker_shot_dead_is_a_perpetrator_in_every_language(
    language: str, text: str, perpetrators: int
) -> None:
    found = extract(doc(text, language))
    perps = [f for f in found if f.role == "perpetrator"]
    assert [(f.value, f.group) for f in perps] == [(1, "combatants")] * perpetrators
    assert {f.value for f in found if f.role == "victim"} == {3}


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The robber fired at the clerk before two officers shot and killed him.", "perpetrator"),
        ("After the chase he was shot and killed by Riverside police.", "perpetrator"),
        ("A protester was shot dead by riot police in the square.", "victim"),
        ("Deputies returned fire and killed him in the parking lot.", "perpetrator"),
        ("Officers found a man shot dead behind the laundromat.", "victim"),
        ("His neighbor shot and killed him after an argument over a fence.", "victim"),
    ],
)
def test_whom_the_police_shoot_is_the_attacker_they_confronted(text: str, role: str) -> None:
    (figure,) = [f for f in extract(doc(text)) if f.category == "killed"]
    assert figure.role == role
