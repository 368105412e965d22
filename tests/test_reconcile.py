"""Reconciliation: intervals, conflicts, best (and why), origins, timeline, totals."""

from __future__ import annotations

import math

import pytest

from tally.models import Figure, Statement
from tally.reconcile import conflicts, interval, movement, reconcile, totals


def st(
    value: int,
    qualifier: str = "exact",
    *,
    high: int | None = None,
    published: str | None = "2023-01-31",
    attribution: str | None = None,
    publisher: str | None = "Outlet",
    category: str = "killed",
    group: str = "people",
    subset: bool = False,
    quote: str | None = None,
    doc: str = "d1",
    start: int = 0,
) -> Statement:
    fig = Figure(
        doc_id=doc,
        category=category,
        group=group,
        value=value,
        value_high=high,
        qualifier=qualifier,
        attribution=attribution,
        quote=quote or f"{value} killed",
        start=start,
        end=start + 5,
        subset=subset,
    )
    return Statement(figure=fig, published=published, publisher=publisher, doc_name=doc)


@pytest.mark.parametrize(
    ("qualifier", "value", "high", "expected"),
    [
        ("exact", 613, None, (613, 613)),
        ("at_least", 16, None, (16, math.inf)),
        ("more_than", 600, None, (601, math.inf)),
        ("at_most", 100, None, (0, 100)),
        ("fewer_than", 10, None, (0, 9)),
        ("about", 160, None, (144, 176)),
        ("range", 120, 140, (120, 140)),
        ("multiples", 12, None, (24, math.inf)),
        ("multiples", 1000, None, (2000, math.inf)),
    ],
)
def test_interval(qualifier: str, value: int, high: int | None, expected: tuple) -> None:
    assert interval(qualifier, value, high) == expected


@pytest.mark.parametrize(
    ("statements", "conflict"),
    [
        ([st(613), st(600, "more_than"), st(100, "multiples")], False),  # "over 600", "hundreds"
        ([st(487), st(1000, "multiples")], True),  # "thousands" beside 487
        ([st(106), st(116)], True),
        ([st(69, published="2023-01-30"), st(81, published="2023-01-31")], True),  # a rising toll
        ([st(16, "at_least"), st(18)], False),
        ([st(12, "multiples"), st(13)], True),  # "dozens" wounded vs 13
        ([st(10, "at_most"), st(10)], False),
        ([st(150, "more_than"), st(200, "more_than")], False),
        ([st(42), st(43, "at_least", subset=True)], True),  # 43 buried: the total is at least 43
        ([st(21), st(5, subset=True)], False),  # a part conflicts with nothing it fits
        ([st(21), st(2, quote="two teachers were killed")], False),  # a role: a part
        ([st(40, "about"), st(12, "multiples")], False),  # "nearly 40", "dozens"
    ],
)
def test_conflict(statements: list[Statement], conflict: bool) -> None:
    assert conflicts(statements) is conflict
    (row,) = reconcile(statements)
    assert row.conflict is conflict


def test_latest_official_figure_is_best_and_why_says_so() -> None:
    rows = reconcile(
        [
            st(87, published="2023-01-30", attribution="police"),
            st(100, published="2023-02-01", attribution="a rescue official"),
            st(101, published="2023-02-04", attribution="the health department", start=50),
            st(74, published="2023-02-04", attribution="The Associated Press", start=90),
        ]
    )
    (row,) = rows
    assert row.best == 101
    assert "official" in row.why and "2023-02-04" in row.why
    assert (row.low, row.high) == (74, 101)
    assert movement(row.timeline) == "87 → 100 → 101"


@pytest.mark.parametrize(
    ("statements", "best"),
    [
        ([st(1400, "more_than"), st(1400, "more_than", publisher="Other")], 1400),
        ([st(12, "multiples")], 24),
        ([st(100, "at_most")], 100),
        ([st(5, subset=True), st(7, subset=True)], 7),
        ([st(160, "about"), st(138, published="2021-06-05")], 160),
        ([st(404, start=10), st(222, start=50), st(385, start=90)], 404),  # the lead's toll
        ([st(2, start=10), st(3, start=40, doc="d2"), st(3, start=90)], 3),  # most stated
    ],
)
def test_best(statements: list[Statement], best: int) -> None:
    (row,) = reconcile(statements)
    assert row.best == best
    assert row.why


def test_origins_count_sources_not_outlets() -> None:
    rows = reconcile(
        [
            st(613, attribution="Azerbaijani authorities", publisher="A", doc="d1"),
            st(613, attribution="Azerbaijani figures", publisher="B", doc="d2"),
            st(613, publisher="C", doc="d3"),
        ]
    )
    (row,) = rows
    assert (row.documents, row.origins) == (3, 2)


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        # an attacker who killed two, then himself
        ([st(2, quote="killed two people"), st(1, group="combatants")], {"killed": 3}),
        # a plain tally of the dead counts the attacker too
        (
            [st(3, quote="3 dead in murder-suicide"), st(1, group="combatants", quote="himself")],
            {"killed": 3},
        ),
        # children and women are parts of the people killed
        ([st(613), st(106, group="women"), st(63, group="children")], {"killed": 613}),
        # parts alone bound the total from below
        ([st(19, group="children"), st(2, group="women")], {"killed": 21}),
        # troops are counted apart from the Afghans killed
        ([st(170, quote="killed 170 Afghans"), st(13, group="combatants")], {"killed": 183}),
        ([st(110, group="civilians"), st(42)], {"killed": 110}),
        # a part of the combatants does not add
        ([st(20), st(5, group="combatants", subset=True)], {"killed": 20}),
        ([st(3, category="injured"), st(1)], {"injured": 3, "killed": 1}),
    ],
)
def test_totals(statements: list[Statement], expected: dict[str, int]) -> None:
    assert totals(reconcile(statements)) == expected


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        # one victim described as "a boy" in one report and "his brother" in another
        (
            [
                st(1, group="children", doc="a", published="2015-05-16"),
                st(1, group="men", doc="b", published="2015-05-17"),
            ],
            {"killed": 1},
        ),
        # each report's own total, then the one most reports give
        (
            [
                st(2, doc="a"),
                st(1, group="combatants", doc="a", start=9),
                st(3, doc="b"),
                st(3, doc="c"),
            ],
            {"killed": 3},
        ),
        # a stated total beats the sum of overlapping parts
        ([st(2), st(2, group="men"), st(2, group="children")], {"killed": 2}),
        # the wounded and the dead are counted apart
        (
            [
                st(5, category="injured", quote="five people were wounded"),
                st(1, quote="one died", start=30),
            ],
            {"injured": 5, "killed": 1},
        ),
    ],
)
def test_totals_across_reports_and_wording(
    statements: list[Statement], expected: dict[str, int]
) -> None:
    assert totals(reconcile(statements)) == expected
