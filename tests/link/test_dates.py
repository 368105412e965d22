"""Dates resolved against the publication date, with UCDP's precision codes."""

from __future__ import annotations

import pytest

from tally.link.dates import find_dates


@pytest.mark.parametrize(
    ("text", "published", "iso", "prec"),
    [
        ("during the night of 25–26 February 1992", "2024-02-23", "1992-02-25/1992-02-26", 2),
        ("Gunmen opened fire on Tuesday, police said.", "2022-05-26", "2022-05-24", 1),
        ("The strike on Aug. 29 killed ten members of one family.", "2021-09-17", "2021-08-29", 1),
        ("The assault on 5 June began with shelling.", "2024-09-16", "2024-06-05", 1),
        ("Officials said on Sunday the toll had risen.", "2021-06-06", "2021-06-06", 1),
        ("a drone strike on their home the previous afternoon", "2021-08-30", "2021-08-29", 1),
        ("In March last year, a suicide attack on a mosque", "2023-01-31", "2022-03", 4),
        ("when Boko Haram abducted schoolgirls in April 2014", "2021-11-28", "2014-04", 4),
        ("the 2004 Beslan siege", "2020-09-01", "2004", 5),
        ("It has been 32 years since the massacre", "2024-02-23", "1992", 5),
        ("Since 2015, jihadist violence has killed more than 1,400", "2021-06-08", "2015/2021", 5),
        (
            "gunmen killed scores of residents at the weekend",
            "2021-06-08",
            "2021-06-05/2021-06-06",
            2,
        ),
        ("a shooting on May 3, 2020 left two dead", "2021-01-01", "2020-05-03", 1),
        ("Two men were shot yesterday", "2015-03-10", "2015-03-09", 1),
    ],
)
def test_first_date_resolves(text: str, published: str, iso: str, prec: int) -> None:
    found = find_dates(text, published)
    assert found, text
    assert (found[0].iso, found[0].prec) == (iso, prec)


@pytest.mark.parametrize(
    "text",
    [
        "He was 2004 metres away",  # a number, not a year: no "in", "since" or "the"
        "Police found 1,275 rounds.",
        "a 30-year-old man was shot",
    ],
)
def test_no_date(text: str) -> None:
    assert find_dates(text, "2020-01-01") == []


def test_weekday_without_publication_date_is_unresolved() -> None:
    assert find_dates("Gunmen attacked on Tuesday.", None) == []
