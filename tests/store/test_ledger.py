"""The ledger on both back ends: every `Ledger` method, transactions, conflicts, booleans.

Each test runs on a fresh SQLite file and on a fresh PostgreSQL database
(`db_target`), and asserts the same behaviour on both.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from tally.errors import NotFound, StoreError
from tally.models import (
    Document,
    Figure,
    Incident,
    LocalIncident,
    Reconciled,
    Statement,
    outlet,
    text_hash,
)
from tally.store import Ledger
from tally.store.schema import MIGRATIONS

TEXTS = [
    "Five people were killed and 12 injured when a bus overturned near the border.",
    "Police said two men were shot dead outside a bar on Main Street.",
    "The death toll rose to 81 from 69, the health ministry said on Tuesday.",
    "At least 300 people are missing after the flood swept through the valley.",
]


def _doc(text: str, name: str = "a.txt", **meta: str) -> Document:
    return Document(id=text_hash(text), text=text, kind="text", name=name, **meta)


def _fig(doc: Document, word: str, category: str = "killed", **kw: object) -> Figure:
    start = doc.text.index(word)
    value = {"Five": 5, "12": 12, "two": 2, "81": 81, "69": 69, "300": 300}[word]
    fields = {"group": "people", "value_high": None, "qualifier": "exact", "attribution": None}
    fields.update(kw)
    return Figure(
        doc_id=doc.id,
        category=category,
        value=value,
        quote=word,
        start=start,
        end=start + len(word),
        incident="main",
        **fields,  # type: ignore[arg-type]
    )


@pytest.fixture
def led(db_target: str) -> Ledger:
    with Ledger(db_target) as ledger:
        yield ledger


def test_same_text_is_stored_once_and_keeps_every_name(led: Ledger) -> None:
    doc = _doc(TEXTS[0])
    assert led.add_document(doc, [_fig(doc, "Five")])
    assert not led.add_document(_doc(doc.text, "copy.txt", url="https://example.org/x"), [])
    assert led.count("documents") == 1
    assert led.count("figures") == 1
    assert led.count("document_names") == 2
    assert [(n, u) for _, n, u in led.names(doc.id)] == [
        ("a.txt", None),
        ("copy.txt", "https://example.org/x"),
    ]
    assert led.has_document(doc.id)
    assert not led.has_document(text_hash("never stored"))


def test_migrations_are_recorded_once_and_not_rerun(db_target: str) -> None:
    with Ledger(db_target) as first:
        applied = sorted(r[0] for r in first.conn.query("SELECT name FROM migrations"))
    with Ledger(db_target) as second:
        again = sorted(r[0] for r in second.conn.query("SELECT name FROM migrations"))
    assert applied == again == sorted(name for name, _ in MIGRATIONS)


def test_a_ledger_from_before_the_search_column_gains_it_filled(db_target: str) -> None:
    with Ledger(db_target) as led, led.conn.transaction() as c:
        c.execute("DELETE FROM migrations WHERE name = '0003_incident_search'")
        for index in ("incidents_list", "incidents_country", "incidents_type"):
            c.execute(f"DROP INDEX {index}")
        c.execute("ALTER TABLE incidents DROP COLUMN search")
        c.execute(
            "INSERT INTO incidents (id, name, type, country) VALUES "
            "('kabul-bombing-2021', 'Kabul Airport blast', 'bombing', 'AF')"
        )
    with Ledger(db_target) as led:
        [row] = led.find_incidents(["AIRPORT", "af"])[0]
        assert row["incident"].id == "kabul-bombing-2021"


def test_documents_round_trip_with_metadata_and_lookup(led: Ledger) -> None:
    docs = [
        _doc(TEXTS[0], "bus.txt", published="2024-05-01", publisher="Courier", title="Bus"),
        _doc(TEXTS[1], "bar.html", published="2023-01-02"),
    ]
    for d in docs:
        led.add_document(d, [])
    by_id = sorted(docs, key=lambda d: d.id)
    assert list(led.documents()) == by_id
    assert led.document_ids() == [d.id for d in by_id]
    assert led.document(docs[0].id[:10]) == docs[0]
    assert led.document("bar.html") == docs[1]
    with pytest.raises(NotFound):
        led.document("nothing-like-it")


def test_figures_keep_every_field_and_boolean(led: Ledger) -> None:
    doc = _doc(TEXTS[0])
    figs = [
        _fig(doc, "Five", qualifier="at_least", attribution="police", subset=True),
        _fig(doc, "12", "injured", value_high=15, qualifier="range"),
    ]
    figs[0] = dataclasses.replace(figs[0], source_key="police")  # as extraction decides it
    led.add_document(doc, [*figs, figs[0]])
    stored = led.figures(doc_id=doc.id)
    assert stored == figs
    assert stored[0].subset is True and stored[1].subset is False
    unlinked = [dataclasses.replace(f, incident=None) for f in figs]
    assert [(f, c.name) for f, c in led.named_figures()] == [(f, "a.txt") for f in unlinked]
    led.add_name(doc.id, "https://example.org/a", url="https://example.org/a")
    led.add_name(doc.id, "0-mirror.txt")
    assert [(f.value, c.name) for f, c in led.named_figures(doc.id)] == [
        (5, "0-mirror.txt"), (5, "a.txt"), (5, "https://example.org/a"),
        (12, "0-mirror.txt"), (12, "a.txt"), (12, "https://example.org/a"),
    ]  # fmt: skip
    cites = {c.name: c for _, c in led.named_figures(doc.id)}
    assert cites["https://example.org/a"].publisher == "example.org"


@pytest.mark.parametrize(
    ("publisher", "url", "expected"),
    [
        ("Reuters", "https://www.example.com/a", "Reuters"),
        (None, "https://www.ktla.com/2016/02/09/story", "ktla.com"),
        (None, "http://web.archive.org/web/20160713033953/http://ktla.com:80/2016/x", "ktla.com"),
        (None, "https://web.archive.org/web/2016id_/www.wral.com/news/a.html", "wral.com"),
        (None, None, None),
        (None, "not a url", None),
    ],
)
def test_a_source_is_named_by_its_publisher_else_its_host(
    publisher: str | None, url: str | None, expected: str | None
) -> None:
    assert outlet(publisher, url) == expected


def test_a_failed_document_leaves_nothing_behind(led: Ledger) -> None:
    doc = _doc(TEXTS[0])
    stray = _fig(_doc(TEXTS[1]), "two")
    with pytest.raises(Exception, match=r"(?i)foreign key"):
        led.add_document(doc, [_fig(doc, "Five"), stray])
    assert (led.count("documents"), led.count("figures"), led.count("document_names")) == (0, 0, 0)
    assert led.add_document(doc, [_fig(doc, "Five")])
    assert led.count("figures") == 1


def test_transactions_nest_and_roll_back_whole(led: Ledger) -> None:
    a, b = _doc(TEXTS[0]), _doc(TEXTS[1])
    with pytest.raises(RuntimeError), led.conn.transaction():
        led.add_document(a, [_fig(a, "Five")])
        led.add_document(b, [])
        raise RuntimeError("crash between documents")
    assert led.count("documents") == 0
    with led.conn.transaction():
        led.add_document(a, [])
        led.add_document(b, [])
    assert led.count("documents") == 2


def test_iterate_streams_past_its_batch_while_other_queries_run(led: Ledger) -> None:
    doc = _doc(TEXTS[3])
    led.add_document(doc, [])
    led.conn.executemany(
        "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
        [(f"zz_probe_{i:04d}", "now") for i in range(1200)],
    )
    seen = 0
    for (name,) in led.conn.iterate(
        "SELECT name FROM migrations WHERE name LIKE ? ORDER BY name", ("zz_probe_%",), size=100
    ):
        assert name == f"zz_probe_{seen:04d}"
        seen += 1
        if seen % 300 == 0:
            led.add_name(doc.id, f"n{seen}")
            assert led.count("document_names") == 1 + seen // 300
    assert seen == 1200
    assert led.count("document_names") == 5


def test_incidents_are_replaced_whole_with_their_reconciliation(led: Ledger) -> None:
    docs = [_doc(TEXTS[2], "a.txt", published="2024-03-01"), _doc(TEXTS[0], "b.txt")]
    figs = [_fig(docs[0], "81"), _fig(docs[0], "69"), _fig(docs[1], "Five")]
    led.add_document(docs[0], figs[:2], [LocalIncident(docs[0].id, "main")])
    led.add_document(docs[1], figs[2:], [LocalIncident(docs[1].id, "main", background=True)])
    assert [li.doc_id for li in led.local_incidents()] == sorted(d.id for d in docs)
    incs = [Incident("toll-2024", name="Toll", date="2024-03-01"), Incident("bus", background=True)]
    stmts = tuple(Statement(f, "2024-03-01", None, "a.txt") for f in figs[:2])
    rec = Reconciled("killed", "people", 69, 81, 81, (69, 81), 1, 1, True, "latest", (), stmts)
    for published in (0, 2):
        with led.conn.snapshot():
            led.stage_links([(docs[0].id, "main", "toll-2024"), (docs[1].id, "main", "bus")], {})
            led.stage_incidents(iter([(incs[0], [rec], {"killed": 81}), (incs[1], [], {})]))
        assert led.count("incidents") == published  # staging leaves the stored view alone
        led.publish_staged()
    assert [i.id for i in led.incidents()] == ["toll-2024", "bus"]
    assert led.incident("bus").background is True
    assert {f.key for f in led.figures(incident_id="toll-2024")} == {figs[0].key, figs[1].key}
    stored = led.reconciliation("toll-2024")
    assert stored["totals"] == {"killed": 81}
    assert [s["value"] for s in stored["figures"][0]["statements"]] == [81, 69]
    summary = {s["incident"].id: s for s in led.incident_summaries()}
    assert (summary["toll-2024"]["killed"], summary["toll-2024"]["conflict"]) == (81, True)
    assert (summary["bus"]["documents"], summary["bus"]["conflict"]) == (0, False)
    with pytest.raises(NotFound):
        led.incident("nope")


def test_figures_are_assigned_in_bulk_and_read_back_one_incident_at_a_time(led: Ledger) -> None:
    toll = _doc(TEXTS[2], "b.txt", published="2024-03-01", publisher="Courier")
    bus, bar = _doc(TEXTS[0], "a.txt"), _doc(TEXTS[1], "c.txt")
    figs = {
        "81": _fig(toll, "81"),
        "69": _fig(toll, "69"),
        "Five": _fig(bus, "Five"),
        "12": _fig(bus, "12", "injured"),
        "two": dataclasses.replace(_fig(bar, "two"), incident="side"),
    }
    led.add_document(toll, [figs["81"], figs["69"]])
    led.add_name(toll.id, "a-copy.txt")
    led.add_document(bus, [figs["Five"], figs["12"]])
    led.add_document(bar, [figs["two"]])
    for _ in range(2):
        led.stage_links(
            [(toll.id, "main", "toll"), (bus.id, "main", "bus"), (bar.id, "main", "bar")],
            {figs["69"].key: "bus", figs["two"].key: "bus"},
        )
    grouped = list(led.staged_statements())
    assert led.figures(incident_id="bus") == []
    led.publish_staged()
    # "two" counts the local incident "side", which nothing links: a move does not place it.
    assert {f.key for f in led.figures(incident_id="bus")} == {
        figs[w].key for w in ("69", "Five", "12")
    }
    assert led.figures(doc_id=bar.id)[0].incident == "side"
    assert [iid for iid, _ in grouped] == ["bus", "toll"]
    in_order = sorted(
        (figs[w] for w in ("69", "Five", "12")), key=lambda f: (f.doc_id, f.start, f.category)
    )
    assert [s.figure.key for s in grouped[0][1]] == [f.key for f in in_order]
    first = {s.figure.key: s for _, stmts in grouped for s in stmts}
    assert (
        first[figs["81"].key].published,
        first[figs["81"].key].publisher,
        first[figs["81"].key].doc_name,
        first[figs["81"].key].figure.incident,
    ) == ("2024-03-01", "Courier", "a-copy.txt", "toll")
    assert (first[figs["Five"].key].published, first[figs["Five"].key].doc_name) == (None, "a.txt")


def test_two_writers_at_once_store_each_document_once(db_target: str) -> None:
    docs = [_doc(f"Report {i}: {TEXTS[i % 4]}", f"d{i}.txt") for i in range(24)]
    errors: list[BaseException] = []

    def write(order: list[Document], tag: str) -> None:
        try:
            with Ledger(db_target) as own:
                for d in order:
                    own.add_document(d, [_fig(d, "Five")] if "Five" in d.text else [])
                    own.add_name(d.id, f"{tag}-{d.name}")
        except BaseException as err:
            errors.append(err)

    threads = [
        threading.Thread(target=write, args=(docs, "x")),
        threading.Thread(target=write, args=(docs[::-1], "y")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Ledger(db_target) as led:
        assert led.count("documents") == 24
        assert led.count("figures") == 6
        assert led.count("document_names") == 24 * 3


def test_a_file_that_is_not_a_ledger_is_a_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        Ledger(bad)
    with pytest.raises(StoreError, match="does not exist"):
        Ledger(tmp_path / "missing" / "l.db")


@pytest.mark.postgres
def test_an_unreachable_server_is_a_store_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="cannot connect"):
        Ledger("postgresql://tally:wrong@127.0.0.1:1/none?connect_timeout=2")


@pytest.fixture
def listed(led: Ledger) -> Ledger:
    """Incidents to search, filter and sort (no figures: only the stored view is read)."""
    doc = _doc(TEXTS[2], "a.txt")
    fig = _fig(doc, "81")
    stmt = (Statement(fig, None, None, "a.txt"),)
    conflicting = Reconciled("killed", "people", 69, 81, 81, (69, 81), 1, 1, True, "", (), stmt)
    rows = [
        (Incident("lodz-fire-2021", "Łódź fire", "fire", "2021-05-02", 1, "Łódź", None, "PL"),
         [conflicting], {"killed": 81}),
        (Incident("kabul-bombing-2021", "Kabul 100%_blast", "bombing", "2021-08-26T18:00", 1,
                  "Kabul", None, "AF"), [], {"killed": 183, "injured": 150}),
        (Incident("kabul-shooting-2021", None, "shooting", "2021-08-01/2021-08-31", 3, "Kabul",
                  None, "AF"), [], {"injured": 3}),
        (Incident("undated-flood", "Flood", "flood", None, None, None, None, "PK"), [], {}),
        (Incident("old-war", "War", "conflict", "2014", 4, None, None, "SY", background=True),
         [], {"killed": 5000}),
    ]  # fmt: skip
    with led.conn.snapshot():
        led.stage_incidents(iter(rows))
    led.publish_staged()
    return led


@pytest.mark.parametrize(
    ("words", "filters", "expected"),
    [
        ((), {}, ["kabul-bombing-2021", "kabul-shooting-2021", "lodz-fire-2021", "old-war",
                  "undated-flood"]),
        (("ŁÓDŹ",), {}, ["lodz-fire-2021"]),
        (("kabul", "2021"), {}, ["kabul-bombing-2021", "kabul-shooting-2021"]),
        (("100%_",), {}, ["kabul-bombing-2021"]),
        (("%",), {}, ["kabul-bombing-2021"]),
        (("_",), {}, ["kabul-bombing-2021"]),
        ((), {"country": "AF", "type": "shooting"}, ["kabul-shooting-2021"]),
        ((), {"date_from": "2021-08-26"}, ["kabul-bombing-2021"]),
        ((), {"date_to": "2021-08-01"}, ["kabul-shooting-2021", "lodz-fire-2021", "old-war",
                                         "undated-flood"]),
        ((), {"conflict": True}, ["lodz-fire-2021"]),
        ((), {"sort": "killed"}, ["old-war", "kabul-bombing-2021", "lodz-fire-2021",
                                  "kabul-shooting-2021", "undated-flood"]),
        ((), {"sort": "injured", "descending": False}, ["kabul-shooting-2021",
              "kabul-bombing-2021", "lodz-fire-2021", "undated-flood", "old-war"]),
        ((), {"sort": "date", "descending": False}, ["old-war", "lodz-fire-2021",
              "kabul-shooting-2021", "kabul-bombing-2021", "undated-flood"]),
    ],
)  # fmt: skip
def test_incidents_are_found_filtered_and_sorted_by_the_ledger(
    listed: Ledger, words: tuple[str, ...], filters: dict, expected: list[str]
) -> None:
    rows, total = listed.find_incidents(words, **filters)
    assert [r["incident"].id for r in rows] == expected
    assert total == len(expected)
    page, total = listed.find_incidents(words, **filters, limit=2, offset=1)
    assert [r["incident"].id for r in page] == expected[1:3] and total == len(expected)


def test_the_list_offers_the_countries_and_types_it_holds(listed: Ledger) -> None:
    assert listed.incident_choices() == (
        5,
        ["AF", "PK", "PL", "SY"],
        ["bombing", "conflict", "fire", "flood", "shooting"],
    )
    [fire] = listed.find_incidents(["fire"])[0]
    assert (fire["killed"], fire["conflict"], fire["documents"]) == (81, True, 1)


def test_publishing_writes_only_what_differs_from_the_stored_view(led: Ledger) -> None:
    docs = [_doc(TEXTS[2], "a.txt"), _doc(TEXTS[0], "b.txt")]
    figs = [_fig(docs[0], "81"), _fig(docs[1], "Five")]
    for doc, fig in zip(docs, figs, strict=True):
        led.add_document(doc, [fig], [LocalIncident(doc.id, "main")])

    def stage(links: list[tuple[str, str, str]], incidents: list[Incident]) -> list[int]:
        with led.conn.snapshot():
            led.stage_links(links, {})
            led.stage_incidents((inc, [], {}) for inc in incidents)
            return [
                led.conn.query(f"SELECT COUNT(*) FROM {t}")[0][0]
                for t in ("relink_figures", "relink_changed", "relink_gone")
            ]

    both = [(docs[0].id, "main", "a"), (docs[1].id, "main", "b")]
    assert stage(both, [Incident("a", name="A"), Incident("b", name="B")]) == [2, 2, 0]
    led.publish_staged()
    assert stage(both, [Incident("a", name="A"), Incident("b", name="B")]) == [0, 0, 0]
    led.publish_staged()
    assert [(i.id, i.name) for i in led.incidents()] == [("a", "A"), ("b", "B")]
    # b's document no longer counts an incident, b is gone and a is renamed
    assert stage(both[:1], [Incident("a", name="A2")]) == [1, 1, 1]
    led.publish_staged()
    assert [(i.id, i.name) for i in led.incidents()] == [("a", "A2")]
    assert led.conn.query("SELECT key, incident_id FROM figures ORDER BY incident_id") == [
        (figs[1].key, None), (figs[0].key, "a"),
    ]  # fmt: skip
