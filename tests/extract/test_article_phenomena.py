"""Phenomena of local crime reporting (shootings, their victims and their tolls) that the
numeric extractor reads in general form, one table each.

Every sentence here was written for these tests in the register of local news; none
comes from a corpus.
"""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.extract.figures import extract_numeric
from tally.models import Document, Figure, text_hash


def _read(text: str) -> list[Figure]:
    return extract_numeric(Document(id=text_hash(text), text=text, kind="text", name="t.txt"))


def _facts(text: str) -> list[tuple[str, str, int]]:
    return [(f.category, f.group, f.value) for f in _read(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gunfire outside a bar left three men and two women injured early Sunday, police said.",
            [("injured", "men", 3), ("injured", "women", 2)],
        ),
        (
            "The crash on Route 9 left two teenagers dead and four others hurt.",
            [("killed", "children", 2), ("injured", "people", 4)],
        ),
        (
            "The exchange of fire left four deputies and a bystander wounded.",
            [("injured", "people", 4)],
        ),
        (
            "A house fire on Elm Street left six residents without a home.",
            [("displaced", "people", 6)],
        ),
        ("The gunman fled on foot and left two loaded rifles behind.", []),
        ("He left three messages for his sister before the shooting.", []),
    ],
)
def test_a_fate_verb_takes_the_harm_told_after_its_object(
    text: str, expected: list[tuple[str, str, int]]
) -> None:
    """ "Left N ..." names no harm itself: the cue after the object does, or nothing does."""
    assert _facts(text) == expected


def test_the_fate_verb_reading_names_its_rule() -> None:
    (f,) = _read("The shooting left five people on the porch wounded, the sheriff said.")
    assert (f.category, f.value, f.rule) == ("injured", 5, "num.fate_after")


@pytest.mark.parametrize(
    "text",
    [
        "Police said the victims are 17, 19, 22 and 30, and all are expected to survive.",
        "The victims were 16 and 18, according to a family friend.",
        "Detectives said the victims included 19- and 21-year-old cousins.",
        "The victims, 15- and 17-year-old brothers, were taken to a hospital.",
        "Those shot were 4- to 6-year-olds playing in the yard.",
    ],
)
def test_ages_of_the_victims_are_no_count(text: str) -> None:
    """Bare numbers after "the victims were" and the first of ages sharing a noun are ages."""
    assert all(f.category != "killed" for f in _read(text))
    assert all(f.value not in {15, 16, 17, 19, 4} for f in _read(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The victims were two men and a woman, all taken to a hospital with gunshot wounds.",
            [("injured", "men", 2)],
        ),
        ("Among the dead were two teenagers, the coroner said.", [("killed", "children", 2)]),
    ],
)
def test_victims_take_the_harm_the_text_tells(
    text: str, expected: list[tuple[str, str, int]]
) -> None:
    """ "Victims" names no harm of its own (the shot include the living); "the dead" does."""
    assert _facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The suspect fired at three parked cars and wounded a man, police said.",
            [],
        ),
        (
            "Officers recovered five other handguns and two people were later arrested.",
            [],
        ),
        (
            "The gunman opened fire on four police vehicles, wounding two officers.",
            [("injured", "people", 2)],
        ),
        (
            "Three separate shootings overnight left five people wounded.",
            [("injured", "people", 5)],
        ),
        ("Two police officers were wounded in the exchange.", [("injured", "people", 2)]),
        ("Dispatchers received three 911 calls about the shooting.", []),
        ("Deputies recovered two 9mm handguns at the shooting scene.", []),
        ("Investigators recovered six 40-caliber casings at the scene of the shooting.", []),
        (
            "The station received four 9-1-1 calls before two guards were wounded.",
            [("injured", "people", 2)],
        ),
    ],
)
def test_counts_of_things_are_no_figures(text: str, expected: list[tuple[str, str, int]]) -> None:
    """A count whose head noun names things ("three parked cars", "four police vehicles",
    "three separate shootings") is no count of people, whatever the words before the head."""
    assert _facts(text) == expected


def _all(text: str) -> list[tuple[str, int]]:
    doc = Document(id=text_hash(text), text=text, kind="text", name="t.txt")
    return sorted((f.category, f.value) for f in extract(doc))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Teen charged in death of girl\n\nPolice say Darnell Hayes shot and killed 14-year-old"
            " Maya Ortiz on Friday.\n\nOrtiz was shot in the back outside a friend's home.",
            [("killed", 1)],
        ),
        (
            "Investigators say Lee Grant shot and killed his 30-year-old cousin after an argument.",
            [("killed", 1)],
        ),
        ("A man shot and killed Saturday was identified as Paul Reyes, 41.", [("killed", 1)]),
        ("Two men shot and wounded downtown were in stable condition.", [("injured", 2)]),
    ],
)
def test_the_subject_of_an_active_shooting_is_the_shooter(
    text: str, expected: list[tuple[str, int]]
) -> None:
    """ "X shot and killed 14-year-old Y": X is the shooter, and Y, named later, the one victim."""
    assert _all(text) == expected


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The two were taken to a hospital, where they were pronounced dead.", "killed"),
        ("Three men were rushed to a hospital where they later died.", "killed"),
        ("Two women were taken to a hospital, where they were treated and released.", "injured"),
    ],
)
def test_taken_to_hospital_where_they_died(text: str, category: str) -> None:
    """The harm that counts is the last one the clause tells: the death."""
    assert {f.category for f in _read(text)} == {category}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Police identify victim\n\nRelated Coverage Man shot and killed in Elm Grove\n\n"
            "Police released the name of the man found shot and killed Sunday.\n\n"
            "Officers found 52-year-old Dale Price shot in the chest.",
            [("killed", 1)],
        ),
        ("Springfield Man Shot Dead\n\nA man was shot dead on Friday night.", [("killed", 1)]),
        ("A U.S. Marine was shot and wounded outside a bar in Naples.", [("injured", 1)]),
    ],
)
def test_a_capitalised_noun_phrase_is_a_person_not_a_name(
    text: str, expected: list[tuple[str, int]]
) -> None:
    """ "Springfield Man", "Related Coverage Man": a person of that kind, whom a name met later
    ("Dale Price") may be, not a name that keeps him apart."""
    assert _all(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The gunman shot two people, one of whom died.", [("injured", 1), ("killed", 1)]),
        (
            "Five people were shot outside a bar, one of whom died, police said.",
            [("injured", 4), ("killed", 1)],
        ),
        ("Two men were shot, both of whom died at the scene.", [("killed", 2)]),
        (
            "One of four people shot outside a club and a bar early Sunday has died.",
            [("injured", 3), ("killed", 1)],
        ),
        (
            "A gunman shot six people — two fatally — outside a store on Friday.",
            [("injured", 4), ("killed", 2)],
        ),
        (
            "Police said four men were shot outside a bar, one fatally, early Sunday.",
            [("injured", 3), ("killed", 1)],
        ),
    ],
)
def test_a_part_of_those_shot_who_died(text: str, expected: list[tuple[str, int]]) -> None:
    """ "Shot two people, one of whom died": the one dead and the rest injured, not two dead."""
    assert _all(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The man shot outside the bar early on October 27 has died.", [("killed", 1)]),
        ("Fire officials said the 80yo man who died owned the store.", [("killed", 1)]),
        ("12 Sep. 4 killed by armed men near the river crossing.", [("killed", 4)]),
        ("On the 3rd of May two people were killed in a clash.", [("killed", 2)]),
    ],
)
def test_days_and_ages_are_no_counts(text: str, expected: list[tuple[str, int]]) -> None:
    """A number after a month is its day, unless the month has its day already ("12 Sep. 4
    killed"); "80yo" is an age."""
    assert _all(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two people are in custody in connection with a shooting that killed a boy, 6.", []),
        ("Two men wanted in the shooting death of a teenager were arrested on Friday.", []),
        ("Three men were charged Monday with murdering a store clerk.", []),
        ("Two officers were disciplined after the fatal shooting of a man.", []),
        (
            "Seven guards and four men they had detained were killed in the raid.",
            [("killed", "people", 7), ("killed", "men", 4)],
        ),
        ("Four people were wounded when police arrested the gunman.", [("injured", "people", 4)]),
        (
            "The gunmen killed two villagers wanted by the militia.",
            [("killed", "people", 2)],
        ),
    ],
)
def test_suspects_are_not_the_harmed(text: str, expected: list[tuple[str, str, int]]) -> None:
    """People said to be in custody, wanted or charged, before any harm word, are the suspects:
    the killing later in the clause is their deed, not their fate."""
    assert _facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The man accused of trying to kill two deputies was arrested on Friday.", []),
        ("He had threatened to shoot five coworkers, police said.", []),
        ("He used a shotgun to kill two customers at the shop.", [("killed", "people", 2)]),
        ("The gunman went on to kill three drivers on the freeway.", [("killed", "people", 3)]),
    ],
)
def test_an_intent_to_harm_is_no_harm(text: str, expected: list[tuple[str, str, int]]) -> None:
    """ "Trying to kill two deputies" tells an intent; "used a shotgun to kill two" a deed."""
    assert _facts(text) == expected
