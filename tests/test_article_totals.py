"""One article's headline totals, from its text through extraction, reconciliation and the
total decision: the counts a careful reader (and a gun-violence coder) takes from it.

Every article here was written for these tests in the register of local news; none
comes from a corpus.
"""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.models import Document, Statement, text_hash
from tally.reconcile import reconcile
from tally.totals import totals


def _totals(text: str) -> tuple[int, int]:
    """(killed, injured) of one article read as one incident."""
    doc = Document(id=text_hash(text), text=text, kind="text", name="a.txt")
    rows = reconcile([Statement(f, "2024-05-01", None, "a.txt") for f in extract(doc)])
    out = totals(rows)
    return out.get("killed", 0), out.get("injured", 0)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "Four men were shot Tuesday night on the South Side, police said. A 19-year-old"
            " was shot in the hand, a 24-year-old was shot in the hip and a 31-year-old was"
            " hit in the back. A fourth man was grazed and treated at the scene.",
            0,
            4,
        ),
        (
            "Three people were wounded in a drive-by shooting on Elm Street. A 40-year-old"
            " woman was shot in the leg and taken to County General.",
            0,
            3,
        ),
        (
            "A man was shot and wounded on Elm Street late Friday. A woman was also shot in"
            " the arm, police said.",
            0,
            2,
        ),
        (
            "A 15-year-old boy was shot and killed outside a corner store on Saturday.",
            1,
            0,
        ),
        # an ordinal ranks the harmed so far: the counts stated before it are its parts
        (
            "Three people were hurt in a shooting outside the club. A fourth victim was also"
            " shot and drove to a hospital.",
            0,
            4,
        ),
        (
            "Police said four people were shot on Main Street on Friday. Officers later learned"
            " a fifth victim was shot in the hand.",
            0,
            5,
        ),
        (
            "Two men were killed on Elm Street. A third victim was wounded and taken to a"
            " hospital.",
            2,
            1,
        ),
    ],
)
def test_victims_named_one_by_one_are_parts_of_a_stated_count(
    text: str, killed: int, injured: int
) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "Five people were shot outside a nightclub early Sunday. Three of the men are in"
            " critical condition at Regional Medical Center.",
            0,
            5,
        ),
        (
            "Two people were killed and three were wounded in the shooting. One of the two"
            " people killed was a 17-year-old high school junior.",
            2,
            3,
        ),
    ],
)
def test_a_count_taken_out_of_the_harmed_is_a_part(text: str, killed: int, injured: int) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "Two people have been confirmed dead after the shooting at the apartment complex."
            " Police said four people had been shot when officers arrived.",
            2,
            2,
        ),
        (
            "Six people were shot at a backyard party on Saturday night. One man died at the"
            " scene, police said.",
            1,
            5,
        ),
        (
            "One man was killed early Sunday. Police said four others were shot and taken to"
            " hospitals.",
            1,
            4,
        ),
        ("Police: 1 killed, 4 shot outside west side bar\nThe shooting happened at 2 a.m.", 1, 4),
    ],
)
def test_people_shot_are_the_injured_and_the_dead(text: str, killed: int, injured: int) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A suicide bomber blew himself up at the bus station. Nine people were killed.", 10),
        ("A suicide bomber detonated his vest near a patrol, killing four policemen.", 5),
        ("A man shot his wife and then himself. Two people were found dead in the house.", 2),
    ],
)
def test_a_suicide_bomber_is_added_to_the_tally_of_his_victims(text: str, killed: int) -> None:
    assert _totals(text)[0] == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Police said a man shot and killed his wife and two stepsons before turning the gun"
            " on himself inside their home on Maple Court.",
            4,
        ),
        ("Deputies say a father killed his 6-year-old daughter and then himself on Sunday.", 2),
        (
            "Man kills girlfriend, her brother, then himself\nThe shooting happened shortly"
            " after midnight, police said.",
            3,
        ),
        (
            "A murder-suicide left two people dead on Oak Street. Police said the man shot his"
            " wife and then himself.",
            2,
        ),
        ("Police: couple, toddler dead in double murder-suicide\nThe shooting happened Sunday.", 3),
        (
            "Sheriff: family deaths were a triple homicide, suicide\nDeputies found four people"
            " dead in the home on Tuesday.",
            4,
        ),
        ("Police investigate double homicide in Elm Park\nTwo men were found shot to death.", 2),
        (
            "The 14-year-old first denied killing his cousin and told detectives the boy had"
            " fatally shot himself while playing with the pistol.",
            1,
        ),
    ],
)
def test_an_attacker_who_killed_others_then_himself_is_added_to_his_deed(
    text: str, killed: int
) -> None:
    assert _totals(text)[0] == killed


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "Homeowner opens fire on burglars\nTwo teenagers accused of breaking into the garage"
            " were shot dead by the homeowner, police said.",
            2,
            0,
        ),
        (
            "Shootout outside county jail\nTwo men who opened fire on officers outside the store"
            " were wounded when deputies returned fire.",
            0,
            2,
        ),
    ],
)
def test_people_named_by_their_deed_count_when_the_clause_tells_their_own_harm(
    text: str, killed: int, injured: int
) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Gunmen opened fire on two guards at the depot gate, killing both.", 2, 0),
        ("A man opened fire on four teenagers outside the rink, wounding all of them.", 0, 4),
        ("Five people were struck by gunfire outside the bar early Sunday.", 0, 5),
    ],
)
def test_a_participle_that_harms_the_same_people_keeps_their_count(
    text: str, killed: int, injured: int
) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Four rebels and three village guards were killed in the ambush.", 7),
        ("Two traders and nineteen border policemen died when the bus was hit.", 21),
        ("The blast killed 12 police recruits and four bystanders at the gate.", 16),
        ("Raiders killed 2 herders, 3 policemen and 5 women near the river.", 10),
        ("Gunmen opened fire, killing two guards and two drivers.", 4),
        ("Nine pupils and one teacher were killed when the roof fell in.", 10),
        ("The governor was killed along with four bodyguards and two drivers in the blast.", 7),
        # a total then its parts is the total, not their sum with it
        ("Clashes killed 14 people, 9 villagers and 5 traders, the monitor said.", 14),
        ("The bomb killed 25 people, including six soldiers and two children.", 25),
        # the second count is of another harm, whatever its own clause says
        ("Three people were killed and eight others, among them a child, were hurt.", 3),
    ],
)
def test_a_toll_given_in_parts_is_their_sum(text: str, killed: int) -> None:
    assert _totals(text)[0] == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("During a search operation, soldiers killed one Baloch rebel fighter near the border.", 1),
        ("Airstrikes killed 17 TTP insurgents including commanders in the valley.", 17),
    ],
)
def test_one_count_read_as_victims_and_as_attackers_is_counted_once(text: str, killed: int) -> None:
    assert _totals(text)[0] == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Traders shut their shops, protesting against the killing of two youths by police.", 0),
        ("Herders raided the village to avenge the deaths of three of their kin.", 0),
        ("The explosion caused the deaths of five people at the depot.", 5),
    ],
)
def test_a_death_told_as_the_cause_of_the_event_is_not_its_toll(text: str, killed: int) -> None:
    assert _totals(text)[0] == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # the attacker, then his victims, as one verb's objects
        ("The bomber blew himself up at the gate, killing himself and three guards.", 4),
        ("A gunman opened fire in the market, killing himself and one shopper.", 2),
        # attackers and their victims listed as one subject: each counted once
        ("One soldier and four rebels were killed in the clash.", 5),
        ("Two gunmen and a policeman died in the shootout.", 3),
        ("Six rebels and a soldier died in the fighting.", 7),
    ],
)
def test_attackers_listed_with_their_victims_are_added_once(text: str, killed: int) -> None:
    assert _totals(text)[0] == killed


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "Two critically hurt in shooting of five\nA gunman in a passing car opened fire on a"
            " cookout Sunday, wounding five people, police said.",
            0,
            5,
        ),
        (
            "One man died and three others were taken to Mercy Hospital, two in critical"
            " condition and one with minor injuries, deputies said.",
            1,
            3,
        ),
    ],
)
def test_the_injured_said_to_fare_some_way_are_parts_of_the_injured(
    text: str, killed: int, injured: int
) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A man shot four relatives, killing two, then himself, deputies said.", 3, 2),
        ("Police said the gunman shot five people, killing one, outside a lounge.", 1, 4),
        ("Man shoots 3 people at a bus stop, killing 1", 1, 2),
        ("Five teens, one fatally, were shot outside a burger place on Sunday.", 1, 4),
        ("Four men -- one fatally -- were shot outside a house party.", 1, 3),
        ("The blast of gunfire left four men injured and one dead, police said.", 1, 4),
        ("The suspect shot two men, killing one and wounding the other.", 1, 1),
    ],
)
def test_a_participle_after_people_shot_tells_how_many_of_them_died(
    text: str, killed: int, injured: int
) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("The suspect shot two deputies on Elm Street before officers shot and killed him.", 1, 2),
        ("Boy, 15, dies after he was shot by city police on the East Side", 1, 0),
        (
            "A girl on a swing was grazed by a stray bullet on Sunday afternoon in the backyard of"
            " her grandmother's house on Pine Road, deputies said. Her mother drove her to the"
            " county hospital, where doctors cleaned a scrape on her left leg and sent her home"
            " that evening. Deputies searched the woods behind the house for whoever fired the"
            " shot but found no one. Her aunt said the bullet could easily have killed her.",
            0,
            1,
        ),
    ],
)
def test_the_attacker_the_police_shot_is_apart_from_his_victims(
    text: str, killed: int, injured: int
) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        (
            "Four people were found shot inside the house. After the fire was put out, the four"
            " were taken to a hospital, where they died.",
            4,
            0,
        ),
        (
            "Three men were shot outside a bar. Two died at the hospital and the third survived.",
            2,
            1,
        ),
    ],
)
def test_people_shot_who_all_died_later_are_the_dead_not_the_injured(
    text: str, killed: int, injured: int
) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Junior takes own life in school parking lot", 1, 0),
        ("A hunting accident claimed the life of a 12-year-old boy near the creek.", 1, 0),
        ("A girl, 9, was shot in the head Tuesday. She was taken off life support Friday.", 1, 0),
        ("The teen was rushed to the hospital, but surgeons were unable to save him.", 1, 0),
    ],
)
def test_a_death_told_without_a_word_for_dying_is_a_death(
    text: str, killed: int, injured: int
) -> None:
    assert _totals(text) == (killed, injured)
