"""`tally incidents` and `tally show`: the reconciled view."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from rich.table import Table

from tally.cli.app import (
    DbOption,
    FormatOption,
    LimitOption,
    TextFormat,
    TextFormatOption,
    app,
    console,
    print_listing,
)
from tally.cli.filters import (
    ConflictsOption,
    CountryOption,
    DisputedOption,
    FromOption,
    MinKilledOption,
    SearchOption,
    ToOption,
    TypeOption,
    incident_filters,
)
from tally.cli.tables import Column, Format
from tally.evaluate import UNKNOWN_RULE
from tally.export import incident_figure_rows, incident_record, incident_row, table_rows
from tally.reconcile import movement
from tally.store import Ledger


def _num(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


MARKS = {"dispute": "⚠", "revision": "↻"}
"""How a conflict is marked: ⚠ sources still disagree; ↻ the toll was revised over time."""
LEGEND = (
    "killed, injured: best (low–high), the incident's total decided from its reconciled rows "
    "(`tally show ID` says how); ⚠ sources disagree, ↻ the toll was revised"
)


def _where(place: str | None, country: str | None) -> str:
    """`place, country`, the country once when it is the place."""
    parts = [place] if place else []
    if country and country != place:
        parts.append(country)
    return ", ".join(parts)


def incident_records(ledger: Ledger, background: bool = True) -> Iterator[dict[str, Any]]:
    """One record per incident, in list order: what `tally incidents` lists, the incident
    table's rows as `export --csv` writes them (each total with its low and high)."""
    for row in table_rows(ledger):
        if background or not row["incident"].background:
            yield incident_record(row)


def _range(rec: dict[str, Any], category: str) -> str:
    """`best (low–high)` of a category: the incident's total, with its range."""
    total, lo, hi = (rec[f"{category}_{end}"] for end in ("best", "low", "high"))
    if total is None:
        return ""
    if lo is None or hi is None or lo == hi == total:
        return f"{total:,}"
    return f"{total:,} ({lo:,}–{hi:,})"


def _dates(rec: dict[str, Any]) -> str:
    """The table's date: the day, or the first and last day of a span."""
    start, end = rec["date_start"], rec["date_end"]
    return start or "" if start == end else f"{start}/{end}"


INCIDENT_COLUMNS = (
    Column(
        "incident",
        lambda r: r["incident"] + (" (background)" if r["background"] else ""),
        64,
        wrap=False,  # an id is copied whole
    ),
    Column("name", lambda r: r["name"] or r["type"] or "", 30),
    Column("date", _dates, 21, wrap=False),
    Column("place", lambda r: _where(r["place"], r["country"]), 28),
    Column("killed", lambda r: _range(r, "killed"), 20, right=True),
    Column("injured", lambda r: _range(r, "injured"), 20, right=True),
    Column("sources", lambda r: str(r["sources"]), 7, right=True),
    Column("conflict", lambda r: MARKS.get(r["conflict_kind"] or "", ""), 8),
)


@app.command("incidents")
def incidents_cli(
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = None,
    background: Annotated[
        bool,
        typer.Option(
            "--background/--no-background",
            help="Also list background incidents (wider conflicts, past events mentioned in "
            "passing); hidden by default.",
        ),
    ] = False,
    search: SearchOption = None,
    country: CountryOption = None,
    type: TypeOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    disputed: DisputedOption = False,
    conflicts: ConflictsOption = False,
    min_killed: MinKilledOption = None,
) -> None:
    """One row per incident: id, name, date, place, killed and injured (best (low–high)),
    sources, conflicts (⚠ sources disagree, ↻ the toll was revised); filtered as the web
    list is (filtered rows come newest first)."""
    words, filters = incident_filters(
        search, country, type, date_from, date_to, disputed, conflicts, min_killed
    )
    with Ledger(db, create=False) as ledger:
        if words or filters:
            shown = None if background else False
            records = map(incident_record, table_rows(ledger, words, **filters, background=shown))
        else:
            records = incident_records(ledger, background)
        print_listing(records, INCIDENT_COLUMNS, fmt, limit)
    if fmt == Format.table:
        console.print(LEGEND, style="dim", highlight=False)


def _rules(ledger: Ledger, figures: list[dict[str, Any]]) -> dict[str, str]:
    """Each statement's rule id, with its role when it counts perpetrators, by figure key."""
    docs = {s["doc_id"] for f in figures for s in f.get("statements", []) if s.get("doc_id")}
    out = {}
    for doc in sorted(docs):
        for fig, _ in ledger.named_figures(doc):
            role = ", perpetrator" if fig.role == "perpetrator" else ""
            out[fig.key] = f"{fig.rule or UNKNOWN_RULE}{role}"
    return out


def _repaired(ledger: Ledger, figures: list[dict[str, Any]]) -> list[str]:
    """A line per statement's document whose stored text was repaired from its bytes."""
    docs = {s["doc_id"] for f in figures for s in f.get("statements", []) if s.get("doc_id")}
    return [
        f"repaired: {doc.name} ({', '.join(doc.repairs)}; the bytes' hash {doc.source_hash})"
        for doc in sorted(ledger.documents_by_id(docs).values(), key=lambda d: d.name)
        if doc.repairs
    ]


@app.command("show")
def show_cli(
    incident: Annotated[str, typer.Argument(help="Incident id.")],
    db: DbOption = None,
    fmt: TextFormatOption = TextFormat.text,
) -> None:
    """One incident: the reconciled table with why each best, the timeline, every statement
    (json: the incident's row of incidents.jsonl with its figures' rows, as /incidents/ID.json)."""
    with Ledger(db, create=False) as ledger:
        incident = ledger.resolve(incident)
        if fmt is TextFormat.json:
            summary = ledger.incident_summary(incident)
            row = incident_row(summary["incident"], summary)
            row["figure_rows"] = incident_figure_rows(ledger, incident)
            typer.echo(json.dumps(row, ensure_ascii=False))
            return
        inc = ledger.incident(incident)
        rec = ledger.reconciliation(incident)
        figures = rec.get("figures", [])
        rules = _rules(ledger, figures)
        repaired = _repaired(ledger, figures)
    where = _where(inc.place, inc.country)
    head = " · ".join(
        x
        for x in (
            inc.name,
            inc.type,
            inc.date and f"{inc.date} (date_prec {inc.date_prec})",
            where and f"{where} (where_prec {inc.where_prec})",
            "background" if inc.background else None,
        )
        if x
    )
    console.print(f"[bold]{inc.id}[/bold] {head}", highlight=False)
    for line in repaired:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    totals = rec.get("totals", {})
    decisions = rec.get("decisions") or {}
    if totals:
        console.print("totals: " + ", ".join(
            _total(k, v, decisions.get(k)) for k, v in sorted(totals.items())))  # fmt: skip
    if decisions:
        console.print("[bold]why each total[/bold]")
        for cat, d in sorted(decisions.items()):
            console.print(f"  {cat}: {d.get('why', '')}", markup=False, highlight=False)
            for t in d.get("terms") or []:
                console.print(f"    + {t['label']} {t['value']:,}: {t['why']}", markup=False,
                              highlight=False)  # fmt: skip
            for a in d.get("set_aside") or []:
                console.print(f"    set aside: {a['group']} {a['stated']} ({a['doc']}): "
                              f"“{a['quote']}”", markup=False, highlight=False)  # fmt: skip
    table = Table("category", "group", "low", "best", "high", "docs", "origins", "conflict")
    for fig in figures:
        table.add_row(
            fig["category"],
            fig["group"],
            _num(fig["low"]),
            _num(fig["best"]),
            _num(fig["high"]),
            str(fig["documents"]),
            str(fig.get("origins", "")),
            _mark(fig),
        )
    console.print(table)
    console.print("[bold]why each best[/bold]")
    for fig in figures:
        console.print(
            f"  {fig['category']}/{fig['group']}: {fig['why']}", markup=False, highlight=False
        )
    console.print("[bold]timeline[/bold]")
    for fig in figures:
        timeline = tuple(tuple(t) for t in fig.get("timeline", []))
        if timeline:
            dates = " → ".join(sorted({t[0] or "?" for t in timeline}))
            console.print(
                f"  {fig['category']}/{fig['group']}: {movement(timeline)}   [{dates}]",
                markup=False,
                highlight=False,
            )
    console.print("[bold]statements[/bold]")
    for fig in figures:
        for s in fig.get("statements", []):
            high = f"–{s['value_high']}" if s.get("value_high") else ""
            part = " (part)" if s.get("subset") else ""
            part += " (superseded)" if s.get("superseded") else ""
            part += " (perpetrators)" if s.get("role") == "perpetrator" else ""
            console.print(
                f"  {fig['category']}/{fig['group']} {s['value']}{high} {s['qualifier']}{part} "
                f"[{s.get('published') or '?'}] {s['doc']}: “{s['quote']}” "
                f"— {s.get('attribution') or s.get('publisher') or 'the document'} "
                f"(rule {rules.get(s.get('key'), UNKNOWN_RULE)})",
                markup=False,
                highlight=False,
            )


def _mark(fig: dict[str, Any]) -> str:
    """A row's conflict mark: ⚠ dispute, ↻ revision (a view stored before kinds: ⚠)."""
    if not fig.get("conflict"):
        return ""
    kind = fig.get("conflict_kind") or "dispute"
    return f"{MARKS[kind]} {kind}"


def _total(category: str, best: int, decided: dict[str, Any] | None) -> str:
    """`killed 21 (19–21)`: a total with its range, where it has one."""
    lo, hi = (decided or {}).get("low", best), (decided or {}).get("high", best)
    span = "" if lo == hi == best else f" ({lo:,}–{hi:,})"
    return f"{category} {best:,}{span}"
