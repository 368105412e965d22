"""The headline and the lead: from the story's dateline, not the page above it."""

from __future__ import annotations

import pytest

from tally.link.text import lead, sentences
from tally.link.within import link_within
from tally.models import Document, text_hash

CAPTION = (
    "file photo 1995: A guard is shot dead outside a Tulsa, Oklahoma, clinic. The gunman was "
    "convicted two years later and sentenced to life in prison in May 1997."
)
STORY = (
    "FRESNO, Calif. - A 20-year-old man has been charged in a shooting that wounded a "
    "teenager outside a Fresno market on Saturday.\n\n"
    "Deputies said the 15-year-old was hit in the leg and is expected to recover after "
    "treatment at a local hospital."
)


def _doc(text: str) -> Document:
    return Document(
        id=text_hash(text), text=text, kind="text", name="a.txt", published="2019-03-18"
    )


@pytest.mark.parametrize(
    ("above", "opens"),
    [
        (f"{CAPTION}\n\n{CAPTION}\n\n", "FRESNO, Calif. - A 20-year-old"),  # a gallery's captions
        ("Watch the video of the scene outside the Fresno market on Saturday night here\n\n",
         "FRESNO, Calif. - A 20-year-old"),
        ("", "FRESNO, Calif. - A 20-year-old"),
    ],
)  # fmt: skip
def test_the_lead_starts_at_the_dateline(above: str, opens: str) -> None:
    text = f"Man charged in Fresno market shooting\n\n{above}{STORY}\n"
    headline, first = lead(_doc(text), sentences(_doc(text)))
    assert headline == "Man charged in Fresno market shooting"
    assert first[0].text.startswith(opens)
    assert not any("Tulsa" in s.text for s in first)


@pytest.mark.parametrize(
    "opening",
    [
        "UPDATE: A 20-year-old man has been charged in a shooting that wounded a teenager.",
        "A 20-year-old man has been charged in a shooting that wounded a teenager, police said.",
    ],
)
def test_without_a_dateline_the_lead_is_the_first_long_sentences(opening: str) -> None:
    text = f"Man charged in market shooting\n\n{CAPTION}\n\n{opening}\n"
    _, first = lead(_doc(text), sentences(_doc(text)))
    assert first[0].text.startswith("file photo 1995")


def test_the_main_incident_is_the_datelined_story_not_the_caption() -> None:
    text = f"Man charged in Fresno market shooting\n\n{CAPTION}\n\n{CAPTION}\n\n{STORY}\n"
    _, local = link_within(_doc(text), [])
    main = next(li for li in local if li.key == "main")
    assert main.place == "Fresno"
    assert not (main.date or "").startswith(("1995", "1997"))
