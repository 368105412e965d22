"""Nodes: the form in which linking compares the proper names of two reports."""

from __future__ import annotations

import pytest

from tally.link.across import link_across
from tally.link.nodes import word_form
from tally.models import LocalIncident
from tests.link.test_evidence import marlow_report


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("elmwood st", "elmwood street"),
        ("elmwood st.", "elmwood street"),
        ("north elmwood street", "elmwood street"),
        ("n. quarry rd", "quarry road"),
        ("larchmont ct", "larchmont court"),
        ("quarry road tuesday", "quarry road"),
        ("elmwood avenue october", "elmwood avenue"),
        ("easter sunday", "easter sunday"),  # a name's day is its own
        ("fenwick plaza saturday", "fenwick plaza saturday"),  # no street
        ("north street", "north street"),  # the compass word is the street's name
        ("south side", "south side"),  # no street
        ("dana may", "dana may"),  # "may" ends names
        ("st", "st"),
    ],
)
def test_word_form(word: str, form: str) -> None:
    assert word_form(word) == form


def _report(doc: str, street: str) -> LocalIncident:
    return marlow_report(doc, "2019-05-04", 21000, f"w:{street}", published=None)


@pytest.mark.parametrize(
    ("a", "b", "linked"),
    [
        ("elmwood st", "north elmwood street", True),
        ("quarry road monday", "quarry rd", True),
        ("elmwood st", "quarry road", False),
    ],
)
def test_one_street_spelled_two_ways_links(a: str, b: str, linked: bool) -> None:
    _, mapping = link_across([_report("a", a), _report("b", b)])
    assert (mapping[("a", "main")] == mapping[("b", "main")]) is linked
