"""Phenomena of casualty prose the numeric extractor reads in general form, one table each.

Every sentence here was written for these tests in the register of news
reports; none comes from a corpus.
"""

from __future__ import annotations

import pytest

from tally.extract.figures import extract_numeric
from tally.extract.vocab import english
from tally.models import Document, Figure, text_hash


def _doc(text: str) -> Document:
    return Document(id=text_hash(text), text=text, kind="text", name="t.txt")


def _read(text: str) -> list[Figure]:
    return extract_numeric(_doc(text))


def _facts(text: str) -> list[tuple]:
    return [(f.category, f.group, f.value, f.value_high, f.qualifier) for f in _read(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The fire killed 64 people. Of the dead, 20 were women and 11 were children.",
            [
                ("killed", "people", 64, None, "exact"),
                ("killed", "women", 20, None, "exact"),
                ("killed", "children", 11, None, "exact"),
            ],
        ),
        (
            "Of the 140 injured, 31 needed hospital treatment and 12 were listed as critical.",
            [
                ("injured", "people", 140, None, "exact"),
                ("injured", "people", 31, None, "exact"),
                ("injured", "people", 12, None, "exact"),
            ],
        ),
        (
            "At least 85 people were hurt in the crush. Of those, 40 remain in hospital.",
            [("injured", "people", 85, None, "at_least"), ("injured", "people", 40, None, "exact")],
        ),
        (
            "Of the victims, 51 were men and 19 were women. Six were boys under the age of 14.",
            [
                ("killed", "men", 51, None, "exact"),
                ("killed", "women", 19, None, "exact"),
                ("killed", "children", 6, None, "exact"),
            ],
        ),
    ],
)
def test_breakdown_after_a_total(text: str, expected: list[tuple]) -> None:
    assert _facts(text) == expected


def test_breakdown_parts_are_subsets_with_their_rule() -> None:
    figures = _read("The quake killed 300 people. Of the dead, 120 were children.")
    part = next(f for f in figures if f.value == 120)
    assert part.subset and part.rule == "num.breakdown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials now put the toll at 118, up from the 96 they gave on Tuesday.",
            [("killed", "people", 118, None, "exact"), ("killed", "people", 96, None, "exact")],
        ),
        (
            "The agency said 230 people were injured - against 180 in its first count.",
            [("injured", "people", 230, None, "exact"), ("injured", "people", 180, None, "exact")],
        ),
        (
            "The previous day's count had been 31.",
            [("killed", "people", 31, None, "exact")],
        ),
        (
            "The regional governor said the final number could reach 90 or more.",
            [("killed", "people", 90, None, "at_least")],
        ),
        (
            "The number of people killed on Flight 17 was revised from 45 to 47.",
            [("killed", "people", 45, None, "exact"), ("killed", "people", 47, None, "exact")],
        ),
    ],
)
def test_counts_referred_back(text: str, expected: list[tuple]) -> None:
    assert _facts(text) == expected


def test_figures_take_the_category_of_the_count_before() -> None:
    text = "Some 300 people were wounded, the hospital said. Its final report put the figures at 77 and 412."
    assert [(f.category, f.value) for f in _read(text)] == [
        ("injured", 300),
        ("injured", 77),
        ("injured", 412),
    ]


def test_fate_unknown_and_no_survivors() -> None:
    text = (
        "Officials said the fate of dozens of people who had been in the hotel was unknown."
        " Witnesses said at least 40 people had been waiting at the gate when the shell hit,"
        " and that none of them survived."
    )
    assert _facts(text) == [
        ("missing", "people", 12, None, "multiples"),
        ("killed", "people", 40, None, "at_least"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Another 14 appear to have died of their injuries in the weeks after the blast.",
            [("killed", "people", 14, None, "exact")],
        ),
        (
            "Rescuers recovered 40 bodies. Only 13 have been identified so far.",
            [("killed", "people", 40, None, "exact"), ("killed", "people", 13, None, "exact")],
        ),
        (
            "The floods killed thousands. Forensic teams have identified nearly 600 victims.",
            [
                ("killed", "people", 1000, None, "multiples"),
                ("killed", "people", 600, None, "about"),
            ],
        ),
        (
            "Seven people were shot at the party. Police identified five of the victims.",
            [("injured", "people", 7, None, "exact")],
        ),
        (
            "The mayor warned that as many as 2,000 may have died.",
            [("killed", "people", 2000, None, "at_most")],
        ),
        (
            "Nine of the victims have been formally identified.",
            [("killed", "people", 9, None, "exact")],
        ),
    ],
)
def test_later_deaths_and_remains(text: str, expected: list[tuple]) -> None:
    assert _facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Witnesses said 23 villagers had been taken away by the gunmen.",
            [("captured", "people", 23, None, "exact")],
        ),
        (
            "Five people previously reported missing had been found safe and well.",
            [],
        ),
        (
            "Police said 40 people remained unaccounted for and 112 had been accounted for.",
            [("missing", "people", 40, None, "exact")],
        ),
    ],
)
def test_captured_and_found_safe(text: str, expected: list[tuple]) -> None:
    assert _facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Estimates from residents ranged from 40 to as many as 90 dead.",
            [("killed", "people", 40, 90, "range")],
        ),
        (
            "The charity raised the number it says were killed from at least 18 to 26.",
            [("killed", "people", 18, None, "at_least"), ("killed", "people", 26, None, "exact")],
        ),
        (
            "The mayor said the toll could eventually reach 3,000 to 4,000.",
            [("killed", "people", 3000, 4000, "range")],
        ),
        (
            "Officials put the dead at about 70 shortly after the collapse.",
            [("killed", "people", 70, None, "about")],
        ),
    ],
)
def test_ranges_and_revisions(text: str, expected: list[tuple]) -> None:
    assert _facts(text) == expected


@pytest.mark.parametrize(
    ("text", "value", "attribution"),
    [
        ("A police figure of 420 people hurt was used in later reports.", 420, "A police figure"),
        (
            "The coroner's final count, released in March, was that 57 people had died.",
            57,
            "The coroner's final count",
        ),
        (
            "The agency's update says 1,200 people were killed, attributing the figure to the"
            " provincial health office.",
            1200,
            "the provincial health office",
        ),
        (
            "The army gave a much lower figure. In a statement on Friday it said 14 bodies had"
            " been found.",
            14,
            "The army",
        ),
        (
            "In its latest update the health service said 35 remain in hospital.",
            35,
            "the health service",
        ),
        (
            "More than 2,100 bodies have been counted, Karim Haddad, interior minister in the"
            " government that controls the east, told reporters.",
            2100,
            "Karim Haddad, interior minister in the government",
        ),
        (
            "Its updated report, citing the World Health Organization, says 812 people have died.",
            812,
            "the World Health Organization",
        ),
    ],
)
def test_attribution_in_other_words(text: str, value: int, attribution: str) -> None:
    figure = next(f for f in _read(text) if f.value == value)
    assert figure.attribution == attribution


def test_breakdown_keeps_the_source_of_its_total() -> None:
    text = (
        "The coroner told reporters that 88 of the dead had been shot. Another 12 appear to"
        " have died in the fire, she said.\n\nOf the victims, 61 were men and 27 were women."
    )
    parts = [f for f in _read(text) if f.value in (61, 27)]
    assert [f.attribution for f in parts] == ["The coroner", "The coroner"]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Rebels killed 214 villagers in the raid.", "num.harm_before"),
        ("At least 43 farm labourers were killed on Saturday.", "num.harm_after"),
        ("The floods caused 62 deaths.", "num.harm_noun"),
        ("Officials put the toll at 81 on Monday.", "num.toll"),
        ("A 13th soldier has died of his wounds.", "num.running_total"),
        ("The blast killed 30 people, including 12 children.", "num.inherit"),
    ],
)
def test_every_figure_names_its_rule(text: str, rule: str) -> None:
    figures = _read(text)
    assert figures and all(f.rule for f in figures)
    assert figures[-1].rule == rule


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Clashes over a water point. FATALITIES: 6", ("killed", 6)),
        ("Flash floods in the valley. Death toll: 23", ("killed", 23)),
        ("Unrest in the market town. Injured: 14.", ("injured", 14)),
        ("Rioting after the count. FATALITIES:17 DETAILS NOT KNOWN.", ("killed", 17)),
    ],
)
def test_a_labelled_count_is_a_toll(text: str, fact: tuple[str, int]) -> None:
    """A count after its label and a colon, as a note or an infobox gives it."""
    assert [(f.category, f.value) for f in _read(text)] == [fact]


def test_month_names_that_are_words_need_a_capital() -> None:
    assert _facts("Officials fear 500 may have drowned.") == [
        ("killed", "people", 500, None, "exact")
    ]
    assert _facts("On 4 May, 12 people drowned.") == [("killed", "people", 12, None, "exact")]


def test_prefilters_come_from_the_same_data() -> None:
    vocab = english()
    assert vocab.month_words == frozenset(vocab.months)
    assert {"flight", "resolution", "of", "by"} <= vocab.last_words(vocab.not_count_before)


@pytest.mark.parametrize(
    ("text", "value", "attribution"),
    [
        (
            "The review relies on a 2021 State Police assessment. Of the people it traced, 140"
            " were physically injured.",
            140,
            "a 2021 State Police assessment",
        ),
        (
            "Health officials said 9 people were killed. Another 30 were being treated for burns.",
            30,
            "Health officials",
        ),
        ("The police count this evening stands at 64 dead.", 64, "The police count"),
    ],
)
def test_source_in_another_sentence(text: str, value: int, attribution: str) -> None:
    figure = next(f for f in _read(text) if f.value == value)
    assert figure.attribution == attribution


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "One of the men was hit by gunfire and was taken to a nearby hospital where he later died.",
            [("killed", "men", 1, None, "exact")],
        ),
        (
            "Paramedics said 14 children had been taken to the city's Children's Hospital.",
            [("injured", "children", 14, None, "exact")],
        ),
        (
            "Two were taken to Mercy General Hospital.",
            [],
        ),
        (
            "The county recorded 212 murders last year.",
            [],
        ),
    ],
)
def test_hospital_transfers_and_crime_statistics(text: str, expected: list[tuple]) -> None:
    assert _facts(text) == expected


@pytest.mark.parametrize(
    ("text", "lead", "subset"),
    [
        (
            "Five people were shot outside the club. Three of the men are in critical condition.",
            "Three of",
            True,
        ),
        (
            "Two people were killed. One of the two people killed was a high school junior.",
            "One of",
            True,
        ),
        (
            "Of those shot, two of the victims remain hospitalized in stable condition.",
            "two of",
            True,
        ),
        ("Four men were shot on the porch. Two of the men died at the hospital.", "Two of", False),
    ],
)
def test_a_count_taken_out_of_a_set_harmed_alike_is_a_part(
    text: str, lead: str, subset: bool
) -> None:
    (figure,) = [f for f in _read(text) if f.quote.startswith(lead)]
    assert figure.subset is subset


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("If one more person is hurt, the council will close the park.", []),
        ("Whenever one of our students is killed, the whole school grieves.", []),
        ("“Any time one of our players is hurt, it hits the team hard,” the coach said.", []),
        ("Every time two people are shot on this block, nothing changes.", []),
        ("If confirmed, the toll of 14 dead would be the worst this year.", [("killed", 14)]),
        ("It was not clear if the two people killed were related.", [("killed", 2)]),
        ("Gunshot residue kits were run on the three men questioned.", []),
        ("Gun shot residue tests were done on the two men.", []),
        ("The three men were shot near the park.", [("injured", 3)]),
    ],
)
def test_a_count_in_a_condition_or_a_test_is_no_toll(text: str, expected: list[tuple]) -> None:
    assert [(f.category, f.value) for f in _read(text)] == expected


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A 13th soldier has died of his wounds.", 13),
        ("A second victim has died after the shooting on Elm Street.", 2),
        ("A third person has died after the bus crash, police said.", 3),
    ],
)
def test_an_ordinal_death_is_the_running_total(text: str, killed: int) -> None:
    assert [(f.category, f.value, f.rule) for f in _read(text)] == [
        ("killed", killed, "num.running_total")
    ]
