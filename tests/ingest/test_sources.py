"""Finding inputs: folders, symbolic links, URLs and manifest lines."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tally.errors import InputError, ManifestError
from tally.ingest import discover
from tally.ingest.sources import Notes, read_manifest
from tally.models import Source


def _kinds(items: list) -> list[tuple[str, str]]:
    out = []
    for item in items:
        if isinstance(item, Source):
            out.append(("source", item.name))
        elif isinstance(item, InputError):
            out.append((type(item).__name__, str(item)))
        elif isinstance(item, Notes):
            out.append(("notes", item))
        else:
            out.append(("skipped", item))
    return out


def test_folders_are_walked_in_order_and_other_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/z.HTML", "b/a.htm", "a.txt", "brief.md", "photo.jpg", ".hidden", "data.csv"):
        (tmp_path / name).write_text("x")
    got = _kinds(list(discover([str(tmp_path)])))
    assert got == [
        ("source", f"{tmp_path}/a.txt"),
        ("source", f"{tmp_path}/brief.md"),
        ("skipped", f"{tmp_path}/data.csv"),
        ("skipped", f"{tmp_path}/photo.jpg"),
        ("source", f"{tmp_path}/b/a.htm"),
        ("source", f"{tmp_path}/b/z.HTML"),
    ]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("NOTES.md", "notes"),
        ("README.md", "notes"),
        ("readme.txt", "notes"),
        ("LICENSE.txt", "notes"),
        ("CHANGELOG.md", "notes"),
        ("notes-on-casualties.md", "source"),
        ("readmeat-fire.txt", "source"),
        ("kyiv-notes.txt", "source"),
    ],
)
def test_a_folders_own_notes_are_not_articles(tmp_path: Path, name: str, kind: str) -> None:
    (tmp_path / name).write_text("Notes: 22 killed in the example, 59 injured.")
    assert _kinds(list(discover([str(tmp_path)]))) == [(kind, f"{tmp_path}/{name}")]
    named = _kinds(list(discover([str(tmp_path / name)])))
    assert named == [("source", f"{tmp_path}/{name}")]  # named explicitly, it is read


def test_a_folder_link_back_up_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x")
    os.symlink("..", tmp_path / "sub" / "up")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    got = _kinds(list(discover([str(tmp_path)])))
    assert ("source", f"{tmp_path}/sub/a.txt") in got
    assert ("source", f"{tmp_path}/loop.txt") in got
    assert len(got) == 3
    assert ("skipped", f"{tmp_path}/sub/up") in got


def test_urls_and_missing_paths(tmp_path: Path) -> None:
    got = _kinds(list(discover(["https://example.org/a", str(tmp_path / "nope.txt")])))
    assert got == [
        ("source", "https://example.org/a"),
        ("InputError", f"{tmp_path}/nope.txt: no such file or folder"),
    ]


def test_a_file_named_explicitly_is_read_whatever_its_name(tmp_path: Path) -> None:
    (tmp_path / "report.log").write_text("x")
    assert _kinds(list(discover([str(tmp_path / "report.log")]))) == [
        ("source", f"{tmp_path}/report.log")
    ]


def test_manifest_lines(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("x")
    lines = [
        json.dumps(
            {
                "path": "docs/a.txt",
                "url": "https://example.org/a",
                "published": "2024-03-01",
                "publisher": "The Example",
                "title": "A",
            }
        ),
        "",
        json.dumps({"url": "https://example.org/b"}),
        '{"path": "docs/a.txt"',
        json.dumps({"path": "docs/gone.txt"}),
        json.dumps(["docs/a.txt"]),
        json.dumps({"title": "no path"}),
        json.dumps({"url": "ftp://example.org/c"}),
        json.dumps({"path": 7}),
    ]
    manifest = tmp_path / "m.jsonl"
    manifest.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n\xff\xfe\n")
    items = list(discover([], str(manifest)))
    first = items[0]
    assert isinstance(first, Source)
    assert first.path == str(tmp_path / "docs" / "a.txt")
    assert first.url == "https://example.org/a"
    assert (first.published, first.publisher, first.title) == ("2024-03-01", "The Example", "A")
    assert items[1] == Source(name="https://example.org/b", url="https://example.org/b")
    errors = [(e.source, e.message) for e in items[2:]]
    assert all(isinstance(e, ManifestError) for e in items[2:])
    m = str(manifest)
    assert errors == [
        (f"{m}:4", "not JSON (Expecting ',' delimiter at column 22)"),
        (f"{m}:5", "names a missing file: docs/gone.txt"),
        (f"{m}:6", "a manifest line must be a JSON object"),
        (f"{m}:7", "a manifest line needs a 'path' or a 'url'"),
        (f"{m}:8", "'url' must start with http:// or https:// (ftp://example.org/c)"),
        (f"{m}:9", "'path' must be a string"),
        (f"{m}:10", "not UTF-8"),
    ]


@pytest.mark.parametrize("target", ["missing.jsonl", "."])
def test_an_unreadable_manifest_is_one_error(tmp_path: Path, target: str) -> None:
    (item,) = discover([], str(tmp_path / target))
    assert isinstance(item, ManifestError)
    assert item.message.startswith("cannot read manifest: ")


def _manifest(tmp_path: Path, *rows: dict[str, str]) -> str:
    import json

    (tmp_path / "corpus").mkdir(exist_ok=True)
    (tmp_path / "corpus" / "a.txt").write_text("Two people were killed in a crash, police said.\n")
    path = tmp_path / "corpus" / "manifest.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return str(path)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (
            {"path": "../../../../etc/passwd"},
            "'path' leaves the manifest's folder: ../../../../etc/passwd (--allow-outside allows it)",
        ),
        (
            {"path": "/etc/shadow"},
            "'path' leaves the manifest's folder: /etc/shadow (--allow-outside allows it)",
        ),
        (
            {"path": "a.txt", "published": "~ not a date"},
            "'published' is not a date YYYY-MM-DD ('~ not a date')",
        ),
        ({"path": "a.txt", "published": "2999-01-01"}, "'published' is in the future (2999-01-01)"),
        (
            {"path": "a.txt", "published": "2021-02-30"},
            "'published' is not a date YYYY-MM-DD ('2021-02-30')",
        ),
    ],
)
def test_manifest_lines_that_leave_the_folder_or_misdate_are_refused(
    tmp_path: Path, row: dict[str, str], reason: str
) -> None:
    (item,) = list(read_manifest(_manifest(tmp_path, row)))
    assert isinstance(item, ManifestError)
    assert item.message == reason
    assert "\n" not in item.line()


def test_allow_outside_reads_a_path_outside_the_folder(tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text("Three were hurt.\n")
    manifest = _manifest(tmp_path, {"path": "../outside.txt"})
    (item,) = list(read_manifest(manifest, allow_outside=True))
    assert isinstance(item, Source) and item.path and item.path.endswith("outside.txt")


def test_manifest_fields_are_cleaned_and_dates_kept(tmp_path: Path) -> None:
    manifest = _manifest(
        tmp_path,
        {
            "path": "a.txt",
            "title": "Crash\\ud800 on Route 9\\u0000",
            "published": "2021-03-04T10:00:00Z",
        },
    )
    raw = Path(manifest).read_text().replace("\\\\u", "\\u")
    Path(manifest).write_text(raw)
    (item,) = list(read_manifest(manifest))
    assert isinstance(item, Source)
    assert item.title == "Crash\ufffd on Route 9"
    assert item.published == "2021-03-04"


def test_a_file_name_that_is_not_utf8_is_stored_by_a_safe_name(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "crawl"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9-crash.txt")
    (folder / name).write_text("Two people were killed in a crash, police said.\n")
    (source,) = [s for s in discover([str(folder)]) if isinstance(s, Source)]
    assert source.name.endswith("caf\\xe9-crash.txt")
    source.name.encode("utf-8")
    assert source.path and os.path.exists(source.path)
