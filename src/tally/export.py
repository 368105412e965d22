"""Exports in the spec's formats: figures.jsonl, incidents.jsonl, and a UCDP-like CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from tally.errors import OutputError
from tally.store import Ledger
from tally.store.corrections import Corrections

CSV_COLUMNS = [
    "incident",
    "name",
    "date_start",
    "date_end",
    "date_prec",
    "place",
    "country",
    "lat",
    "lon",
    "where_prec",
    "category",
    "group",
    "low",
    "best",
    "high",
    "documents",
    "origins",
    "conflict",
    "conflict_kind",
    "background",
]


def figure_rows(ledger: Ledger, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
    """One spec row per figure (of one document, if given) and per name its document
    arrived under, as reviewers corrected it."""
    fixes = Corrections(ledger.conn).snapshot()
    for stored, cite in ledger.named_figures(doc_id):
        f = fixes.figure(stored)
        if f is not None:
            yield {
                "doc": cite.name,
                "doc_id": f.doc_id,
                "incident": f.incident,
                "category": f.category,
                "group": f.group,
                "value": f.value,
                "value_high": f.value_high,
                "qualifier": f.qualifier,
                "attribution": f.attribution,
                "quote": f.quote,
                "start": f.start,
                "end": f.end,
                "subset": f.subset,
                "rule": f.rule,
                "role": f.role,
                "key": stored.key,
                "published": cite.published,
                "publisher": cite.publisher,
                "url": cite.url,
                "title": cite.title,
                "language": cite.language,
            }


def incident_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    """One spec row per incident, with its reconciled figures and totals."""
    for row in ledger.incident_summaries():
        inc = row["incident"]
        yield {
            "incident": inc.id,
            "name": inc.name,
            "type": inc.type,
            "date": inc.date,
            "date_prec": inc.date_prec,
            "place": inc.place,
            "admin1": inc.admin1,
            "country": inc.country,
            "lat": inc.lat,
            "lon": inc.lon,
            "where_prec": inc.where_prec,
            "background": inc.background,
            "totals": row.get("totals", {}),
            "conflict_kind": row.get("conflict_kind"),
            "decisions": row.get("decisions", {}),
            "figures": row.get("figures", []),
        }


@contextmanager
def open_output(path: str | Path, newline: str | None = None) -> Iterator[TextIO]:
    """A text file opened for writing; a path that cannot be written is an `OutputError`."""
    try:
        fh = open(path, "w", encoding="utf-8", newline=newline)  # noqa: SIM115 - closed below
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror or err}", source=str(path)) from err
    with fh:
        yield fh


def write_jsonl(rows: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write rows as JSON lines; return how many."""
    n = 0
    with open_output(path) as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_csv(ledger: Ledger, path: str | Path) -> int:
    """One CSV row per incident and (category, group), UCDP-like columns; return how many."""
    n = 0
    with open_output(path, newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        out.writeheader()
        for inc in incident_rows(ledger):
            start, _, end = (inc["date"] or "").partition("/")
            for fig in inc["figures"]:
                out.writerow(
                    {
                        "incident": inc["incident"],
                        "name": inc["name"],
                        "date_start": start,
                        "date_end": end or start,
                        "date_prec": inc["date_prec"],
                        "place": inc["place"],
                        "country": inc["country"],
                        "lat": inc["lat"],
                        "lon": inc["lon"],
                        "where_prec": inc["where_prec"],
                        "category": fig["category"],
                        "group": fig["group"],
                        "low": fig["low"],
                        "best": fig["best"],
                        "high": fig["high"],
                        "documents": fig["documents"],
                        "origins": fig.get("origins"),
                        "conflict": fig["conflict"],
                        "conflict_kind": fig.get("conflict_kind") or "",
                        "background": inc["background"],
                    }
                )
                n += 1
    return n
