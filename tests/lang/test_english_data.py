"""English vocabulary lives in `tally/lang/en/*.toml`: read once, every section once."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tally.extract import vocab

EN = Path(vocab.__file__).resolve().parents[1] / "lang" / "en"


def test_every_section_is_defined_in_one_file() -> None:
    seen: dict[str, str] = {}
    for path in sorted(EN.glob("*.toml")):
        for section in tomllib.loads(path.read_text(encoding="utf-8")):
            assert section not in seen, f"[{section}] in {seen.get(section)} and {path.name}"
            seen[section] = path.name


def test_a_section_defined_twice_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in EN.glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "zz_extra.toml").write_text('[months]\nwords = ["jan"]\n', encoding="utf-8")
    monkeypatch.setattr(vocab, "_DATA", tmp_path)
    vocab.english.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"zz_extra\.toml: section \[months\]"):
            vocab.english()
    finally:
        vocab.english.cache_clear()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Gunmen stormed the market, killing ", "killed"),
        ("The blast tore through the bus, wounding ", "injured"),
        ("Armed men raided the school and abducted ", "captured"),
        ("The floods have displaced ", "displaced"),
        ("The death toll rose to ", "killed"),
    ],
)
def test_harm_verbs_before_a_count_come_from_the_data(text: str, category: str) -> None:
    m = re.compile(vocab.english().verbs_before_pattern, re.I).search(text)
    assert m is not None and m.lastgroup == category


@pytest.mark.parametrize(
    ("after", "not_count"),
    [
        ("-year-old man was shot", True),
        (" per cent of the town", True),
        (" km north of the capital", True),
        (" a.m. on Sunday", True),
        (" million dollars in damage", True),
        (" people were killed", False),
        (" soldiers died", False),
    ],
)
def test_what_makes_a_number_no_count(after: str, not_count: bool) -> None:
    from tally.extract.lexicon import NOT_COUNT_AFTER

    assert bool(NOT_COUNT_AFTER.match(after)) is not_count


def test_the_calendar_gives_each_month_its_name_first_and_every_form_its_number() -> None:
    from tally import words

    assert [words.MONTH_NUMBERS[m] for m in words.MONTHS] == list(range(1, 13))
    assert words.MONTH_NUMBERS["sept"] == words.MONTH_NUMBERS["sep"] == 9
    assert set(words.MONTH_NUMBERS) >= words.COMMON_MONTHS
    assert words.WEEKDAYS[0] == "monday" and len(words.WEEKDAYS) == 7


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nineteen", 19),
        ("Thirty-nine", 39),
        ("one hundred and twelve", 112),
        ("two dozen", 24),
        ("1.2 million", 1_200_000),
        ("three billion", 3_000_000_000),
        ("four thousand two hundred", 4200),
    ],
)
def test_number_words_and_scales_come_from_numbers_toml(text: str, value: int) -> None:
    from tally.extract.numbers import parse_number

    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("tens of thousands fled", 10_000, "multiples"),
        ("hundreds of thousands fled", 100_000, "multiples"),
        ("scores were hurt", 20, "multiples"),
    ],
)
def test_vague_multiples_come_from_numbers_toml(text: str, value: int, qualifier: str) -> None:
    from tally.extract.numbers import find_numbers

    first = next(iter(find_numbers(text)))
    assert (first.value, first.qualifier) == (value, qualifier)
