"""English words several stages read (number words, weekdays, months), from the data files
`lang/en/numbers.toml` and `lang/en/calendar.toml`, and the CLI's plurals."""

from __future__ import annotations

import tomllib
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "lang" / "en"


def _table(data: dict[str, list[str]]) -> dict[str, int]:
    """A `value = [forms]` table of a data file as form -> value, in the file's order."""
    return {form: int(value) for value, forms in data.items() for form in forms}


_NUMBERS = tomllib.loads((_DATA / "numbers.toml").read_text(encoding="utf-8"))
_CALENDAR = tomllib.loads((_DATA / "calendar.toml").read_text(encoding="utf-8"))

NUMBER_WORDS: dict[str, int] = {w: v for w, v in _table(_NUMBERS["words"]).items() if v < 20}
"""Number words below twenty, with their values."""
TENS: dict[str, int] = {w: v for w, v in _table(_NUMBERS["words"]).items() if v >= 20}
"""The tens from twenty to ninety, with their values."""
SCALES: dict[str, int] = _table(_NUMBERS["scales"])
"""Words that multiply the number before them ("two hundred", "1.2 million")."""
MULTIPLES: dict[str, int] = _table(_NUMBERS["multiples"])
"""Vague multiples ("dozens", "tens of thousands") with the least they can mean."""

MONTH_NUMBERS: dict[str, int] = _table(_CALENDAR["months"])
"""Every form of a month's name ("september", "sept", "sep") with its number."""
MONTHS: tuple[str, ...] = tuple(forms[0] for forms in _CALENDAR["months"].values())
"""The months' names, January first."""
COMMON_MONTHS: frozenset[str] = frozenset(_CALENDAR["common_months"]["words"])
"""Month names that are also common words ("may", "march"): months only when capitalised."""
WEEKDAYS: tuple[str, ...] = tuple(_CALENDAR["weekdays"]["names"])
"""The weekdays' names, Monday first."""


def small_numbers(upto: int = 10) -> dict[str, int]:
    """Number words from one to `upto` (at most nineteen), for "three days after"-like phrases."""
    return {w: v for w, v in NUMBER_WORDS.items() if 1 <= v <= upto}


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and its noun, in the singular for one: "1 incident", "2 incidents", "0 figures"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
