"""The pipeline: read → extract → link within → store, then link across → reconcile → store.

`process` is the per-document stage: pure, picklable, what parallel and Ray
workers run. `ingest` streams sources through a runner (this process, a pool
of worker processes, or a Ray cluster) and writes every result through one
ledger, in input order, so any runner gives the same ledger. `relink` rebuilds
the cross-document view from what is stored.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from tally import touched
from tally.errors import InputError, TallyError
from tally.incremental import ledger_stamp, reconciled, relink_new, touched_view
from tally.ingest import IngestOptions, read
from tally.ingest.sources import Notes
from tally.link import gazetteer, link_within
from tally.link.across import link_whole
from tally.link.ids import redirects as redirected_ids
from tally.models import (
    MAX_VALUE,
    Document,
    Figure,
    Incident,
    LocalIncident,
    Source,
)
from tally.store import Ledger
from tally.store.corrections import Corrections, CorrectionSet
from tally.words import counted

BATCH = 32
"""Documents written per transaction: each one whole, so a crash never leaves one half written."""
CHUNK = 8
"""Sources sent to a worker process at a time (fewer round trips, small enough to stay balanced)."""


@dataclass(frozen=True)
class Processed:
    """What the per-document stage produces for one source."""

    source: Source
    document: Document
    figures: list[Figure]
    local_incidents: list[LocalIncident]


@dataclass(frozen=True)
class Failed:
    """A source the per-document stage could not use, with the line to show the user."""

    name: str
    line: str


Result = Processed | Failed


class Runner(Protocol):
    """Runs the per-document stage over sources and yields the results in input order."""

    def __call__(self, sources: Iterable[Source], options: IngestOptions) -> Iterator[Result]: ...


@dataclass
class IngestReport:
    """What an ingest did, for the one-line summary."""

    seen: int = 0
    stored: int = 0
    duplicates: int = 0
    filled: int = 0
    """Of the duplicates, those whose missing metadata (published, publisher, ...) was filled."""
    skipped: int = 0
    notes: list[str] = field(default_factory=list)
    """Files a folder walk left out as the folder's notes (README, NOTES.md)."""
    failed: int = 0
    figures: int = 0
    words: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """The one-line summary printed at the end of an ingest."""
        return (
            f"{counted(self.stored, 'document')} stored, {self.duplicates} already in the "
            f"ledger{f' ({self.filled} given missing metadata)' if self.filled else ''}, {counted(self.figures, 'figure')}; {counted(self.skipped, 'file')} skipped "
            f"(not text or HTML){self._notes()}, {self.failed} failed"
        )

    def _notes(self) -> str:
        if not self.notes:
            return ""
        names = ", ".join(os.path.basename(n) for n in self.notes[:3])
        more = f" and {len(self.notes) - 3} more" if len(self.notes) > 3 else ""
        return f", {names}{more} skipped as a folder's notes, not an article"


class OverBudget(BaseException):
    """Raised in a worker when a document has used its time budget (a BaseException, so
    no `except Exception` inside a stage can swallow it)."""

    def __init__(self, stage: str) -> None:
        super().__init__(stage)
        self.stage = stage


_stage = ["reading"]
"""The stage the current document is in, for the line naming where its budget ran out."""


def _on_alarm(signum: int, frame: object) -> None:
    raise OverBudget(_stage[0])


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Stop the work inside after `seconds` of wall time by raising `OverBudget`.

    A timer signal interrupts Python code and the regular-expression engine
    alike; it can be set only on a main thread (a worker process, or the
    ingest itself with `-j 1`). Elsewhere (a web server's thread) the work runs
    unbounded. 0 means no budget.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def bounded(figures: Iterable[Figure]) -> list[Figure]:
    """The figures whose values a ledger can hold and a count of people can be.

    Above `MAX_VALUE` (more people than live on Earth: "99999999999999999999
    killed", "999999999999 billion") a number is not a casualty figure, whichever
    extractor read it; the pipeline drops it here, before linking and storing.
    """
    return [
        f
        for f in figures
        if 0 <= f.value <= MAX_VALUE and (f.value_high is None or f.value_high <= MAX_VALUE)
    ]


def process(source: Source, options: IngestOptions | None = None) -> Processed:
    """Read, extract and link one source within its document (raises `InputError`)."""
    from tally.extract import extract  # imported here: commands that only read skip its patterns
    from tally.lang.describe import in_language

    _stage[0] = "reading"
    doc = read(source, options)
    _stage[0] = "extraction"
    found = bounded(extract(doc))
    _stage[0] = "linking cues"
    figures, local = link_within(doc, found)
    return Processed(source, doc, figures, in_language(doc, local, figures))


def process_safe(source: Source, options: IngestOptions | None = None) -> Result:
    """`process`, with any failure turned into a `Failed` so one bad input never stops a run.

    The document gets `options.budget` seconds for all its stages; one that
    takes longer is reported with the stage it was in, and the batch goes on.
    """
    budget = (options or IngestOptions()).budget
    gazetteer.index()  # opened (or built, once per machine) outside any document's budget
    try:
        with time_budget(budget):
            return process(source, options)
    except OverBudget as over:
        line = InputError(
            f"gave up after {budget:g} s in {over.stage} (the time budget per document; "
            "raise it with --budget)",
            source=source.name,
        )
        return Failed(source.name, line.line())
    except InputError as err:
        return Failed(source.name, err.line())
    except Exception as err:
        line = InputError(f"cannot process: {type(err).__name__}: {err}", source=source.name)
        return Failed(source.name, line.line().splitlines()[0])


def process_many(sources: list[Source], options: IngestOptions | None = None) -> list[Result]:
    """`process_safe` over a chunk of sources (the unit of work sent to a worker)."""
    return [process_safe(s, options) for s in sources]


def local_runner(jobs: int = 1) -> Runner:
    """A runner in this process (`jobs` 1) or a pool of `jobs` worker processes (0: every core)."""
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1:
        return lambda sources, options: (process_safe(s, options) for s in sources)

    def run(sources: Iterable[Source], options: IngestOptions) -> Iterator[Result]:
        yield from _pooled(sources, options, jobs)

    return run


def _pooled(sources: Iterable[Source], options: IngestOptions, jobs: int) -> Iterator[Result]:
    """Results of a process pool, in input order, with a bounded number of chunks in flight."""
    ctx = _worker_context()
    it = iter(sources)
    window: deque[Future[list[Result]]] = deque()
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_exit_with, initargs=(os.getpid(),)
    ) as pool:
        while True:
            while len(window) < jobs * 3:
                chunk = list(islice(it, CHUNK))
                if not chunk:
                    break
                window.append(pool.submit(process_many, chunk, options))
            if not window:
                return
            try:
                yield from window.popleft().result()
            except BrokenProcessPool as err:
                raise TallyError(f"a worker process died ({err}); re-run to finish") from err


def _worker_context() -> multiprocessing.context.BaseContext:
    """How workers start: forked from this process when that is safe, else from a fork server.

    A fork of this process starts at once, with every module already imported
    and every pattern compiled; it is safe on Linux while this process runs one
    thread (a fork taken while another thread holds a lock can deadlock). Workers
    never touch the ledger connection they inherit, and leave with `os._exit`.
    Otherwise (a progress bar's thread, a threaded host application) a fork
    server starts clean, imports the pipeline once, and forks each worker.
    """
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and threading.active_count() == 1:
        import tally.extract  # noqa: F401  (compiled once here, inherited by every worker)

        return multiprocessing.get_context("fork")
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["__main__", __name__, "tally.extract"])
    return ctx


GC_THRESHOLD = (50_000, 20, 20)
"""The collector's thresholds while a batch runs: a document's analysis allocates tens of
thousands of short-lived objects and few cycles, so the default (700 allocations) collects
the youngest generation hundreds of times per document for nothing (about 3% of ingest)."""


@contextmanager
def batch_gc() -> Iterator[None]:
    """Collect garbage seldom while a batch runs, and never walk what was loaded before it
    (modules, patterns, the vocabulary: frozen); the host's settings are restored after.
    Usable as a decorator; nested uses keep the outermost one's settings."""
    if _gc_depth[0]:
        _gc_depth[0] += 1
        try:
            yield
        finally:
            _gc_depth[0] -= 1
        return
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    _gc_depth[0] = 1
    try:
        yield
    finally:
        _gc_depth[0] = 0
        gc.set_threshold(*before)
        gc.unfreeze()


_gc_depth = [0]


def _exit_with(pid: int) -> None:
    """Make a worker end itself when the ingest that started it is gone (killed, not just done),
    and collect its garbage as a batch's (`batch_gc`: a worker runs nothing else)."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass

    threading.Thread(target=watch, name="tally-parent-watch", daemon=True).start()


def store_processed(ledger: Ledger, item: Processed, report: IngestReport) -> None:
    """Write one processed document through the ledger and count it."""
    doc = item.document
    filled = ledger.filled
    if ledger.add_document(doc, item.figures, item.local_incidents):
        report.stored += 1
        report.figures += len({f.key for f in item.figures})  # as stored: one per key
        report.words += len(doc.text.split())
    else:
        report.duplicates += 1
        report.filled += ledger.filled - filled


def ingest(
    inputs: Iterable[Source | InputError | str],
    ledger: Ledger,
    options: IngestOptions | None = None,
    on_item: Callable[[str, str | None], None] | None = None,
    *,
    jobs: int = 1,
    runner: Runner | None = None,
    batch: int = BATCH,
) -> IngestReport:
    """Stream sources through `runner` into `ledger`; bad inputs are reported, the rest go on.

    Inputs are consumed lazily and results written in input order, `batch`
    whole documents per transaction, so memory stays flat and every runner
    gives the same ledger. `on_item(name, error)` is called after each input
    (for progress and error lines).
    """
    options = options or IngestOptions()
    runner = runner or local_runner(jobs)
    report = IngestReport()

    def fail(name: str, line: str) -> None:
        report.failed += 1
        report.errors.append(line)
        if on_item:
            on_item(name, line)

    def sources() -> Iterator[Source]:
        for item in inputs:
            if isinstance(item, Notes):
                report.notes.append(str(item))
            elif isinstance(item, str):
                report.skipped += 1
            elif isinstance(item, InputError):
                fail(item.source or "", item.line())
            else:
                report.seen += 1
                yield item

    pending: list[Processed] = []

    def flush() -> None:
        with ledger.conn.transaction():
            for done in pending:
                store_processed(ledger, done, report)
        if on_item:
            for done in pending:
                on_item(done.source.name, None)
        pending.clear()

    with batch_gc():
        for result in runner(sources(), options):
            if isinstance(result, Failed):
                fail(result.name, result.line)
                continue
            pending.append(result)
            if len(pending) >= batch:
                flush()
        if pending:
            flush()
    return report


@batch_gc()
def relink(ledger: Ledger, *, tries: int = 3, full: bool = False) -> int:
    """Link every stored local incident across documents, reconcile, and store the view.

    When no document arrived since the published view, only reviewers' changes did, and
    only the incidents they touch are reconciled again (`_relink_touched`); `full` relinks
    the whole ledger regardless, with the same result.

    Returns the number of incidents. Deterministic: the same documents give the
    same incidents and ids whatever order they were ingested in. Reads no texts.
    A published id that no longer names an incident of its own redirects to the one
    holding most of its reports (`link.ids`), and reviewers' merges, splits and moves
    follow the incident.
    Everything is computed from one snapshot of the ledger and staged in
    temporary tables while other writers go on: the figures' incidents, then
    each incident's figures read back one at a time, reconciled and staged, so
    memory holds one incident's statements (plus the links of local incidents),
    not the ledger's. Then one short transaction publishes the view: readers
    see the old view or the new. When another writer added documents or a
    reviewer's correction meanwhile, the view is recomputed (up to `tries`
    times), and otherwise left to that writer, whose own relink comes after its
    last change: a stale view never overwrites a newer one.
    """
    if not full and (touched := _relink_touched(ledger, tries)) is not None:
        return touched
    if not full and (added := relink_new(ledger, tries)) is not None:
        return added
    if not ledger.indexed():
        ledger.build_index()
    with ledger.conn.snapshot():
        stamp = ledger_stamp(ledger)
        incidents, mapping, groups, clusters = link_whole(ledger.local_incidents())
        ledger.stage_redirects(redirected_ids(mapping, ledger.published_links()))
        renames = ledger.renames(mapping)
        fixes = Corrections(ledger.conn).snapshot().renamed(renames)
        incidents = fixes.incidents(incidents)
        known = {inc.id for inc in incidents}
        ledger.stage_links(
            ((doc_id, key, iid, groups[doc_id, key]) for (doc_id, key), iid in mapping.items()),
            fixes.moves(known),
            {source: fixes.incident_of(source, known) for source in fixes.merges},
            clusters,
        )
        del mapping, groups, clusters
        scope = None if full else _changed(ledger, incidents, fixes)
        if scope is not None:
            incidents = [i for i in incidents if i.id in scope]
        ledger.stage_incidents(reconciled(incidents, ledger.staged_statements(scope), fixes), scope)
    with ledger.conn.transaction():
        current = ledger_stamp(ledger) == stamp and ledger.staged_renames() == renames
        if current:
            Corrections(ledger.conn).rename_incidents(renames)
            ledger.publish_staged()
    ledger.drop_staged()
    if not current and tries > 1:
        return relink(ledger, tries=tries - 1, full=full)
    return ledger.count("incidents")


def _changed(ledger: Ledger, incidents: list[Incident], fixes: CorrectionSet) -> set[str] | None:
    """The incidents a relink must reconcile again, or None for all of them (what the
    published view reflects is unknown): those new or gone, those linking describes
    otherwise, those figures leave or join, and those reviewers touched since the view."""
    entries = ledger.audit_since_view()
    if entries is None:
        return None
    ids, targets = touched.named(entries)
    out = touched.closed(ids | ledger.figure_incidents(targets), fixes) | ledger.staged_moves()
    stored = ledger.stored_incidents()
    out.update(i.id for i in incidents if stored.pop(i.id, None) != i)
    return out | set(stored)


def _relink_touched(ledger: Ledger, tries: int) -> int | None:
    """Reconcile again only the incidents reviewers' changes touched since the published
    view; None (nothing written) when documents arrived, a stored one's extraction was
    replaced, or what changed is unknown (`incremental.touched_view`: the cost grows with the incidents touched, never with
    the ledger). Returns the number of incidents.
    """
    with ledger.conn.snapshot():
        stamp = ledger_stamp(ledger)
        entries = ledger.audit_since_view()
        if entries is None or ledger.unlinked() or ledger.linked_from() is None:
            return None  # what changed is unknown, documents arrived, or links moved
        figures, scope, rows = touched_view(ledger, *touched.named(entries))
    with ledger.conn.transaction():
        current = ledger_stamp(ledger) == stamp and not ledger.unlinked()
        if current:
            ledger.publish_touched(figures, scope, rows)
    if not current:
        return relink(ledger, tries=tries - 1) if tries > 1 else ledger.count("incidents")
    return ledger.count("incidents")
