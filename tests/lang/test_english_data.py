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
