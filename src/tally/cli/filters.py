"""The filters `tally incidents` and `tally figures` share: the web list's, on the command line.

Each becomes a keyword of `Ledger.find_incidents` (country, type, dates, conflicts,
minimum killed, words), so the CLI, the web list and its downloads select alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import typer

from tally.export import date_span
from tally.store import Ledger

SearchOption = Annotated[
    str | None,
    typer.Option(
        "--search", "-s", help="Words that must all occur in the name, place, country or type."
    ),
]
CountryOption = Annotated[
    str | None, typer.Option("--country", help="Country: ISO code (FR) or name (France).")
]
TypeOption = Annotated[str | None, typer.Option("--type", help="Incident type (shooting, ...).")]
FromOption = Annotated[
    str | None, typer.Option("--from", help="Incidents on or after this date (YYYY[-MM[-DD]]).")
]
ToOption = Annotated[
    str | None, typer.Option("--to", help="Incidents on or before this date (YYYY[-MM[-DD]]).")
]
DisputedOption = Annotated[
    bool, typer.Option("--disputed", help="Only incidents whose sources still disagree (⚠).")
]
ConflictsOption = Annotated[
    bool, typer.Option("--conflicts", help="Only incidents with a conflict: disputes or revisions.")
]
MinKilledOption = Annotated[
    int | None,
    typer.Option("--min-killed", min=0, metavar="N", help="Only incidents with at least N killed."),
]


def _day(value: str | None, option: str, *, start: bool) -> str:
    if not value:
        return ""
    first, last, _ = date_span(value.strip(), None)
    if first is None or last is None or "/" in value:
        raise typer.BadParameter(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)",
                                 param_hint=option)  # fmt: skip
    return first if start else last


def _country(value: str | None) -> str:
    """An ISO code as given, or the code of a country named in full."""
    if not value:
        return ""
    value = value.strip()
    if len(value) == 2 and value.isalpha():
        return value.upper()
    from tally.link import gazetteer

    found = gazetteer.country(value)
    if found is None:
        raise typer.BadParameter(f"no country called {value!r}", param_hint="--country")
    return found.country


def incident_filters(
    search: str | None,
    country: str | None,
    type: str | None,
    date_from: str | None,
    date_to: str | None,
    disputed: bool,
    conflicts: bool,
    min_killed: int | None,
    /,
) -> tuple[list[str], dict[str, Any]]:
    """The words and `find_incidents` keywords these options ask for (none: both empty)."""
    words = (search or "").split()
    filters: dict[str, Any] = {}
    for key, value in (
        ("country", _country(country)),
        ("type", (type or "").strip()),
        ("date_from", _day(date_from, "--from", start=True)),
        ("date_to", _day(date_to, "--to", start=False)),
    ):
        if value:
            filters[key] = value
    if disputed:
        filters["conflict_kind"] = "dispute"
    elif conflicts:
        filters["conflict"] = True
    if min_killed is not None:
        filters["min_killed"] = min_killed
    return words, filters


def matching_incidents(
    ledger: Ledger, words: list[str], filters: dict[str, Any], page: int = 1000
) -> Iterator[str]:
    """The ids of every incident that matches, a page at a time."""
    offset = 0
    while True:
        rows, total = ledger.find_incidents(words, **filters, limit=page, offset=offset)
        for row in rows:
            yield row["incident"].id
        offset += page
        if not rows or offset >= total:
            return
