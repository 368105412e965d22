"""Fixtures of the web tests: a written ledger with a reviewer, and a real `tally serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tally.store import Ledger
from tally.store.corrections import Corrections
from tests.web.ledgerdata import build


@pytest.fixture
def fire_db(tmp_path: Path) -> str:
    """The three-article fire ledger, relinked."""
    return str(build(tmp_path / "fire.db"))


@pytest.fixture
def token(fire_db: str) -> str:
    """A reviewer's token for the fire ledger."""
    with Ledger(fire_db) as led:
        return Corrections(led.conn).add_reviewer("Ana Reviewer")


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def serve() -> Iterator[Callable[[str], str]]:
    """Start real `tally serve` processes (uvicorn) on free ports; return their base URLs."""
    procs: list[subprocess.Popen] = []

    def start(db: str) -> str:
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "tally", "serve", "--db", db, "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=os.environ.copy(),
        )
        procs.append(proc)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"tally serve exited: {proc.stderr.read().decode()}")
            try:
                with urllib.request.urlopen(url + "/", timeout=2) as r:
                    if r.status == 200:
                        return url
            except OSError:
                time.sleep(0.2)
        raise AssertionError("tally serve did not answer within 60 s")

    yield start
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
