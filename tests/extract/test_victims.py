"""Victims counted without a numeral: sentences written for these tests, with the counts a
careful reader takes from them."""

from __future__ import annotations

import pytest

from tally.extract import extract
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
        ("Sam Poe, 40, was shot along with three others outside the club.", 0, 4),
        ("A man was killed. Three other men were also shot and survived.", 1, 3),
        ("Deputies said he killed his wife, Ann Roe, and her father, Tom Roe, 70.", 2, 0),
        ("Four people were shot near the park; two of them died.", 2, 2),
        ("The shooting left an officer wounded and an 18-year-old man dead.", 1, 1),
        ("A man was found with a gunshot wound which proved fatal.", 1, 0),
        ("A boy in his teens and a woman in her 30s were wounded.", 0, 2),
        ("She was taken to a hospital with non-life-threatening injuries.", 0, 1),
        ("A gunman fired one shot into the air outside the bar.", 0, 0),
        ("Father, son found dead in lakeside cabin", 2, 0),
        ("The victim, a 14-year-old boy, was grazed by a bullet.", 0, 1),
        ("She took herself to a hospital after the shooting.", 0, 0),
        ("An officer was wounded. A man was killed by the gunfire.", 1, 1),
        ("Parents charged in non-fatal shooting of their son\nThe boy was shot in the arm.", 0, 1),
        (
            "A 12-year-old accidentally shot his younger brother while hunting on Saturday,"
            " according to the county homicide unit. The boy is expected to recover.",
            0,
            1,
        ),
        (
            "A man was charged with assault with a deadly weapon after a woman was shot in"
            " the leg on Elm Street.",
            0,
            1,
        ),
        ("14-year-old shot, killed outside birthday party\nRead more", 1, 0),
        ("Neighbors uneasy after 6-year-old shot through apartment wall\nRead more", 0, 1),
        ("Man arrested, but 3-year-old was shot in crossfire\nRead more", 0, 1),
        ("Deputies said a 16 year old was hurt when the rifle went off in his hands.", 0, 1),
        ("A man walking his dog was shot and killed on Maple Avenue on Tuesday.", 1, 0),
        ("A man was wounded on the porch. A woman standing nearby was also shot.", 0, 2),
        # names with a capital inside them
        ("A man died at the scene. Dan Ruiz, Lee Park and Joe McNeil were also wounded.", 1, 3),
        ("A man died at the scene. DeAndre Wills and Mary O'Dell were also wounded.", 1, 2),
        # a name after a preposition is no subject of the verb
        (
            "Dan Ruiz died at the scene. A woman and a teen in the car with Ruiz were also hit.",
            1,
            2,
        ),
        # what a gun fires as the subject of "struck" or "hit"
        ("A stray bullet struck a girl sleeping on the couch, police said.", 0, 1),
        ("Gunfire hit Dan Ruiz and two other men outside the bar.", 0, 3),
        ("A bullet hit a 9-year-old boy in the arm on Friday.", 0, 1),
        ("The truck struck a cyclist on the bridge.", 0, 0),
        # "both" before a noun a phrase follows
        ("Both men inside the car were killed, police said.", 2, 0),
        # a possessive object owns what was harmed, unless a part of the body
        ("Several bullets struck the Ruiz family's home during the shootout.", 0, 0),
        ("A gunman shot Dan Ruiz's dog in the yard.", 0, 0),
        ("The bullet struck her son's left leg.", 0, 1),
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
    assert {(f.category, f.value, f.group, f.subset) for f in figures} == {
        ("killed", 2, "people", False),
        ("killed", 1, "combatants", False),
    }


def test_an_attacker_a_stated_toll_may_include_is_marked_a_subset() -> None:
    text = "Four people were killed on Sunday. The gunman then shot himself, police said."
    found = {(f.category, f.value, f.group, f.subset) for f in count_victims(_doc(text))}
    assert ("killed", 4, "people", False) in found
    assert ("killed", 1, "combatants", True) in found


@pytest.mark.parametrize(
    "text",
    [
        "Retired deputy killed his wife, his son, himself",
        "A man killed his wife and his son and then himself, deputies said.",
    ],
)
def test_a_killer_named_last_in_his_list_of_victims_is_a_combatant(text: str) -> None:
    figures = count_victims(_doc(text))
    assert ("killed", 2, "people") in {(f.category, f.value, f.group) for f in figures}
    assert ("killed", 1, "combatants") in {(f.category, f.value, f.group) for f in figures}


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


def test_a_name_and_its_parts_are_one_person() -> None:
    text = (
        "On Wednesday night, Mia Jo Lane was slain on Elm Street. "
        "Her mother said Mia died in front of her. Lane was 15."
    )
    assert _totals(text) == (1, 0)


def test_a_headline_about_a_death_counts_one_killed() -> None:
    text = "Teen charged in accidental shooting death of best friend\n\nThe teen appeared in court."
    figures = count_victims(_doc(text))
    assert [(f.category, f.value) for f in figures] == [("killed", 1)]
    assert text[figures[0].start : figures[0].end] == figures[0].quote


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Four people were shot on Elm Street. The youngest, a 20-year-old man, died.", 1, 3),
        ("Four people were shot on Elm Street, and a 20-year-old man later died.", 1, 3),
        ("Two men were shot on the porch. Both died at the scene.", 2, 0),
        ("Three people were shot, police said. All three are expected to survive.", 0, 3),
    ],
)
def test_people_shot_are_injured_less_the_dead_in_the_full_extractor(
    text: str, killed: int, injured: int
) -> None:
    figures = extract(_doc(text))
    assert max((f.value for f in figures if f.category == "killed"), default=0) == killed
    assert max((f.value for f in figures if f.category == "injured"), default=0) == injured


def test_quoted_speech_is_not_a_statement() -> None:
    text = "“They killed my baby,” the neighbor said. A man was wounded."
    assert _totals(text) == (0, 1)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A clerk was killed at the store. Two women were also shot there.", 1, 2),
        ("Ray Mott died at the scene. Dan Webb, Lia Toms and Al Pike were also shot.", 1, 3),
        ("A guard was killed. Dan Webb and Lia Toms, who was also shot, fled the bar.", 1, 1),
        ("Two people died in the fire. Four people were shot, two of them fatally.", 2, 2),
    ],
)
def test_people_also_shot_are_besides_the_dead(text: str, killed: int, injured: int) -> None:
    figures = extract(_doc(text))
    assert max((f.value for f in figures if f.category == "killed"), default=0) == killed
    assert max((f.value for f in figures if f.category == "injured"), default=0) == injured


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Two men, Dan Webb and Al Pike, were wounded outside the diner.", 0, 2),
        ("Three teens, Lia Toms, Dan Webb and Al Pike, were shot on the porch.", 0, 3),
        ("Deputies found Webb and his two daughters, Lia Webb, 9, and Ada Webb, 6, dead.", 3, 0),
        (
            "Ray Mott, 41, Jo Mott, 38, and their two sons, Ben Mott and Eli Mott, died in the attack.",
            4,
            0,
        ),
        ("Two men, a woman and a boy were wounded when the gunman fired.", 0, 4),
    ],
)
def test_names_restating_a_counted_plural_are_not_more_people(
    text: str, killed: int, injured: int
) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    "text",
    [
        "Officers said a boy younger than 12 was shot in the arm on Friday.",
        "A woman older than 70 was shot outside the pharmacy.",
        "A girl under the age of 10 was shot in the leg at the park.",
    ],
)
def test_an_age_before_a_singular_predicate_counts_nobody(text: str) -> None:
    figures = extract(_doc(text))
    assert all(f.value <= 1 for f in figures), [(f.value, f.quote) for f in figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The shooting suspect says the gun went off by accident.", []),
        ("Marlow shooting suspect turned himself in on Saturday.", []),
        ("The stabbing suspect was arrested at his home.", []),
        ("Deputies ended up shooting the suspect after he fired at them.", [("injured", 1)]),
        ("The shooting victim was taken to the hospital.", [("injured", 1)]),
    ],
)
def test_a_gerund_naming_the_suspect_shoots_nobody(text: str, expected: list[tuple]) -> None:
    assert [(f.category, f.value) for f in extract(_doc(text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deputies say one shot was fired inside the trailer.", []),
        ("A single shot rang out just after midnight.", []),
        ("Investigators believe only one shot hit the car.", []),
        ("Two people were shot. One shot was fired from a passing car.", [("injured", 2)]),
        ("Two shot, one killed outside a Marlow bar", [("injured", 2), ("killed", 1)]),
    ],
)
def test_a_shot_fired_is_no_person_shot(text: str, expected: list[tuple]) -> None:
    assert [(f.category, f.value) for f in extract(_doc(text))] == expected


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A mother and her two children were found dead in the home.", 3, 0),
        ("The gunman killed a farmer and his three sons.", 4, 0),
        ("A man and his 2 daughters were shot outside the school.", 0, 3),
        ("He shot his two brothers after an argument.", 0, 2),
        ("Their three children were wounded in the blast.", 0, 3),
    ],
)
def test_a_possessive_before_a_count_counts_the_kin(text: str, killed: int, injured: int) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    "text",
    [
        "Teen critical after being shot outside Marlow school",
        "Cyclist recovering after being struck by a stray bullet",
    ],
)
def test_a_headline_of_one_hurt_after_being_shot(text: str) -> None:
    assert [(f.category, f.value) for f in extract(_doc(text))] == [("injured", 1)]


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Mother, 2 children found dead in Marlow home", 3, 0),
        ("Man, 2 teens shot near Marlow park", 0, 3),
        ("Man, woman shot outside Marlow bar", 0, 2),
        ("Police said Monday, two men were shot.", 0, 2),
    ],
)
def test_a_headline_lists_its_victims_with_commas(text: str, killed: int, injured: int) -> None:
    assert _totals(text) == (killed, injured)


@pytest.mark.parametrize(
    "text",
    [
        "The hunter fired one shot at the geese and then fired a second shot as they rose.",
        "Neighbours said they heard one shot shortly after midnight.",
    ],
)
def test_a_shot_fired_at_nobody_is_no_victim(text: str) -> None:
    assert extract(_doc(text)) == []


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Four people were shot at the well; two of them died.", 2, 2),
        ("A man was shot at a gas station on Main Street.", 0, 1),
        ("The officer was shot at but not hit.", 0, 0),
        ("Two men were shot at by gunmen on Friday but escaped unhurt.", 0, 0),
    ],
)
def test_shot_at_a_place_is_shot_and_shot_at_is_fired_upon(
    text: str, killed: int, injured: int
) -> None:
    assert _totals(text) == (killed, injured)
