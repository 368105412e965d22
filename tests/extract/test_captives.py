"""Captives found dead: the count of those taken is then a count of the dead."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.models import Document


def _killed(text: str) -> list[tuple[int, str]]:
    figures = extract(Document(id="t", text=text, kind="text", name="t.txt"))
    return [(f.value, f.rule) for f in figures if f.category == "killed"]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Three surveyors were abducted near the dam. Their bodies were found the next day.", 3),
        ("Gunmen abducted six drivers at a checkpoint. Police later found their bodies.", 6),
        (
            "Bandits kidnapped two teachers. A week later the bodies of the abducted men were found.",
            2,
        ),
        ("Militants kidnapped nine truckers on the pass. They later executed all of them.", 9),
        ("Four traders were kidnapped by gunmen. The bodies of the men were later found.", 4),
        ("Two brothers were abducted at dawn. Their severed heads were found days later.", 2),
        ("Gunmen abducted three guards at the mine. Their corpses were later dumped on a road.", 3),
    ],
)
def test_captives_found_dead_are_counted_dead(text: str, killed: int) -> None:
    assert (killed, "num.captives_dead") in _killed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Rebels kidnapped 20 villagers. All were released unharmed on Monday.",
        # the dead counted by number: no second count from the captives
        "Gunmen kidnapped twelve passengers. Six of them were later killed.",
        # another paragraph, another matter
        "Gunmen kidnapped four men on Monday.\n\nIn the north, soldiers found their bodies.",
    ],
)
def test_no_death_without_the_captives_fate(text: str) -> None:
    assert all(rule != "num.captives_dead" for _, rule in _killed(text))
