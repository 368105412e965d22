"""`tally incidents` and `tally figures` filtered as the web list is; `tally show` as JSON and
with the documents it repaired."""

from __future__ import annotations

import json
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252, as crawlers decode)
import pytest

from tally.store import Ledger
from tests.conftest import run_tally
from tests.web.test_download import ARTICLES

REPAIRED = (
    "Floods kill 11 in São Paulo\n\nSÃO PAULO, Brazil, January 12, 2024 - Flooding in São "
    "Paulo killed 11 people on Friday, the city’s civil defence said.\n"
)


@pytest.fixture(scope="module")
def cities(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Four incidents in four countries, one from bytes that needed repair (mojibake)."""
    folder = tmp_path_factory.mktemp("cities")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    moji = REPAIRED.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    (folder / "sao-paulo.txt").write_bytes(moji)
    db = str(folder / "l.db")
    run_tally("ingest", "-q", "--db", db, str(folder))
    return db


def _ids(db: str, *args: str, command: str = "incidents") -> list[str]:
    out = run_tally(command, "--db", db, "-f", "jsonl", *args).stdout
    return [json.loads(line)["incident"] for line in out.splitlines()]


def _by_country(db: str) -> dict[str, str]:
    with Ledger(db) as led:
        return {i.country: i.id for i in led.incidents() if i.country}


@pytest.mark.parametrize(
    ("args", "countries"),
    [
        ((), {"FR", "KE", "US", "BR"}),
        (("--country", "KE"), {"KE"}),
        (("--country", "kenya"), {"KE"}),
        (("--from", "2024"), {"FR", "US", "BR"}),
        (("--from", "2024-02", "--to", "2024-11"), {"FR", "US"}),
        (("--to", "2023"), {"KE"}),
        (("--min-killed", "10"), {"KE", "BR"}),
        (("--search", "lyon"), {"FR"}),
        (("--search", "atlantis"), set()),
        (("--disputed",), set()),
    ],
)
def test_incidents_are_filtered_as_the_web_list_is(
    cities: str, args: tuple[str, ...], countries: set[str]
) -> None:
    ids = _by_country(cities)
    assert set(_ids(cities, *args)) == {ids[c] for c in countries}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--country", "Narnia"), "no country called 'Narnia'"),
        (("--from", "March 2024"), "not a date"),
        (("--to", "2024-13"), "not a date"),
    ],
)
def test_a_bad_filter_is_one_clear_line(cities: str, args: tuple[str, ...], expected: str) -> None:
    proc = run_tally("incidents", "--db", cities, *args, check=False)
    assert proc.returncode == 2 and expected in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("args", "countries"),
    [
        (("--country", "US"), {"US"}),
        (("--min-killed", "10", "--category", "injured"), {"KE"}),
        (("--search", "twenty-three killed"), {"KE"}),
        (("--search", "police"), {"KE", "US"}),
    ],
)
def test_figures_are_filtered_by_their_incident_and_their_quote(
    cities: str, args: tuple[str, ...], countries: set[str]
) -> None:
    ids = _by_country(cities)
    out = run_tally("figures", "--db", cities, "-f", "jsonl", *args).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and {r["incident"] for r in rows} == {ids[c] for c in countries}
    if "--category" in args:
        assert {r["category"] for r in rows} == {"injured"}
    if "--search" in args:
        words = args[args.index("--search") + 1].split()
        assert all(
            all(w in f"{r['quote']} {r['attribution']}".lower() for w in words) for r in rows
        )


def test_figures_of_a_document_named_by_base_name_or_any_path(cities: str) -> None:
    folder = Path(cities).parent
    by_path = run_tally("figures", "--db", cities, "-f", "jsonl", "--doc", "./lyon.txt",
                        cwd=folder).stdout  # fmt: skip
    by_name = run_tally("figures", "--db", cities, "-f", "jsonl", "--doc", "lyon.txt").stdout
    by_full = run_tally("figures", "--db", cities, "-f", "jsonl", "--doc",
                        str(folder / ".." / folder.name / "lyon.txt")).stdout  # fmt: skip
    assert by_path == by_name == by_full and "nine" in by_name.lower()


def test_show_as_json_is_the_incidents_export_row_with_its_figures(cities: str) -> None:
    iid = _by_country(cities)["FR"]
    got = json.loads(run_tally("show", iid, "--db", cities, "--format", "json").stdout)
    exported = Path(cities).parent / "i.jsonl"
    run_tally("export", "--db", cities, "--incidents", str(exported))
    row = next(
        r for r in map(json.loads, exported.read_text().splitlines()) if r["incident"] == iid
    )
    assert {k: v for k, v in got.items() if k != "figure_rows"} == row
    assert got["figure_rows"] and {f["incident"] for f in got["figure_rows"]} == {iid}


def test_show_says_which_documents_were_repaired(cities: str) -> None:
    ids = _by_country(cities)
    shown = run_tally("show", ids["BR"], "--db", cities).stdout
    assert "repaired:" in shown and "sao-paulo.txt" in shown and "mojibake" in shown
    assert "repaired:" not in run_tally("show", ids["FR"], "--db", cities).stdout
