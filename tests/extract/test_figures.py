"""The extractor on sentences written for these tests: what is a figure, and what it says."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.extract.figures import extract_numeric
from tally.models import Document, Span, text_hash


def _doc(text: str, furniture: tuple[Span, ...] = ()) -> Document:
    return Document(id=text_hash(text), text=text, kind="text", name="t.txt", furniture=furniture)


def _figures(text: str) -> list[tuple]:
    return [
        (f.category, f.group, f.value, f.value_high, f.qualifier)
        for f in extract_numeric(_doc(text))
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Rebels killed 214 villagers in the raid.",
            [("killed", "people", 214, None, "exact")],
        ),
        (
            "At least 43 farm labourers were killed on Saturday.",
            [("killed", "people", 43, None, "at_least")],
        ),
        (
            "More than 70 people were wounded in the blast.",
            [("injured", "people", 70, None, "more_than")],
        ),
        (
            "The storm left hundreds dead and thousands injured.",
            [
                ("killed", "people", 100, None, "multiples"),
                ("injured", "people", 1000, None, "multiples"),
            ],
        ),
        (
            "The shelling killed 305 people, including 41 women and 97 children.",
            [
                ("killed", "people", 305, None, "exact"),
                ("killed", "women", 41, None, "exact"),
                ("killed", "children", 97, None, "exact"),
            ],
        ),
        (
            "The blast left an estimated 9,000 residents without a habitable home.",
            [("displaced", "people", 9000, None, "about")],
        ),
        (
            "In the town, 12 women, 9 elderly and 30 children lost their lives.",
            [
                ("killed", "women", 12, None, "exact"),
                ("killed", "elderly", 9, None, "exact"),
                ("killed", "children", 30, None, "exact"),
            ],
        ),
        (
            "The death toll rose to 57 from 41 on Monday.",
            [("killed", "people", 57, None, "exact"), ("killed", "people", 41, None, "exact")],
        ),
        (
            "Officials put the toll at 66.",
            [("killed", "people", 66, None, "exact")],
        ),
        (
            "Between 15 and 25 people were injured.",
            [("injured", "people", 15, 25, "range")],
        ),
        (
            "Rescuers said five or six bodies lay in the rubble.",
            [("killed", "people", 5, 6, "range")],
        ),
        (
            "Nearly 300 soldiers were killed in the fighting.",
            [("killed", "combatants", 300, None, "about")],
        ),
        (
            "Up to 2.5 million people fled their homes.",
            [("displaced", "people", 2_500_000, None, "at_most")],
        ),
        (
            "Eleven civilians remain missing after the flood.",
            [("missing", "civilians", 11, None, "exact")],
        ),
        (
            "Gunmen abducted 87 schoolboys from the dormitory.",
            [("captured", "children", 87, None, "exact")],
        ),
        (
            "Some 40 people were feared trapped under the mud.",
            [("missing", "people", 40, None, "about")],
        ),
        (
            "Six hikers are feared dead.",
            [("killed", "people", 6, None, "exact")],
        ),
        (
            "Officials said 17 people had been hospitalised.",
            [("injured", "people", 17, None, "exact")],
        ),
        (
            "Fewer than 20 residents were evacuated.",
            [("displaced", "people", 20, None, "fewer_than")],
        ),
        (
            "The army said a ninth soldier had died, and that a 12th soldier had died overnight.",
            [
                ("killed", "combatants", 9, None, "exact"),
                ("killed", "combatants", 12, None, "exact"),
            ],
        ),
        (
            "Among the dead were four police officers.",
            [("killed", "people", 4, None, "exact")],
        ),
        (
            "Flood deaths pass 900 in the delta",
            [("killed", "people", 900, None, "more_than")],
        ),
        (
            "The quake killed 48 people and injured 310 others.",
            [("killed", "people", 48, None, "exact"), ("injured", "people", 310, None, "exact")],
        ),
        (
            "The raid killed 22 fighters and two women.",
            [("killed", "combatants", 22, None, "exact"), ("killed", "women", 2, None, "exact")],
        ),
        (
            "Troops opened fire on the camp and killed 31 Rohingya refugees, aid workers said.",
            [("killed", "people", 31, None, "exact")],
        ),
        (
            "The militia shelled the shelter, wounding 14 refugees.",
            [("injured", "people", 14, None, "exact")],
        ),
        (
            "Some 5,000 refugees crossed the border on Tuesday.",
            [("displaced", "people", 5000, None, "about")],
        ),
        (
            "Army units killed at least 17 ethnic Uzbeks near the border.",
            [("killed", "people", 17, None, "at_least")],
        ),
        (
            "A car bomb killed nine Hazaras outside the mosque.",
            [("killed", "people", 9, None, "exact")],
        ),
        (
            "At least 60 Bosnian Croats were killed in the shelling.",
            [("killed", "people", 60, None, "at_least")],
        ),
    ],
)
def test_figures_in_sentences(sentence: str, expected: list[tuple]) -> None:
    assert _figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "A 12-year-old boy watched the parade.",
        "The girls, aged 6 and 7, were at school.",
        "The town is home to 7,000 people.",
        "The six-year war has cost $4 billion.",
        "About 20 percent of the district is under water.",
        "The council met in 2019 and again in 2021.",
        "Rescuers recorded 340 aftershocks and 2,100 damaged houses.",
        "Call 555-0142 for information.",
        "A neighbour told 911 dispatchers about the noise.",
        "Her 999 call was logged at the control room.",
        "The crash happened at 4:35 p.m. on Route 9.",
        "He lives at 1420 Maple Street.",
        "Police arrested 14 suspects after the match.",
        "The resolution passed 12 to 3.",
        "Some 3,000 troops were deployed to the region.",
        "Rescuers saved 40 people from the flood waters.",
        "The victim, Maria Lopez, 34, was a nurse.",
        "It rained for 12 hours on 3 March.",
        "About 5,000 people attended the funeral.",
        "Photo 4 of 12 Sheriff's deputies gather outside the home where the shooting happened.",
        "Image 9 of 20 Police officers search the parking lot after the shooting.",
        "Investigators say two men who opened fire on the porch fled in a gray sedan.",
        "Two brothers accused of killing a clerk during a robbery appeared in court Monday.",
        "Three teenagers charged in the shooting were released on bond.",
        "Police said four men who robbed the store fled on foot.",
        "The clerk was closing up when three masked men came in and shot him twice.",
        "Three teens rang the bell, quarrelled with the owner and then shot him in the leg.",
        "Two cousins found a pistol in a drawer and accidentally shot a neighbour's son.",
        "A rash of killings in December pushed the year's toll to 85.",
        "The shooting brings the city's 2016 homicide count to 51.",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert _figures(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Death toll in the quake rises to 8,574", {("killed", 8574, "exact")}),
        ("Quake toll tops 5,000 as rescuers race against time", {("killed", 5000, "more_than")}),
        ("At least 100 feared dead after boat capsizes", {("killed", 100, "at_least")}),
        (
            "Train crash: 288 dead, over 1,000 injured",
            {("killed", 288, "exact"), ("injured", 1000, "more_than")},
        ),
        ("Floods displace 50,000 in the east", {("displaced", 50000, "exact")}),
        ("7 killed, 25 hurt in bus accident", {("killed", 7, "exact"), ("injured", 25, "exact")}),
        (
            "The earthquake killed 9 and injured 52, state media reported.",
            {("killed", 9, "exact"), ("injured", 52, "exact")},
        ),
        (
            "The number of dead rose to 63, while 12 people remain unaccounted for.",
            {("killed", 63, "exact"), ("missing", 12, "exact")},
        ),
        (
            "The fire destroyed 300 homes and left 1,200 people homeless.",
            {("displaced", 1200, "exact")},
        ),
        ("The floods have affected 1.4 million people and killed 86.", {("killed", 86, "exact")}),
        ("A landslide buried 20 homes and killed 7 people.", {("killed", 7, "exact")}),
        ("The company employs 4,500 workers, two of whom were injured.", {("injured", 2, "exact")}),
        (
            "The blast killed 48 people and injured more than 200, two officials told reporters.",
            {("killed", 48, "exact"), ("injured", 200, "more_than")},
        ),
        ("The storm claimed 15 lives.", {("killed", 15, "exact")}),
        ("Seventy-three people drowned when the ferry sank.", {("killed", 73, "exact")}),
        ("About 2,300 people lost their homes in the fire.", {("displaced", 2300, "about")}),
        (
            "The militants kidnapped 25 passengers and released 10 of them later.",
            {("captured", 25, "exact")},
        ),
        (
            "Police said four people were arrested and 12 were injured in clashes.",
            {("injured", 12, "exact")},
        ),
        ("The shooter fired one shot at the other man, missing him.", set()),
        ("Police said no one was injured.", set()),
        ("Five more were arrested at the hospital after the fight.", set()),
        ("The victim, Tyrone Hall, 27, died at the scene.", set()),
        ("Four of them were men, one 24, two 27 and one 30.", set()),
        ("Officers found the car at 1650 Palm Avenue.", set()),
        ("The 2,000 residents of the village were evacuated.", {("displaced", 2000, "exact")}),
        (
            "The dead included 5 children and 3 women.",
            {("killed", 5, "exact"), ("killed", 3, "exact")},
        ),
        ("20 refugees were killed when the camp was shelled.", {("killed", 20, "exact")}),
        (
            "Gunmen opened fire, killing 12 and injuring 40 people.",
            {("killed", 12, "exact"), ("injured", 40, "exact")},
        ),
        ("Some 2,000-3,000 people fled.", {("displaced", 2000, "range")}),
        ("Several hundred people were evacuated.", {("displaced", 100, "multiples")}),
        ("The hospital said 22 patients were admitted.", {("injured", 22, "exact")}),
        ("INGD said 12 of the dead were children.", {("killed", 12, "exact")}),
        (
            "A shooting at a Motel 6 left one dead and three injured.",
            {("killed", 1, "exact"), ("injured", 3, "exact")},
        ),
        ("Witnesses saw four people flee the scene after the shooting.", set()),
        ("One person on the list wasn't shot.", set()),
        ("He was one of five people shot in the incident.", {("injured", 5, "exact")}),
        (
            "Khyber Pakhtunkhwa has reported 308 deaths and Punjab 223.",
            {("killed", 308, "exact"), ("killed", 223, "exact")},
        ),
    ],
)
def test_more_sentences(sentence: str, expected: set[tuple]) -> None:
    assert {(c, v, q) for c, _g, v, _h, q in _figures(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Officers found the victims outside a duplex at 2718 W. Grand and said both had"
            " been shot.",
            set(),
        ),
        (
            "Both victims, a male, 31, and a female, 24, were taken to Mercy Hospital.",
            set(),
        ),
        (
            "The number of people killed in this year's monsoon floods has risen to 1,731,"
            " the authority said.",
            {("killed", 1731, "exact")},
        ),
        (
            "Four people were struck by gunfire outside the bar, police said.",
            {("injured", 4, "exact")},
        ),
    ],
)
def test_addresses_ages_and_parts_are_not_counts(sentence: str, expected: set[tuple]) -> None:
    assert {(c, v, q) for c, _g, v, _h, q in _figures(sentence)} == expected


def test_quotes_are_grounded_and_carry_the_number() -> None:
    text = (
        "Storm kills 31 in coastal towns\n\n"
        "The storm killed 31 people, including 9 children, officials said. "
        "About 120 people were injured and 4,500 were evacuated."
    )
    figures = extract(_doc(text))
    assert figures
    for f in figures:
        assert text[f.start : f.end] == f.quote
        assert f.incident is None


def test_page_furniture_is_skipped() -> None:
    body = "The attack killed 12 people.\n"
    menu = "Related\n- Floods kill 300 in the north\n"
    text = body + menu
    doc = _doc(text, (Span(len(body), len(text)),))
    assert [f.value for f in extract(doc)] == [12]


def test_arbitrary_text_does_not_crash() -> None:
    for text in ["", "\n\n", "–—‘’ 1,2,3,,, ..", "killed killed 0 0 dead", "٣ قتلى", "x" * 5000]:
        for f in extract(_doc(text)):
            assert text[f.start : f.end] == f.quote


@pytest.mark.parametrize(
    ("sentence", "category", "value"),
    [
        ("Six people, including two teenagers, were wounded near the bus stop.", "injured", 6),
        ("Four men, among them a city worker, were shot outside the store.", "injured", 4),
    ],
)
def test_a_part_set_off_inside_the_clause_leaves_its_harm_to_the_whole(
    sentence: str, category: str, value: int
) -> None:
    assert (category, value) in {(c, v) for c, _g, v, _h, _q in _figures(sentence)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gunfire erupted at a cookout. One of the three victims died later.", [("killed", 1)]),
        ("Gunfire erupted. Two of the five victims are in critical condition.", [("injured", 2)]),
        ("None of the four victims was taken to a hospital by ambulance.", []),
        ("Two of the three people killed were cousins.", [("killed", 2), ("killed", 3)]),
        ("All of the three victims died at the scene.", [("killed", 3)]),
    ],
)
def test_the_whole_a_part_is_taken_from_does_not_take_the_parts_verb(
    sentence: str, expected: list[tuple[str, int]]
) -> None:
    figures = extract_numeric(_doc(sentence))
    assert sorted((f.category, f.value) for f in figures) == sorted(expected)
