"""The SQLite ledger: documents, names, figures, migrations."""

from __future__ import annotations

from pathlib import Path

from tally.models import Document, Figure, text_hash
from tally.store import Ledger


def _doc(text: str, name: str = "a.txt") -> Document:
    return Document(id=text_hash(text), text=text, kind="text", name=name)


def _fig(doc: Document, start: int, end: int, value: int) -> Figure:
    return Figure(
        doc.id, "killed", "people", value, None, "exact", None, doc.text[start:end], start, end
    )


def test_same_text_is_stored_once_and_keeps_every_name(ledger: Ledger) -> None:
    doc = _doc("Five people were killed.")
    assert ledger.add_document(doc, [_fig(doc, 0, 4, 5)])
    assert not ledger.add_document(_doc(doc.text, "copy.txt"), [_fig(doc, 0, 4, 5)])
    assert ledger.count("documents") == 1
    assert ledger.count("figures") == 1
    assert [n for _, n, _ in ledger.names()] == ["a.txt", "copy.txt"]


def test_migrations_are_recorded_and_not_rerun(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    with Ledger(path) as first:
        applied = first.conn.query("SELECT name FROM migrations")
    with Ledger(path) as second:
        assert second.conn.query("SELECT name FROM migrations") == applied
    assert applied


def test_document_lookup_by_prefix_and_name(ledger: Ledger) -> None:
    doc = _doc("Two people died.")
    ledger.add_document(doc, [])
    assert ledger.document(doc.id[:8]).text == doc.text
    assert ledger.document("a.txt").id == doc.id
