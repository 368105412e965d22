"""Find the inputs to ingest: files, folders (recursively), URLs and manifest lines.

`discover` yields, in a stable order, a `Source` per input to read, an
`InputError` per input it already knows is bad (a missing path, a manifest line
that is not JSON or names a missing file, an unreadable folder), and a plain
path string per file it skips (not text or HTML), so the caller can count it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from tally.errors import InputError, ManifestError
from tally.ingest.options import HTML_SUFFIXES, TEXT_SUFFIXES
from tally.ingest.repair import clean_field
from tally.models import Source

SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
URL_SCHEMES = ("http://", "https://")

NOTES_NAMES = frozenset(
    {"readme", "notes", "changelog", "changes", "license", "licence", "contributing", "authors"}
)
"""Names (before the first dot, any case) of a folder's own notes: a corpus's README or
NOTES.md describes the articles, it is not one, so a folder walk leaves it out."""


class Notes(str):
    """A file a folder walk skipped as the folder's notes (README, NOTES.md, ...)."""


Discovered = Source | InputError | str


def discover(
    paths: list[str], manifest: str | None = None, *, allow_outside: bool = False
) -> Iterator[Discovered]:
    """Yield a `Source` per input, an `InputError` per bad one, a path per skipped file.

    Folders are walked in sorted order, following symbolic links to folders once
    (a link back to a folder already walked is skipped, so loops end). A file
    named explicitly is read whatever its name; inside folders only `.txt`,
    `.md`, `.html` and `.htm` files are, and not the folder's notes (`NOTES_NAMES`:
    yielded as `Notes`, so the caller can say so).
    """
    if manifest:
        yield from read_manifest(manifest, allow_outside=allow_outside)
    for given in paths:
        if given.startswith(URL_SCHEMES):
            yield Source(name=given, url=given)
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(given)
        elif path.exists() or path.is_symlink():
            yield Source(name=safe_name(given), path=given)
        else:
            yield InputError("no such file or folder", source=given)


def _walk(top: str) -> Iterator[Discovered]:
    errors: list[OSError] = []
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(top, onerror=errors.append, followlinks=True):
        while errors:
            err = errors.pop(0)
            reason = (err.strerror or str(err)).lower()
            yield InputError(f"cannot read folder: {reason}", source=err.filename or root)
        try:
            info = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            dirs[:] = []
            yield root
            continue
        seen.add((info.st_dev, info.st_ino))
        dirs.sort()
        for fname in sorted(files):
            p = os.path.join(root, fname)
            if fname.split(".", 1)[0].lower() in NOTES_NAMES:
                yield Notes(safe_name(p))
            elif fname.lower().endswith(SUFFIXES):
                yield Source(name=safe_name(p), path=p)
            elif not fname.startswith("."):
                yield safe_name(p)
    for err in errors:
        yield InputError(
            f"cannot read folder: {(err.strerror or str(err)).lower()}",
            source=err.filename or top,
        )


def safe_name(path: str) -> str:
    """A file name that can be stored and shown: bytes that are not UTF-8 as `\\xNN` escapes.

    Python reads such names with lone surrogates (`os.fsdecode`), which no ledger holds.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", errors="backslashreplace")
    return path


def read_manifest(manifest: str, *, allow_outside: bool = False) -> Iterator[Source | InputError]:
    """The sources a JSONL manifest lists; each bad line is a `ManifestError` naming file:line.

    A line gives `path` (relative to the manifest's folder) and/or `url`, plus
    optional `published`, `publisher` and `title`. With both, the file is read
    and the URL kept as the document's source. A path that leaves the manifest's
    folder (`../../etc/passwd`, `/etc/shadow`, a link out) is refused unless
    `allow_outside`. A `published` that is not a date `YYYY-MM-DD` (a longer ISO
    time is cut to its date) no later than tomorrow refuses the line.
    """
    base = Path(manifest).parent
    try:
        with open(manifest, "rb") as fh:
            for n, raw in enumerate(fh, 1):
                item = _manifest_line(
                    raw, base, f"{manifest}:{n}", first=n == 1, allow_outside=allow_outside
                )
                if item is not None:
                    yield item
    except OSError as err:
        yield ManifestError(
            f"cannot read manifest: {(err.strerror or str(err)).lower()}", source=manifest
        )


def _manifest_line(
    raw: bytes, base: Path, where: str, *, first: bool, allow_outside: bool
) -> Source | InputError | None:
    if first and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return ManifestError("not UTF-8", source=where)
    if not line.strip():
        return None
    try:
        row = json.loads(line.strip())
    except json.JSONDecodeError as err:
        return ManifestError(f"not JSON ({err.msg} at column {err.colno})", source=where)
    if not isinstance(row, dict):
        return ManifestError("a manifest line must be a JSON object", source=where)
    path, url = row.get("path"), row.get("url")
    if not path and not url:
        return ManifestError("a manifest line needs a 'path' or a 'url'", source=where)
    for key in ("path", "url", "published", "publisher", "title", "language"):
        if row.get(key) is not None and not isinstance(row[key], str):
            return ManifestError(f"'{key}' must be a string", source=where)
    code = (row.get("language") or "").strip()
    if code and not (code.isalpha() and len(code) in (2, 3)):
        return ManifestError(
            f"'language' must be an ISO 639-1 code such as fr ({code[:20]})", source=where
        )
    if url and not url.startswith(URL_SCHEMES):
        return ManifestError(
            f"'url' must start with http:// or https:// ({url[:80]})", source=where
        )
    if path and "\x00" in path:
        return ManifestError("'path' holds a NUL character", source=where)
    full = str(base / path) if path else None
    if full is not None and not allow_outside and not _inside(base, full):
        return ManifestError(
            f"'path' leaves the manifest's folder: {safe_name(path)[:120]} "
            "(--allow-outside allows it)",
            source=where,
        )
    if full is not None and not (os.path.exists(full) or os.path.islink(full)):
        return ManifestError(f"names a missing file: {safe_name(path)[:120]}", source=where)
    published, problem = _published(row.get("published"))
    if problem:
        return ManifestError(problem, source=where)
    return Source(
        name=safe_name(full) if full else url,
        path=full,
        url=url or None,
        published=published,
        publisher=clean_field(row.get("publisher")),
        title=clean_field(row.get("title")),
        language=(row.get("language") or "").strip().lower() or None,
    )


def _inside(base: Path, full: str) -> bool:
    """True when `full`, links resolved, lies in the folder `base`."""
    try:
        return Path(os.path.realpath(full)).is_relative_to(os.path.realpath(base))
    except (OSError, ValueError):
        return False


def _published(value: str | None) -> tuple[str | None, str | None]:
    """The ISO date of a manifest's `published`, or the reason it is not one."""
    if not value or not value.strip():
        return None, None
    text = value.strip()
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        shown = clean_field(text[:40]) or ""
        return None, f"'published' is not a date YYYY-MM-DD ({shown!r})"
    if len(text) > 10 and text[10] not in "T ":
        return None, f"'published' is not a date YYYY-MM-DD ({clean_field(text[:40])!r})"
    if day > date.today() + timedelta(days=1):
        return None, f"'published' is in the future ({day.isoformat()})"
    return day.isoformat(), None
