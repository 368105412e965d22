"""Reading one source: the stored text, and a clear refusal for every kind of bad file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tally.errors import InputError
from tally.ingest import IngestOptions, discover, read
from tally.ingest.read import nesting_depth
from tally.models import Source

ARTICLE = (
    "Five people were killed and 12 injured when a bomb exploded in the central market "
    "on Tuesday, the provincial governor said. Rescue workers searched the rubble for "
    "survivors late into the night, and the market will stay closed this week."
)
PAGE = f"<html><head><title>Blast</title></head><body><article><p>{ARTICLE}</p></article></body></html>"


def _read(path: Path, options: IngestOptions | None = None) -> str:
    return read(Source(name=str(path), path=str(path)), options).text


def _refusal(path: Path, options: IngestOptions | None = None) -> str:
    with pytest.raises(InputError) as err:
        read(Source(name=str(path), path=str(path)), options)
    assert err.value.source == str(path)
    assert "\n" not in err.value.line()
    return err.value.message


def test_text_is_stored_as_python_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace(". ", ".\r\n").encode())
    with open(path, encoding="utf-8-sig") as fh:
        assert _read(path) == fh.read()


def test_html_main_text_and_a_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(PAGE)
    assert "Five people were killed" in _read(path)
    legacy = tmp_path / "b.html"
    page = PAGE.replace("<title>", '<meta charset="windows-1251"><title>')
    legacy.write_bytes(page.replace("Rescue workers", "Спасатели").encode("cp1251"))
    assert "Спасатели searched the rubble" in _read(legacy)


def test_unclosed_html_still_gives_its_text(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(f"<html><body><div><p>{ARTICLE}<div><b><i><table><tr><td>")
    assert "Five people were killed" in _read(path)


def test_entity_definitions_are_not_expanded(tmp_path: Path) -> None:
    laughs = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' if i else '<!ENTITY lol0 "lol">'
        for i in range(10)
    )
    path = tmp_path / "bomb.html"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE lolz [{laughs}]><html><body>'
        f"<p>{ARTICLE}</p><p>&lol9;</p></body></html>"
    )
    text = _read(path)
    assert "Five people were killed" in text
    assert "lollol" not in text and len(text) < 2 * len(ARTICLE)


def test_deeply_nested_html_is_refused_with_the_depth(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 50_000 + f"<p>{ARTICLE}</p>" + "</div>" * 50_000)
    assert _refusal(path) == (
        "no article text found: the HTML nests 50,003 elements deep and the parser stops at 256"
    )


@pytest.mark.parametrize(
    ("html", "depth"),
    [
        ("<html><body><p>a</p><p>b</p></body></html>", 3),
        ("<div><br><img src=x><hr/><div><span>x</span></div></div>", 3),
        ("<div>" * 10, 10),
        ("</div></div><p>x</p>", 1),
    ],
)
def test_nesting_depth(html: str, depth: int) -> None:
    assert nesting_depth(html) == depth


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with open(path, "wb") as fh:
        fh.truncate(200 * 2**20)
    assert _refusal(path) == (
        "file is 209,715,200 bytes (200 MB), over the limit of 20,000,000 "
        "(raise it with --max-bytes)"
    )
    small = tmp_path / "a.txt"
    small.write_text(ARTICLE)
    assert "over the limit of 100" in _refusal(small, IngestOptions(max_bytes=100))
    assert _read(small, IngestOptions(max_bytes=len(ARTICLE))) == ARTICLE


def test_a_line_of_ten_megabytes_is_refused_unless_raised(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE + "\n" + "word " * 2_000_000 + "\nend\n")
    assert _refusal(path) == (
        "line 2 is 10,000,000 characters long, over the limit of 1,000,000 "
        "(raise it with --max-line)"
    )
    assert len(_read(path, IngestOptions(max_line=20_000_000))) == len(ARTICLE) + 10_000_006


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_text(" \n\t\n"), "no text in it (only white space)"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100)), "binary data (a PNG image)"),
        (lambda p: p.symlink_to(p), "cannot read: a symbolic link loop"),
        (lambda p: p.symlink_to(p.parent / "nowhere"), "cannot read: a broken symbolic link"),
        (lambda p: os.mkfifo(p), "not a regular file (a named pipe)"),
        (lambda p: p.symlink_to("/dev/zero"), "not a regular file (a device)"),
        (lambda p: p.mkdir(), "not a regular file (a folder)"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, make, reason: str) -> None:
    path = tmp_path / "bad.txt"
    make(path)
    assert reason in _refusal(path)


def test_a_file_that_vanishes_after_it_was_listed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE + " More.")
    sources = list(discover([str(tmp_path)]))
    os.unlink(tmp_path / "a.txt")
    with pytest.raises(InputError) as err:
        read(sources[0])
    assert err.value.message == "cannot read: the file vanished before it could be read"
    assert read(sources[1]).text.endswith("More.")


def test_encoding_option_reads_a_code_page_guessing_gets_wrong(tmp_path: Path) -> None:
    text = "W wybuchu w Łodzi zginęło pięć osób, a dwanaście zostało rannych. Żółć.\n"
    path = tmp_path / "pl.txt"
    path.write_bytes(text.encode("cp1250"))
    assert _read(path, IngestOptions(encoding="cp1250")) == text
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(text)
    assert _read(utf8, IngestOptions(encoding="cp1250")) == text
