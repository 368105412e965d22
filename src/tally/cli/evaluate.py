"""`tally eval`: score the ledger against a gold file in the spec's format."""

from __future__ import annotations

from typing import Annotated

import typer

from tally.cli.app import DbOption, app, console
from tally.evaluate import load_gold, score
from tally.export import figure_rows, incident_rows
from tally.store import Ledger


@app.command("eval")
def eval_cli(
    gold: Annotated[str, typer.Argument(help="gold.json in the spec's format.")],
    db: DbOption = None,
    show_errors: Annotated[
        bool, typer.Option("--show-errors", help="List misses and extras.")
    ] = False,
) -> None:
    """Score the ledger's figures and incidents against a gold file."""
    data = load_gold(gold)
    with Ledger(db, create=False) as ledger:
        s = score(data, figure_rows(ledger), list(incident_rows(ledger)))
    if show_errors:
        for line in s.misses:
            console.print(f"missed  {line}", markup=False, highlight=False)
        for line in s.extras:
            console.print(f"extra   {line}", markup=False, highlight=False)
    if s.expectations:
        console.print(f"expectations met {s.expectations[0]}/{s.expectations[1]}")
    console.print(
        f"matched {s.matched} of {s.gold} gold, {s.predicted} predicted; "
        f"group {s.group_acc:.2f} qualifier {s.qualifier_acc:.2f} "
        f"attribution {s.attribution_acc:.2f} incident-B3 {s.incident_bcubed_f1:.2f}",
        markup=False,
        highlight=False,
    )
    console.print(f"figure F1 {s.f1:.4f} P {s.precision:.4f} R {s.recall:.4f}", highlight=False)
