"""Stable ids: a published id keeps naming its incident, whatever arrives later and in
whatever order documents are ingested."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tally.link.ids import follow, fresh_ids, redirects
from tally.models import Source
from tally.pipeline import ingest, relink
from tally.store import Ledger
from tally.web import create_app


@pytest.mark.parametrize(
    ("clusters", "ids"),
    [
        (  # one incident of its slug keeps the bare slug
            [("kabul-bombing-2021", "2021-03-14", [("d1", "main")])],
            ["kabul-bombing-2021"],
        ),
        (  # two of one slug take their days; a third on one of those days, a hash
            [
                ("chicago-shooting-2016", "2016-07-04", [("d2", "main"), ("d1", "main")]),
                ("chicago-shooting-2016", "2016-08", [("d3", "main")]),
                ("chicago-shooting-2016", "2016-07-04/2016-07-05", [("d4", "b")]),
            ],
            [
                "chicago-shooting-2016-07-04-",
                "chicago-shooting-2016-08",
                "chicago-shooting-2016-07-04-",
            ],
        ),
        (  # undated incidents of one slug: a hash of each one's first member
            [("mosul-incident", None, [("d7", "main")]), ("mosul-incident", None, [("d6", "x")])],
            ["mosul-incident-", "mosul-incident-"],
        ),
        (  # a hash of four digits would read as a year (another incident's id): longer
            [("mosul-bombing", None, [("r2", "main")]), ("mosul-bombing", None, [("r3", "main")])],
            ["mosul-bombing-38923e", "mosul-bombing-41aea2"],
        ),
    ],
)
def test_fresh_ids_come_from_each_incident(
    clusters: list[tuple[str, str | None, list[tuple[str, str]]]], ids: list[str]
) -> None:
    got = fresh_ids(clusters)
    for g, want in zip(got, ids, strict=True):
        hashed = want.endswith("-")  # a hash of four hex digits follows
        assert (g.startswith(want) and len(g) == len(want) + 4) if hashed else g == want
    assert len(set(got)) == len(got)
    assert fresh_ids(clusters[::-1]) == got[::-1]


@pytest.mark.parametrize(
    ("mapping", "published", "moved"),
    [
        (  # a new report joins: nothing redirects
            {("a", "main"): "x", ("b", "main"): "x"},
            [("a", "main", "x")],
            {},
        ),
        (  # a merge: the id that names nothing now leads to the merged incident
            {("a", "main"): "y", ("b", "main"): "y", ("c", "main"): "y"},
            [("a", "main", "y"), ("b", "main", "y"), ("c", "main", "y-2")],
            {"y-2": "y"},
        ),
        (  # a second incident of the slug: the bare id leads to the one holding most reports
            {("a", "main"): "z-03-01", ("b", "main"): "z-03-01", ("c", "main"): "z-05-20"},
            [("a", "main", "z"), ("b", "main", "z"), ("c", "main", "z")],
            {"z": "z-03-01"},
        ),
        (  # an id whose reports are gone redirects nowhere
            {("a", "main"): "k"},
            [("q", "main", "k-2")],
            {},
        ),
    ],
)
def test_published_ids_that_name_nothing_redirect(
    mapping: dict[tuple[str, str], str],
    published: list[tuple[str, str, str]],
    moved: dict[str, str],
) -> None:
    assert redirects(mapping, published) == moved


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
    "fire-march.txt": (
        "2019-03-06",
        "Warehouse fire in Valparaiso leaves 2 dead\n\nTwo night watchmen died when a fire "
        "gutted a timber warehouse in Valparaiso, Chile, on Tuesday, firefighters said.",
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
        [["fire.txt", "ferry.txt"], ["fire-march.txt", "quarry.txt"], ["quarry-followup.txt"]],
        [["fire.txt"], ["quarry.txt", "ferry.txt", "fire-march.txt"], ["quarry-followup.txt"]],
        [["fire-march.txt", "quarry-followup.txt"], ["ferry-followup.txt", "fire.txt"]],
    ],
)
def test_same_incidents_and_ids_in_any_order_and_batches(
    tmp_path: Path, batches: list[list[str]]
) -> None:
    once = _ingest(tmp_path / "once.db", tmp_path / "a", [sorted(ARTICLES)])
    assert once["quarry.txt"] == once["quarry-followup.txt"]
    assert once["ferry.txt"] == once["ferry-followup.txt"]
    assert len(set(once.values())) == 4
    assert once["fire.txt"].startswith("valparaiso-")  # two fires of one town and year
    assert once["fire-march.txt"].startswith("valparaiso-")
    if {name for batch in batches for name in batch} != set(ARTICLES):
        once = _ingest(
            tmp_path / "part.db", tmp_path / "p", [sorted(n for b in batches for n in b)]
        )
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


def test_a_bookmark_opens_its_incident_when_another_of_its_slug_arrives(tmp_path: Path) -> None:
    """Bookmark a fire's incident, ingest an earlier fire of the same town and year: the two
    incidents take their days in their ids, and the bookmark leads to the first fire."""
    db = tmp_path / "l.db"
    bookmark = _ingest(db, tmp_path / "d", [["fire.txt"]])["fire.txt"]
    later = _ingest(db, tmp_path / "d", [["fire-march.txt"]])
    assert later["fire.txt"] != later["fire-march.txt"]
    with Ledger(db) as led:
        assert led.resolve(bookmark) == later["fire.txt"]
    client = TestClient(create_app(str(db)), base_url="http://localhost")
    r = client.get(f"/incidents/{bookmark}", follow_redirects=False)
    if bookmark != later["fire.txt"]:
        assert r.status_code == 301
        assert r.headers["location"].endswith(f"/incidents/{later['fire.txt']}")
    assert client.get(f"/incidents/{bookmark}").status_code == 200


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
