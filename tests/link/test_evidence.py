"""Evidence: reports of one town's event on one day, and a small event's follow-up."""

from __future__ import annotations

import dataclasses

import pytest

from tally.link.across import link_across
from tally.link.evidence import full_name
from tally.models import LocalIncident


def marlow_report(doc: str, date: str, pop: int, *cues: str, **kw: object) -> LocalIncident:
    """A shooting report placed in Marlow, Ohio, of a town of `pop`, with its extra cues."""
    fields: dict = dict(
        doc_id=doc,
        key="main",
        type="shooting",
        date=date,
        date_prec=1,
        place="Marlow",
        admin1="Ohio",
        country="US",
        lat=40.1,
        lon=-82.9,
        where_prec=1,
        published=date,
        cues=("place:marlow", "geo:US:Ohio:marlow", f"pop:{pop}", *cues),
    )
    fields.update(kw)
    return LocalIncident(**fields)


FILLER = [
    LocalIncident(
        doc_id=f"z{k}",
        key="main",
        type="shooting",
        date=f"201{k % 10}-0{1 + k % 9}-1{k % 10}",
        date_prec=1,
        place=f"Town{k}",
        country="US",
        cues=(f"place:town{k}", "fig:killed:people:1", "fig:injured:people:1"),
    )
    for k in range(12)
]
"""Reports elsewhere that make the counts common: a count alone identifies no event."""


def _linked(a: LocalIncident, b: LocalIncident) -> bool:
    _, mapping = link_across([a, b, *FILLER])
    return mapping[(a.doc_id, "main")] == mapping[(b.doc_id, "main")]


@pytest.mark.parametrize(
    ("pop", "second", "linked"),
    [
        (21_000, dict(), True),  # a town, one day, one count
        (900_000, dict(), False),  # a big city has several such events a day
        (21_000, dict(date="2019-05-05", published="2019-05-05"), False),  # not the same day
        # another count of the town's one shooting that day: one found dead, two hurt
        (21_000, dict(cues=("place:marlow", "pop:21000", "fig:injured:people:2")), True),
        (21_000, dict(type="fire"), False),
    ],
)
def test_same_town_day_and_count(pop: int, second: dict, linked: bool) -> None:
    """Two reports of one specific type, town and day are one event, whatever counts they
    give: a town that is no big city seldom has two such events in a day."""
    a = marlow_report("a", "2019-05-04", pop, "fig:killed:people:1")
    b = marlow_report("b", "2019-05-04", pop, "fig:killed:people:1")
    b = dataclasses.replace(b, **second)
    assert _linked(a, b) is linked


@pytest.mark.parametrize(
    ("cues_b", "linked"),
    [
        (("w:dana okafor", "fig:injured:people:2"), False),  # each names its own victim
        (("w:dana okafor", "fig:killed:people:1"), True),  # the same count: one event
        (("w:tamsin holloway", "fig:injured:people:2"), True),  # the same victim named
        (("fig:injured:people:2",), True),  # one report names no one
    ],
)
def test_same_town_and_day_with_other_people_named(cues_b: tuple[str, ...], linked: bool) -> None:
    """Reports of one town and day giving other counts, each naming people the other does
    not, are two events; a shared count or a shared name makes them one."""
    a = marlow_report("a", "2019-05-04", 21_000, "w:tamsin holloway", "fig:killed:people:1")
    b = marlow_report("b", "2019-05-04", 21_000, *cues_b)
    assert _linked(a, b) is linked


def test_same_town_day_and_count_on_two_streets_stay_apart() -> None:
    a = marlow_report("a", "2019-05-04", 21_000, "fig:injured:people:1", "w:quarry road")
    b = marlow_report("b", "2019-05-04", 21_000, "fig:injured:people:1", "w:elmwood street")
    assert not _linked(a, b)


FOLLOW = ("fig:killed:people:1", "w:dana orrin", "w:terrell vasquez", "w:fenwick")


@pytest.mark.parametrize(
    ("later", "cues", "linked"),
    [
        ("2019-05-30", FOLLOW, True),  # weeks later: victim and suspect named again
        ("2019-09-30", FOLLOW, False),  # months later
        ("2019-05-30", FOLLOW[:3], False),  # two names only
        ("2019-05-30", ("fig:killed:people:2", *FOLLOW[1:]), False),  # another count
        (
            "2019-05-30",
            ("fig:killed:people:1", "w:dana orrin", "w:marlow county hospital", "w:fenwick"),
            False,
        ),  # a hospital is no person
    ],
)
def test_small_event_followed_up(later: str, cues: tuple[str, ...], linked: bool) -> None:
    a = marlow_report("a", "2019-05-04", 21_000, *FOLLOW)
    b = marlow_report("b", later, 21_000, *cues)
    assert _linked(a, b) is linked


@pytest.mark.parametrize(
    ("word", "person"),
    [
        ("dana orrin", True),
        ("dana lee orrin", True),
        ("orrin", False),
        ("marlow county hospital", False),
        ("sgt dana orrin", False),
        ("easter sunday", False),
        ("quarry road", False),
        ("fenwick high school", False),
    ],
)
def testfull_name(word: str, person: bool) -> None:
    assert full_name(word) is person
