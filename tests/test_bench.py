"""The benchmarks' own measuring: a process tree's memory and CPU are what `make bench` reports."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from common import measure, tree_usage

# A parent that starts two children, each holding ~40 MB, and waits for them.
_TREE = """
import subprocess, sys
child = "b = bytearray(40 * 2**20); import time; time.sleep(3)"
procs = [subprocess.Popen([sys.executable, "-c", child]) for _ in range(2)]
[p.wait() for p in procs]
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_tree_usage_counts_every_descendant() -> None:
    parent = subprocess.Popen([sys.executable, "-c", _TREE])
    try:
        deadline = time.monotonic() + 10
        while True:
            rss_kb, cpu = tree_usage(parent.pid)
            if (len(cpu) >= 3 and rss_kb > 80 * 1024) or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert parent.pid in cpu
        assert len(cpu) == 3, cpu
        assert rss_kb > 80 * 1024
    finally:
        parent.kill()
        parent.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_tree_usage_leaves_out_other_processes() -> None:
    _, cpu = tree_usage(os.getpid())
    assert os.getppid() not in cpu


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_measure_reports_the_peak_of_the_tree() -> None:
    run = measure([sys.executable, "-c", _TREE])
    assert run.peak_rss_mb > 80
    assert run.seconds >= 3
