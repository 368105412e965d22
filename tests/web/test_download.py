"""The incident list's download: the filtered rows, every page, in the incident table's shape."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from tally.export import TABLE_COLUMNS, incident_record, table_rows
from tally.store import Ledger
from tally.web.app import create_app
from tests.conftest import run_tally

ARTICLES = {
    "lyon.txt": "Fire kills nine in Lyon apartment block\n\nLYON, France, March 4, 2024 - A fire "
    "in an apartment block in Lyon killed nine people on Monday and injured 14 others, the fire "
    "service said.\n",
    "nairobi.txt": "Bus crash near Nairobi leaves 23 dead\n\nNAIROBI, Kenya, July 9, 2023 - "
    "Twenty-three people were killed and 31 injured when a bus overturned near Nairobi on "
    "Sunday, police said.\n",
    "denver.txt": "Five shot dead at Denver nightclub\n\nDENVER, Colorado, November 20, 2024 - "
    "A gunman killed five people and wounded 18 at a nightclub in Denver late on Saturday, "
    "police said.\n",
}


@pytest.fixture(scope="module")
def three_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Three incidents in three countries and two years, ingested from text."""
    folder = tmp_path_factory.mktemp("three")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(folder / "l.db")
    run_tally("ingest", "-q", "--db", db, *(str(folder / n) for n in ARTICLES))
    return db


@pytest.mark.parametrize(
    ("query", "countries"),
    [
        ("", {"US", "FR", "KE"}),
        ("?country=KE", {"KE"}),
        ("?date_from=2024-01-01", {"US", "FR"}),
        ("?q=lyon", {"FR"}),
        ("?q=nowhere-at-all", set()),
    ],
)
def test_the_download_gives_the_filtered_rows_as_csv_and_json_lines(
    three_db: str, query: str, countries: set[str]
) -> None:
    client = TestClient(create_app(three_db), base_url="http://localhost")
    page = client.get("/" + query).text
    assert 'href="/incidents.csv?' in page and 'href="/incidents.jsonl?' in page
    got = client.get("/incidents.csv" + query)
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert got.headers["content-disposition"] == 'attachment; filename="incidents.csv"'
    reader = csv.DictReader(io.StringIO(got.text))
    assert tuple(reader.fieldnames or ()) == TABLE_COLUMNS
    rows = list(reader)
    assert {r["country"] for r in rows} == countries
    lines = client.get("/incidents.jsonl" + query)
    assert lines.headers["content-disposition"] == 'attachment; filename="incidents.jsonl"'
    records = [json.loads(line) for line in lines.text.splitlines()]
    assert [r["incident"] for r in records] == [r["incident"] for r in rows]
    for rec, row in zip(records, rows, strict=True):
        assert str(rec["killed_best"]) == row["killed_best"]
        assert row["background"] == "false" and rec["background"] is False


def test_a_download_in_another_format_is_not_found(three_db: str) -> None:
    client = TestClient(create_app(three_db), base_url="http://localhost")
    assert client.get("/incidents.xlsx").status_code == 404


def test_filtered_rows_are_read_a_page_at_a_time_and_all_come(three_db: str) -> None:
    with Ledger(three_db, create=False) as led:
        every = [incident_record(r)["incident"] for r in table_rows(led, sort="date")]
        paged = [incident_record(r)["incident"] for r in table_rows(led, page=1, sort="date")]
    assert paged == every and len(every) == 3
