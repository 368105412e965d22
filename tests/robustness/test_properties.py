"""Property tests (Hypothesis): the extractor and the number parser on arbitrary input.

Arbitrary Unicode never crashes them; every figure's offsets ground its quote in
the stored text; numbers written with digits, thousands separators or words
read back as the number written.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tally.errors import InputError
from tally.extract import extract
from tally.extract.numbers import parse_number
from tally.ingest import read
from tally.ingest.encoding import decode
from tally.ingest.text import parse_text
from tally.models import Source

FRAGMENTS = [
    "killed", "were killed", "dead", "died", "injured", "wounded", "missing", "displaced",
    "people", "civilians", "children", "women", "police officers", "at least", "more than",
    "about", "up to", "nearly", "dozens", "hundreds", "tens of thousands", "5", "12", "1,275",
    "1.2 million", "two-hundred", "thirty-nine", "between 30 and 40", "five or six",
    "according to officials", "police said", "the toll rose to 81 from 69", "including",
    "among the dead were", "a man was shot dead", "two men and a woman", "aged 34", "in 2019",
    "$5 million", "40%", ". ", ", ", "\n", "\n\n", "Related:", "Most read", " ", "“", "”",
]  # fmt: skip

news_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map(
    " ".join
)
any_text = st.one_of(st.text(max_size=400), news_like)

PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _document(text: str):
    return parse_text(text, Source(name="generated.txt", path="generated.txt"))


@PROPERTY
@given(any_text)
def test_extract_never_crashes_and_every_quote_is_grounded(text: str) -> None:
    doc = _document(text)
    assert doc.text == text
    for fig in extract(doc):
        assert 0 <= fig.start < fig.end <= len(doc.text)
        assert doc.text[fig.start : fig.end] == fig.quote
        assert fig.doc_id == doc.id
        assert fig.value >= 0
        assert fig.value_high is None or fig.value_high >= fig.value


@PROPERTY
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_refused_cleanly(data: bytes) -> None:
    try:
        text = decode(data, "x.txt").text
    except InputError as err:
        assert err.source == "x.txt" and "\n" not in err.line()
        return
    assert "\r" not in text and "\x00" not in text


markup = st.lists(
    st.one_of(
        st.sampled_from(
            ["<p>", "</p>", "<div>", "</div>", "<b>", "<script>", "</script>", "<!--", "-->",
             "<meta charset=koi8-r>", "&amp;", "&#0;", "&#x110000;", "&nbsp;", "<![CDATA[",
             "<!DOCTYPE html>", "<title>", "</title>", "Five people were killed. "]
        ),
        st.text(max_size=10),
    ),
    max_size=40,
).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(markup, st.binary(max_size=200)), st.sampled_from(["a.html", "a.txt"]))
def test_reading_any_file_gives_a_document_or_an_input_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str
) -> None:
    path = tmp_path_factory.mktemp("prop") / name
    path.write_bytes(data)
    try:
        doc = read(Source(name=str(path), path=str(path)))
    except InputError as err:
        assert err.source == str(path) and "\n" not in err.line()
        return
    assert doc.text.strip()
    for fig in extract(doc):
        assert doc.text[fig.start : fig.end] == fig.quote


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_digits_round_trip(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


UNITS = [
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
]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int, *, hyphen: bool = True, with_and: bool = True) -> str:
    """`n` (0 ≤ n < 10**9) in English words, as a newspaper would write it."""
    if n < 20:
        return UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return TENS[tens] + (("-" if hyphen else " ") + UNITS[unit] if unit else "")
    for size, word in ((10**6, "million"), (1000, "thousand"), (100, "hundred")):
        if n >= size:
            head, rest = divmod(n, size)
            out = f"{spell(head, hyphen=hyphen, with_and=with_and)} {word}"
            if rest:
                joiner = " and " if with_and and rest < 100 else " "
                out += joiner + spell(rest, hyphen=hyphen, with_and=with_and)
            return out
    raise ValueError(n)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999), st.booleans(), st.booleans())
def test_spelled_out_numbers_round_trip(n: int, hyphen: bool, with_and: bool) -> None:
    words = spell(n, hyphen=hyphen, with_and=with_and)
    assert parse_number(words) == n, words
    assert parse_number(words.capitalize()) == n, words


def test_spell_writes_what_newspapers_write() -> None:
    assert spell(39) == "thirty-nine"
    assert spell(112) == "one hundred and twelve"
    assert spell(2_300) == "two thousand three hundred"
    assert spell(1_275, with_and=False) == "one thousand two hundred seventy-five"
