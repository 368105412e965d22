"""`make bench-scale`: ingest 10,000 and 100,000 generated documents; throughput and peak memory.

Documents are generated from gva-dev texts into a temporary folder (never
committed): each takes a random article's sentences, shuffled and cut to a
news-brief length, with its numbers perturbed and its US place names swapped
for others. Both sizes are measured, not extrapolated, with the same command
(`tally ingest -j 2`), so peak memory can be compared.

With `--review N` it measures instead what a reviewer and a small ingest cost in an
N-document ledger: the ledger is built once and cached (`--cache`): generated documents
are ingested for real, then copied at the store level, each copy years later under new
text hashes, up to N documents; it is linked once in full. Then a reviewer's merge with
its relink (only the incidents it touches are reconciled), and an ingest of 100 new
generated documents with its relink, are timed on copies of the cached ledger.

Usage: python bench/scale.py --shared ../shared [--sizes 10000 100000] [--jobs 2]
       python bench/scale.py --shared ../shared --review 100000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from common import error_lines, load, measure, save_results, tally_cmd

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_NUMBER = re.compile(r"\b\d+\b")
_SMALL = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]
_SMALL_RE = re.compile(r"\b(" + "|".join(_SMALL) + r")\b")


class Generator:
    """Makes new articles from gva-dev texts: shuffled sentences, new numbers, other places."""

    def __init__(self, shared: Path, seed: int = 11) -> None:
        self.shared = shared
        folder = shared / "corpus" / "gva-dev"
        self.rng = random.Random(seed)
        self.texts = [
            p.read_text(encoding="utf-8", errors="replace")
            for p in sorted((folder / "docs").glob("*.txt"))
        ]
        incidents = json.loads((folder / "incidents.json").read_text())["incidents"].values()
        places = {
            re.sub(r"\s*\(.*?\)", "", i["place"]).strip() for i in incidents if i.get("place")
        }
        self.places = sorted(p for p in places if len(p) > 3)
        self.place_re = re.compile(
            r"\b(" + "|".join(map(re.escape, sorted(self.places, key=len, reverse=True))) + r")\b"
        )

    def article(self) -> str:
        """One generated article."""
        rng = self.rng
        sentences = [s.strip() for s in _SENTENCE.split(rng.choice(self.texts)) if s.strip()]
        rng.shuffle(sentences)
        text = "\n\n".join(sentences[: rng.randint(6, 14)])
        text = _NUMBER.sub(lambda m: self._number(m.group(0)), text)
        text = _SMALL_RE.sub(lambda m: rng.choice(_SMALL), text)
        return self.place_re.sub(lambda m: rng.choice(self.places), text)

    def _number(self, digits: str) -> str:
        n = len(digits)
        if n == 4 and digits.startswith(("19", "20")):
            return str(self.rng.randint(2012, 2018))
        return str(self.rng.randint(10 ** (n - 1) if n > 1 else 1, 10**n - 1))

    def write(self, folder: Path, count: int) -> Path:
        """Write `count` articles and a manifest (with publication dates); return the manifest."""
        manifest = folder / "manifest.jsonl"
        with manifest.open("w", encoding="utf-8") as out:
            for i in range(count):
                rel = Path(f"{i // 1000:04d}") / f"{i:07d}.txt"
                path = folder / rel
                path.parent.mkdir(exist_ok=True)
                path.write_text(self.article() + "\n", encoding="utf-8")
                day = f"{self.rng.randint(2014, 2017)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
                out.write(json.dumps({"path": str(rel), "published": day}) + "\n")
        return manifest


def scale_run(gen: Generator, size: int, jobs: int, work: Path) -> dict[str, Any]:
    """Generate `size` documents, ingest them into a fresh ledger, and measure it."""
    folder = work / f"docs-{size}"
    folder.mkdir()
    manifest = gen.write(folder, size)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*/*.txt"))
    db = str(work / f"scale-{size}.db")
    run = measure(
        tally_cmd("ingest", "-q", "--db", db, "--manifest", str(manifest), "-j", str(jobs))
    )
    return {
        "documents": size,
        "words": words,
        "jobs": jobs,
        "seconds": round(run.seconds, 1),
        "docs_per_s": round(size / run.seconds, 1),
        "words_per_s": round(words / run.seconds),
        "peak_rss_mb": round(run.peak_rss_mb),
        "summary": run.stdout.strip(),
        "errors": error_lines(run),
        "load": load(),
        "reads": read_bench(db, work),
    }


LIST_PAGES = ("/", "/?sort=killed", "/?q=shooting+2016", "/?country=US&page=40")


def read_bench(db: str, work: Path) -> dict[str, Any]:
    """What reading the ledger costs at this size: the export and the incident listing
    (time and peak memory, as the user runs them), and the web list's pages."""
    out: dict[str, Any] = {}
    for name, args in (
        (
            "export",
            ["export", "--figures", str(work / "f.jsonl"), "--incidents", str(work / "i.jsonl")],
        ),
        ("incidents_tsv", ["incidents", "--format", "tsv"]),
    ):
        run = measure(tally_cmd(*args, "--db", db))
        out[name] = {"seconds": round(run.seconds, 1), "peak_rss_mb": round(run.peak_rss_mb)}
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from tally.web import create_app

    client = TestClient(create_app(db), base_url="http://localhost")
    times = []
    for path in LIST_PAGES:
        client.get(path)
        for _ in range(5):
            start = time.perf_counter()
            if client.get(path).status_code != 200:
                raise RuntimeError(f"{path} failed")
            times.append((time.perf_counter() - start) * 1000)
    out["list_page_median_ms"] = round(statistics.median(times), 1)
    out["list_page_max_ms"] = round(max(times), 1)
    return out


def clone_ledger(seed: Path, target: Path, size: int) -> None:
    """Copy `seed`'s documents, figures and local incidents into `target` until it holds
    `size` documents: each copy under new text hashes and with its years moved by 10 per
    copy, so copies never link to one another (a bench fixture: no extraction, no linking)."""
    shutil.copy(seed, target)
    con = sqlite3.connect(target)
    docs = con.execute("SELECT * FROM documents").fetchall()
    names = con.execute("SELECT * FROM document_names").fetchall()
    figs = con.execute("SELECT * FROM figures").fetchall()
    local = con.execute("SELECT * FROM local_incidents").fetchall()
    con.execute("UPDATE figures SET incident_id = NULL")
    con.execute("UPDATE local_incidents SET linked = NULL, grp = NULL")
    con.execute("DELETE FROM incidents")
    copies = -(-size // len(docs))
    for k in range(1, copies):
        left = size - k * len(docs)
        if left <= 0:
            break
        keep = {d[0] for d in docs[:left]}

        def new(doc_id: str, k: int = k) -> str:
            return hashlib.md5(f"{doc_id}/{k}".encode()).hexdigest()

        def later(text: str | None, k: int = k) -> str | None:
            return text and _YEAR.sub(lambda m: str(int(m.group(0)) + 10 * k), text)

        con.executemany(
            f"INSERT INTO documents VALUES ({', '.join('?' * len(docs[0]))})",
            [(new(d[0]), *d[1:5], later(d[5]), *d[6:]) for d in docs if d[0] in keep],
        )
        con.executemany(
            f"INSERT INTO document_names VALUES ({', '.join('?' * len(names[0]))})",
            [(new(n[0]), f"{k}/{n[1]}", *n[2:]) for n in names if n[0] in keep],
        )
        con.executemany(
            f"INSERT INTO figures VALUES ({', '.join('?' * len(figs[0]))})",
            [
                (f"{new(f[1])}{f[0][len(f[1]) :]}", new(f[1]), *f[2:13], None, *f[14:])
                for f in figs
                if f[1] in keep
            ],
        )
        rows = []
        for doc_id, key, data, *linking in (r for r in local if r[0] in keep):
            d = json.loads(data)
            d.update(doc_id=new(doc_id), date=later(d["date"]), published=later(d["published"]))
            rows.append((new(doc_id), key, json.dumps(d), *(None for _ in linking)))
        con.executemany(
            f"INSERT INTO local_incidents VALUES ({', '.join('?' * len(local[0]))})", rows
        )
        con.commit()
    con.commit()
    con.close()


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def timed(fn: Any) -> tuple[Any, float]:
    """`fn()` and the seconds it took."""
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def review_bench(
    gen: Generator, size: int, jobs: int, cache: Path, seed_size: int = 2000
) -> dict[str, Any]:
    """Build (once, cached) and link a `size`-document ledger from `seed_size` generated
    documents; time a reviewer's merge and an ingest of 100 new documents on copies of it."""
    from tally.pipeline import relink
    from tally.store import Ledger
    from tally.store.corrections import Corrections

    cache.mkdir(parents=True, exist_ok=True)
    built = cache / f"review-{size}.db"
    out: dict[str, Any] = {"documents": size}
    if not built.exists():
        seed_size = min(size, seed_size)
        folder = cache / f"seed-{seed_size}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        manifest = gen.write(folder, seed_size)
        seed = cache / f"seed-{seed_size}.db"
        seed.unlink(missing_ok=True)
        run = measure(
            tally_cmd(
                "ingest", "-q", "--no-link", "--db", str(seed), "--manifest", str(manifest),
                "-j", str(jobs),
            )
        )  # fmt: skip
        out["seed_ingest_s"] = round(run.seconds, 1)
        partial = cache / f"review-{size}.partial.db"
        clone_ledger(seed, partial, size)
        with Ledger(partial) as led:
            _, out["full_relink_s"] = timed(lambda: relink(led, full=True))
        partial.rename(built)
    with Ledger(built) as led:
        if led.linked_from() is None:  # cached before the link index: indexed and linked once
            _, out["index_s"] = timed(lambda: relink(led, full=True))
    with tempfile.TemporaryDirectory(prefix="tally-review-") as tmp:
        db = Path(tmp) / "l.db"
        shutil.copy(built, db)
        with Ledger(db) as led:
            out["incidents"] = led.count("incidents")
            ids = [r[0] for r in led.conn.query(
                "SELECT id FROM incidents ORDER BY documents DESC, id LIMIT 2"
            )]  # fmt: skip
            store = Corrections(led.conn)
            store.add_reviewer("bench")
            _, out["merge_s"] = timed(lambda: (store.merge("bench", ids[0], ids[1]), relink(led)))
        folder = Path(tmp) / "new"
        folder.mkdir()
        fresh = Generator(gen.shared, seed=size)  # never the cached ledger's own texts
        manifest = fresh.write(folder, 100)
        run = measure(
            tally_cmd(
                "ingest", "-q", "--no-link", "--db", str(db), "--manifest", str(manifest),
                "-j", "1",
            )
        )  # fmt: skip
        out["ingest_100_s"] = round(run.seconds, 1)
        out["ingest_100_summary"] = run.stdout.strip()
        out["errors"] = error_lines(run)
        with Ledger(db) as led:
            out["incidents_after"], out["relink_100_s"] = timed(lambda: relink(led))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--review", type=int, default=0, help="time a review in N documents")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "tally-bench")
    args = parser.parse_args()
    gen = Generator(args.shared)
    if args.review:
        print(f"tally bench-scale: a review and 100 new documents in {args.review:,} documents")
        r = review_bench(gen, args.review, args.jobs, args.cache)
        if "full_relink_s" in r:
            print(f"  built once (cached): seed ingest {r['seed_ingest_s']} s, full relink "
                  f"{r['full_relink_s']:.1f} s")  # fmt: skip
        if "index_s" in r:
            print(f"  cached ledger indexed for linking and relinked once: {r['index_s']:.1f} s")
        print(f"  {r['documents']:,} documents, {r['incidents']:,} incidents", flush=True)
        print(f"  review merge with its relink: {r['merge_s']:.2f} s (target < 1 s)")
        print(
            f"  100 new documents: read and extracted {r['ingest_100_s']} s (tally ingest "
            f"--no-link -j 1), linked and reconciled {r['relink_100_s']:.1f} s: "
            f"{r['ingest_100_s'] + r['relink_100_s']:.1f} s (target < 5 s); "
            f"{r['incidents_after']:,} incidents"
        )
        print(f"      {r['ingest_100_summary']}")
        for line in r["errors"]:
            print(f"      {line[:200]}")
        save_results("review", r)
        return
    results: dict[str, Any] = {}
    print(
        f"tally bench-scale: generated gva-dev documents, tally ingest -j {args.jobs}", flush=True
    )
    with tempfile.TemporaryDirectory(prefix="tally-scale-") as tmp:
        for size in args.sizes:
            r = scale_run(gen, size, args.jobs, Path(tmp))
            results[str(size)] = r
            print(
                f"  {size:>7,} documents ({r['words']:,} words): {r['seconds']:8.1f} s  "
                f"{r['docs_per_s']:6.1f} docs/s  {r['words_per_s']:>7,} words/s  "
                f"peak RSS {r['peak_rss_mb']:,} MB (process tree)",
                flush=True,
            )
            print(f"      {r['summary']} ({r['load']})", flush=True)
            reads = r["reads"]
            print(
                f"      reading it: export {reads['export']['seconds']} s, peak "
                f"{reads['export']['peak_rss_mb']} MB; incidents --format tsv "
                f"{reads['incidents_tsv']['seconds']} s, peak {reads['incidents_tsv']['peak_rss_mb']} MB; "
                f"web list page median {reads['list_page_median_ms']} ms "
                f"(max {reads['list_page_max_ms']} ms)",
                flush=True,
            )
            for line in r["errors"]:
                print(f"      {line[:200]}", flush=True)
            save_results("scale", results)
    sizes = [str(s) for s in args.sizes]
    if len(sizes) >= 2:
        ratio = results[sizes[-1]]["peak_rss_mb"] / results[sizes[0]]["peak_rss_mb"]
        results["memory_ratio"] = round(ratio, 2)
        print(f"  peak memory {sizes[-1]} vs {sizes[0]}: {ratio:.2f}x (target <= 1.5x)", flush=True)
    save_results("scale", results)
    print("  → bench/results.json")


if __name__ == "__main__":
    sys.exit(main())
