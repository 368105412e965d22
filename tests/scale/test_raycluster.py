"""Ray: the per-document stage on a local Ray cluster gives the same ledger as one process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tally.export import figure_rows, incident_rows
from tally.ingest import discover
from tally.models import Source
from tally.pipeline import ingest, relink
from tally.scale.raycluster import write_listing
from tally.store import Ledger
from tests.conftest import run_tally


def test_the_listing_is_sharded_in_input_order(tmp_path: Path) -> None:
    sources = [
        Source(name=f"n{i}.txt", path=f"/x/n{i}.txt", published="2024-01-02") for i in range(7)
    ]
    shards = write_listing(iter(sources), tmp_path, shard=3)
    assert [Path(s).name for s in shards] == [
        "sources-000000.jsonl",
        "sources-000001.jsonl",
        "sources-000002.jsonl",
    ]
    rows = [json.loads(line) for s in shards for line in Path(s).read_text().splitlines()]
    assert [r["seq"] for r in rows] == list(range(7))
    assert [Source(**json.loads(r["source"])) for r in rows] == sources


@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray")
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        _node_ip_address="127.0.0.1",
        log_to_driver=False,
        configure_logging=False,
    )
    yield ray
    ray.shutdown()


@pytest.mark.ray
@pytest.mark.slow
def test_ray_gives_the_same_ledger_as_one_process_on_the_dev_corpus(
    tmp_path: Path, shared: Path, ray_cluster: object
) -> None:
    from tally.scale import ray_runner

    dev = [str(shared / "corpus" / "dev")]
    exports = []
    for tag, runner in (("local", None), ("ray", ray_runner())):
        with Ledger(tmp_path / f"{tag}.db") as led:
            report = ingest(discover(dev), led, runner=runner)
            assert report.failed == 0 and report.stored > 30
            relink(led)
            exports.append((list(figure_rows(led)), list(incident_rows(led))))
    assert exports[0] == exports[1]
    assert exports[0][0]


@pytest.mark.ray
@pytest.mark.slow
def test_tally_ingest_ray_starts_its_own_cluster(tmp_path: Path, shared: Path) -> None:
    pytest.importorskip("ray")
    seeds = str(shared / "corpus" / "seeds")
    out = {}
    for tag, extra in (("local", []), ("ray", ["--ray"])):
        db = str(tmp_path / f"{tag}.db")
        proc = run_tally("ingest", "-q", "--db", db, *extra, seeds)
        assert "3 documents stored" in proc.stdout
        run_tally("export", "--db", db, "--figures", str(tmp_path / f"{tag}.f.jsonl"))
        out[tag] = (tmp_path / f"{tag}.f.jsonl").read_text()
    assert out["local"] == out["ray"]
    assert out["local"]


@pytest.mark.ray
def test_an_unreachable_cluster_is_one_line(tmp_path: Path, shared: Path) -> None:
    pytest.importorskip("ray")
    proc = run_tally(
        "ingest",
        "--db",
        str(tmp_path / "l.db"),
        "--ray-address",
        "127.0.0.1:1",
        str(shared / "corpus" / "seeds"),
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "error [T500] 127.0.0.1:1: cannot reach the Ray cluster: Connection refused"
    ]
