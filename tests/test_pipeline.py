"""The pipeline: streaming in bounded batches, worker processes, and results that do not
depend on how (or in which order) the documents were processed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tally.errors import InputError
from tally.export import figure_rows, incident_rows
from tally.ingest import discover
from tally.models import Source
from tally.pipeline import ingest, local_runner, process_safe, relink
from tally.store import Ledger

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
