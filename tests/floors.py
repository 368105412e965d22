"""The evaluation gate's floors: read from `tests/eval_floors.json`, valid for one corpus digest.

Each corpus entry pins the sha256 digest of the corpus folder (its gold file, manifest,
notes and every document) it was measured on. A floor applies only while the digest
matches: a changed corpus fails the gate, saying its floors must be re-measured, instead
of passing or failing on numbers measured on other text.

`python -m tests.floors [CORPUS ...]` prints each corpus's current digest (to re-pin it
after re-measuring its floors).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

FLOORS_FILE = Path(__file__).with_name("eval_floors.json")


def corpus_digest(folder: Path) -> str:
    """sha256 over every file of `folder` (relative path and content), in path order."""
    total = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        total.update(path.relative_to(folder).as_posix().encode() + b"\0")
        total.update(hashlib.sha256(path.read_bytes()).digest())
    return "sha256:" + total.hexdigest()


def load_floors(path: Path = FLOORS_FILE) -> dict[str, dict[str, Any]]:
    """The corpora of the gate with their digest, kind, sample size and floors."""
    return json.loads(path.read_text(encoding="utf-8"))["corpora"]


def corpora(kind: str, path: Path = FLOORS_FILE) -> list[str]:
    """The names of the gate's corpora of one kind (`figures` or `incidents`)."""
    return sorted(name for name, entry in load_floors(path).items() if entry["kind"] == kind)


def check_digest(folder: Path, entry: dict[str, Any], name: str) -> None:
    """Fail loudly unless `folder` is the corpus the floors were measured on."""
    got = corpus_digest(folder)
    if got != entry["digest"]:
        pytest.fail(
            f"corpus {name} changed since its floors were measured (digest {got}, floors "
            f"measured on {entry['digest']}): re-measure its floors and pin the new digest "
            f"in {FLOORS_FILE.name} (python -m tests.floors {name})",
            pytrace=False,
        )


def gate_corpus(shared: Path, name: str) -> tuple[Path, dict[str, Any]]:
    """The folder of one of the gate's corpora and its entry, once its digest is checked."""
    entry = load_floors()[name]
    folder = shared / "corpus" / name
    check_digest(folder, entry, name)
    return folder, entry


def below(got: dict[str, Any], floors: dict[str, float]) -> dict[str, tuple[Any, float]]:
    """The metrics under their floor (a missing or null metric is under it), as (got, floor)."""
    out = {}
    for key, floor in floors.items():
        value = got.get(key)
        if not isinstance(value, int | float) or value < floor:
            out[key] = (value, floor)
    return out


def ratio(text: str | None) -> float | None:
    """`"43/45"` (the scorers' counts) as a share; None when absent, 1.0 when nothing to count."""
    if not text:
        return None
    met, total = (int(x) for x in text.split("/"))
    return met / total if total else 1.0


def sample(folder: Path, size: int | None, tmp: Path) -> tuple[Path, Path]:
    """A fixed sample of an incident corpus (every k-th incident by id, at most `size`; all
    when `size` is None): a manifest of its documents and its incident table, in `tmp`."""
    gold = json.loads((folder / "incidents.json").read_text(encoding="utf-8"))["incidents"]
    ids = sorted(gold)
    step = max(1, len(ids) // size) if size else 1
    chosen = {i: gold[i] for i in ids[::step][:size]}
    docs = {Path(d).name for g in chosen.values() for d in g["docs"]}
    lines = []
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if Path(row.get("path", "")).name in docs:
            row["path"] = str(folder / row["path"])
            lines.append(json.dumps(row))
    manifest, table = tmp / "manifest.jsonl", tmp / "incidents.json"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table.write_text(json.dumps({"incidents": chosen}), encoding="utf-8")
    return manifest, table


def main(argv: list[str]) -> None:
    """Print the current digest of the named corpora (all of the gate's, by default)."""
    from tests.conftest import SHARED

    for name in argv or sorted(load_floors()):
        print(f"{name}\t{corpus_digest(SHARED / 'corpus' / name)}")


if __name__ == "__main__":
    main(sys.argv[1:])
