"""The benchmarks' own measuring: a process tree's memory and CPU are what `make bench` reports."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

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


@pytest.mark.slow
def test_bench_scale_generates_ingests_and_reads_back_a_corpus(
    shared: Path, tmp_path: Path
) -> None:
    from scale import Generator, scale_run

    r = scale_run(Generator(shared), 60, 2, tmp_path)
    assert r["documents"] == 60 and r["summary"].startswith("60 documents stored")
    assert r["peak_rss_mb"] > 0 and r["docs_per_s"] > 0
    reads = r["reads"]
    assert reads["export"]["peak_rss_mb"] > 0 and reads["incidents_tsv"]["seconds"] > 0
    assert 0 < reads["list_page_median_ms"] <= reads["list_page_max_ms"]
    assert len((tmp_path / "i.jsonl").read_text().splitlines()) == int(r["summary"].split()[-2])


@pytest.mark.slow
def test_bench_scale_review_clones_links_merges_and_ingests(shared: Path, tmp_path: Path) -> None:
    from scale import Generator, review_bench

    r = review_bench(Generator(shared), 300, 2, tmp_path, seed_size=120)
    assert r["documents"] == 300 and r["incidents"] > 0
    assert r["merge_s"] > 0 and r["relink_100_s"] > 0
    assert r["ingest_100_summary"].startswith("100 documents stored") and not r["errors"]
    assert r["incidents_after"] > r["incidents"] - 1  # the merge took one, new reports add


def test_spacy_ratio_is_the_median_of_back_to_back_pairs() -> None:
    from types import SimpleNamespace

    from run import spacy_summary

    nlp = SimpleNamespace(meta={"lang": "en", "name": "core_web_sm", "version": "3"}, pipe_names=[])
    # tally reads 1,000 words per run; the host slows down in the second pair, for both sides
    ingest = {
        "j1": {"words": 1000, "words_per_s": 500},
        "j1_runs": [{"seconds": 1.0, "cpu_seconds": 1.0}, {"seconds": 4.0, "cpu_seconds": 2.0}],
    }
    parts = [
        {"seconds": 2.0, "cpu_seconds": 2.0, "words": 200, "docs": 1, "tokens": 250},
        {"seconds": 8.0, "cpu_seconds": 4.0, "words": 200, "docs": 1, "tokens": 250},
    ]
    got = spacy_summary(nlp, parts, ingest)
    assert got["tally_j1_ratio_pairs"] == [10.0, 10.0]
    assert got["tally_j1_ratio"] == 10.0
    assert got["tally_j1_cpu_ratio"] == 10.0
    assert got["words_per_s"] == 40
    assert got["tally_j1_ratio_of_totals"] == 12.5
