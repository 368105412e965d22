"""Listings for people and for other programs: a streamed text table, CSV, TSV or JSON lines.

A ledger may hold hundreds of thousands of rows, so nothing here holds them
all: the text table sizes its columns to the first screenful of rows (later
cells wrap, or are cut with an ellipsis) and prints each row as it comes;
CSV, TSV and JSON lines carry the raw values, one row at a time.
"""

from __future__ import annotations

import csv
import json
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain, islice
from typing import Any, TextIO

from tally.export import cell

SAMPLE = 200
"""Rows read before the text table's columns are sized."""
GAP = "  "


class Format(StrEnum):
    """How a listing is written."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    jsonl = "jsonl"


@dataclass(frozen=True)
class Column:
    """One column of the text table: its heading, the record field or function it shows,
    and its widest width (wider cells wrap, or are cut where `wrap` is off)."""

    title: str
    show: Callable[[dict[str, Any]], str]
    width: int = 30
    right: bool = False
    wrap: bool = True


def write_listing(
    records: Iterable[dict[str, Any]],
    columns: Sequence[Column],
    fmt: Format,
    out: TextIO,
    *,
    limit: int | None = None,
    screen: int | None = None,
) -> int:
    """Write `records` (at most `limit`) in `fmt`; return how many were written.

    The text table shows `columns`; the other formats every field of the records.
    `screen` is the width the table should fit, if known.
    """
    rows = islice(records, limit) if limit else iter(records)
    if fmt is Format.table:
        return _table(rows, columns, out, screen)
    if fmt is Format.jsonl:
        n = 0
        for rec in rows:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    first = next(rows, None)
    if first is None:
        return 0
    fields = list(first)
    if fmt is Format.csv:
        writer = csv.writer(out, lineterminator="\n")
        write = writer.writerow
    else:

        def write(values: Iterable[Any]) -> None:
            out.write("\t".join(" ".join(str(v).split()) for v in values) + "\n")

    write(fields)
    n = 0
    for rec in chain([first], rows):
        write([cell(rec.get(f)) for f in fields])
        n += 1
    return n


def _table(
    rows: Iterator[dict[str, Any]], columns: Sequence[Column], out: TextIO, screen: int | None
) -> int:
    sample = [[col.show(rec) for col in columns] for rec in islice(rows, SAMPLE)]
    widths = _widths(sample, columns, screen)
    out.write(_line([c.title for c in columns], columns, widths))
    out.write(GAP.join("─" * w for w in widths).rstrip() + "\n")
    n = 0
    for cells in chain(sample, ([col.show(rec) for col in columns] for rec in rows)):
        out.write(_line(cells, columns, widths))
        n += 1
    return n


def _widths(sample: list[list[str]], columns: Sequence[Column], screen: int | None) -> list[int]:
    """Each column as wide as its heading and its widest sampled cell, up to its own width;
    then, to fit the screen, the wrapping columns narrowed (widest first), never below
    their longest word: a table a little too wide beats one with broken words."""
    widths, floors = [], []
    for i, c in enumerate(columns):
        cells = [r[i] for r in sample]
        widths.append(max(len(c.title), min(c.width, max(map(len, cells), default=0))))
        words = (len(w) for cell in cells for w in cell.split())
        floors.append(min(widths[-1], max([len(c.title), *words])) if c.wrap else widths[-1])
    if screen:
        over = sum(widths) + len(GAP) * (len(widths) - 1) - screen
        while over > 0:
            slack = [k for k in range(len(widths)) if widths[k] > floors[k]]
            if not slack:
                break
            widths[max(slack, key=lambda k: widths[k])] -= 1
            over -= 1
    return widths


def _line(cells: Sequence[str], columns: Sequence[Column], widths: Sequence[int]) -> str:
    """One record as one or more text lines: wrapping cells continue on the lines below."""
    parts = []
    for text, col, w in zip(cells, columns, widths, strict=True):
        text = " ".join(text.split())
        if len(text) <= w:
            parts.append([text])
        elif col.wrap:
            parts.append(textwrap.wrap(text, w, break_long_words=True) or [""])
        else:
            parts.append([text[: w - 1] + "…"])
    height = max(len(p) for p in parts)
    lines = []
    for k in range(height):
        cells_k = [p[k] if k < len(p) else "" for p in parts]
        lines.append(
            GAP.join(
                c.rjust(w) if col.right else c.ljust(w)
                for c, col, w in zip(cells_k, columns, widths, strict=True)
            ).rstrip()
        )
    return "\n".join(lines) + "\n"
