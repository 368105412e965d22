"""Who a figure's source is (its key, whether official): one decider, from the attribution, per language."""

from __future__ import annotations

import pytest

from tally.extract.dispatch import extract
from tally.extract.source import is_official, source_key
from tally.models import Document, text_hash


@pytest.mark.parametrize(
    ("attribution", "language", "official"),
    [
        ("police", "en", True),
        ("a police spokeswoman", "en", True),
        ("the provincial governor", "en", True),
        ("hospital officials", "en", True),
        ("the health ministry", "en", True),
        ("the UN", "en", True),
        ("residents", "en", False),
        ("a witness who asked not to be named", "en", False),
        ("The Associated Press", "en", False),
        ("a relative", "en", False),
        (None, "en", False),
        ("la préfecture", "fr", True),
        ("les pompiers", "fr", True),
        ("des habitants", "fr", False),
        ("die Polizei", "de", True),
        ("Augenzeugen", "de", False),
        ("la Policía Nacional", "es", True),
        ("vecinos", "es", False),
        ("o Ministério da Saúde", "pt", True),
        ("МЧС", "ru", True),
        ("очевидцы", "ru", False),
        ("Нацполіція", "uk", True),
        ("وزارة الصحة", "ar", True),
        ("شهود عيان", "ar", False),
        ("the police", "it", True),  # a language without data is read with the English words
    ],
)
def test_an_authority_is_official_in_each_language(
    attribution: str | None, language: str, official: bool
) -> None:
    assert is_official(attribution, language) is official


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "A bomb killed 12 people at a market on Friday, police said. Residents said at least "
            "20 people were killed.",
            {12: True, 20: False},
        ),
        (
            "fr",
            "L'explosion a fait 12 morts samedi, selon la préfecture. Des habitants parlent de "
            "20 morts.",
            {12: True},
        ),
    ],
)
def test_extraction_marks_the_figures_an_authority_gives(
    language: str, text: str, expected: dict[int, bool]
) -> None:
    doc = Document(id=text_hash(text), text=text, kind="text", name="t", language=language)
    found = {f.value: f.official for f in extract(doc) if f.category == "killed"}
    assert {v: found.get(v) for v in expected} == expected


@pytest.mark.parametrize(
    ("attribution", "language", "key"),
    [
        ("Azerbaijani authorities", "en", "azerbaijani"),
        ("Azerbaijani figures", "en", "azerbaijani"),
        ("the local health ministry", "en", "health ministry"),
        ("Health Ministry officials", "en", "health ministry"),
        (
            "the Sacramento County Sheriff’s Department",
            "en",
            "county department s sacramento sheriff",
        ),
        ("Médecins Sans Frontières", "en", "frontières médecins sans"),
        ("officials", "en", None),
        (None, "en", None),
        ("le ministère de l'Intérieur", "fr", "intérieur ministère"),
        ("selon les autorités", "fr", None),
        ("die Behörden", "de", None),
        ("la Fiscalía de París", "es", "fiscalía parís"),
        ("региональное управление МЧС", "ru", "мчс региональное управление"),
        ("Слідчий комітет", "uk", "комітет слідчий"),
        ("وزارة الداخلية", "ar", "الداخلية وزارة"),
        ("السلطات", "ar", None),
    ],
)
def test_a_source_is_known_by_its_words_in_each_language(
    attribution: str | None, language: str, key: str | None
) -> None:
    assert source_key(attribution, language) == key


def test_extraction_gives_each_figure_its_source_key() -> None:
    text = (
        "Le séisme a fait 40 morts, selon le ministère de l'Intérieur. La Croix-Rouge "
        "fait état de 52 morts."
    )
    doc = Document(id=text_hash(text), text=text, kind="text", name="t", language="fr")
    keys = {f.value: f.source_key for f in extract(doc) if f.category == "killed"}
    assert keys[40] == "intérieur ministère"
