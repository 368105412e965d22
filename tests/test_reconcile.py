"""Reconciliation: intervals, conflicts, best (and why), origins, timeline, totals."""

from __future__ import annotations

import math

import pytest

from tally.extract.source import is_official, source_key
from tally.models import Figure, Statement
from tally.reconcile import conflicts, interval, movement, reconcile
from tally.totals import decide, settle, totals


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
    role: str = "victim",
    quote: str | None = None,
    doc: str = "d1",
    start: int = 0,
    rule: str | None = None,
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
        role=role,  # type: ignore[arg-type]
        rule=rule,
        official=is_official(attribution),
        source_key=source_key(attribution),
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
        ([st(21), st(2, subset=True, quote="two teachers were killed")], False),  # a part
        ([st(21), st(2, quote="two teachers were killed")], True),  # unmarked: a whole count
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
        # an attacker who killed two, then himself: the extractor marks him a perpetrator
        (
            [
                st(2, quote="killed two people", rule="num.harm_before"),
                st(1, group="combatants", role="perpetrator"),
            ],
            {"killed": 3},
        ),
        (
            [
                st(1, group="women", quote="shot and killed his wife", rule="victim.object"),
                st(1, group="combatants", role="perpetrator", quote="himself"),
            ],
            {"killed": 2},
        ),
        # a plain tally may already hold the attacker ("a father and daughter found dead")
        (
            [
                st(2, quote="two people were found dead", rule="num.harm_after"),
                st(1, group="combatants", role="perpetrator", quote="turned the gun on himself"),
            ],
            {"killed": 2},
        ),
        # civilians do not hold the attackers who died
        (
            [
                st(100, "at_least", group="civilians", quote="at least 100 civilians died"),
                st(8, group="combatants", role="perpetrator", quote="eight gunmen were killed"),
            ],
            {"killed": 108},
        ),
        # attackers killed beyond a plain tally: the larger count stands
        (
            [
                st(1, quote="one soldier died", rule="num.harm_after"),
                st(9, group="combatants", role="perpetrator", quote="nine militants were killed"),
            ],
            {"killed": 9},
        ),
        # a toll of people at least the attackers' may hold them ("three dead in a murder-suicide")
        (
            [st(3, quote="3 dead in murder-suicide"), st(1, group="combatants", quote="himself")],
            {"killed": 3},
        ),
        # children and women are parts of the people killed
        ([st(613), st(106, group="women"), st(63, group="children")], {"killed": 613}),
        # parts alone bound the total from below
        ([st(19, group="children"), st(2, group="women")], {"killed": 21}),
        # troops are counted apart from the civilians killed
        ([st(170, group="civilians"), st(13, group="combatants")], {"killed": 183}),
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
        # two reports of one day disagree: the lower count (the conservative one), whatever
        # the reports are called
        ([st(5, doc="a"), st(3, doc="b")], {"killed": 3}),
        ([st(3, doc="a"), st(5, doc="b")], {"killed": 3}),
        # a later report's count stands over the earlier one's
        ([st(5, doc="a", published="2023-02-01"), st(3, doc="b")], {"killed": 5}),
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
        # "a girl was shot" in the first report, "the girl has died" in the next: one victim
        (
            [
                st(1, category="injured", quote="a girl was shot", doc="a", published="2016-03-01"),
                st(1, quote="the girl has died", doc="b", published="2016-03-02"),
            ],
            {"injured": 0, "killed": 1},
        ),
        # two shot, then both dead, the same day
        (
            [
                st(2, category="injured", quote="two men were shot", doc="a"),
                st(2, quote="both men died", doc="b"),
            ],
            {"injured": 0, "killed": 2},
        ),
        # a later report of the survivor is not a report of the dead
        (
            [
                st(1, quote="a man was killed", doc="a", published="2016-03-01"),
                st(
                    1, category="injured", quote="a woman was hurt", doc="b", published="2016-03-02"
                ),
            ],
            {"injured": 1, "killed": 1},
        ),
        # 120 injured early in a disaster are not the 404 dead counted later
        (
            [
                st(120, category="injured", doc="a", published="2024-07-30"),
                st(23, doc="a", published="2024-07-30", start=20),
                st(404, doc="b", published="2024-08-06"),
            ],
            {"injured": 120, "killed": 404},
        ),
        # a report counting the dead and the injured together keeps its injured
        (
            [
                st(1, category="injured", quote="a boy was shot", doc="a"),
                st(1, quote="one man died", doc="b"),
                st(1, category="injured", quote="a boy was wounded", doc="b", start=20),
            ],
            {"injured": 1, "killed": 1},
        ),
    ],
)
def test_totals_across_reports_and_wording(
    statements: list[Statement], expected: dict[str, int]
) -> None:
    assert totals(reconcile(statements)) == expected


@pytest.mark.parametrize(
    ("statements", "low", "kind"),
    [
        # a toll raised by later reports: the early counts are history, not the low
        (
            [
                st(1, "at_least", published="2024-07-30", start=1),
                st(23, published="2024-07-30", start=9),
                st(167, published="2024-08-01", start=17),
                st(404, published="2024-08-06", start=25),
            ],
            404,
            "revision",
        ),
        # sources still disagree after the latest revision
        (
            [
                st(62, published="2022-11-21", start=1),
                st(268, published="2022-11-22", start=9),
                st(272, published="2022-11-22", start=17),
            ],
            268,
            "dispute",
        ),
        # a later, lower count does not supersede the earlier one: both stand
        (
            [st(116, published="2017-02-26"), st(106, published="2024-02-23", start=9)],
            106,
            "dispute",
        ),
        ([st(613), st(600, "more_than", start=9)], 600, None),
    ],
)
def test_superseded_counts_do_not_set_low(
    statements: list[Statement], low: int, kind: str | None
) -> None:
    (row,) = reconcile(statements)
    assert row.low == low
    assert row.conflict_kind == kind
    assert row.conflict is (kind is not None)
    gone = {s.figure.value for s in row.statements if s.figure.key in row.superseded}
    assert all(v < low for v in gone)
    if gone:
        assert "raised by later reports" in row.why


def test_timeline_shows_each_count_as_stated() -> None:
    (row,) = reconcile(
        [
            st(613, published="2017-02-26"),
            st(100, "multiples", published="2020-02-26"),
            st(613, published="2024-02-23"),
        ]
    )
    assert movement(row.timeline) == "613 → hundreds → 613"
    assert [t[1] for t in row.timeline] == [613, 200, 613]  # the interval, for reasoning


@pytest.mark.parametrize(
    ("statements", "best", "terms"),
    [
        # the widest group's best; its parts are inside it
        ([st(21, start=1), st(19, group="children", start=9)], 21, ["people"]),
        # civilians and troops are disjoint: summed, each term shown
        (
            [st(170, group="civilians", start=1), st(13, group="combatants", start=9)],
            183,
            ["civilians", "combatants"],
        ),
        # perpetrators who died are added to the victims of their deed
        (
            [
                st(2, start=1, quote="killed two people", rule="num.harm_before"),
                st(1, group="combatants", role="perpetrator", start=9),
            ],
            3,
            ["people", "perpetrators"],
        ),
    ],
)
def test_total_is_a_decision_with_its_terms(
    statements: list[Statement], best: int, terms: list[str]
) -> None:
    total = decide(reconcile(statements))["killed"]
    assert total.best == best
    assert [t.label.split()[0] for t in total.terms] == terms
    assert all(f"{t.value:,}" in total.why for t in total.terms)


def test_a_count_above_the_agreed_total_is_set_aside() -> None:
    """Three reports give one dead; a fourth's city-wide count joins neither total nor rows."""
    stmts = [
        st(1, doc=f"d{i}", publisher=f"P{i}", published="2016-05-0" + str(i)) for i in (1, 2, 3)
    ]
    stmts.append(st(600, doc="d4", publisher="P4", published="2016-05-09", quote="600 killed"))
    tot, rows = settle(reconcile(stmts))
    assert tot["killed"].best == 1
    assert [s.figure.value for s in tot["killed"].set_aside] == [600]
    assert all(r.low is not None and r.low <= 1 for r in rows)
    assert "set aside" in tot["killed"].why


@pytest.mark.parametrize(
    "statements",
    [
        [st(2, quote="two teachers", start=1), st(19, group="children", start=9)],
        [
            st(5, published="2020-01-01"),
            st(9, published="2020-01-02", doc="d2"),
            st(1, group="men", doc="d2", start=30),
        ],
        [st(3, doc="a"), st(1, group="combatants", doc="a", start=9), st(3, doc="b")],
    ],
)
def test_totals_agree_with_their_rows(statements: list[Statement]) -> None:
    """The spec's check: no lower than any row's low, no higher than the rows' highs."""
    tot, rows = settle(reconcile(statements))
    for cat, t in tot.items():
        mine = [r for r in rows if r.category == cat]
        assert max(r.low or 0 for r in mine) <= t.best <= sum(r.high or 0 for r in mine)
        assert t.low <= t.best <= t.high


@pytest.mark.parametrize(
    ("sentence", "subset"),
    [
        ("The gunman killed 19 children and two teachers at the school.", True),
        ("Two teachers were killed in the ambush on Tuesday.", True),
        ("Five people were killed in the ambush on Tuesday.", False),
    ],
)
def test_a_count_of_a_role_is_marked_a_part_by_the_extractor(sentence: str, subset: bool) -> None:
    """Reconciliation reads `subset`; the extractor decides it (a role count is a part)."""
    from tally.extract import extract
    from tally.models import Document, text_hash

    doc = Document(id=text_hash(sentence), text=sentence, kind="text", name="t.txt")
    figs = [f for f in extract(doc) if f.group == "people" and f.category == "killed"]
    assert figs and all(f.subset is subset for f in figs)
