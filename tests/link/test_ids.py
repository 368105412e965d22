"""Stable ids: a published id keeps naming its incident, whatever arrives later and in
whatever order documents are ingested."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tally.link.ids import carry_ids, follow
from tally.models import Incident, Source
from tally.pipeline import ingest, relink
from tally.store import Ledger
from tally.web import create_app


def inc(iid: str) -> Incident:
    return Incident(id=iid)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("fresh", "published", "ids", "redirects"),
    [
        (  # a new report joins: the published id stays though linking names it afresh
            {("a", "main"): "x-2", ("b", "main"): "x-2", ("c", "main"): "x"},
            [("a", "main", "x"), ("c", "main", "x-2")],
            {"a": "x", "b": "x", "c": "x-2"},
            {},
        ),
        (  # a merge keeps the id most reports had and redirects the other
            {("a", "main"): "y", ("b", "main"): "y", ("c", "main"): "y"},
            [("a", "main", "y"), ("b", "main", "y"), ("c", "main", "y-2")],
            {"a": "y", "b": "y", "c": "y"},
            {"y-2": "y"},
        ),
        (  # a split keeps the id on the larger part; the other mints a new one
            {("a", "main"): "z", ("b", "main"): "z", ("c", "main"): "z-2"},
            [("a", "main", "z"), ("b", "main", "z"), ("c", "main", "z")],
            {"a": "z", "b": "z", "c": "z-2"},
            {},
        ),
        (  # a fresh slug an older incident holds is numbered past every published id
            {("a", "main"): "k", ("b", "main"): "k-2", ("c", "main"): "k-3"},
            [("b", "main", "k"), ("c", "main", "k-2")],
            {"a": "k-3", "b": "k", "c": "k-2"},
            {},
        ),
    ],
)
def test_published_ids_stay(
    fresh: dict[tuple[str, str], str],
    published: list[tuple[str, str, str]],
    ids: dict[str, str],
    redirects: dict[str, str],
) -> None:
    incidents = [inc(i) for i in sorted(set(fresh.values()))]
    out, mapping, moved = carry_ids(incidents, fresh, published)
    assert {doc: mapping[(doc, "main")] for doc, _ in fresh} == ids
    assert moved == redirects
    assert sorted(i.id for i in out) == sorted(set(ids.values()))


def test_a_redirected_id_is_never_minted_again() -> None:
    fresh = {("a", "main"): "q", ("b", "main"): "q-2"}
    _, mapping, _ = carry_ids([inc("q"), inc("q-2")], fresh, [("b", "main", "q-3")], {"q"})
    assert mapping[("a", "main")] == "q-2"
    assert mapping[("b", "main")] == "q-3"


def test_redirects_chain() -> None:
    assert follow({"a": "b", "b": "c"}, "a") == "c"
    assert follow({"a": "b", "b": "a"}, "a") in {"a", "b"}


ARTICLES = {
    "quarry.txt": (
        "2019-05-14",
        "Blast at Rudna quarry kills 9 workers\n\nAn explosion at the Rudna quarry near "
        "Lubin, Poland, on Tuesday killed 9 workers, the regional governor said.",
    ),
    "quarry-followup.txt": (
        "2019-05-15",
        "Toll in Rudna quarry blast rises to 11\n\nThe toll from Tuesday's explosion at the "
        "Rudna quarry near Lubin rose to 11 workers, the regional governor said on Wednesday.",
    ),
    "ferry.txt": (
        "2019-08-02",
        "Ferry capsizes near Ambon\n\nA ferry, the Lestari Maju, capsized near Ambon, "
        "Indonesia, on Friday, "
        "and 14 passengers drowned, the search agency said.",
    ),
    "ferry-followup.txt": (
        "2019-08-03",
        "Ambon ferry toll reaches 17\n\nThe number of passengers who drowned when the "
        "Lestari Maju capsized near Ambon on Friday has reached 17, the search agency said on Saturday.",
    ),
    "fire.txt": (
        "2019-11-20",
        "Fire at Valparaiso market kills 4\n\nA fire swept through the central market of "
        "Valparaiso, Chile, on Wednesday, killing 4 traders, firefighters said.",
    ),
}


def _write(root: Path, names: list[str]) -> list[Path]:
    paths = []
    for name in names:
        _, text = ARTICLES[name]
        path = root / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _ingest(db: Path, root: Path, batches: list[list[str]]) -> dict[str, str]:
    """Ingest the batches one after another; return each document's incident."""
    root.mkdir(exist_ok=True)
    for batch in batches:
        with Ledger(db) as led:
            sources = [
                Source(name=p.name, path=str(p), published=ARTICLES[p.name][0])
                for p in _write(root, batch)
            ]
            ingest(sources, led)
            relink(led)
    with Ledger(db) as led:
        rows = led.conn.query(
            "SELECT n.name, f.incident_id FROM figures f JOIN document_names n "
            "ON n.doc_id = f.doc_id WHERE f.incident_id IS NOT NULL ORDER BY n.name, f.key"
        )
    return dict(rows)


@pytest.mark.parametrize(
    "batches",
    [
        [sorted(ARTICLES)],
        [sorted(ARTICLES, reverse=True)],
        [["fire.txt", "quarry-followup.txt", "ferry.txt", "quarry.txt", "ferry-followup.txt"]],
        [["quarry-followup.txt", "ferry-followup.txt"], ["fire.txt"], ["quarry.txt", "ferry.txt"]],
        [["fire.txt", "ferry.txt"], ["quarry.txt", "quarry-followup.txt", "ferry-followup.txt"]],
    ],
)
def test_same_incidents_and_ids_in_any_order_and_batches(
    tmp_path: Path, batches: list[list[str]]
) -> None:
    once = _ingest(tmp_path / "once.db", tmp_path / "a", [sorted(ARTICLES)])
    assert once["quarry.txt"] == once["quarry-followup.txt"]
    assert once["ferry.txt"] == once["ferry-followup.txt"]
    assert len(set(once.values())) == 3
    assert _ingest(tmp_path / "b.db", tmp_path / "b", batches) == once


def test_a_bookmarked_id_survives_an_earlier_report(tmp_path: Path) -> None:
    """Bookmark the follow-up's incident, ingest the first report (earlier, and of another
    wording): the bookmark still opens the same incident."""
    first = _ingest(tmp_path / "l.db", tmp_path / "d", [["quarry-followup.txt", "fire.txt"]])
    bookmark = first["quarry-followup.txt"]
    later = _ingest(tmp_path / "l.db", tmp_path / "d", [["quarry.txt"]])
    assert later["quarry.txt"] == later["quarry-followup.txt"] == bookmark
    with Ledger(tmp_path / "l.db") as led:
        assert led.resolve(bookmark) == bookmark
        assert led.incident(bookmark).id == bookmark


def test_web_and_show_follow_a_redirected_id(tmp_path: Path) -> None:
    """An id a merge folded into another opens that incident, on the web and in `tally show`."""
    db = tmp_path / "l.db"
    target = _ingest(db, tmp_path / "d", [["fire.txt"]])["fire.txt"]
    with Ledger(db) as led:
        led.stage_redirects({"valparaiso-market-fire-2019": target})
        led.publish_staged()
        assert led.resolve("valparaiso-market-fire-2019") == target
    client = TestClient(create_app(str(db)), base_url="http://localhost")
    r = client.get("/incidents/valparaiso-market-fire-2019", follow_redirects=False)
    assert r.status_code == 301
    assert r.headers["location"].endswith(f"/incidents/{target}")
    assert client.get("/incidents/valparaiso-market-fire-2019").status_code == 200
    shown = subprocess.run(
        [sys.executable, "-m", "tally", "show", "valparaiso-market-fire-2019", "--db", str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert target in shown.stdout
