"""The listing writer: a streamed text table for people; CSV, TSV and JSON lines for programs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from tally.cli.tables import SAMPLE, Column, Format, write_listing

RECORDS = [
    {"incident": "beirut-explosion-2020", "killed": 218, "conflict": True, "quote": None},
    {
        "incident": "kabul-airport-bombing-2021",
        "killed": 183,
        "conflict": False,
        "quote": "at least 170 civilians\tand 13 US service members were killed",
    },
]
COLUMNS = (
    Column("incident", lambda r: r["incident"], 12, wrap=False),
    Column("killed", lambda r: f"{r['killed']:,}", 8, right=True),
    Column("quote", lambda r: r["quote"] or "", 20),
)


def _write(fmt: Format, records: Any = RECORDS, **kw: Any) -> str:
    out = io.StringIO()
    write_listing(records, COLUMNS, fmt, out, **kw)
    return out.getvalue()


def test_the_table_cuts_ids_wraps_text_and_right_aligns_numbers() -> None:
    lines = _write(Format.table).splitlines()
    assert lines[0].split() == ["incident", "killed", "quote"]
    assert set(lines[1].replace(" ", "")) == {"─"}
    assert lines[2] == "beirut-expl…     218"
    assert lines[3].startswith("kabul-airpo…     183  at least 170")
    quote = lines[0].index("quote")
    assert all(len(line) <= quote + 20 for line in lines)
    continued = lines[4:]
    assert continued and all(line.startswith(" " * quote) for line in continued)
    assert " ".join(line.strip() for line in [lines[3][quote:], *continued]) == (
        "at least 170 civilians and 13 US service members were killed"
    )


def test_the_table_narrows_wrapping_columns_to_fit_the_screen() -> None:
    lines = _write(Format.table, screen=32).splitlines()
    assert max(len(line) for line in lines) <= 32
    assert lines[0].startswith("incident") and "quote" in lines[0]


@pytest.mark.parametrize("fmt", [Format.csv, Format.tsv])
def test_csv_and_tsv_carry_every_raw_field(fmt: Format) -> None:
    text = _write(fmt)
    if fmt is Format.csv:
        rows = list(csv.reader(io.StringIO(text)))
    else:
        rows = [line.split("\t") for line in text.splitlines()]
    assert rows[0] == ["incident", "killed", "conflict", "quote"]
    assert rows[1] == ["beirut-explosion-2020", "218", "true", ""]
    tab = "\t" if fmt is Format.csv else " "  # TSV cells have no tabs or line breaks
    assert rows[2][3] == f"at least 170 civilians{tab}and 13 US service members were killed"
    assert len(rows) == 3


def test_json_lines_keep_types_and_the_limit_stops_early() -> None:
    lines = _write(Format.jsonl).splitlines()
    assert [json.loads(line) for line in lines] == RECORDS
    assert len(_write(Format.jsonl, limit=1).splitlines()) == 1
    assert len(_write(Format.table, limit=1).splitlines()) == 3


def test_nothing_to_list_is_a_heading_or_nothing() -> None:
    assert _write(Format.table, []).splitlines()[0].split() == ["incident", "killed", "quote"]
    assert _write(Format.csv, []) == _write(Format.jsonl, []) == ""


@pytest.mark.parametrize("fmt", list(Format))
def test_rows_are_written_as_they_come_not_after_all_are_read(fmt: Format) -> None:
    out = io.StringIO()
    seen_written: list[int] = []

    def records() -> Iterator[dict[str, Any]]:
        for i in range(SAMPLE + 100):
            if i == SAMPLE + 50:
                seen_written.append(out.getvalue().count("\n"))
            yield {"incident": f"i-{i}", "killed": i, "conflict": False, "quote": "x"}

    assert write_listing(records(), COLUMNS, fmt, out) == SAMPLE + 100
    assert seen_written[0] >= SAMPLE
