"""What the pages show: a quote in its sentence, highlighted runs, chart data."""

from __future__ import annotations

import pytest

from tally.models import Figure, Span
from tally.web.render import chart_data, date_range, day_number, segments, sentence, short_name


def _fig(text: str, quote: str, value: int = 1) -> Figure:
    start = text.index(quote)
    return Figure(
        "d", "killed", "people", value, None, "exact", None, quote, start, start + len(quote)
    )


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            "Rain fell. A fire in Port Elvar killed 41 people, officials said. More later.",
            "killed 41 people",
            ("A fire in Port Elvar ", "killed 41 people", ", officials said."),
        ),
        (
            "Headline\nAt least 28 people were hurt.\nByline",
            "At least 28 people were hurt",
            ("", "At least 28 people were hurt", "."),
        ),
        (
            "Dr. Amal said 5 died in the U.S. Army base attack.",
            "5 died",
            ("Dr. Amal said ", "5 died", " in the U.S. Army base attack."),
        ),
        (
            'He said "12 were killed." Then he left.',
            "12 were killed",
            ('He said "', "12 were killed", '."'),
        ),
    ],
)
def test_a_quote_is_shown_in_its_sentence(text: str, quote: str, expected: tuple) -> None:
    start = text.index(quote)
    got = sentence(text, start, start + len(quote))
    assert got == expected


@pytest.mark.parametrize(
    ("marked", "shown"),
    [
        ("Lt. Col. Reyes said [9 soldiers died] at the base. The army gave no names.",
         "Lt. Col. Reyes said [9 soldiers died] at the base."),
        ("The mayor spoke. “[Twelve were killed],” she said. Police left.",
         "“[Twelve were killed],” she said."),
        ("Gov. Ali Musa visited. [At least 7 died] in St. Mary's ward. No more.",
         "[At least 7 died] in St. Mary's ward."),
        ("Flood toll\n[14 people drowned]\nBy Staff", "[14 people drowned]"),
    ],
)  # fmt: skip
def test_the_sentence_shown_is_the_extractors_sentence(marked: str, shown: str) -> None:
    text = marked.replace("[", "").replace("]", "")
    start, end = marked.index("["), marked.index("]") - 1
    before, quote, after = sentence(text, start, end)
    assert f"{before}[{quote}]{after}" == shown


def test_a_long_sentence_is_trimmed_with_an_ellipsis() -> None:
    text = "word " * 200 + "killed 3 people " + "word " * 200
    before, quote, after = sentence(text, 1000, 1016)
    assert quote == "killed 3 people " and before.startswith("…") and after.endswith("…")


def test_segments_cover_the_text_with_highlights_and_furniture() -> None:
    text = "Menu: 5 dead. A blast killed 41 people and hurt 30. Related: 9 die in crash"
    figs = [_fig(text, "killed 41 people", 41), _fig(text, "41 people", 41)]
    runs = segments(text, figs, [Span(0, 13), Span(text.index("Related"), len(text))])
    assert "".join(r.text for r in runs) == text
    marked = [r for r in runs if r.figures]
    assert [(r.text, len(r.figures), r.anchor) for r in marked] == [("killed 41 people", 2, True)]
    assert [r.text for r in runs if r.furniture] == ["Menu: 5 dead.", "Related: 9 die in crash"]


@pytest.mark.parametrize(
    ("iso", "days"),
    [
        ("1970-01-02", 1),
        ("1992-02", 8066),
        ("1992", 8035),
        ("1992-02-25/1992-02-26", 8090),
        ("", None),
        ("sometime", None),
    ],
)
def test_day_numbers_for_the_chart_axis(iso: str, days: int | None) -> None:
    assert day_number(iso) == days


def test_chart_data_puts_conflicts_first_and_groups_by_source() -> None:
    rows = [
        {
            "category": "injured",
            "group": "people",
            "conflict": False,
            "statements": [{"value": 3, "published": "2024-01-01", "publisher": "A"}],
        },
        {
            "category": "killed",
            "group": "women",
            "conflict": True,
            "statements": [
                {"value": 106, "published": "2024-02-23", "doc": "/x/000.txt"},
                {"value": 116, "published": "2017-02-26", "publisher": "TRT World"},
                {"value": 110, "published": None, "publisher": "TRT World"},
            ],
        },
    ]
    charts = chart_data(rows)
    assert [c["title"] for c in charts] == ["killed / women", "injured / people"]
    assert [s["label"] for s in charts[0]["series"]] == ["000.txt", "TRT World"]
    assert charts[0]["undated"] == 1


def test_names_and_date_ranges_read_well() -> None:
    assert short_name("/work/shared/corpus/seeds/000.txt") == "000.txt"
    assert short_name("https://example.org/news/story/") == "story"
    assert date_range("1992-02-25/1992-02-26") == "1992-02-25 – 1992-02-26"
