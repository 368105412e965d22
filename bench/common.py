"""What both benchmarks share: the fixed gva-dev sample, measured subprocess runs, results.

Peak memory is the largest sum of resident set sizes over the whole process
tree (the ingest and its worker processes), sampled from /proc while it runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"


@dataclass(frozen=True)
class Run:
    """One measured command: wall time, peak RSS of its process tree, its output."""

    seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0
    """User + system CPU time of the whole tree (sampled: the last 50 ms of a process may be missed)."""
    cpu_root: float = 0.0
    """The same for the root process alone (for `-j N`: the one writer)."""


def gva_sample(shared: Path, n: int = 1000) -> list[dict[str, Any]]:
    """A fixed sample of gva-dev manifest rows: sorted by path, every k-th, the first `n`.

    Paths are made absolute so a manifest of them can live anywhere.
    """
    folder = shared / "corpus" / "gva-dev"
    rows = [json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines()]
    rows = sorted((r for r in rows if r.get("path")), key=lambda r: r["path"])
    step = max(1, len(rows) // n)
    picked = rows[::step][:n]
    return [{**r, "path": str((folder / r["path"]).resolve())} for r in picked]


def write_manifest(rows: list[dict[str, Any]], path: Path) -> Path:
    """Write manifest rows as JSONL."""
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def tally_cmd(*args: str) -> list[str]:
    """The real `tally` command line, run with this interpreter."""
    return [sys.executable, "-m", "tally", *args]


def measure(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    """Run `cmd`, sampling the RSS of its process tree; raise if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    peak = [0]
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, ticks = tree_usage(proc.pid)
            peak[0] = max(peak[0], rss)
            for pid, t in ticks.items():
                cpu[pid] = max(cpu.get(pid, 0.0), t)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return Run(seconds, peak[0] / 1024, out, err, sum(cpu.values()), cpu.get(proc.pid, 0.0))


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def tree_usage(root: int) -> tuple[int, dict[int, float]]:
    """The summed VmRSS (kB) of `root` and all its descendants, and each one's CPU seconds.

    Walks the tree through each thread's `children` file (a few reads per process), so the
    sampler costs little: scanning all of /proc would take CPU from a `-j 2` run on 2 cores.
    """
    total, cpu, todo = 0, {}, [root]
    tick = os.sysconf("SC_CLK_TCK")
    while todo:
        pid = todo.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
            with open(f"/proc/{pid}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE_KB
            for task in os.scandir(f"/proc/{pid}/task"):
                todo.extend(int(c) for c in Path(task.path, "children").read_text().split())
        except OSError:
            continue
    return total, cpu


def load() -> str:
    """The machine's load averages, printed beside timings (other work slows them down)."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def error_lines(run: Run, limit: int = 3) -> list[str]:
    """The first error lines an ingest printed (inputs it could not use)."""
    return [line for line in run.stderr.splitlines() if line.startswith("error")][:limit]


def ledger_words(db: str) -> tuple[int, int]:
    """(documents, words) stored in a ledger."""
    from tally.store import Ledger

    docs = words = 0
    with Ledger(db) as ledger:
        for doc in ledger.documents():
            docs += 1
            words += len(doc.text.split())
    return docs, words


def save_results(section: str, data: dict[str, Any]) -> None:
    """Merge one benchmark's figures into bench/results.json."""
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[section] = {"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **data}
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
