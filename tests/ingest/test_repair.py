"""Crawled bytes repaired into the text a person reads; clean text left exactly as it is."""

from __future__ import annotations

from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252, as crawlers decode)
import pytest

from tally.ingest import read
from tally.ingest.encoding import decode
from tally.ingest.repair import clean_field, repair
from tally.models import Source


def _as_read(data: bytes) -> tuple[str, tuple[str, ...]]:
    decoded = decode(data, "a.txt")
    fixed = repair(decoded.text)
    return fixed.text, tuple(sorted(set(decoded.repairs) | set(fixed.repairs)))


def _moji(text: str, times: int = 1) -> bytes:
    """`text` as UTF-8 that was read as Windows-1252 and saved again as UTF-8."""
    for _ in range(times):
        text = text.encode("utf-8").decode("sloppy-windows-1252")
    return text.encode("utf-8")


MOJIBAKE_AND_CONTROLS = [
    (
        b"The victim\xc2\x92s mother spoke to reporters.",
        "The victim’s mother spoke to reporters.",
        "c1-controls",
    ),
    (
        b"\xc2\x93We are devastated,\xc2\x94 the pastor said.",
        "“We are devastated,” the pastor said.",
        "c1-controls",
    ),
    (
        b"Police said the road was closed \xc2\x96 for now.",
        "Police said the road was closed – for now.",
        "c1-controls",
    ),
    (
        b"Three were killed \xc2\x97 two of them children.",
        "Three were killed — two of them children.",
        "c1-controls",
    ),
    (
        b"\xc2\x95 Two people were injured in the crash",
        "• Two people were injured in the crash",
        "c1-controls",
    ),
    (b"The fund has raised \xc2\x80 5 million.", "The fund has raised € 5 million.", "c1-controls"),
    (
        b"The mayor\x92s office said \x93three\x94 were hurt.",
        "The mayor’s office said “three” were hurt.",
        None,
    ),
    (
        _moji("The sheriff’s deputies found two bodies."),
        "The sheriff’s deputies found two bodies.",
        "mojibake",
    ),
    (
        _moji("“Pray for them,” said José Martínez."),
        "“Pray for them,” said José Martínez.",
        "mojibake",
    ),
    (
        _moji("Flooding in São Paulo killed 11 people."),
        "Flooding in São Paulo killed 11 people.",
        "mojibake",
    ),
    (
        _moji("The Zürich prosecutor — who declined"),
        "The Zürich prosecutor — who declined",
        "mojibake",
    ),
    (_moji("a naïve café owner’s son", times=2), "a naïve café owner’s son", "mojibake"),
    (
        b"Smith &amp; Wesson rifle, police said.",
        "Smith & Wesson rifle, police said.",
        "html-entities",
    ),
    (
        b"the victim&#8217;s family &mdash; and friends",
        "the victim’s family — and friends",
        "html-entities",
    ),
    (
        b"&quot;No comment,&quot; said the spokesman.",
        '"No comment," said the spokesman.',
        "html-entities",
    ),
    (b"Five\xc2\xa0people were killed.", "Five people were killed.", "spaces"),
    (b"Five&nbsp;people were killed.", "Five people were killed.", "spaces"),
    (b"Seven\xe2\x80\xafwere injured.", "Seven were injured.", "spaces"),
    (b"Two people were kil\xe2\x80\x8bled.", "Two people were killed.", "zero-width"),
    (b"Heavy casual\xc2\xadties were reported.", "Heavy casualties were reported.", "zero-width"),
    (b"First line.\n\xef\xbb\xbfSecond line.", "First line.\nSecond line.", "zero-width"),
    (
        b"\xe2\x80\xaeThe ministry\xe2\x80\xac said 4 died.",
        "The ministry said 4 died.",
        "bidi-controls",
    ),
    (b"Gaza\xe2\x80\x8f health ministry", "Gaza health ministry", "bidi-controls"),
    (
        b"One dead.\r\nTwo hurt.\rThree missing.\n",
        "One dead.\nTwo hurt.\nThree missing.\n",
        "line-endings",
    ),
    (b"\x1b[1mBREAKING\x1b[0m: two dead", "BREAKING: two dead", "control-characters"),
    (b"Two people died.\x7f\x1a", "Two people died.", "control-characters"),
    (b"Six were hurt.\x0bPolice said", "Six were hurt.\nPolice said", "line-endings"),
    (
        b"Caf\xc3\xa9 owner\x92s son, 5 \xe2\x80\x94 " * 3 + b"ok",
        "Café owner’s son, 5 — " * 3 + "ok",
        "mixed-encoding",
    ),
]


@pytest.mark.parametrize(("data", "person_reads", "named"), MOJIBAKE_AND_CONTROLS)
def test_crawled_bytes_are_repaired_to_what_a_person_reads(
    data: bytes, person_reads: str, named: str | None
) -> None:
    text, repairs = _as_read(data)
    assert text == person_reads
    if named:
        assert named in repairs


@pytest.mark.parametrize(
    ("data", "kept"),
    [
        (b"1\xc2\xa0200 people were displaced.", "1\u00a0200"),
        (b"2\xe2\x80\x8b3 people were killed.", "2\u200b3"),
        (b"4\xe2\x80\xaf000 morts", "4\u202f000"),
        (b"12\xe2\x81\xa0500 were missing", "12\u2060500"),
    ],
)
def test_invisible_characters_between_digits_are_left_for_the_number_reader(
    data: bytes, kept: str
) -> None:
    assert kept in _as_read(data)[0]


@pytest.mark.parametrize(
    "text",
    [
        "Five people were killed in the blast at a café, officials said on Monday.",
        "AT&T and rock & roll; 5 km — “quoted” ‘words’ … © 2023",
        "L’attaque a fait cinq morts, « une tragédie », a déclaré le préfet.",
        "В результате взрыва погибли пять человек.",
        "قتل خمسة أشخاص في الانفجار",
        "من می\u200cخواهم بروم",
        "The family \U0001f468\u200d\U0001f469\u200d\U0001f467 posted online.",
        "Tab\tseparated\fpage",
    ],
)
def test_clean_text_is_left_exactly_as_it_is(text: str) -> None:
    fixed = repair(text)
    assert (fixed.text, fixed.repairs) == (text, ())


def test_repair_is_idempotent() -> None:
    once = repair(_moji("“Two dead,” the sheriff’s office said.").decode() + "\u00a0&amp;\u200b")
    assert repair(once.text) == type(once)(once.text, ())


def test_many_c1_controls_are_punctuation_not_binary(tmp_path: Path) -> None:
    quoted = "The chief said \u0091it was a tragedy\u0092 and \u0093nobody\u0094 should forget. "
    path = tmp_path / "local-news.txt"
    path.write_bytes((quoted * 40 + "Two people were killed.").encode("utf-8"))
    doc = read(Source(name=str(path), path=str(path)))
    assert "said ‘it was a tragedy’ and “nobody”" in doc.text
    assert doc.repairs == ("c1-controls",)
    assert doc.source_hash and doc.source_hash != doc.id


def test_same_text_in_two_encodings_is_one_document(tmp_path: Path) -> None:
    text = "The mayor’s office said “three” were hurt in the fire on Main Street.\n"
    a, b, c = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    a.write_bytes(text.encode("utf-8"))
    b.write_bytes(text.encode("cp1252"))
    c.write_bytes(_moji(text))
    docs = [read(Source(name=str(p), path=str(p))) for p in (a, b, c, c)]
    assert len({d.id for d in docs}) == 1
    assert docs[0].repairs == () and docs[0].source_hash is None
    assert docs[2].repairs == ("mojibake",)
    assert docs[2].source_hash == docs[3].source_hash != docs[1].source_hash


def test_html_text_is_repaired_and_says_so(tmp_path: Path) -> None:
    body = "<p>Officials said the victim&rsquo;s car was hit \u2014 four\u00a0people died.</p>"
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><head><title>Crash</title></head><body><article>{body * 3}</article></body></html>"
    )
    doc = read(Source(name=str(path), path=str(path)))
    assert "the victim’s car was hit — four people died." in doc.text
    assert doc.repairs == ("spaces",)


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("Crash on\ud800 Route 9", "Crash on\ufffd Route 9"),
        ("Two dead\x00 in fire", "Two dead in fire"),
        ("\ud83d\ude92 Fire kills two", "\U0001f692 Fire kills two"),
        ("Daily\nHerald", "Daily Herald"),
        ("  ", None),
    ],
)
def test_metadata_fields_hold_no_lone_surrogates_or_nul(value: str, stored: str | None) -> None:
    assert clean_field(value) == stored


def test_the_document_page_says_the_text_was_repaired_and_how(tmp_path: Path) -> None:
    from tests.conftest import run_tally

    page = tmp_path / "a.txt"
    page.write_bytes(b"The chief said \xc2\x91it was a tragedy\xc2\x92. Two people were killed.\n")
    db = str(tmp_path / "l.db")
    run_tally("ingest", "-q", "--db", db, str(page))
    doc = read(Source(name=str(page), path=str(page)))
    html = run_tally("serve", "--db", db, "--get", f"/documents/{doc.id}").stdout
    assert "the stored text was repaired from the bytes as they arrived (c1-controls;" in html
    assert doc.source_hash in html
