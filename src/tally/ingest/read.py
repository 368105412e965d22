"""Read one `Source` into a `Document`: bytes → repaired text → main text and metadata.

The stored text is the repaired text (`repair`), so figure offsets index it; a
repaired document keeps the names of its repairs and the hash of its original
bytes (`Document.repairs`, `Document.source_hash`).

Every way an input can be unusable ends in an `InputError` naming it and the
reason, so one bad file never stops a batch: missing or vanished files, symbolic
link loops, unreadable files, things that are not regular files (a FIFO would
block, `/dev/zero` never ends), inputs over `--max-bytes` (refused from `stat`,
before reading), binary data, text with a line over `--max-line` characters,
and HTML that holds no article text.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from dataclasses import replace

from tally.errors import InputError
from tally.ingest.encoding import decode
from tally.ingest.html import parse_html
from tally.ingest.options import HTML_SUFFIXES, IngestOptions
from tally.ingest.repair import merge
from tally.ingest.text import parse_text
from tally.models import Document, Source

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_PARSER_DEPTH = 256
"""How deep lxml (libxml2) nests elements before it stops building the tree."""


def read(source: Source, options: IngestOptions | None = None) -> Document:
    """Read a source and return its `Document`, or raise an `InputError` naming it."""
    options = options or IngestOptions()
    declared = None
    if source.path is None:
        from tally.ingest.fetch import fetch

        data, content_type = fetch(source.url or source.name, options)
        is_html = "html" in content_type.lower()
        declared = _content_type_charset(content_type)
    else:
        data = read_bytes(source.path, options, name=source.name)
        is_html = source.path.lower().endswith(HTML_SUFFIXES)
    if is_html:
        declared = declared or _meta_charset(data)
    declared = declared or options.encoding
    decoded = decode(data, source.name, declared=declared, entities=not is_html)
    text, repairs = decoded.text, decoded.repairs
    if not is_html:
        _check_lines(text, options, source.name)
    doc = _parse_html(text, source) if is_html else parse_text(text, source)
    if not doc.text.strip():
        raise InputError(_why_empty(text, is_html), source=source.name)
    if is_html:
        _check_lines(doc.text, options, source.name)
    repairs = merge(repairs, doc.repairs)
    if repairs:
        doc = replace(doc, repairs=repairs, source_hash=hashlib.sha256(data).hexdigest()[:32])
    from tally.lang.detect import with_language  # loads the language data: only when reading

    return with_language(doc, source.language or options.language)


def read_bytes(path: str, options: IngestOptions, name: str | None = None) -> bytes:
    """The bytes of a regular file no larger than `options.max_bytes`."""
    name = name or path
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as err:
        raise InputError(_os_reason(err, path), source=name) from err
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"not a regular file ({_file_kind(info.st_mode)})", source=name)
        check_size(info.st_size, options, name)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            # Sized to the file, not the limit: a buffer of the limit per file costs more than
            # the reading; what the file gained since fstat is read after it.
            data = fh.read(min(info.st_size, options.max_bytes) + 1)
            if len(data) > info.st_size:
                data += fh.read(options.max_bytes + 1 - len(data))
        check_size(len(data), options, name)
        return data
    except OSError as err:
        raise InputError(_os_reason(err, path), source=name) from err
    finally:
        os.close(fd)


def check_size(size: int, options: IngestOptions, name: str) -> None:
    """Refuse an input of `size` bytes over the limit, naming the option that raises it."""
    if size > options.max_bytes:
        mb = f" ({size / 2**20:,.0f} MB)" if size >= 2**20 else ""
        raise InputError(
            f"file is {size:,} bytes{mb}, over the limit of {options.max_bytes:,} "
            "(raise it with --max-bytes)",
            source=name,
        )


def _check_lines(text: str, options: IngestOptions, name: str) -> None:
    if len(text) <= options.max_line:
        return
    longest, lineno = 0, 0
    for n, line in enumerate(text.split("\n"), 1):
        if len(line) > longest:
            longest, lineno = len(line), n
    if longest > options.max_line:
        raise InputError(
            f"line {lineno:,} is {longest:,} characters long, over the limit of "
            f"{options.max_line:,} (raise it with --max-line)",
            source=name,
        )


def _parse_html(text: str, source: Source) -> Document:
    """The page's main text, or an `InputError` when the HTML parser gives up on it."""
    try:
        return parse_html(text, source)
    except RecursionError as err:
        raise InputError("HTML nested too deeply to parse", source=source.name) from err
    except MemoryError as err:
        raise InputError("HTML too large to parse in memory", source=source.name) from err
    except Exception as err:  # a third-party parser on untrusted input: report, go on
        reason = str(err).splitlines()[0][:120] if str(err) else ""
        raise InputError(
            f"cannot parse the HTML ({type(err).__name__}{': ' + reason if reason else ''})",
            source=source.name,
        ) from err


def _why_empty(text: str, is_html: bool) -> str:
    if not is_html:
        return "no text in it (only white space)"
    depth = nesting_depth(text)
    if depth > _PARSER_DEPTH:
        return (
            f"no article text found: the HTML nests {depth:,} elements deep and the parser "
            f"stops at {_PARSER_DEPTH}"
        )
    return "no article text found in the HTML"


def nesting_depth(html: str) -> int:
    """How deep the page's elements nest, counting unclosed ones (a cheap estimate)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        tag = m.group(2).lower()
        if m.group(3) or tag in _VOID:
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _content_type_charset(content_type: str) -> str | None:
    m = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return m.group(1) if m else None


def _os_reason(err: OSError, path: str) -> str:
    if err.errno == errno.ELOOP:
        return "cannot read: a symbolic link loop"
    if err.errno == errno.ENOENT:
        if os.path.islink(path):
            return "cannot read: a broken symbolic link"
        return "cannot read: the file vanished before it could be read"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "cannot read: permission denied"
    if err.errno == errno.EISDIR:
        return "cannot read: it is a folder"
    return f"cannot read: {(err.strerror or str(err)).lower()}"


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"
