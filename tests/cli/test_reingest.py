"""Re-ingesting the same texts with richer metadata: what was missing is filled (and said), a
stored value is never replaced, the incident keeps its id, and a reviewer's value stands."""

from __future__ import annotations

import json
from pathlib import Path

from tally.store import Ledger
from tally.store.corrections import Corrections
from tests.conftest import run_tally

STORY = (
    "Warehouse fire in Port Elvar\n\nA fire at a textile warehouse in Port Elvar killed 41 "
    "people on Monday, the fire brigade said. Another 30 people were injured.\n"
)


def _manifest(folder: Path, **fields: str) -> str:
    path = folder / "m.jsonl"
    path.write_text(json.dumps({"path": "gazette.txt", **fields}) + "\n", encoding="utf-8")
    return str(path)


def _figure(db: str) -> dict:
    out = run_tally("figures", "--db", db, "-f", "jsonl").stdout
    return json.loads(out.splitlines()[0])


def test_richer_metadata_fills_what_was_missing_and_a_reviewers_value_stands(
    tmp_path: Path,
) -> None:
    (tmp_path / "gazette.txt").write_text(STORY, encoding="utf-8")
    db = str(tmp_path / "l.db")
    run_tally("ingest", "-q", "--db", db, str(tmp_path / "gazette.txt"))
    assert _figure(db)["published"] is None
    with Ledger(db) as led:
        [inc] = [i for i in led.incidents() if not i.background]
        assert inc.date is None
        store = Corrections(led.conn)
        store.add_reviewer("Ana")
        store.edit_incident("Ana", inc, {"name": "Port Elvar textile warehouse fire"}, "its name")
    richer = _manifest(tmp_path, published="2024-03-06", publisher="Harbour Gazette",
                       url="https://gazette.example/port-elvar-fire")  # fmt: skip
    said = run_tally("ingest", "--db", db, "--manifest", richer).stdout
    assert "1 already in the ledger (1 given missing metadata)" in said
    fig = _figure(db)
    assert (fig["published"], fig["publisher"]) == ("2024-03-06", "Harbour Gazette")
    assert fig["url"] == "https://gazette.example/port-elvar-fire"
    with Ledger(db) as led:
        again = led.incident(led.resolve(inc.id))  # the published id still opens it
    assert again.date == "2024-03-04"  # "on Monday" of a report of Wednesday 6 March
    assert again.name == "Port Elvar textile warehouse fire"
    other = _manifest(tmp_path, published="2024-03-09", publisher="Coast Radio")
    said = run_tally("ingest", "--db", db, "--manifest", other).stdout
    assert "1 already in the ledger," in said and "missing metadata" not in said
    fig = _figure(db)
    assert (fig["published"], fig["publisher"]) == ("2024-03-06", "Harbour Gazette")
