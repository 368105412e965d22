"""Numbers as news text writes them: digits, words, ranges, multiples."""

from __future__ import annotations

import pytest

from tally.extract.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7),
        ("1,275", 1275),
        ("12,867", 12867),
        ("1.2 million", 1_200_000),
        ("2.1 million", 2_100_000),
        ("9 million", 9_000_000),
        ("one million", 1_000_000),
        ("a million", 1_000_000),
        ("two-hundred", 200),
        ("Thirty-nine", 39),
        ("thirty nine", 39),
        ("Nineteen", 19),
        ("eleven", 11),
        ("one hundred and twelve", 112),
        ("three thousand four hundred", 3400),
        ("a dozen", 12),
        ("two dozen", 24),
        ("5.6", None),
        ("", None),
        ("people", None),
        ("1.5 billion", 1_500_000_000),
    ],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("between 30 and 40 people", [(30, 40, "range")]),
        ("between three and five people", [(3, 5, "range")]),
        ("one hundred and six people", [(106, None, None)]),
        ("56 to 80 villagers", [(56, 80, "range")]),
        ("five or six bodies", [(5, 6, "range")]),
        ("120-140 wounded", [(120, 140, "range")]),
        ("rose from 69 to 81", [(69, None, None), (81, None, None)]),
        ("rose to 81 from 69", [(81, None, None), (69, None, None)]),
        ("dozens of people", [(12, None, "multiples")]),
        ("scores of residents", [(20, None, "multiples")]),
        ("hundreds dead", [(100, None, "multiples")]),
        ("Thousands flee", [(1000, None, "multiples")]),
        ("tens of thousands displaced", [(10_000, None, "multiples")]),
        ("hundreds of thousands fled", [(100_000, None, "multiples")]),
        ("two men and three women", [(2, None, None), (3, None, None)]),
        ("one or two hundred", [(1, None, None), (200, None, None)]),
        ("several hundred people", [(100, None, "multiples")]),
        ("a few thousand residents", [(1000, None, "multiples")]),
        ("half a million refugees", [(500_000, None, None)]),
        ("half a dozen bodies", [(6, None, None)]),
        ("about half a thousand people", [(500, None, None)]),
        ("half a hundred homes", [(50, None, None)]),
        ("more than a dozen", [(12, None, None)]),
    ],
)
def test_find_numbers(text: str, expected: list[tuple]) -> None:
    got = [(n.value, n.value_high, n.qualifier) for n in find_numbers(text)]
    assert got == expected


def test_mentions_are_grounded() -> None:
    text = "Between 30 and 40 people died; tens of thousands fled, 1,275 were taken."
    for n in find_numbers(text):
        assert text[n.start : n.end].strip() == text[n.start : n.end]
        assert n.end > n.start
