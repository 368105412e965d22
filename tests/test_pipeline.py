"""The pipeline: streaming in bounded batches, worker processes, and results that do not
depend on how (or in which order) the documents were processed."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tally import incremental, pipeline
from tally.errors import InputError
from tally.export import figure_rows, incident_rows
from tally.ingest import discover
from tally.link import link_across
from tally.models import Document, Figure, LocalIncident, Source, Statement, text_hash
from tally.pipeline import ingest, local_runner, process_safe, relink
from tally.reconcile import reconcile
from tally.store import Ledger
from tally.store.corrections import Corrections
from tally.totals import settle

ARTICLE = (
    "Report {n}. Three people were killed and 14 injured when gunmen opened fire on a market "
    "in the town on Sunday, police said. Officials said 2 people were killed in a second attack."
)


def _export(ledger: Ledger) -> tuple[list[dict], list[dict]]:
    return list(figure_rows(ledger)), list(incident_rows(ledger))


def _corpus(folder: Path, n: int) -> list[Source]:
    folder.mkdir()
    out = []
    for i in range(n):
        path = folder / f"{i:03d}.txt"
        path.write_text(ARTICLE.format(n=i), encoding="utf-8")
        out.append(Source(name=str(path), path=str(path)))
    return out


@pytest.mark.parametrize("jobs", [1, 2])
def test_inputs_are_pulled_in_bounded_batches_not_all_at_once(tmp_path: Path, jobs: int) -> None:
    sources = _corpus(tmp_path / "c", 120)
    pulled: list[int] = []
    at_first_write: list[int] = []

    def feed() -> Iterator[Source]:
        for i, src in enumerate(sources):
            pulled.append(i)
            yield src

    def on_item(name: str, error: str | None) -> None:
        if not at_first_write:
            at_first_write.append(len(pulled))

    with Ledger(tmp_path / "l.db") as led:
        report = ingest(feed(), led, on_item=on_item, jobs=jobs, batch=4)
        assert (report.stored, report.failed, led.count("documents")) == (120, 0, 120)
    assert at_first_write[0] < 60


def test_bad_inputs_are_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    sources = _corpus(tmp_path / "c", 3)
    (tmp_path / "c" / "empty.txt").write_text("", encoding="utf-8")
    inputs = [
        sources[0],
        InputError("no such file or folder", source="gone.txt"),
        Source(name=str(tmp_path / "c" / "empty.txt"), path=str(tmp_path / "c" / "empty.txt")),
        str(tmp_path / "c" / "photo.jpg"),
        *sources[1:],
        Source(name="copy.txt", path=sources[0].path),
    ]
    for jobs in (1, 2):
        with Ledger(tmp_path / f"l{jobs}.db") as led:
            report = ingest(inputs, led, jobs=jobs)
            assert (report.stored, report.duplicates, report.skipped, report.failed) == (3, 1, 1, 2)
            assert any("gone.txt" in e for e in report.errors)
            assert any("empty.txt" in e for e in report.errors)
            assert "copy.txt" in {n for _, n, _ in led.names()}


def test_workers_are_forked_only_while_this_process_runs_one_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pipeline.threading, "active_count", lambda: 1)
    assert pipeline._worker_context().get_start_method() == "fork"
    monkeypatch.setattr(pipeline.threading, "active_count", lambda: 2)
    assert pipeline._worker_context().get_start_method() == "forkserver"


@pytest.mark.parametrize("threads", [1, 2], ids=["forked", "fork-server"])
def test_either_way_of_starting_workers_gives_the_ledger_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    sources = _corpus(tmp_path / "docs", 24)
    with Ledger(tmp_path / "one.db") as led:
        ingest(sources, led, jobs=1)
        relink(led)
        expected = _export(led)
    monkeypatch.setattr(pipeline.threading, "active_count", lambda: threads)
    methods = []
    context = pipeline._worker_context
    monkeypatch.setattr(
        pipeline, "_worker_context", lambda: methods.append(context()) or methods[-1]
    )
    with Ledger(tmp_path / "two.db") as led:
        ingest(sources, led, jobs=2, batch=4)
        relink(led)
        assert _export(led) == expected
    assert [m.get_start_method() for m in methods] == ["fork" if threads == 1 else "forkserver"]


def test_process_safe_turns_a_failure_into_one_line(tmp_path: Path) -> None:
    result = process_safe(Source(name="missing.txt", path=str(tmp_path / "missing.txt")))
    assert result.name == "missing.txt"
    assert result.line.startswith("error [T100]") and "\n" not in result.line


@pytest.mark.slow
def test_two_processes_give_the_same_ledger_as_one_on_the_dev_corpus(
    tmp_path: Path, shared: Path
) -> None:
    exports = []
    for jobs in (1, 2):
        with Ledger(tmp_path / f"j{jobs}.db") as led:
            report = ingest(discover([str(shared / "corpus" / "dev")]), led, jobs=jobs)
            assert report.failed == 0 and report.stored > 30
            relink(led)
            exports.append(_export(led))
    assert exports[0] == exports[1]
    assert exports[0][0] and exports[0][1]


def test_the_order_of_ingest_does_not_change_figures_or_incidents(
    tmp_path: Path, shared: Path
) -> None:
    seeds = list(discover([str(shared / "corpus" / "seeds")]))
    sources = [s for s in seeds if isinstance(s, Source)]
    exports = []
    for tag, order in (("fwd", sources), ("rev", sources[::-1])):
        with Ledger(tmp_path / f"{tag}.db") as led:
            ingest(order, led, runner=local_runner(1))
            relink(led)
            figs, incs = _export(led)
            exports.append((sorted(figs, key=json.dumps), incs))
    assert exports[0] == exports[1]


def _ingest_dev(target: str, shared: Path) -> Ledger:
    led = Ledger(target)
    ingest(discover([str(shared / "corpus" / "dev")]), led, runner=local_runner(1))
    return led


def test_relink_reconciles_one_incident_at_a_time_and_never_holds_them_all(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[str], int]] = []
    real = incremental.reconcile

    def live() -> int:
        return sum(1 for o in gc.get_objects() if type(o) is Statement)

    def spy(statements: list[Statement]) -> list:
        calls.append(([s.figure.key for s in statements], live() - before))
        return real(statements)

    with _ingest_dev(str(tmp_path / "l.db"), shared) as led:
        relink(led)  # incidents to correct, as a reviewer would see them
        store = Corrections(led.conn)
        store.add_reviewer("Ana")
        first = led.figures()[0]
        store.review_figure("Ana", first, "reject", first.incident)
        monkeypatch.setattr(incremental, "reconcile", spy)
        gc.collect()
        before = live()
        n = relink(led, full=True)  # the whole ledger, as `tally relink` does
        expected = {
            inc.id: [f.key for f in led.figures(incident_id=inc.id) if f.key != first.key]
            for inc in led.incidents()
        }
    expected = {iid: keys for iid, keys in expected.items() if keys}
    assert n >= len(expected)
    # Once per incident that has figures, with its statements only, in document and text order.
    assert sorted(keys for keys, _ in calls) == sorted(expected.values())
    assert len(calls) == len(expected) > 10
    # At any call, only this incident's statements (and the rejected one, read but not
    # reconciled) and those of the incident before it (being written) are alive.
    sizes = [len(keys) for keys, _ in calls]
    for i, (keys, alive) in enumerate(calls):
        assert alive <= len(keys) + 1 + (sizes[i - 1] if i else 0), (i, alive, len(keys))
    assert max(alive for _, alive in calls) < sum(sizes) / 2


def test_other_writers_go_on_while_relink_computes_and_the_view_takes_them_in(
    db_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Relink computes from a snapshot and stages its view without the ledger's write lock:
    a document another process adds meanwhile is stored at once, and the relink, finding
    the ledger changed, computes again, so the published view counts it."""
    sources = _corpus(tmp_path / "docs", 3)
    late = tmp_path / "late.txt"
    late.write_text(
        "Five people were killed in a flood in the valley on Monday, officials said.",
        encoding="utf-8",
    )
    with Ledger(db_target) as led:
        ingest(sources, led)
        relink(led)
        real = incremental.reconcile
        wrote: list[bool] = []

        def add_late_document() -> None:
            with Ledger(db_target) as other:
                ingest([Source(name=str(late), path=str(late))], other)
            wrote.append(True)

        def reconcile_while_another_writes(statements: list[Statement]) -> list:
            if not wrote:
                writer = threading.Thread(target=add_late_document, daemon=True)
                writer.start()
                writer.join(timeout=20)
                assert wrote, "the other writer waited for the relink's lock"
            return real(statements)

        monkeypatch.setattr(incremental, "reconcile", reconcile_while_another_writes)
        relink(led, full=True)  # reconciles every incident, so the other writer comes in
        late_figures = [f for f in led.figures() if f.category == "killed" and f.value == 5]
        assert late_figures and all(f.incident for f in late_figures)
        assert late_figures[0].incident in {i.id for i in led.incidents()}
        assert led.count("documents") == 4


def _in_memory_relink(led: Ledger) -> tuple[dict[str, str], list]:
    """What relinking must store, computed the plain way, with every statement in memory.

    Returns each assigned figure's incident, and (incident, reconciled rows,
    totals) for every incident, as `Ledger.stage_incidents` takes them.
    """
    incidents, mapping = link_across(led.local_incidents())
    fixes = Corrections(led.conn).snapshot()
    incidents = fixes.incidents(incidents)
    known = {i.id for i in incidents}
    moves = fixes.moves(known)
    names: dict[str, str] = {}
    for doc_id, name, _ in led.names():
        names.setdefault(doc_id, name)
    docs = {d.id: d for d in led.documents()}
    local = dict(led.conn.query("SELECT key, local_incident FROM figures"))
    assigned: dict[str, str] = {}
    statements: dict[str, list[Statement]] = {}
    for fig in sorted(led.figures(), key=lambda f: (f.doc_id, f.start, f.category, f.end)):
        iid = mapping.get((fig.doc_id, local[fig.key] or ""))
        if iid is None:
            continue
        iid = moves.get(fig.key, fixes.incident_of(iid, known))
        assigned[fig.key] = iid
        doc = docs[fig.doc_id]
        fixed = fixes.figure(fig, doc.language)
        if fixed is not None:
            statements.setdefault(iid, []).append(
                Statement(
                    fixed, doc.published, doc.publisher, names.get(doc.id, doc.name), doc.language
                )
            )
    rows = []
    for inc in incidents:
        tot, recs = settle(reconcile(statements.get(inc.id, [])))
        rows.append((inc, recs, tot))
    return assigned, rows


def _assigned(led: Ledger) -> dict[str, str]:
    return dict(
        led.conn.query("SELECT key, incident_id FROM figures WHERE incident_id IS NOT NULL")
    )


def test_streamed_relink_stores_the_in_memory_view_with_corrections(
    db_target: str, shared: Path
) -> None:
    with _ingest_dev(db_target, shared) as led:
        relink(led)
        store = Corrections(led.conn)
        store.add_reviewer("Ana")
        by_incident: dict[str, list] = {}
        for f in led.figures():
            by_incident.setdefault(f.incident, []).append(f)
        ids = {i.id for i in led.incidents()}
        big = sorted(i for i in ids if len(by_incident.get(i, [])) >= 2)
        a, b, c, d = big[:4]
        store.review_figure("Ana", by_incident[a][0], "reject", a)
        store.review_figure("Ana", by_incident[a][1], "confirm", a)
        fig = by_incident[b][0]
        store.review_figure(
            "Ana",
            fig,
            "correct",
            b,
            {
                "value": fig.value + 7,
                "value_high": "",
                "category": "injured",
                "group": "children",
                "qualifier": "about",
                "attribution": "a reviewer",
            },
        )
        store.review_figure("Ana", by_incident[b][1], "move", b, move_to=c)
        relink(led)
        store.merge("Ana", c, d)
        store.split("Ana", a, by_incident[a][-1:])
        for fig in by_incident[big[4]]:
            store.review_figure("Ana", fig, "reject", big[4])
        led.add_name(by_incident[d][0].doc_id, "0-first-name.txt")
        relink(led)
        assert c not in {i.id for i in led.incidents()}
        assert f"{a}-split-1" in {i.id for i in led.incidents()}
        streamed = (_assigned(led), list(led.incident_summaries()))
        assigned, rows = _in_memory_relink(led)
        led.stage_incidents(rows)
        led.publish_staged()
        assert streamed == (assigned, list(led.incident_summaries()))
        assert any(s["figures"] for s in streamed[1]) and len(streamed[0]) > 100


def _shooting(led: Ledger, day: str, toll: int) -> Figure:
    """A document reporting one Springfield shooting on `day`; returns its figure."""
    text = f"Springfield, {day}. {toll} people were killed in a shooting, police said."
    doc = Document(id=text_hash(text), text=text, kind="text", name=f"{day}.txt", published=day)
    start = text.index(f"{toll} people")
    fig = Figure(doc.id, "killed", "people", toll, None, "exact", "police",
                 f"{toll} people", start, start + len(f"{toll} people"), incident="main")  # fmt: skip
    place = dict(place="Springfield", country="US", where_prec=1, cues=("place:springfield",))
    led.add_document(
        doc, [fig], [LocalIncident(doc.id, "main", type="shooting", date=day, date_prec=1, **place)]
    )
    return fig


def test_ids_and_reviewers_corrections_stay_when_an_earlier_report_arrives(
    db_target: str,
) -> None:
    with Ledger(db_target) as led:
        figs = {day: _shooting(led, day, toll) for day, toll in
                [("2015-03-01", 3), ("2015-05-20", 4), ("2015-06-01", 5), ("2015-09-09", 6)]}  # fmt: skip
        relink(led)

        def incident_of(day: str) -> str:
            [(iid,)] = led.conn.query("SELECT incident_id FROM figures WHERE key = ?",
                                      (figs[day].key,))  # fmt: skip
            return iid

        assert incident_of("2015-05-20") == "springfield-shooting-2015-05-20"
        store = Corrections(led.conn)
        store.merge("Ana", incident_of("2015-06-01"), incident_of("2015-09-09"))
        store.review_figure("Ana", figs["2015-05-20"], "move", incident_of("2015-05-20"),
                            move_to=incident_of("2015-03-01"))  # fmt: skip
        store.split("Ana", incident_of("2015-03-01"), [figs["2015-03-01"]])
        relink(led)
        before = {day: incident_of(day) for day in figs}
        assert before["2015-06-01"] == before["2015-09-09"]
        assert before["2015-05-20"] == "springfield-shooting-2015-03-01"
        assert before["2015-03-01"] == "springfield-shooting-2015-03-01-split-1"

        earlier = _shooting(led, "2015-01-15", 2)  # an earlier shooting: a new id, none moves
        relink(led)
        after = {day: incident_of(day) for day in figs}
        figs["2015-01-15"] = earlier
        assert after == before
        assert incident_of("2015-01-15") == "springfield-shooting-2015-01-15"
        parent = led.conn.query("SELECT parent FROM incident_splits")
        assert parent == [("springfield-shooting-2015-03-01",)]
        merges = led.conn.query("SELECT source, target FROM incident_merges")
        assert merges == [("springfield-shooting-2015-06-01", "springfield-shooting-2015-09-09")]
        assert {i.id for i in led.incidents()} == {
            "springfield-shooting-2015-03-01", "springfield-shooting-2015-01-15",
            "springfield-shooting-2015-03-01-split-1", "springfield-shooting-2015-09-09",
            "springfield-shooting-2015-05-20",
        }  # fmt: skip


@pytest.mark.parametrize(
    ("language", "first", "second", "origins"),
    [
        (
            "ru",
            "Пожар в торговом центре в Кемерово 25 марта 2018 года унёс жизни 64 человек, по "
            "данным МЧС.",
            "В Кемерово 25 марта 2018 года при пожаре в торговом центре погибли 64 человека, по "
            "данным МЧС.",
            1,
        ),
        (
            "en",
            "A fire at a shopping centre in Kemerovo on 25 March 2018 killed 64 people, the "
            "emergencies ministry said.",
            "In Kemerovo, 64 people were killed in a shopping centre fire on 25 March 2018, "
            "according to the emergencies ministry.",
            1,
        ),
    ],
)
def test_two_outlets_repeating_one_source_are_one_origin_in_any_script(
    tmp_path: Path, language: str, first: str, second: str, origins: int
) -> None:
    """The source's key is decided at extraction and read by reconciliation from the ledger."""
    sources = []
    for name, text, outlet in (("a.txt", first, "Outlet A"), ("b.txt", second, "Outlet B")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        path = str(tmp_path / name)
        sources.append(
            Source(
                name=path, path=path, publisher=outlet, published="2018-03-26", language=language
            )
        )
    with Ledger(tmp_path / "l.db") as led:
        ingest(sources, led)
        relink(led)
        _, incidents = _export(led)
    (row,) = [r for inc in incidents for r in inc["figures"] if r["category"] == "killed"]
    assert (row["documents"], row["origins"]) == (2, origins)


def test_a_batch_collects_garbage_seldom_and_gives_the_host_its_settings_back() -> None:
    import gc

    from tally.pipeline import GC_THRESHOLD, batch_gc

    before = gc.get_threshold()
    with batch_gc():
        assert gc.get_threshold() == GC_THRESHOLD
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with batch_gc():  # a relink inside an ingest keeps the outer settings
            assert gc.get_threshold() == GC_THRESHOLD
        assert gc.get_threshold() == GC_THRESHOLD and gc.get_freeze_count() == frozen
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
