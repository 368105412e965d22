"""Read one `Source` into a `Document`: bytes → text → main text and metadata."""

from __future__ import annotations

from pathlib import Path

from tally.errors import InputError
from tally.ingest.html import parse_html
from tally.ingest.options import HTML_SUFFIXES, IngestOptions
from tally.ingest.text import parse_text
from tally.models import Document, Source


def read(source: Source, options: IngestOptions | None = None) -> Document:
    """Read a source and return its `Document`, or raise an `InputError` naming it."""
    options = options or IngestOptions()
    if source.path is None:
        from tally.ingest.fetch import fetch

        data, content_type = fetch(source.url or source.name, options)
        is_html = "html" in content_type
    else:
        data = _read_bytes(source.path, options)
        is_html = source.path.lower().endswith(HTML_SUFFIXES)
    text = decode(data, source.name)
    doc = parse_html(text, source) if is_html else parse_text(text, source)
    if not doc.text.strip():
        raise InputError("no text in it", source=source.name)
    return doc


def _read_bytes(path: str, options: IngestOptions) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > options.max_bytes:
            raise InputError(
                f"file is {size:,} bytes, over the limit of {options.max_bytes:,} "
                "(raise it with --max-bytes)",
                source=path,
            )
        return p.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", source=path) from err


def decode(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (BOM dropped, line endings made `\\n`), as the spec stores text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError("not UTF-8 text", source=name) from err
    return text.replace("\r\n", "\n").replace("\r", "\n")
