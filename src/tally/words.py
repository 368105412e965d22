"""Plain English word tables that several stages read (number words, weekdays, months)."""

from __future__ import annotations

NUMBER_WORDS: dict[str, int] = dict(
    zip(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ],
        range(20),
        strict=True,
    )
)
"""Number words below twenty, with their values."""

TENS: dict[str, int] = dict(
    zip(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
        range(20, 100, 10),
        strict=True,
    )
)

WEEKDAYS: tuple[str, ...] = tuple(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
MONTHS: tuple[str, ...] = tuple(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


def small_numbers(upto: int = 10) -> dict[str, int]:
    """Number words from one to `upto` (at most nineteen), for "three days after"-like phrases."""
    return {w: v for w, v in NUMBER_WORDS.items() if 1 <= v <= upto}


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and its noun, in the singular for one: "1 incident", "2 incidents", "0 figures"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
