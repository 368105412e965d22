"""Find the inputs to ingest: files, folders (recursively) and manifest lines."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

from tally.errors import InputError, ManifestError
from tally.ingest.options import HTML_SUFFIXES, TEXT_SUFFIXES
from tally.models import Source

SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


def discover(paths: list[str], manifest: str | None = None) -> Iterator[Source | InputError | str]:
    """Yield a `Source` per readable input, an `InputError` per bad one, a path per skipped file.

    Folders are walked in sorted order; files of other kinds are yielded as
    plain strings so the caller can count them as skipped.
    """
    if manifest:
        yield from _manifest(manifest)
    for given in paths:
        if given.startswith(("http://", "https://")):
            yield Source(name=given, url=given)
            continue
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for fname in sorted(files):
                    p = os.path.join(root, fname)
                    if fname.lower().endswith(SUFFIXES):
                        yield Source(name=p, path=p)
                    elif not fname.startswith("."):
                        yield p
        elif path.exists() or path.is_symlink():
            yield Source(name=given, path=given)
        else:
            yield InputError("no such file or folder", source=given)


def _manifest(manifest: str) -> Iterator[Source | InputError]:
    base = Path(manifest).parent
    try:
        fh = open(manifest, encoding="utf-8-sig")
    except OSError as err:
        yield ManifestError(f"cannot read manifest: {err.strerror}", source=manifest)
        return
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{manifest}:{n}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                yield ManifestError(f"not JSON ({err.msg})", source=where)
                continue
            if not isinstance(row, dict) or not (row.get("path") or row.get("url")):
                yield ManifestError("a manifest line needs a 'path' or a 'url'", source=where)
                continue
            path = str(base / row["path"]) if row.get("path") else None
            yield Source(
                name=path or row["url"],
                path=path,
                url=row.get("url"),
                published=row.get("published"),
                publisher=row.get("publisher"),
                title=row.get("title"),
            )
