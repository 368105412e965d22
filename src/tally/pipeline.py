"""The pipeline: read → extract → link within → store, then link across → reconcile → store.

`process` is the per-document stage: pure, picklable, what parallel and Ray
workers run. `ingest` drives it over many sources and writes through one
ledger. `relink` rebuilds the cross-document view from what is stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tally.errors import InputError
from tally.extract import extract
from tally.ingest import IngestOptions, read
from tally.link import link_across, link_within
from tally.models import Document, Figure, LocalIncident, Source, Statement
from tally.reconcile import reconcile, totals
from tally.store import Ledger


@dataclass(frozen=True)
class Processed:
    """What the per-document stage produces for one source."""

    source: Source
    document: Document
    figures: list[Figure]
    local_incidents: list[LocalIncident]


@dataclass
class IngestReport:
    """What an ingest did, for the one-line summary."""

    seen: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    figures: int = 0
    words: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """The one-line summary printed at the end of an ingest."""
        return (
            f"{self.stored} documents stored, {self.duplicates} already in the ledger, "
            f"{self.figures} figures; {self.skipped} files skipped (not text or HTML), "
            f"{self.failed} failed"
        )


def process(source: Source, options: IngestOptions | None = None) -> Processed:
    """Read, extract and link one source within its document (raises `InputError`)."""
    doc = read(source, options)
    figures, local = link_within(doc, extract(doc))
    return Processed(source, doc, figures, local)


def store_processed(ledger: Ledger, item: Processed, report: IngestReport) -> None:
    """Write one processed document through the ledger and count it."""
    doc = item.document
    if ledger.add_document(doc, item.figures, item.local_incidents):
        report.stored += 1
        report.figures += len(item.figures)
        report.words += len(doc.text.split())
    else:
        report.duplicates += 1


def ingest(
    inputs: Iterable[Source | InputError | str],
    ledger: Ledger,
    options: IngestOptions | None = None,
    on_item: Callable[[str, str | None], None] | None = None,
) -> IngestReport:
    """Ingest sources one by one into `ledger`; bad inputs are reported, the rest go on.

    `on_item(name, error)` is called after each input (for progress and error lines).
    """
    options = options or IngestOptions()
    report = IngestReport()
    for item in inputs:
        if isinstance(item, str):
            report.skipped += 1
            continue
        if isinstance(item, InputError):
            report.failed += 1
            report.errors.append(item.line())
            if on_item:
                on_item(item.source or "", item.line())
            continue
        report.seen += 1
        try:
            store_processed(ledger, process(item, options), report)
        except InputError as err:
            report.failed += 1
            report.errors.append(err.line())
            if on_item:
                on_item(item.name, err.line())
            continue
        if on_item:
            on_item(item.name, None)
    return report


def relink(ledger: Ledger) -> int:
    """Link every stored local incident across documents, reconcile, and store the view.

    Returns the number of incidents. Deterministic: the same documents give the
    same incidents and ids whatever order they were ingested in.
    """
    incidents, mapping = link_across(ledger.local_incidents())
    docs = {}
    for doc_id, name, _url in ledger.names():
        docs.setdefault(doc_id, name)
    meta = {d.id: d for d in ledger.document_meta()}
    statements: dict[str, list[Statement]] = defaultdict(list)
    assignments: dict[str, str] = {}
    for fig in ledger.iter_figures():
        iid = mapping.get((fig.doc_id, fig.incident or ""))
        if iid is None:
            continue
        assignments[fig.key] = iid
        d = meta.get(fig.doc_id)
        statements[iid].append(
            Statement(
                figure=fig,
                published=d.published if d else None,
                publisher=d.publisher if d else None,
                doc_name=docs.get(fig.doc_id, fig.doc_id),
            )
        )
    reconciled = {iid: reconcile(stmts) for iid, stmts in statements.items()}
    ledger.replace_incidents(
        incidents, assignments, reconciled, {iid: totals(r) for iid, r in reconciled.items()}
    )
    return len(incidents)
