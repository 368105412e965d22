"""Plain-text articles: stored unchanged, metadata read from the top, furniture marked."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.ingest.text import find_date, furniture_spans, parse_text, read_metadata
from tally.models import Source

ARTICLE = """\
HOME | WORLD | REGION | BUSINESS | SPORT

River Daily | Monday 3 March 2025

Floods kill 27 in valley towns

By Lena Okafor, Riverton
Monday 3 March 2025, 09:15 GMT

Floods swept through three valley towns overnight, killing 27 people, officials said.

Recommended

Rescue teams were still searching for survivors on Monday afternoon.

----
RELATED STORIES
- Landslide kills 300 in the hills
- 1.5 million displaced by drought, says agency

Sign up for our morning newsletter.
"""


def test_text_is_stored_unchanged_and_metadata_read() -> None:
    doc = parse_text(ARTICLE, Source(name="a.txt", path="a.txt"))
    assert doc.text == ARTICLE
    assert doc.published == "2025-03-03"
    assert doc.byline == "Lena Okafor"
    assert doc.publisher == "River Daily"


def test_source_metadata_wins() -> None:
    doc = parse_text(ARTICLE, Source(name="a.txt", published="2025-03-04", publisher="Wire"))
    assert (doc.published, doc.publisher) == ("2025-03-04", "Wire")


def test_furniture_is_marked_and_its_numbers_are_not_figures() -> None:
    doc = parse_text(ARTICLE, Source(name="a.txt"))
    marked = [ARTICLE[s.start : s.end] for s in doc.furniture]
    assert any("HOME | WORLD" in m for m in marked)
    assert any("Landslide kills 300" in m for m in marked)
    assert any("Sign up" in m for m in marked)
    assert not any("Rescue teams were still searching" in m for m in marked)
    assert not any("killing 27 people" in m for m in marked)
    values = {f.value for f in extract(doc)}
    assert 27 in values
    assert 300 not in values and 1_500_000 not in values


@pytest.mark.parametrize(
    ("line", "is_furniture"),
    [
        ("Most read", True),
        ("MORE ON THIS STORY", True),
        ("Related Harbour Post stories:", True),
        ("Also in the Briefing:", True),
        ("Also in attendance were the mayor and two council members.", False),
        ("Related: Quake toll passes 200 | Aid arrives in the north", True),
        ("Read next: Floods kill 12 in the delta", True),
        ("Newsletter: Sign up for the Evening Brief", True),
        ("We use cookies to improve your experience. Accept all", True),
        ("-- Advertisement --", True),
        ("Close Get email notifications on Dana R. Whitcombe daily!", True),
        (
            "Whenever Dana R. Whitcombe posts new content, you'll get an email delivered to your "
            "inbox with a link.",
            True,
        ),
        (
            "Email notifications are only sent once a day, and only if there are new matching "
            "items.",
            True,
        ),
        ("There was a problem saving your notification.", True),
        (
            "Photo: Staff Video Image 1 of / 3 Caption Close Image 1 of 3 A man was shot outside "
            "a store in the 400 block of Kell Lane on Monday. Back to Gallery",
            True,
        ),
        ("Image 2 of 3 Deputies said the woman was hit in the arm and taken to a hospital.", True),
        ("The second of 3 victims, a woman, was hit in the arm, deputies said.", False),
        ("The gunman sent an email to the victim's inbox hours before he was shot.", False),
        ("==========", True),
        (
            "Winter Storm Watch issued March 3 at 4:12PM CST expiring March 5 at 6:00AM CST in "
            "effect for: Dane, Iowa",
            True,
        ),
        ("A flood warning was issued on Monday after the river rose, officials said.", False),
        ("The army said 14 soldiers were killed in the ambush.", False),
        ("Residents said the water rose within minutes.", False),
    ],
)
def test_furniture_lines(line: str, is_furniture: bool) -> None:
    text = f"Storm hits coast\n\nThe storm hit the coast on Friday.\n\n{line}\n"
    spans = furniture_spans(text)
    start = text.index(line)
    covered = any(s.start <= start and start + len(line) <= s.end for s in spans)
    assert covered is is_furniture


@pytest.mark.parametrize(
    ("heading", "item"),
    [
        ("À lire aussi", "• Lyon : deux blessés par balle devant un bar"),
        ("Les plus lus", "1. Séisme : le bilan passe à 412 morts"),
        ("Meistgelesen", "1. Unwetter: mindestens 23 Tote in Tirol"),
        ("Lea también:", "- Incendio en Murcia deja 13 fallecidos"),
        ("Leia também", "- Deslizamento mata 9 pessoas em Petrópolis"),
        ("Читайте также", "- Пожар в Омске: погибли 7 человек"),
        ("Читайте також", "- Обстріл Харкова: 5 загиблих"),
        ("اقرأ أيضاً:", "- فيضانات تقتل 40 شخصا في السودان"),
        ("Related Harbour Post stories:", "- Quarry blast: 6 dead, search called off"),
        ("Also in the Briefing:", "- Ferry fire: 11 dead off the coast"),
    ],
)
def test_lists_of_other_stories_are_furniture_in_every_language(heading: str, item: str) -> None:
    text = f"Le titre\n\nDeux personnes sont mortes vendredi.\n\n---\n{heading}\n{item}\n"
    spans = furniture_spans(text)
    start = text.index(item)
    assert any(s.start <= start and start + len(item) <= s.end for s in spans)
    assert not any(s.start <= text.index("Deux") < s.end for s in spans)


def test_prose_after_a_furniture_heading_is_kept() -> None:
    text = "Explore\n\nThe ministry said the toll was expected to rise as roads reopened.\n"
    spans = furniture_spans(text)
    assert all(text[s.start : s.end] == "Explore" for s in spans)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("date 2024-02-23 It has been", "2024-02-23"),
        ("Sunday 29 November 2020, 18:40 WAT", "2020-11-29"),
        ("February 26, 2017", "2017-02-26"),
        ("Posted Thursday, Oct. 26, 2023, 1:10 a.m. ET", "2023-10-26"),
        ("Updated 1st June 2022", "2022-06-01"),
        ("no date here", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_masthead_in_capitals_becomes_a_name() -> None:
    meta = read_metadata("THE EVENING HERALD\nNews | Region\n\nHeadline here\n")
    assert meta["publisher"] == "The Evening Herald"
