"""Numbers in each language's own forms, and in English the invisible characters inside them."""

from __future__ import annotations

import pytest

from tally.extract.numbers import find_numbers
from tally.lang import load


@pytest.mark.parametrize(
    ("language", "text", "value", "high"),
    [
        ("de", "1.275 Menschen", 1275, None),
        ("fr", "5 300 morts", 5300, None),
        ("fr", "5\u00a0300 morts", 5300, None),
        ("fr", "43\u202f059 personnes", 43059, None),
        ("fr", "Quatre-vingt-quatre personnes", 84, None),
        ("fr", "une cinquantaine d'enfants", 50, None),
        ("es", "2,5 millones de personas", 2_500_000, None),
        ("es", "medio millar de personas", 500, None),
        ("es", "entre 80 y 100 personas", 80, 100),
        ("pt", "117 mil pessoas", 117_000, None),
        ("ru", "1,2 млн человек", 1_200_000, None),
        ("ru", "около сорока человек", 40, None),
        ("uk", "22 тисячі людей", 22_000, None),
        ("de", "vierundzwanzig Menschen", 24, None),
        ("ar", "١٤٢٩ شخصاً", 1429, None),
        ("ar", "١٢٬٥٠٠ شخص", 12_500, None),
        ("ar", "10 آلاف شخص", 10_000, None),
        ("ar", "بين ١٨ ألفاً و٢٠ ألفاً", 18_000, 20_000),
        ("ar", "أكثر من ألفي نازح", 2000, None),
    ],
)
def test_locale_numbers(language: str, text: str, value: int, high: int | None) -> None:
    found = list(load(language).numbers.find(text))
    assert (found[0].value, found[0].value_high) == (value, high), found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2\u200b3 people were killed", 23),
        ("1\u00a0275 people died", 1275),
        ("1\u202f275 people died", 1275),
        ("1\u2060275 were hurt", 1275),
        ("1,275 people died", 1275),
    ],
)
def test_english_invisible_separators(text: str, value: int) -> None:
    assert next(find_numbers(text)).value == value
