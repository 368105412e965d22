"""Reviewers' edits of an incident's own fields: checked, logged with a reason, applied over
linking at every relink, following renamed ids, and carried to a rebuilt ledger."""

from __future__ import annotations

from pathlib import Path

import pytest

from tally.models import Incident
from tally.pipeline import relink
from tally.store import Ledger
from tally.store.corrections import Corrections, CorrectionSet, ReviewError
from tally.store.fixes import checked_incident_fields, clean_incident_fields, date_precision
from tests.web.ledgerdata import build

FIRE = Incident("port-elvar-fire-2024", "Port Elvar warehouse fire", "fire", "2024-02-26", 1)


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("2024-03-04", 1),
        ("2024-03-04/2024-03-06", 2),
        ("2024-03-01/2024-03-07", 3),
        ("2024-03", 4),
        ("2024-03-01/2024-03-20", 4),
        ("2024", 5),
        ("2023-11/2024-02", 5),
    ],
)
def test_a_dates_precision_is_ucdps(text: str, precision: int) -> None:
    assert date_precision(text) == precision


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ({"date": "4 March 2024"}, "a date is YYYY"),
        ({"date": "2024-02-30"}, "a date is YYYY"),
        ({"date": "2024-03-09/2024-03-01"}, "must not end before it starts"),
        ({"country": "France"}, "two-letter ISO code"),
    ],
)
def test_bad_incident_fields_are_refused_with_the_reason(raw: dict, reason: str) -> None:
    with pytest.raises(ReviewError, match=reason):
        clean_incident_fields(raw, FIRE)


def test_only_the_fields_that_change_are_kept_and_the_date_brings_its_precision() -> None:
    raw = {"name": " Port Elvar  warehouse fire ", "date": "2024-03", "country": "nz"}
    assert clean_incident_fields(raw, FIRE) == {"date": "2024-03", "date_prec": 4, "country": "NZ"}
    assert clean_incident_fields({"type": "fire"}, FIRE) == {}


def test_an_edit_applies_to_its_incident_and_follows_a_rename() -> None:
    fixes = CorrectionSet(edits={"old-id": {"date": "2024-03-04", "date_prec": 1}})
    moved = fixes.renamed({"old-id": "new-id"})
    [inc] = moved.incidents([Incident("new-id", "fire", date="2024-02-26", date_prec=1)])
    assert (inc.id, inc.date, inc.name) == ("new-id", "2024-03-04", "fire")


@pytest.mark.parametrize(
    "fields",
    [{"date": "tomorrow"}, {"lat": 200.0}, {"where_prec": 9}, {"search": "x"}, {"name": 3}],
)
def test_imported_edits_are_checked_as_a_form_is(fields: dict) -> None:
    with pytest.raises(ReviewError):
        checked_incident_fields(fields)


def test_an_edit_holds_across_relinks_and_is_logged_with_its_reason(tmp_path: Path) -> None:
    db = str(build(tmp_path / "fire.db"))
    with Ledger(db) as led:
        inc = next(i for i in led.incidents() if i.name)
        store = Corrections(led.conn)
        store.add_reviewer("Ana")
        got = store.edit_incident(
            "Ana",
            inc,
            {"date": "2024-03-04", "name": "Port Elvar textile warehouse fire"},
            "the brigade's report dates the fire to Monday 4 March",
        )
        assert got == {
            "date": "2024-03-04",
            "name": "Port Elvar textile warehouse fire",
            "date_prec": 1,
        }
        relink(led)
        relink(led)
        edited = led.incident(inc.id)
        assert (edited.date, edited.name, edited.type) == (
            "2024-03-04",
            "Port Elvar textile warehouse fire",
            inc.type,
        )
        [entry] = store.audit(inc.id)
        assert entry["action"] == "edit" and entry["reason"].startswith("the brigade's")
        assert entry["before"]["date"] == inc.date and entry["after"]["date"] == "2024-03-04"
        dumped = list(store.dump())
    rebuilt = str(build(tmp_path / "again.db"))
    with Ledger(rebuilt) as led:
        assert Corrections(led.conn).load(dumped) == len(dumped)
        relink(led)
        assert led.incident(inc.id).date == "2024-03-04"
        assert Corrections(led.conn).audit(inc.id)[0]["reason"].startswith("the brigade's")
