"""The export's tables: UCDP-style dates, the incident table and the long table's totals,
and a codebook naming every column."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tally.export import LONG_COLUMNS, TABLE_COLUMNS, date_span
from tests.conftest import ROOT, run_tally


@pytest.mark.parametrize(
    ("date", "prec", "expected"),
    [
        ("2015", None, ("2015-01-01", "2015-12-31", 5)),
        ("2015", 5, ("2015-01-01", "2015-12-31", 5)),
        ("2024-02", 1, ("2024-02-01", "2024-02-29", 4)),
        ("2023-02", None, ("2023-02-01", "2023-02-28", 4)),
        ("1992-02-25", 1, ("1992-02-25", "1992-02-25", 1)),
        ("1992-02-25/1992-02-26", 2, ("1992-02-25", "1992-02-26", 2)),
        ("2014-12/2015-01", 4, ("2014-12-01", "2015-01-31", 4)),
        ("2019/2021", None, ("2019-01-01", "2021-12-31", 5)),
        ("2020-03-01", 5, ("2020-03-01", "2020-03-01", 5)),
        (None, None, (None, None, None)),
        ("someday", 1, (None, None, 1)),
    ],
)
def test_dates_become_iso_days_with_their_precision(
    date: str | None, prec: int | None, expected: tuple
) -> None:
    assert date_span(date, prec) == expected


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled examples ingested and exported in every format."""
    folder = tmp_path_factory.mktemp("export")
    db = str(folder / "l.db")
    run_tally("ingest", "-q", "--db", db, str(ROOT / "examples"))
    run_tally(
        "export", "--db", db, "--figures", str(folder / "f.jsonl"), "--incidents",
        str(folder / "i.jsonl"), "--csv", str(folder / "t.csv"), "--csv-long", str(folder / "l.csv"),
    )  # fmt: skip
    return folder


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_incident_table_has_one_row_per_incident_with_its_totals(exported: Path) -> None:
    incidents = [json.loads(line) for line in (exported / "i.jsonl").read_text().splitlines()]
    rows = _csv(exported / "t.csv")
    assert [r["incident"] for r in rows] == [i["incident"] for i in incidents]
    for row, inc in zip(rows, incidents, strict=True):
        for cat in ("killed", "injured", "missing", "captured", "displaced"):
            total = inc["totals"].get(cat)
            assert row[f"{cat}_best"] == ("" if total is None else str(total))
            if total is not None:
                assert int(row[f"{cat}_low"]) <= total <= int(row[f"{cat}_high"])
        assert row["background"] == ("true" if inc["background"] else "false")
        assert row["first_report"] <= row["last_report"]


def test_the_long_table_carries_one_total_row_per_incident_and_category(exported: Path) -> None:
    incidents = {
        i["incident"]: i for i in map(json.loads, (exported / "i.jsonl").read_text().splitlines())
    }
    rows = _csv(exported / "l.csv")
    totals = [r for r in rows if r["is_total"] == "true"]
    assert {r["is_total"] for r in rows} == {"true", "false"}
    assert all(r["group"] == "" for r in totals)
    got = {(r["incident"], r["category"]): int(r["best"]) for r in totals}
    assert len(got) == len(totals)
    assert got == {(i, c): n for i, inc in incidents.items() for c, n in inc["totals"].items()}
    groups = {(r["incident"], r["category"], r["group"]) for r in rows if r["is_total"] == "false"}
    assert groups == {
        (i, f["category"], f["group"]) for i, inc in incidents.items() for f in inc["figures"]
    }


def test_the_codebook_names_every_exported_column(exported: Path) -> None:
    book = run_tally("codebook").stdout
    assert book == (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    figure = json.loads((exported / "f.jsonl").read_text().splitlines()[0])
    incident = json.loads((exported / "i.jsonl").read_text().splitlines()[0])
    for column in {*TABLE_COLUMNS, *LONG_COLUMNS, *figure, *incident}:
        assert f"`{column}`" in book, column
    assert list(_csv(exported / "t.csv")[0]) == list(TABLE_COLUMNS)
    assert list(_csv(exported / "l.csv")[0]) == list(LONG_COLUMNS)
