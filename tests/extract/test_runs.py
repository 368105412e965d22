"""Runs of counts that make one toll (`extract.runs`): which figures are terms of one run.

Sentences written for these tests, in the register of coded event descriptions.
"""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.models import Document


def _runs(text: str) -> list[list[int]]:
    """The values of each run's terms, in text order."""
    figures = extract(Document(id="t", text=text, kind="text", name="t.txt"))
    runs: dict[str, list[int]] = {}
    for f in figures:
        if f.part_of:
            runs.setdefault(f.part_of, []).append(f.value)
    return list(runs.values())


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("Nine pupils and one teacher were killed when the roof fell in.", [[9, 1]]),
        ("Two traders and nineteen border policemen died when the bus was hit.", [[2, 19]]),
        ("The blast killed 12 police recruits and four bystanders at the gate.", [[12, 4]]),
        ("Raiders killed 2 herders, 3 policemen and 5 women near the river.", [[2, 3, 5]]),
        ("The shelling left one soldier and one farmer dead.", [[1, 1]]),
        ("Gunmen opened fire, killing two guards and two drivers.", [[2, 2]]),
        ("A judge was shot dead along with two guards outside the court.", [[1, 2]]),
        # a short phrase of the first count's noun before the joining word
        ("One soldier from the reserve and four members of the gang were killed.", [[1, 4]]),
        ("Two officers of the traffic police and three hawkers were injured.", [[2, 3]]),
    ],
)
def test_counts_joined_under_one_harm_are_one_run(text: str, runs: list[list[int]]) -> None:
    assert _runs(text) == runs


@pytest.mark.parametrize(
    "text",
    [
        # each count has its own predicate: two clauses, two harms
        "Three people were killed and eight others, among them a child, were hurt.",
        "Two policemen died, and forty people were wounded in the blast.",
        # parts of a total stated before them
        "The bomb killed 25 people, including six soldiers and two children.",
        "Clashes killed 14 people, 9 fighters and 5 civilians, the monitor said.",
        # parts of the dead, said after them
        "Two guards and a cook were among the dead.",
        # one count only
        "Five people were killed in Kandahar on Monday.",
    ],
)
def test_counts_of_separate_clauses_or_parts_are_no_run(text: str) -> None:
    assert _runs(text) == []


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Nine herders were shot dead at the well. Two more bodies were found in the scrub.", 11),
        ("Fourteen people died in the fire. Another four died later in hospital.", 18),
        ("Police found two men killed and another two wounded in the yard.", 2),
        ("Two dead in market shooting\n\nTwo more people were shot dead in the city this week.", 2),
        # a count whose own predicate says "also", beside the victim named before it
        ("Rebels shot dead Musa Kaya, a village headman. His three guards were also killed.", 4),
        ("Gunmen killed a policeman near the bridge. Two farmers were also killed there.", 3),
    ],
)
def test_a_count_added_to_the_one_before_is_summed(text: str, killed: int) -> None:
    from tally.extract import extract
    from tally.models import Document, Statement
    from tally.reconcile import reconcile
    from tally.totals import totals

    figures = extract(Document(id="t", text=text, kind="text", name="t.txt"))
    rows = reconcile([Statement(f, "2024-05-01", None, "t.txt") for f in figures])
    assert totals(rows)["killed"] == killed
