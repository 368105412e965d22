"""Corrections in the store: reviewers, figure fixes keyed by text hash and span, merges, splits."""

from __future__ import annotations

import dataclasses

import pytest

from tally.models import Figure, Incident
from tally.store import Ledger
from tally.store.corrections import (
    Corrections,
    CorrectionSet,
    FigureFix,
    ReviewError,
    clean_fields,
)

TEXT = "Officials said 41 people were killed and 30 were injured."


def _fig(quote: str, category: str = "killed", value: int = 41) -> Figure:
    start = TEXT.index(quote)
    return Figure(
        "d" * 32, category, "people", value, None, "exact", None, quote, start, start + len(quote)
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            {"value": "1,275", "category": "killed", "group": "women", "qualifier": "exact"},
            {
                "value": 1275,
                "value_high": None,
                "category": "killed",
                "group": "women",
                "qualifier": "exact",
                "attribution": None,
            },
        ),
        (
            {
                "value": "30",
                "value_high": "40",
                "category": "injured",
                "group": "people",
                "qualifier": "range",
                "attribution": "  the governor ",
            },
            {
                "value": 30,
                "value_high": 40,
                "category": "injured",
                "group": "people",
                "qualifier": "range",
                "attribution": "the governor",
            },
        ),
    ],
)
def test_clean_fields_accepts_a_reviewers_values(raw: dict, expected: dict) -> None:
    assert clean_fields(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (
            {"value": "", "category": "killed", "group": "people", "qualifier": "exact"},
            "needs a value",
        ),
        (
            {"value": "-3", "category": "killed", "group": "people", "qualifier": "exact"},
            "whole number",
        ),
        (
            {"value": "ten", "category": "killed", "group": "people", "qualifier": "exact"},
            "whole number",
        ),
        (
            {"value": "²", "category": "killed", "group": "people", "qualifier": "exact"},
            "whole number",
        ),
        ({"value": "3", "category": "slain", "group": "people", "qualifier": "exact"}, "category"),
        ({"value": "3", "category": "killed", "group": "cats", "qualifier": "exact"}, "group"),
        (
            {"value": "3", "category": "killed", "group": "people", "qualifier": "roughly"},
            "qualifier",
        ),
        (
            {
                "value": "9",
                "value_high": "4",
                "category": "killed",
                "group": "people",
                "qualifier": "range",
            },
            "value_high",
        ),
    ],
)
def test_clean_fields_refuses_bad_values_with_the_reason(raw: dict, reason: str) -> None:
    with pytest.raises(ReviewError, match=reason):
        clean_fields(raw)


def test_a_correction_set_applies_fixes_by_key_and_keeps_unknown_figures() -> None:
    killed, injured = _fig("41 people were killed"), _fig("30 were injured", "injured", 30)
    fixes = CorrectionSet(
        figures={
            killed.key: FigureFix(killed.key, fields={"value": 42, "category": "injured"}),
            injured.key: FigureFix(injured.key, status="rejected"),
        }
    )
    corrected = fixes.figure(killed)
    assert (corrected.value, corrected.category) == (42, "injured")
    assert fixes.original_key(corrected.key) == killed.key
    assert fixes.figure(injured) is None
    other = _fig("Officials")
    assert fixes.figure(other) is other


@pytest.mark.parametrize(
    ("attribution", "language", "official", "source_key"),
    [
        ("the health ministry", "en", True, "health ministry"),
        ("residents", "en", False, "residents"),
        ("la policía", "es", True, "policía"),
        (None, "en", False, None),
    ],
)
def test_a_corrected_attribution_decides_the_figures_source_again(
    attribution: str | None, language: str, official: bool, source_key: str | None
) -> None:
    fig = dataclasses.replace(
        _fig("41 people were killed"), attribution="officials", official=True, source_key="x"
    )
    fixes = CorrectionSet(
        figures={fig.key: FigureFix(fig.key, fields={"attribution": attribution})}
    )
    corrected = fixes.figure(fig, language)
    assert (corrected.attribution, corrected.official, corrected.source_key) == (
        attribution,
        official,
        source_key,
    )
    value_only = CorrectionSet(figures={fig.key: FigureFix(fig.key, fields={"value": 40})})
    assert value_only.figure(fig, language).source_key == "x"


def test_merges_resolve_through_chains_and_splits_copy_their_parent() -> None:
    fixes = CorrectionSet(merges={"a": "b", "b": "c"}, splits={"c-split-1": "c"})
    incidents = fixes.incidents([Incident("a"), Incident("b"), Incident("c", name="Fire")])
    assert [(i.id, i.name) for i in incidents] == [("c", "Fire"), ("c-split-1", "Fire (split)")]
    known = {i.id for i in incidents}
    assert fixes.incident_of("a", known) == "c"
    assert fixes.incident_of("x", known) == "x"
    moved = CorrectionSet(
        figures={
            "k": FigureFix("k", incident="gone"),
            "m": FigureFix("m", incident="a"),
            "r": FigureFix("r", status="rejected"),
        },
        merges={"a": "c"},
    )
    assert moved.moves({"a", "c"}) == {"m": "c"}
    assert moved.moves({"a"}) == {}  # moved to an incident merged into one that is gone


def test_reviewer_tokens_are_stored_hashed(db_target: str) -> None:
    with Ledger(db_target) as ledger:
        _test_reviewer_tokens_are_stored_hashed(Corrections(ledger.conn), ledger)


def _test_reviewer_tokens_are_stored_hashed(store: Corrections, ledger: Ledger) -> None:
    token = store.add_reviewer("Ana")
    assert store.reviewer(token) == "Ana"
    assert store.reviewer(token + "x") is None
    assert store.reviewer("") is None
    assert token not in str(ledger.conn.query("SELECT * FROM reviewers"))
    with pytest.raises(ReviewError, match="exists already"):
        store.add_reviewer("Ana")


def test_review_figure_logs_who_before_and_after(db_target: str) -> None:
    with Ledger(db_target) as ledger:
        _test_review_figure_logs_who_before_and_after(Corrections(ledger.conn), ledger)


def _test_review_figure_logs_who_before_and_after(store: Corrections, ledger: Ledger) -> None:
    fig = _fig("41 people were killed")
    store.review_figure(
        "Ana",
        fig,
        "correct",
        "fire",
        {"value": "43", "category": "killed", "group": "people", "qualifier": "exact"},
    )
    store.review_figure("Ben", fig, "confirm", "fire")
    log = store.audit("fire")
    assert [(e["reviewer"], e["action"]) for e in log] == [("Ben", "confirm"), ("Ana", "correct")]
    assert log[1]["before"]["value"] == 41 and log[1]["after"]["value"] == 43
    assert store.snapshot().figures[fig.key].status == "confirmed"
    assert store.snapshot().figures[fig.key].fields == {"value": 43}


def test_a_merge_into_itself_or_nowhere_is_refused(db_target: str) -> None:
    with Ledger(db_target) as ledger:
        _test_a_merge_into_itself_or_nowhere_is_refused(Corrections(ledger.conn), ledger)


def _test_a_merge_into_itself_or_nowhere_is_refused(store: Corrections, ledger: Ledger) -> None:
    with pytest.raises(ReviewError, match="into itself"):
        store.merge("Ana", "a", "a")
    with pytest.raises(ReviewError, match="no incident"):
        store.merge("Ana", "a", "nowhere")
