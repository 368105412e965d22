"""Generated news-like documents for the crash and concurrency tests, and ledger checks."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

PLACES = ["Ashford", "Brindle", "Carrow", "Dunmore", "Elston", "Farley", "Glenby", "Harwick"]
EVENTS = ["a bus crash", "a fire at a warehouse", "a shooting at a bar", "a bridge collapse"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write `n` short distinct articles into `folder`; return their paths in name order."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        place, event, day = rng.choice(PLACES), rng.choice(EVENTS), rng.choice(DAYS)
        killed, injured = rng.randint(1, 40), rng.randint(0, 90)
        text = (
            f"{place} report number {i}\n\n"
            f"{killed} people were killed and {injured} injured in {event} in {place} on "
            f"{day}, police said. Emergency crews worked through the night, and the mayor "
            f"of {place} said flags would fly at half mast.\n"
        )
        path = folder / f"doc{i:04d}.txt"
        path.write_text(text)
        paths.append(path)
    return paths


def snapshot(db: Path) -> dict[str, object]:
    """What a ledger holds, as sets that must match between two ledgers of the same input."""
    con = sqlite3.connect(db)
    try:
        return {
            "documents": set(con.execute("SELECT id FROM documents")),
            "names": set(con.execute("SELECT doc_id, name FROM document_names")),
            "figures": set(con.execute("SELECT key, doc_id, value FROM figures")),
            "incidents": set(con.execute("SELECT id FROM incidents")),
        }
    finally:
        con.close()


def check_consistent(db: Path, clean: dict[str, object]) -> int:
    """Assert the ledger is whole after a kill; return how many documents it holds."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = con.execute(
            "SELECT COUNT(*) FROM figures WHERE doc_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        assert orphans == 0
        assert con.execute("SELECT COUNT(*) FROM documents WHERE NOT extracted").fetchone()[0] == 0
        nameless = con.execute(
            "SELECT COUNT(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM document_names)"
        ).fetchone()[0]
        assert nameless == 0
        figures = set(con.execute("SELECT key, doc_id, value FROM figures"))
        docs = {d for (d,) in con.execute("SELECT id FROM documents")}
    finally:
        con.close()
    expected = {f for f in clean["figures"] if f[1] in docs}  # type: ignore[attr-defined]
    assert figures == expected, "a stored document lacks some of its figures, or has extra ones"
    return len(docs)
