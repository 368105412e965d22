"""`tally eval` and `tally eval-incidents`: score the ledger against gold annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tally.cli.app import DbOption, TextFormat, TextFormatOption, app, console
from tally.evaluate import Score, load_gold, notes_languages, score
from tally.evaluate_incidents import (
    IncidentScore,
    PairScore,
    PlaceScore,
    load_incident_gold,
    score_incidents,
    score_pairs,
    score_places,
)
from tally.export import figure_rows, incident_rows
from tally.store import Ledger

EvalFormat = TextFormat
EvalFormatOption = TextFormatOption


def _say(line: str) -> None:
    console.print(line, markup=False, highlight=False, soft_wrap=True)


def score_lines(s: Score, rules: bool = False) -> list[str]:
    """The scores as the shared scorer prints them, then per rule and per language."""
    lines = []
    if s.expectations:
        lines.append("expectations met {}/{}".format(*s.expectations))
    if s.totals_consistent:
        lines.append("totals consistent {}/{}".format(*s.totals_consistent))
    grounded = None if s.grounded is None else round(s.grounded, 4)
    lines.append(
        f"matched {s.matched} of {s.gold} gold, {s.predicted} predicted; "
        f"group {s.group_acc:.2f} qualifier {s.qualifier_acc:.2f} "
        f"attribution {s.attribution_acc:.2f} incident-B3 {s.incident_bcubed_f1:.2f} "
        f"grounded {grounded}"
    )
    lines.append(f"figure F1 {s.f1:.4f} P {s.precision:.4f} R {s.recall:.4f}")
    if rules:
        width = max((len(r.rule) for r in s.rules), default=4)
        lines.append("per rule, weakest first:")
        lines.append(f"  {'rule':<{width}}  predicted  matched  precision  recall")
        lines.extend(
            f"  {r.rule:<{width}}  {r.predicted:>9}  {r.matched:>7}  {r.precision:>9.4f}  "
            f"{r.recall:>6.4f}"
            for r in s.rules
        )
        lines.append(f"  gold figures missed: {s.gold - s.matched}")
    if rules or len(s.languages) > 1:
        lines.extend(
            f"per language {x.language}: figure F1 {x.f1:.4f} P {x.precision:.4f} "
            f"R {x.recall:.4f} ({x.documents} documents, {x.matched} of {x.gold} gold, "
            f"{x.predicted} predicted)"
            for x in s.languages
        )
    return lines


@app.command("eval")
def eval_cli(
    gold: Annotated[str, typer.Argument(help="gold.json in the spec's format.")],
    db: DbOption = None,
    show_errors: Annotated[
        bool, typer.Option("--show-errors", help="List misses and extras.")
    ] = False,
    rules: Annotated[
        bool, typer.Option("--rules", help="Precision and recall per extraction rule.")
    ] = False,
    docs: Annotated[
        str | None,
        typer.Option(
            "--docs",
            help="Folder of the documents, to check quotes against offsets "
            "(default: the gold file's folder).",
        ),
    ] = None,
    fmt: EvalFormatOption = EvalFormat.text,
) -> None:
    """Score the ledger's figures and incidents against a gold file: overall, per language
    (from the corpus's NOTES.md or the export) and, with --rules, per extraction rule."""
    data = load_gold(gold)
    folder = Path(docs) if docs else Path(gold).resolve().parent
    with Ledger(db, create=False) as ledger:
        s = score(
            data,
            figure_rows(ledger),
            list(incident_rows(ledger)),
            docs=folder,
            languages=notes_languages(Path(gold).resolve().parent),
        )
    if fmt is EvalFormat.json:
        _say(json.dumps(s.metrics(), ensure_ascii=False))
        return
    if show_errors:
        for line in s.misses:
            _say(f"missed  {line}")
        for line in s.extras:
            _say(f"extra   {line}")
    for line in score_lines(s, rules):
        _say(line)


def incident_lines(s: IncidentScore, show_errors: int = 0) -> list[str]:
    """The scores as `score_incidents.py` prints them."""
    lines = [
        f"wrong {w.incident}: gold killed {w.gold_killed} injured {w.gold_injured}, "
        f"predicted killed {w.killed} injured {w.injured}"
        for w in s.wrong[:show_errors]
    ]
    lines.append(
        f"where gold > 0: killed {s.rate('killed_pos'):.4f} over {s.seen.get('killed_pos', 0)} "
        f"incidents, injured {s.rate('injured_pos'):.4f} over {s.seen.get('injured_pos', 0)}"
    )
    lines.append(
        f"incident accuracy {s.rate('both'):.4f} killed {s.rate('killed'):.4f} "
        f"injured {s.rate('injured'):.4f} over {s.incidents} incidents"
    )
    return lines


@app.command("eval-incidents")
def eval_incidents_cli(
    gold: Annotated[
        str,
        typer.Argument(help='Coded table: {"incidents": {ID: {"killed", "injured", "docs"}}}.'),
    ],
    db: DbOption = None,
    show_errors: Annotated[
        int, typer.Option("--show-errors", min=0, metavar="N", help="List N wrong incidents.")
    ] = 0,
    fmt: EvalFormatOption = EvalFormat.text,
) -> None:
    """Score the ledger's incident totals (killed, injured) against a coded incident table,
    such as a coded dataset's rows with the documents each was coded from, and how linking
    grouped those documents (precision and recall over pairs of documents)."""
    table = load_incident_gold(gold)
    with Ledger(db, create=False) as ledger:
        figures, incidents = list(figure_rows(ledger)), list(incident_rows(ledger))
    s = score_incidents(table, figures, incidents)
    where = score_places(table, figures, incidents)
    linked = score_pairs(table, figures)
    if fmt is EvalFormat.json:
        extra = {"state_acc": round(where.rate(where.state), 4)} if where else {}
        if where:
            extra["city_acc"] = round(where.rate(where.city), 4)
        _say(json.dumps(s.metrics() | extra | linked.metrics()))
        return
    for line in incident_lines(s, show_errors):
        _say(line)
    if where:
        _say(place_line(where))
    _say(pair_line(linked))


def pair_line(p: PairScore) -> str:
    """The pair scores of document linking: of the document pairs placed together, the share
    coded as one incident, and of those coded as one, the share placed together."""
    return (
        f"document pairs: precision {p.precision:.4f} ({p.both} of {p.placed} placed together)"
        f" recall {p.recall:.4f} ({p.both} of {p.coded} coded together) over {p.documents}"
        " documents"
    )


def place_line(p: PlaceScore) -> str:
    """The place scores: shares of coded incidents in the right state and city."""
    return (
        f"places: state right {p.rate(p.state):.4f} city right {p.rate(p.city):.4f} "
        f"over {p.incidents} incidents"
    )
