"""Linking new documents without relinking the ledger: in batches, in any order, the
ledger ends as a full relink of the same documents leaves it (real SQLite files)."""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

import pytest

from tally import incremental, pipeline
from tally.models import Document, Figure, LocalIncident, text_hash
from tally.pipeline import relink
from tally.store import Ledger
from tally.store.corrections import Corrections

GAZIANTEP = ("place:gaziantep", "geo:TR:83:gaziantep", "pop:2028563")
ADANA = ("place:adana", "geo:TR:81:adana", "pop:1765981")
HATAY = ("place:antakya", "geo:TR:31:antakya", "pop:216960")


def _report(n: int, day: str, kind: str, cues: tuple[str, ...], **kw: Any) -> tuple:
    """A short report of `kind` on `day` and its local incident with `cues`."""
    place = next((c.split(":", 1)[1] for c in cues if c.startswith("place:")), None)
    killed = next((c.rsplit(":", 1)[1] for c in cues if c.startswith("fig:killed:")), "3")
    text = (
        f"Report {n}: {killed} people were killed in a {kind} in {place or 'the south'} "
        f"on {day}, the governor's office said."
    )
    fields = dict(type=kind, date=day, date_prec=1, country="TR", published=day)
    if place:
        fields.update(place=place.title(), where_prec=1)
    fields.update(kw)
    return text, day, (*cues, "kind:main"), fields


REPORTS = [
    _report(1, "2023-02-10", "bombing", (*GAZIANTEP, "w:kale market", "fig:killed:people:12")),
    _report(2, "2023-02-10", "bombing", (*GAZIANTEP, "w:kale market", "fig:killed:people:12")),
    _report(3, "2023-02-11", "bombing", (*GAZIANTEP, "w:kale market", "fig:killed:people:14")),
    # two shootings of one town and day that only a name links while it is rare
    _report(4, "2023-03-02", "shooting", (*ADANA, "w:red crescent", "w:seyhan bridge")),
    _report(5, "2023-03-02", "shooting", (*ADANA, "w:red crescent")),
    *(
        _report(6 + i, f"2023-0{4 + i % 5}-1{i}", "shooting", (*HATAY, "w:red crescent"))
        for i in range(6)
    ),
    # of unknown country: joins the blocks of every country of its dates
    _report(12, "2023-02-10", "bombing", ("w:kale market", "fig:killed:people:12"), country=None),
    # the wider war, twice: linked by country
    _report(13, "2023-01-05", "conflict", ("kind:conflict",), date="2023", date_prec=5),
    _report(14, "2023-06-05", "conflict", ("kind:conflict",), date="2023", date_prec=5),
    # undated, placed: linked by place and a rare name whatever the dates
    _report(15, "2023-02-12", "bombing", (*GAZIANTEP, "w:kale market"), date=None, date_prec=None),
]


def _add(led: Ledger, k: int, dated: bool = True, reports: list[tuple] = REPORTS) -> None:
    text, day, cues, fields = reports[k]
    doc = Document(
        id=text_hash(text),
        text=text,
        kind="text",
        name=f"r{k}.txt",
        published=day if dated else None,
    )
    number = text.split(": ", 1)[1].split(" ", 1)[0]
    start = text.index(f" {number} ") + 1
    fig = Figure(
        doc_id=doc.id,
        category="killed",
        value=int(number),
        quote=number,
        start=start,
        end=start + len(number),
        incident="main",
        group="people",
        qualifier="exact",
        value_high=None,
        attribution=None,
    )
    local = LocalIncident(doc_id=doc.id, key="main", cues=cues, **fields)
    led.add_document(doc, [fig], [local])


def _state(led: Ledger) -> tuple:
    return (
        sorted(led.conn.query("SELECT key, incident_id FROM figures")),
        sorted(led.conn.query("SELECT * FROM incidents")),
        sorted(led.conn.query("SELECT doc_id, key, linked FROM local_incidents")),
        sorted(led.conn.query("SELECT * FROM incident_redirects")),
    )


def _batches(order: list[int], cuts: list[int]) -> list[list[int]]:
    bounds = [0, *cuts, len(order)]
    return [order[a:b] for a, b in itertools.pairwise(bounds) if order[a:b]]


ORDERS = [
    list(range(len(REPORTS))),
    list(reversed(range(len(REPORTS)))),
    [10, 4, 13, 0, 14, 5, 12, 1, 6, 2, 7, 11, 3, 8, 9],
]


@pytest.mark.parametrize(
    ("order", "cuts"),
    [
        (ORDERS[0], [5]),  # the name grows common in the second batch
        (ORDERS[0], [3, 6, 9, 12]),
        (ORDERS[1], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]),  # one at a time
        (ORDERS[2], [2, 7, 8]),
        (ORDERS[2], [4, 11]),
    ],
)
def test_batches_link_as_a_full_relink_does_without_relinking_the_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, order: list[int], cuts: list[int]
) -> None:
    monkeypatch.setattr(incremental, "MAX_SHARE", 1.0)  # small ledgers: never the fallback
    whole: list[int] = []
    real = pipeline.link_whole

    def counted(*args: Any) -> Any:
        whole.append(1)
        return real(*args)

    monkeypatch.setattr(pipeline, "link_whole", counted)
    with Ledger(tmp_path / "b.db") as led:
        for batch in _batches(order, cuts):
            for k in batch:
                _add(led, k)
            relink(led)
        assert whole == [1]  # the first batch only: the rest linked incrementally
        assert not led.unlinked()
        batched = _state(led)
        relink(led, full=True)
        assert _state(led) == batched
    with Ledger(tmp_path / "once.db") as led:
        for k in range(len(REPORTS)):
            _add(led, k)
        relink(led)
        assert _state(led)[:3] == batched[:3]  # ids published on the way redirect


def test_the_rare_name_links_until_it_grows_common(tmp_path: Path) -> None:
    """While few reports name it, a name links two shootings of one town and day; once
    many do, it identifies nothing and they are two incidents, batch or not."""
    with Ledger(tmp_path / "l.db") as led:
        for k in (3, 4):
            _add(led, k)
        relink(led)
        first = {row[1] for row in _state(led)[0]}
        assert len(first) == 1
        for k in range(5, 11):
            _add(led, k)
        relink(led)
        adana = {iid for _, iid in _state(led)[0] if iid and iid.startswith("adana")}
        assert len(adana) == 2


SLUGS = [
    # two bombings of one slug, months apart, placed in the city: each takes its day
    _report(
        1,
        "2023-02-10",
        "bombing",
        (*GAZIANTEP, "w:kale market", "fig:killed:people:12"),
        where_prec=2,
    ),
    _report(
        2,
        "2023-05-01",
        "bombing",
        (*GAZIANTEP, "w:iron bridge", "fig:killed:people:5"),
        where_prec=2,
    ),
    # a report of the first that places it in a district: it leaves the slug
    _report(
        3,
        "2023-02-10",
        "bombing",
        (*GAZIANTEP, "w:kale market", "fig:killed:people:12"),
        place="Sahinbey",
        where_prec=1,
    ),
]


def test_an_incident_left_alone_of_its_slug_drops_its_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two incidents of one slug each take their day; when a new report moves one of them
    to another slug, the other is alone of its slug again and drops its day, as a full
    relink names it, though no new report pairs with it."""
    monkeypatch.setattr(incremental, "MAX_SHARE", 1.0)
    with Ledger(tmp_path / "l.db") as led:
        _add(led, 0, reports=SLUGS)
        _add(led, 1, reports=SLUGS)
        relink(led)
        assert {iid for _, iid in _state(led)[0]} == {
            "gaziantep-bombing-2023-02-10",
            "gaziantep-bombing-2023-05-01",
        }
        _add(led, 2, reports=SLUGS)
        relink(led)
        assert led.linked_from() == 3
        batched = _state(led)
        assert {iid for _, iid in batched[0]} == {"gaziantep-bombing-2023", "sahinbey-bombing-2023"}
        relink(led, full=True)
        assert _state(led) == batched


def test_a_replaced_extraction_and_an_old_ledger_relink_the_whole(tmp_path: Path) -> None:
    """The index cannot tell what a stored document's replaced extraction moved, nor what a
    ledger from before the index holds: those relink the whole ledger, once."""
    with Ledger(tmp_path / "l.db") as led:
        for k in range(6):
            _add(led, k)
        relink(led)
        assert led.linked_from() == 6
        led.conn.execute("DELETE FROM link_state WHERE name = 'keys'")  # as before the index
        assert led.linked_from() is None
        for k in range(6, 9):
            _add(led, k)
        relink(led)
        assert led.indexed() and led.linked_from() == 9
        assert led.count("incidents") > 0
        (n,) = led.conn.query("SELECT COUNT(*) FROM link_keys")[0]
        assert n > 9 * 5
        _add(led, 9, dated=False)
        relink(led)
        assert led.linked_from() == 10
        _add(led, 9)  # arrives again with its date: its extraction is replaced
        assert led.linked_from() is None
        relink(led)
        assert led.linked_from() == 10
        (n,) = led.conn.query("SELECT COUNT(*) FROM link_keys")[0]
        assert n == len(led.conn.query("SELECT * FROM link_keys"))
        replaced = _state(led)
        relink(led, full=True)
        assert _state(led) == replaced


def test_batches_link_as_a_full_relink_does_on_each_back_end(
    db_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(incremental, "MAX_SHARE", 1.0)
    with Ledger(db_target) as led:
        for batch in _batches(ORDERS[2], [2, 7, 8]):
            for k in batch:
                _add(led, k)
            relink(led)
        assert led.linked_from() == len(REPORTS)
        batched = _state(led)
        relink(led, full=True)
        assert _state(led) == batched


def _merge(led: Ledger, store: Corrections) -> None:
    ids = sorted({iid for _, iid in _state(led)[0] if iid})
    store.merge("Ana", ids[0], ids[-1])


def _move(led: Ledger, store: Corrections) -> None:
    ids = sorted({iid for _, iid in _state(led)[0] if iid})
    fig = led.figures(incident_id=ids[0])[0]
    store.review_figure("Ana", fig, "move", fig.incident, move_to=ids[-1])


def _split(led: Ledger, store: Corrections) -> None:
    iid = next(i for i in sorted({iid for _, iid in _state(led)[0] if iid}) if "gaziantep" in i)
    store.split("Ana", iid, led.figures(incident_id=iid)[:1])


@pytest.mark.parametrize("change", [_merge, _move, _split])
def test_reviewers_changes_follow_the_incidents_new_documents_link_into(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Any
) -> None:
    """A reviewer's merge, move or split made before new documents arrive holds after they
    link incrementally, as a full relink would apply it."""
    monkeypatch.setattr(incremental, "MAX_SHARE", 1.0)
    whole: list[int] = []
    real = pipeline.link_whole
    monkeypatch.setattr(pipeline, "link_whole", lambda *a: whole.append(1) or real(*a))
    with Ledger(tmp_path / "l.db") as led:
        for k in range(6):
            _add(led, k)
        relink(led)
        store = Corrections(led.conn)
        store.add_reviewer("Ana")
        change(led, store)
        relink(led)
        for k in range(6, len(REPORTS)):
            _add(led, k)
        relink(led)
        assert led.linked_from() == len(REPORTS)
        assert whole == [1]
        batched = _state(led)
        relink(led, full=True)
        assert _state(led) == batched


NIZIP = ("place:nizip", "geo:TR:83:nizip", "pop:98000")
ISLAHIYE = ("place:islahiye", "pop:66000")
EDGE = [
    # background mentions whose evidence is exactly the threshold: a big city, the type
    # and a rare name, a day apart
    _report(40, "2023-07-03", "bombing", (*GAZIANTEP, "w:zeugma bridge"), background=True),
    _report(41, "2023-07-04", "bombing", (*GAZIANTEP, "w:zeugma bridge"), background=True),
    # nearby towns, one type, one day, nothing identifying: a pair only in a small block
    _report(42, "2023-07-05", "bombing", NIZIP, lat=37.01, lon=37.79),
    _report(43, "2023-07-05", "bombing", ISLAHIYE, lat=37.03, lon=37.70, background=True),
    # of unknown country, near the first town
    _report(44, "2023-07-05", "bombing", ("place:nizip",), country=None, lat=37.00, lon=37.80),
    # of unknown country, at the threshold with the background mentions
    _report(45, "2023-07-04", "bombing", ("place:gaziantep", "w:zeugma bridge"), country=None),
    # a week's other reports of the country: enough to make its blocks big
    *(
        _report(50 + i, f"2023-07-0{3 + i % 3}", "stabbing", (f"place:village {i}", f"w:farm {i}"))
        for i in range(205)
    ),
]
"""Reports whose pairs sit at the threshold, and a week whose block grows big."""


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("cuts", [[6], [6, 150], [60, 120, 180], [200]])
def test_pairs_at_the_threshold_link_in_batches_as_in_a_full_relink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, cuts: list[int]
) -> None:
    """Background mentions at the threshold, reports of unknown country, and a block that
    grows big in a later batch (its near pairs are no longer made): batches link as a full
    relink does, in any order."""
    monkeypatch.setattr(incremental, "MAX_SHARE", 1.0)
    order = list(range(len(EDGE)))
    if seed:
        random.Random(seed).shuffle(order)
    with Ledger(tmp_path / "b.db") as led:
        for batch in _batches(order, cuts):
            for k in batch:
                _add(led, k, reports=EDGE)
            relink(led)
        batched = _state(led)
        relink(led, full=True)
        assert _state(led) == batched
