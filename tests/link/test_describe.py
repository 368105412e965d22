"""The main incident's description: which proper names identify an event and which name actors."""

from __future__ import annotations

import pytest

from tally.link.describe import is_actor, proper_words


@pytest.mark.parametrize(
    ("word", "actor"),
    [
        ("sudan liberation army", True),
        ("syrian security forces", True),
        ("the local coordination committees", True),
        ("lieutenant paddy ankunda", True),
        ("president laurent gbagbo", True),
        ("grenfell tower", False),
        ("abbey gate", False),
        ("taftanaz", False),
    ],
)
def test_actors_are_groups_forces_and_officials(word: str, actor: bool) -> None:
    assert is_actor(word) is actor


def test_a_name_the_text_calls_a_militia_is_an_actor_wherever_named() -> None:
    text = (
        "Witnesses said Janjaweed militia burned the village of Tawila on Sunday. "
        "Survivors fled as the Janjaweed rode in on camels, the mayor of Tawila said."
    )
    words = proper_words(text)
    assert "janjaweed militia" in words and "janjaweed" not in words
    assert is_actor("janjaweed militia")
