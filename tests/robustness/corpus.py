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
            "incidents": _incidents(con),
        }
    finally:
        con.close()


def _incidents(con: sqlite3.Connection) -> set[tuple[str, frozenset[str]]]:
    """Each incident as its id and the figures it counts: the same for any order of writers
    (ids come from the incidents, never from the order they were published in)."""
    members: dict[str, set[str]] = {}
    for key, incident in con.execute("SELECT key, incident_id FROM figures"):
        if incident is not None:
            members.setdefault(incident, set()).add(key)
    for (incident,) in con.execute("SELECT id FROM incidents"):
        members.setdefault(incident, set())
    return {(i, frozenset(keys)) for i, keys in members.items()}


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


HEADLINES = [
    "{k} dead after {event} in {place}",
    "{event_cap} in {place} kills {k}, injures {i}",
    "Death toll from {place} {short} rises to {k}",
]
SHORT = {
    "a bus crash": "bus crash",
    "a fire at a warehouse": "warehouse fire",
    "a shooting at a bar": "bar shooting",
    "a bridge collapse": "bridge collapse",
}
OFFICIALS = ["a police spokesman", "the regional governor", "hospital officials", "the fire chief"]


def write_articles(folder: Path, n: int, seed: int = 11) -> list[Path]:
    """Write `n` distinct news articles of several paragraphs (headline, lead, quotes, toll
    history, background) into `folder`; return their paths in name order."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        place, event, day = rng.choice(PLACES), rng.choice(EVENTS), rng.choice(DAYS)
        killed, injured = rng.randint(2, 60), rng.randint(1, 120)
        earlier = max(1, killed - rng.randint(1, killed))
        who, also = rng.sample(OFFICIALS, 2)
        headline = rng.choice(HEADLINES).format(
            k=killed,
            i=injured,
            event=event.removeprefix("a "),
            event_cap=event.removeprefix("a ").capitalize(),
            place=place,
            short=SHORT[event],
        )
        year = 2010 + i % 14
        text = (
            f"{headline}\n\n"
            f"{place.upper()} (Reuters) - At least {killed} people were killed and {injured} "
            f"others injured in {event} in {place} on {day}, {who} said.\n\n"
            f"The toll had stood at {earlier} on {day} evening, but rescuers recovered more "
            f'bodies overnight, {also} told reporters. "We are still searching," one '
            f"volunteer said, adding that {rng.randint(1, 9)} people remained unaccounted for.\n\n"
            f"Witnesses described scenes of panic. Ambulances took the wounded to "
            f"{rng.randint(2, 5)} hospitals in and around {place}, where "
            f"{rng.randint(1, 15)} were said to be in a critical condition.\n\n"
            f"It was the deadliest such incident in the region since {year}, when "
            f"{rng.randint(3, 30)} people died in a similar disaster. Report {i}.\n"
        )
        path = folder / f"article{i:04d}.txt"
        path.write_text(text)
        paths.append(path)
    return paths


def run_on(clauses: int) -> str:
    """One article whose body is a single sentence of `clauses` clauses, each with a figure
    and a day: the shape that made linking scan the whole sentence once per figure."""
    days = DAYS[:5]
    body = ", and ".join(
        f"{i % 9 + 2} people were killed in the village of {PLACES[i % len(PLACES)]} "
        f"on {days[i % 5]}"
        for i in range(clauses)
    )
    return f"Fighting spreads across the north\n\nOfficials said that {body}.\n"
