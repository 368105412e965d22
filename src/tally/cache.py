"""Derived data tally keeps on this machine, and the compiled-pattern cache kept there.

tally's vocabulary compiles into several hundred regular expressions when its modules
are imported, and Python's `re` parses and compiles each one in Python code: about 0.2 s
of every command's start, and of every worker's. `install` keeps the compiled form of
the patterns compiled while a module is imported (a module-level `re.compile`, directly
or through a helper it calls) in a file of the cache directory, and later processes
build those patterns from it without parsing them again. Patterns compiled later (a
name of the text made into a pattern) are not kept: they differ from run to run.

The file is keyed by the interpreter (`sys.version`, `_sre.MAGIC`, the code word size):
the compiled form of a pattern string and its flags depends on nothing else, and any
other interpreter reads another file. A missing, unreadable or foreign file is ignored
(and rewritten); `TALLY_PATTERN_CACHE=off` turns the cache off.
"""

from __future__ import annotations

import array
import atexit
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

_T = TypeVar("_T")

_sre: Any = __import__("_sre")
_compiler: Any = __import__("re._compiler", fromlist=["compile"])
_parser: Any = __import__("re._parser", fromlist=["parse"])


def cache_dir() -> Path:
    """Where tally keeps derived data: `$XDG_CACHE_HOME/tally`, else `~/.cache/tally`."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tally"


_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
"""A compiled pattern: its final flags, its code words (`array('I')` bytes), the number of
its groups, its group index and its groups' names by number."""

MAX_BYTES = 4_000_000
"""At most about this many bytes of patterns are kept: those this process used, then the
others, newest first, while they fit. An edited or upgraded vocabulary compiles new
patterns and leaves its old ones unused; without a bound the file grows with every edit
(28 MB seen on a developer's machine, against 1.6 MB for one ingest's patterns), and every
command's start reads it whole."""


def _pattern_size(key: tuple[str, int], entry: _Entry) -> int:
    """About how many bytes a pattern takes in the file: its string and its code words."""
    return len(key[0]) + len(entry[1])


def _memo_size(key: tuple[Any, ...], value: Any) -> int:
    """About how many bytes a memo takes in the file: its key and value as written."""
    return len(repr(key)) + len(repr(value))


class PatternCache:
    """Compiled patterns by (pattern string, flags), read from and written to one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[tuple[str, int], _Entry] = {}
        self.memos: dict[tuple[Any, ...], Any] = {}
        self.used: set[tuple[Any, ...]] = set()
        self.added = False
        try:
            loaded = marshal.loads(path.read_bytes())
            if isinstance(loaded, dict) and loaded.keys() == {"patterns", "memos"}:
                self.entries, self.memos = loaded["patterns"], loaded["memos"]
        except (OSError, EOFError, ValueError, TypeError):
            pass

    def memo(self, key: tuple[Any, ...], compute: Callable[[], _T]) -> _T:
        """`compute()`, from the file where it holds `key` (see `memo` below)."""
        if key in self.memos:
            self.used.add(key)
            return self.memos[key]
        value = compute()
        if _importing():
            self.memos[key] = value
            self.used.add(key)
            self.added = True
        return value

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        """`re._compiler.compile`, from the file where it holds the pattern."""
        if not isinstance(pattern, str) or flags & _DEBUG:
            return _original(pattern, flags)
        key = (pattern, flags)
        entry = self.entries.get(key)
        if entry is not None:
            try:
                final, code, groups, index, names = entry
                built = _sre.compile(
                    pattern, final, array.array("I", code).tolist(), groups, index, names
                )
                self.used.add(key)
                return built
            except (TypeError, ValueError, RuntimeError):
                del self.entries[key]
        if not _importing():
            return _original(pattern, flags)
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        index = dict(parsed.state.groupdict)
        names: list[str | None] = [None] * parsed.state.groups
        for name, i in index.items():
            names[i] = name
        final, groups = flags | parsed.state.flags, parsed.state.groups - 1
        built = _sre.compile(pattern, final, code, groups, index, tuple(names))
        self.entries[key] = (final, array.array("I", code).tobytes(), groups, index, tuple(names))
        self.used.add(key)
        self.added = True
        return built

    def save(self) -> None:
        """Write the file (atomically) if this process compiled a pattern it did not hold."""
        if not self.added:
            return
        entries = _bounded(self.entries, self.used, MAX_BYTES, _pattern_size)
        memos = _bounded(self.memos, self.used, MAX_BYTES // 8, _memo_size)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".patterns-")
            with os.fdopen(fd, "wb") as fh:
                marshal.dump({"patterns": entries, "memos": memos}, fh)
            os.replace(tmp, self.path)
        except (OSError, ValueError):
            pass  # a cache that cannot be written is only slower
        self.added = False


def _bounded(
    held: dict[Any, Any], used: set[Any], budget: int, size: Callable[[Any, Any], int]
) -> dict[Any, Any]:
    """What a save keeps of `held`: the items this process used, then the others, newest
    first, while the whole stays within about `budget` bytes (by `size`)."""
    kept = {k: v for k, v in held.items() if k in used}
    room = budget - sum(size(k, v) for k, v in kept.items())
    for key in reversed(list(held)):
        if key in kept:
            continue
        room -= size(key, held[key])
        if room < 0:
            break
        kept[key] = held[key]
    return kept


def _importing() -> bool:
    """Whether the caller runs while a module is imported: the nearest module body on the
    stack is run by the import system (not `python -m`'s `__main__`, not `exec`)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "<module>":
            caller = frame.f_back
            return caller is not None and caller.f_code.co_filename.startswith(_IMPORT_SYSTEM)
        frame = frame.f_back
    return False


_IMPORT_SYSTEM = "<frozen importlib._bootstrap"


def pattern_file() -> Path:
    """The cache file for this interpreter, in this file format (`FORMAT`)."""
    version = "-".join(map(str, sys.version_info[:3]))
    return cache_dir() / f"patterns{FORMAT}-py{version}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"


FORMAT = 2
"""The file's layout (2: patterns and memos). In the name, so that tally versions of
another layout sharing the cache directory keep their own file, not each other's."""


_original = _compiler.compile
_DEBUG = _compiler.SRE_FLAG_DEBUG
_installed: list[PatternCache] = []


def install() -> PatternCache | None:
    """Build patterns from this machine's cache from now on (once per process)."""
    if _installed:
        return _installed[0]
    if os.environ.get("TALLY_PATTERN_CACHE", "").strip().lower() in ("off", "0", "no", "false"):
        return None
    if _compiler.compile is not _original or array.array("I").itemsize != _sre.CODESIZE:
        return None
    cache = PatternCache(pattern_file())
    _compiler.compile = cache.compile
    atexit.register(cache.save)
    _installed.append(cache)
    return cache


def memo(key: tuple[Any, ...], compute: Callable[[], _T]) -> _T:
    """`compute()`, kept in the cache file beside the patterns when asked for while a module
    is imported: for what a module reads off a pattern at import as costly as compiling it
    (`keywords.quick_start` parses each of its patterns, 0.09 s of every start). `key` holds
    everything the value depends on, a digest of the code that computes it among them; the
    value is a str, number, None or a tuple of them."""
    if not _installed:
        return compute()
    return _installed[0].memo(key, compute)


def uninstall() -> None:
    """Compile patterns as `re` does again (the file is written if it changed)."""
    if _installed:
        _installed[0].save()
        _compiler.compile = _original
        _installed.clear()
