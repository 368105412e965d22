"""A reviewer's change re-reconciles only the incidents it touches, without relinking the
ledger, and leaves the ledger as a full relink would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tally import pipeline
from tally.models import Source
from tally.pipeline import ingest, relink
from tally.store import Ledger
from tally.store.corrections import EDITABLE, Corrections

ARTICLES = {
    "mine.txt": (
        "2021-02-09",
        "Gas blast in Zonguldak mine kills 6\n\nA methane explosion in a coal mine in "
        "Zonguldak, Turkey, on Tuesday killed 6 miners and injured 11, the governor said.",
    ),
    "mine-toll.txt": (
        "2021-02-10",
        "Zonguldak mine toll rises\n\nThe toll from Tuesday's methane explosion in the "
        "Zonguldak coal mine rose to 8 miners, with 11 injured, the governor said on Wednesday.",
    ),
    "bus.txt": (
        "2021-04-17",
        "Bus plunges into ravine near Cusco\n\nA bus fell into a ravine near Cusco, Peru, on "
        "Saturday, killing 14 passengers and injuring 20, police said.",
    ),
    "bus-later.txt": (
        "2021-04-18",
        "Cusco bus crash: 16 dead\n\nSixteen passengers died when a bus fell into a ravine "
        "near Cusco on Saturday, police said on Sunday; 20 were injured.",
    ),
    "flood.txt": (
        "2021-07-15",
        "Floods in Hagen\n\nFlooding in Hagen, Germany, on Thursday killed 3 people, the "
        "fire brigade said.",
    ),
}


def _state(led: Ledger) -> dict[str, Any]:
    """Everything a reader sees of the view: every incident's row, every figure's incident."""
    return {
        "incidents": sorted(led.conn.query("SELECT * FROM incidents")),
        "figures": sorted(led.conn.query("SELECT key, incident_id FROM figures")),
    }


def _incident_of(led: Ledger, name: str) -> str:
    (iid,) = led.conn.query(
        "SELECT f.incident_id FROM figures f JOIN document_names n ON n.doc_id = f.doc_id "
        "WHERE n.name = ? AND f.incident_id IS NOT NULL ORDER BY f.start_char LIMIT 1",
        (name,),
    )[0]
    return iid


def _merge(led: Ledger, store: Corrections) -> None:
    store.merge("Ana", _incident_of(led, "bus-later.txt"), _incident_of(led, "mine.txt"))


def _move(led: Ledger, store: Corrections) -> None:
    fig = led.figures(incident_id=_incident_of(led, "flood.txt"))[0]
    store.review_figure("Ana", fig, "move", fig.incident, move_to=_incident_of(led, "bus.txt"))


def _split(led: Ledger, store: Corrections) -> None:
    iid = _incident_of(led, "mine.txt")
    figs = [f for f in led.figures(incident_id=iid) if f.value == 8]
    store.split("Ana", iid, figs)


def _reject(led: Ledger, store: Corrections) -> None:
    fig = next(f for f in led.figures(incident_id=_incident_of(led, "bus.txt")) if f.value == 16)
    store.review_figure("Ana", fig, "reject", fig.incident)


def _correct(led: Ledger, store: Corrections) -> None:
    fig = next(f for f in led.figures(incident_id=_incident_of(led, "mine.txt")) if f.value == 6)
    values = {k: getattr(fig, k) for k in EDITABLE} | {"value": 9}
    store.review_figure("Ana", fig, "correct", fig.incident, values=values)


def _move_back(led: Ledger, store: Corrections) -> None:
    _move(led, store)
    relink(led)
    fig = next(k for k, fix in store.snapshot().figures.items() if fix.incident)
    moved = next(f for f in led.figures(incident_id=_incident_of(led, "bus.txt")) if f.key == fig)
    store.review_figure("Ana", moved, "reset", moved.incident)


@pytest.mark.parametrize("change", [_merge, _move, _split, _reject, _correct, _move_back])
def test_a_review_reconciles_what_it_touches_as_a_full_relink_would(
    db_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Any
) -> None:
    with Ledger(db_target) as led:
        sources = []
        for name, (day, text) in ARTICLES.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
            sources.append(Source(name=name, path=str(tmp_path / name), published=day))
        ingest(sources, led)
        relink(led)
        assert _incident_of(led, "bus.txt") == _incident_of(led, "bus-later.txt")
        before = _state(led)
        change(led, Corrections(led.conn))

        def no_linking(*args: object) -> None:
            raise AssertionError("a review relinked the ledger")

        monkeypatch.setattr(pipeline, "link_whole", no_linking)
        relink(led)
        touched = _state(led)
        monkeypatch.undo()
        relink(led, full=True)
        assert touched == _state(led)
        assert (touched == before) == (change is _move_back)  # a reset undoes the move


def test_documents_arriving_relink_the_ledger(tmp_path: Path) -> None:
    """Once documents arrive, a relink links them (the touched path stands aside)."""
    db = tmp_path / "l.db"
    names = sorted(ARTICLES)
    with Ledger(db) as led:
        for batch in (names[:2], names[2:]):
            sources = []
            for name in batch:
                day, text = ARTICLES[name]
                (tmp_path / name).write_text(text, encoding="utf-8")
                sources.append(Source(name=name, path=str(tmp_path / name), published=day))
            ingest(sources, led)
            relink(led)
        assert not led.unlinked()
        incremental = _state(led)
        relink(led, full=True)
        assert _state(led) == incremental
        assert len(incremental["incidents"]) == 3
