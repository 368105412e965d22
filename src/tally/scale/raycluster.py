"""Run reading and extraction on a Ray cluster with Ray Data; the driver stays the one writer.

The driver streams the sources into a sharded JSONL listing, Ray Data reads it
and maps `pipeline.process_many` over it on the cluster's workers (each loads
the extractor's model once), and the results come back to the driver in input
order, where `pipeline.ingest` writes them through the ledger as usual. Ray is
imported here only, and only when a Ray run starts, so it stays an optional
extra (`tally[ray]`).

On a remote cluster (`--ray-address`) the workers need tally installed and must
see the input files and the listing: put both on a shared filesystem (the
listing goes to `$TMPDIR`), or give URLs in a manifest.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import pickle
import socket
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from tally.errors import TallyError
from tally.ingest import IngestOptions
from tally.models import Source
from tally.pipeline import CHUNK, Result, Runner, process_many

SHARD = 256
"""Sources per listing file: one Ray read task each, so the cluster works on shards in parallel."""


class RayError(TallyError):
    """Ray is not installed or the cluster cannot be reached."""

    code = "T500"


def ray_runner(address: str | None = None, *, num_cpus: int | None = None) -> Runner:
    """A runner that processes sources on Ray: the cluster at `address`, or a local one.

    When Ray is already initialised in this process (a test, a notebook), that
    cluster is used and left running; otherwise one is joined or started for the
    run and shut down after it.
    """

    def run(sources: Iterable[Source], options: IngestOptions) -> Iterator[Result]:
        ray = _import_ray()
        with tempfile.TemporaryDirectory(prefix="tally-ray-") as tmp:
            shards = write_listing(sources, Path(tmp))
            if not shards:
                return
            started = not ray.is_initialized()
            if started:
                _init(ray, address, num_cpus)
            try:
                yield from _results(ray, shards, options)
            finally:
                if started:
                    ray.shutdown()

    return run


def write_listing(sources: Iterable[Source], folder: Path, shard: int = SHARD) -> list[str]:
    """Write the sources as JSONL shards of `shard` lines (`seq`, `source`); return their paths."""
    paths = []
    it = iter(sources)
    seq = 0
    while chunk := list(islice(it, shard)):
        path = folder / f"sources-{len(paths):06d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for src in chunk:
                row = {"seq": seq, "source": json.dumps(dataclasses.asdict(src))}
                fh.write(json.dumps(row) + "\n")
                seq += 1
        paths.append(str(path))
    return paths


def process_batch(batch: dict[str, Any], options: IngestOptions) -> dict[str, list[Any]]:
    """Ray Data batch function: sources in, pickled results out (with their sequence numbers)."""
    sources = [Source(**json.loads(s)) for s in batch["source"]]
    results = process_many(sources, options)
    return {"seq": list(batch["seq"]), "result": [pickle.dumps(r) for r in results]}


def _results(ray: Any, shards: list[str], options: IngestOptions) -> Iterator[Result]:
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    ds = ray.data.read_json(shards, override_num_blocks=len(shards))
    ds = ds.map_batches(
        process_batch, fn_kwargs={"options": options}, batch_size=CHUNK, batch_format="numpy"
    )
    expected = 0
    for batch in ds.iter_batches(batch_size=CHUNK, batch_format="numpy"):
        for seq, blob in zip(batch["seq"], batch["result"], strict=True):
            if int(seq) != expected:
                raise RayError(f"Ray returned result {int(seq)} where {expected} was due")
            expected += 1
            yield pickle.loads(blob)


def _init(ray: Any, address: str | None, num_cpus: int | None) -> None:
    kwargs: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "configure_logging": False,
    }
    if address:
        _reachable(address)
        kwargs["address"] = address
    else:
        kwargs["_node_ip_address"] = "127.0.0.1"
        if num_cpus:
            kwargs["num_cpus"] = num_cpus
    try:
        ray.init(**kwargs)
    except (ConnectionError, RuntimeError, ValueError) as err:
        raise RayError(f"cannot start or join Ray: {err}".splitlines()[0], source=address) from err


def _reachable(address: str, timeout: float = 5.0) -> None:
    """Fail fast, in one line, when a named cluster does not answer (Ray itself retries for minutes)."""
    hostport = address.removeprefix("ray://")
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        return
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as err:
        raise RayError(
            f"cannot reach the Ray cluster: {err.strerror or err}", source=address
        ) from err


def _import_ray() -> Any:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    try:
        import ray
        import ray.data
    except ImportError as err:
        raise RayError("--ray needs the ray extra: pip install 'tally[ray]'") from err
    return ray
