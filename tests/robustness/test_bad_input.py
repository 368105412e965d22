"""Dirty inputs through the real CLI: one clear line each, the batch goes on, exit status 1.

Every case of issue 6 item 1 is generated here at test time (nothing big is
committed); the expected line for each is spelled out, so a change in what a
user sees shows up as a failing test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tally.ingest import discover
from tally.pipeline import ingest
from tally.store import Ledger
from tests.conftest import require, run_tally

GOOD = (
    "Four people were killed and 9 injured when a truck struck a crowded bus stop in the "
    "city centre on Friday evening, police said. The driver was arrested at the scene.\n"
)
RU = "В результате взрыва погибли пять человек, ещё двенадцать получили ранения, сообщили власти.\n"
FR = "L'attaque a fait cinq morts — « une tragédie », a déclaré le préfet. Café, naïve; “cité”.\n"
ARTICLE = f"<p>{GOOD}</p><p>Officials said the road would reopen on Monday after repairs.</p>"


def _cases(folder: Path) -> dict[str, str]:
    """Write every bad input into `folder`; return file name → the line the user must see."""
    w = lambda name, data: (folder / name).write_bytes(data)  # noqa: E731
    w("empty.txt", b"")
    w("binary.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    w("nul.txt", GOOD.encode()[:40] + b"\x00" + GOOD.encode()[40:])
    w("noise.md", bytes(range(1, 9)) * 300)
    with open(folder / "dump.txt", "wb") as fh:
        fh.truncate(200 * 2**20)
    w("longline.txt", GOOD.encode() + b"killed " * 1_500_000 + b"\n")
    w("deep.html", b"<html><body>" + b"<div>" * 20_000 + ARTICLE.encode() + b"</div>" * 20_000)
    w("bomb.html", b"<html><body><p>" + b"&amp;" * 1_200_000 + b"</p>" + ARTICLE.encode())
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    p = str(folder)
    return {
        "empty.txt": f"error [T100] {p}/empty.txt: empty file",
        "binary.txt": f"error [T100] {p}/binary.txt: binary data (an executable), not text",
        "nul.txt": f"error [T100] {p}/nul.txt: binary data, not text (a NUL byte at offset 40)",
        "noise.md": (
            f"error [T100] {p}/noise.md: binary data, not text (2,400 control characters in "
            "the first 2,400 as utf-8)"
        ),
        "dump.txt": (
            f"error [T100] {p}/dump.txt: file is 209,715,200 bytes (200 MB), over the limit of "
            "20,000,000 (raise it with --max-bytes)"
        ),
        "longline.txt": (
            f"error [T100] {p}/longline.txt: line 2 is 10,500,000 characters long, over the "
            "limit of 1,000,000 (raise it with --max-line)"
        ),
        "deep.html": (
            f"error [T100] {p}/deep.html: no article text found: the HTML nests 20,003 "
            "elements deep and the parser stops at 256"
        ),
        "bomb.html": (
            f"error [T100] {p}/bomb.html: line 1 is 1,200,000 characters long, over the limit "
            "of 1,000,000 (raise it with --max-line)"
        ),
        "loop.txt": f"error [T100] {p}/loop.txt: cannot read: a symbolic link loop",
        "dangling.txt": f"error [T100] {p}/dangling.txt: cannot read: a broken symbolic link",
        "pipe.txt": f"error [T100] {p}/pipe.txt: not a regular file (a named pipe)",
    }


def _good(folder: Path) -> dict[str, str]:
    """Write the inputs that must be stored; return file name → the text stored for it."""
    (folder / "good.txt").write_text(GOOD)
    (folder / "utf16.txt").write_bytes(RU.encode("utf-16-le"))
    (folder / "bom16.md").write_bytes(FR.encode("utf-16"))
    (folder / "cp1251.txt").write_bytes((RU * 3).encode("cp1251"))
    (folder / "cp1252.txt").write_bytes((FR * 3).encode("cp1252"))
    (folder / "invalid-utf8.txt").write_bytes(("Déjà vu: " + GOOD).encode() * 3 + b"\xc3(\n")
    (folder / "unclosed.html").write_text(f"<html><body><div>{ARTICLE}<div><b><table><tr><td>")
    (folder / "picture.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    return {
        "good.txt": GOOD,
        "utf16.txt": RU,
        "bom16.md": FR,
        "cp1251.txt": RU * 3,
        "cp1252.txt": FR * 3,
        "invalid-utf8.txt": ("Déjà vu: " + GOOD) * 3 + "\ufffd(\n",
    }


@pytest.mark.slow
def test_every_bad_input_is_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    expected = _cases(folder)
    stored = _good(folder)
    db = str(tmp_path / "l.db")
    proc = run_tally("ingest", "--db", db, str(folder), check=False)
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert "Traceback" not in proc.stderr
    for name, line in expected.items():
        assert line in lines, f"{name}: {line!r} not in {lines}"
    assert len(lines) == len(expected)
    assert proc.stdout.startswith(f"{len(stored) + 1} documents stored, 0 already in the ledger, ")
    assert f"1 file skipped (not text or HTML), {len(expected)} failed" in proc.stdout
    with Ledger(db) as ledger:
        for name, text in stored.items():
            assert ledger.document(str(folder / name)).text == text
        assert "Four people were killed" in ledger.document(str(folder / "unclosed.html")).text


def test_limits_are_options(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    db = str(tmp_path / "l.db")
    for option, value, reason in [
        ("--max-bytes", "100", "over the limit of 100 (raise it with --max-bytes)"),
        ("--max-line", "100", "over the limit of 100 (raise it with --max-line)"),
    ]:
        refused = run_tally(
            "ingest", "--db", db, option, value, str(tmp_path / "a.txt"), check=False
        )
        assert refused.returncode == 1
        assert reason in refused.stderr
    ok = run_tally("ingest", "--db", db, "--max-line", "200", str(tmp_path / "a.txt"))
    assert ok.stdout.startswith("1 document stored")


def test_bad_manifest_lines_are_reported_and_good_ones_ingested(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        "\n".join(
            [
                json.dumps({"path": "a.txt", "publisher": "The Example"}),
                "this is not json",
                json.dumps({"path": "gone.txt"}),
            ]
        )
        + "\n"
    )
    db = str(tmp_path / "l.db")
    proc = run_tally(
        "ingest", "--db", db, "--manifest", str(manifest), str(tmp_path / "x.txt"), check=False
    )
    assert proc.returncode == 1
    m = str(manifest)
    assert proc.stderr.splitlines() == [
        f"error [T110] {m}:2: not JSON (Expecting value at column 1)",
        f"error [T110] {m}:3: names a missing file: gone.txt",
        f"error [T100] {tmp_path}/x.txt: no such file or folder",
    ]
    assert proc.stdout.startswith("1 document stored")
    assert ", 3 failed" in proc.stdout


def test_all_good_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    (tmp_path / "in" / "b.png").write_bytes(b"\x89PNG")
    proc = run_tally("ingest", "--db", str(tmp_path / "l.db"), str(tmp_path / "in"))
    assert proc.returncode == 0 and proc.stderr == ""
    assert "1 file skipped (not text or HTML), 0 failed" in proc.stdout


def test_a_path_that_vanishes_mid_run(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"{GOOD}Report {i}.\n")
    listed = list(discover([str(tmp_path)]))
    os.unlink(tmp_path / "1.txt")
    seen: list[tuple[str, str | None]] = []
    with Ledger(tmp_path / "l.db") as ledger:
        report = ingest(listed, ledger, on_item=lambda name, err: seen.append((name, err)))
        assert ledger.count("documents") == 2
    assert (report.stored, report.failed) == (2, 1)
    assert (
        str(tmp_path / "1.txt"),
        f"error [T100] {tmp_path}/1.txt: cannot read: the file vanished before it could be read",
    ) in seen


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder an unprivileged user can write to (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="tally-nobody-"))
    path.chmod(0o777)
    yield path
    for sub in path.rglob("*"):
        if not sub.is_symlink():
            sub.chmod(0o700)
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.slow
def test_an_unreadable_file_as_an_unprivileged_user(shared_tmp: Path) -> None:
    (shared_tmp / "open.txt").write_text(GOOD)
    secret = shared_tmp / "secret.txt"
    secret.write_text(GOOD + "Secret.\n")
    secret.chmod(0o000)
    locked = shared_tmp / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(GOOD + "Inside.\n")
    locked.chmod(0o000)
    cmd = [
        sys.executable,
        "-m",
        "tally",
        "ingest",
        "--db",
        str(shared_tmp / "l.db"),
        str(shared_tmp),
    ]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        require(setpriv is not None, "setpriv (util-linux) is needed to drop root")
        drop = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        probe = subprocess.run(
            [*drop, sys.executable, "-c", "import tally"], capture_output=True, timeout=120
        )
        require(probe.returncode == 0, "user nobody cannot run this checkout's Python")
        cmd = [*drop, *cmd]
    env = {**os.environ, "HOME": str(shared_tmp)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, cwd=shared_tmp)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.splitlines()
    # A fresh home: the first ingest says it builds the gazetteer, outside any document's budget.
    assert lines[0].startswith("building the offline gazetteer")
    assert sorted(lines[1:]) == [
        f"error [T100] {shared_tmp}/locked: cannot read folder: permission denied",
        f"error [T100] {shared_tmp}/secret.txt: cannot read: permission denied",
    ]
    assert proc.stdout.startswith("1 document stored")
    assert ", 2 failed" in proc.stdout
