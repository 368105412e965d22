"""Attribution: who the text says a figure comes from, in its own words."""

from __future__ import annotations

import pytest

from tally.extract.figures import extract_numeric
from tally.models import Document, text_hash


def _attributions(text: str) -> dict[int, str | None]:
    doc = Document(id=text_hash(text), text=text, kind="text", name="t.txt")
    return {f.value: f.attribution for f in extract_numeric(doc)}


@pytest.mark.parametrize(
    ("text", "value", "source"),
    [
        (
            "The blast killed 19 people, according to provincial health officials.",
            19,
            "provincial health officials",
        ),
        ("According to the Red Crescent, 52 people were injured.", 52, "the Red Crescent"),
        ("The regional governor said 31 people had died.", 31, "The regional governor"),
        (
            "At least 14 people were killed, the interior ministry said.",
            14,
            "the interior ministry",
        ),
        (
            "At least 14 people were killed, said Amina Yusuf, a local councillor.",
            14,
            "Amina Yusuf",
        ),
        (
            "Fire chief Dana Holt told reporters that 9 firefighters were hurt.",
            9,
            "Fire chief Dana Holt",
        ),
        ("Local sources put the toll at 75.", 75, "Local sources"),
        ("The storm, the strongest ever recorded there, killed 61 people.", 61, None),
        ("The coast guard recorded 17 deaths.", 17, "The coast guard"),
        (
            "Mayor Ortiz visited the site on Monday. He said 23 people were still missing.",
            23,
            "Mayor Ortiz",
        ),
        (
            "Farid Haidari, a spokesman for the provincial police, said 6 officers were wounded.",
            6,
            "Farid Haidari, a spokesman for the provincial police",
        ),
        ("The toll had been put at 288 on Friday.", 288, None),
        ("The earthquake killed 84 people in the valley.", 84, None),
        (
            "The storm killed 40 people, according to figures released by the weather service.",
            40,
            "the weather service",
        ),
        (
            "The agency put the number of injured at 610 and said 9,300 people had been evacuated.",
            9300,
            "The agency",
        ),
        (
            "Hospital officials, who treated 45 of the wounded, said the toll could rise.",
            45,
            None,
        ),
        ('"Thirty people died," the mayor said.', 30, "the mayor"),
        (
            "Officials said the dead were 10 Marines, correcting earlier reports that 12 Marines had died.",
            12,
            "earlier reports",
        ),
        ("Local reports said eight other people were feared abducted.", 8, "Local reports"),
        ("At least 19 people were killed, according to a tally by AFP.", 19, "AFP"),
        ("The Red Cross said in a statement that 1,200 families had fled.", 1200, "The Red Cross"),
        ("In a statement, the army said it had killed 25 militants.", 25, "the army"),
        ("The group, which has claimed the attack, said 8 of its members died.", 8, "The group"),
        (
            "Witnesses said at least 50 people were killed, but officials put the toll at 12.",
            12,
            "officials",
        ),
        ("Twelve people were killed in the attack, which the Taliban claimed.", 12, None),
        (
            "The army put the toll at 35, well above the official tally of 167 given on Monday.",
            167,
            "the official tally",
        ),
        (
            "The toll rose to 170, according to figures reported by the BBC, up from 90 a day earlier.",
            90,
            None,
        ),
    ],
)
def test_attribution(text: str, value: int, source: str | None) -> None:
    got = _attributions(text)
    assert value in got
    assert got[value] == source


def test_a_repeat_takes_the_source_given_anywhere() -> None:
    text = (
        "Flood kills 63 in river valley\n\n"
        "The flood killed 63 people, the disaster agency said on Tuesday."
    )
    doc = Document(id=text_hash(text), text=text, kind="text", name="t.txt")
    sources = {f.attribution for f in extract_numeric(doc) if f.value == 63}
    assert sources == {"the disaster agency"}
