"""The read-only JSON API: an incident's export row with its figures, figures paged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tally.export import figure_rows, incident_rows
from tally.store import Ledger
from tally.web import create_app
from tests.conftest import run_tally

ARTICLES = {
    "a.txt": "Gunmen killed 12 villagers and wounded 30 in Dorvale on Sunday, police said.\n",
    "b.txt": "The toll of Sunday's attack on Dorvale rose to 14 dead, officials said. "
    "At least 31 people were wounded.\n",
}


@pytest.fixture
def client(tmp_path: Path) -> tuple[TestClient, str]:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text)
    db = str(tmp_path / "l.db")
    run_tally("ingest", "-q", "--db", db, *(str(tmp_path / n) for n in ARTICLES))
    return TestClient(create_app(db), base_url="http://localhost"), db


def test_an_incident_json_is_its_export_row_with_its_figures(client: tuple) -> None:
    web, db = client
    with Ledger(db) as led:
        spec = next(r for r in incident_rows(led) if not r["background"])
        figures = [r for r in figure_rows(led) if r["incident"] == spec["incident"]]
    got = web.get(f"/incidents/{spec['incident']}.json")
    assert got.status_code == 200 and got.headers["content-type"] == "application/json"
    body = got.json()
    rows = body.pop("figure_rows")
    assert body == json.loads(json.dumps(spec))
    assert sorted(r["key"] for r in rows) == sorted(r["key"] for r in figures)
    assert rows and all(r["incident"] == spec["incident"] for r in rows)


def test_an_unknown_incident_is_a_json_404(client: tuple) -> None:
    web, _ = client
    got = web.get("/incidents/no-such-incident.json")
    assert got.status_code == 404 and "no-such-incident" in got.json()["error"]


def test_figures_page_on_with_next(client: tuple) -> None:
    web, db = client
    with Ledger(db) as led:
        every = [r["key"] for r in figure_rows(led)]
    seen, url = [], "/figures.json?limit=2"
    while url:
        body = web.get(url).json()
        seen += [r["key"] for r in body["rows"]]
        url = body["next"]
    assert seen == every and len(every) > 2


@pytest.mark.parametrize("query", ["limit=0", "limit=5000", "offset=-1"])
def test_figures_json_bounds_its_parameters(client: tuple, query: str) -> None:
    web, _ = client
    assert web.get(f"/figures.json?{query}").status_code in {400, 422}
