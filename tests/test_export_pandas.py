"""Issue 18's check of the CSV as a researcher loads it: pandas over a gva-dev sample.

The per-incident killed column sums to the incidents.jsonl totals (no double counting),
every date parses, the long table's `is_total` rows give the same sums, and every figure
whose document has a URL carries its provenance.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_tally

pd = pytest.importorskip("pandas")
pytestmark = [pytest.mark.shared, pytest.mark.slow]

EVERY = 16
"""One manifest line in this many is ingested: a fixed sample of about 300 documents."""


@pytest.fixture(scope="module")
def gva(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """A fixed sample of gva-dev ingested and exported; the folder and the sample's lines."""
    corpus = shared / "corpus" / "gva-dev"
    lines = (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines()[::EVERY]
    entries = [json.loads(line) for line in lines]
    out = tmp_path_factory.mktemp("gva")
    sample = out / "manifest.jsonl"
    sample.write_text(
        "".join(json.dumps(e | {"path": str(corpus / e["path"])}) + "\n" for e in entries),
        encoding="utf-8",
    )
    db = str(out / "l.db")
    run_tally("ingest", "-q", "-j", "2", "--db", db, "--manifest", str(sample), "--allow-outside")
    run_tally(
        "export", "--db", db, "--figures", str(out / "f.jsonl"), "--incidents",
        str(out / "i.jsonl"), "--csv", str(out / "t.csv"), "--csv-long", str(out / "l.csv"),
    )  # fmt: skip
    return out, entries


def _totals(out: Path, category: str) -> dict[str, int]:
    incidents = map(json.loads, (out / "i.jsonl").read_text(encoding="utf-8").splitlines())
    return {i["incident"]: i["totals"][category] for i in incidents if category in i["totals"]}


@pytest.mark.parametrize("category", ["killed", "injured"])
def test_the_incident_table_sums_to_the_totals(gva: tuple[Path, list[dict]], category: str) -> None:
    out, _ = gva
    table = pd.read_csv(out / "t.csv", dtype={"incident": str})
    totals = _totals(out, category)
    assert table.incident.is_unique and len(totals) > 50
    best = table.set_index("incident")[f"{category}_best"].dropna().astype(int)
    assert best.to_dict() == totals
    assert int(best.sum()) == sum(totals.values())
    assert (table[f"{category}_low"].dropna() <= table[f"{category}_best"].dropna()).all()
    long = pd.read_csv(out / "l.csv", dtype={"incident": str, "group": str})
    rows = long[long.is_total & (long.category == category)]
    assert rows.groupby("incident").best.sum().astype(int).to_dict() == totals


def test_every_date_parses(gva: tuple[Path, list[dict]]) -> None:
    out, _ = gva
    table = pd.read_csv(out / "t.csv", dtype=str, keep_default_na=False)
    for column in ("date_start", "date_end", "first_report", "last_report"):
        dated = table[table[column] != ""][column]
        assert len(dated) > len(table) / 2, column
        parsed = pd.to_datetime(dated, format="%Y-%m-%d")
        assert parsed.notna().all(), column
    both = table[(table.date_start != "") & (table.date_end != "")]
    assert (pd.to_datetime(both.date_start) <= pd.to_datetime(both.date_end)).all()
    assert set(table.background) <= {"true", "false"} and set(table.conflict) <= {"true", "false"}


def test_every_figure_of_a_document_with_a_url_carries_its_provenance(
    gva: tuple[Path, list[dict]],
) -> None:
    out, entries = gva
    by_name = {Path(e["path"]).name: e for e in entries}
    figures = pd.read_json(out / "f.jsonl", lines=True, dtype=False)
    assert len(figures) > 100
    figures["entry"] = [by_name.get(Path(d).name) for d in figures.doc]
    with_url = figures[[bool(e and e.get("url")) for e in figures.entry]]
    assert len(with_url) > len(figures) / 2
    for column in ("published", "publisher", "url"):
        assert with_url[column].notna().all() and (with_url[column] != "").all(), column
    assert list(with_url.url) == [e["url"] for e in with_url.entry]
    assert list(with_url.published.astype(str).str[:10]) == [e["published"] for e in with_url.entry]
