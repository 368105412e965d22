"""The compiled-pattern cache: patterns built from it are the patterns `re` compiles."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tally import cache

MODULE = textwrap.dedent(
    r"""
    import re

    def _words(*ws):
        return re.compile(r"\b(?:" + "|".join(ws) + r")\b", re.I)

    TOLL = re.compile(r"(?P<n>\d+)\s+(?:people\s+)?(?P<how>killed|dead|injured)", re.I)
    HARM = _words("shot", "stabbed", "wounded")
    """
)

PROBE = textwrap.dedent(
    r"""
    import json, re, sys
    import tally
    from re import _parser
    if sys.argv[1] == "no-parse":
        def refuse(*args, **kwargs):
            raise AssertionError("parsed a pattern the cache holds")
        _parser.parse = refuse
    import victims_module as m
    text = "Police said 3 people killed, 12 INJURED; one man was Shot."
    print(json.dumps({
        "toll": [mm.groupdict() for mm in m.TOLL.finditer(text)],
        "harm": m.HARM.findall(text),
        "flags": [m.TOLL.flags, m.HARM.flags],
        "groups": [m.TOLL.groups, dict(m.TOLL.groupindex)],
    }))
    """
)


@pytest.fixture
def sandbox(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder holding a module with patterns, and an environment caching into tmp_path."""
    (tmp_path / "victims_module.py").write_text(MODULE)
    (tmp_path / "probe.py").write_text(PROBE)
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path]),
    }
    env.pop("TALLY_PATTERN_CACHE", None)
    return tmp_path, env


def _probe(folder: Path, env: dict[str, str], mode: str = "parse") -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, str(folder / "probe.py"), mode],
        env=env,
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def _cache_files(folder: Path) -> list[Path]:
    return sorted((folder / "cache" / "tally").glob("patterns*.marshal"))


def test_a_second_process_builds_imported_patterns_without_parsing(sandbox) -> None:
    folder, env = sandbox
    first = _probe(folder, env)
    assert len(_cache_files(folder)) == 1
    second = _probe(folder, env, "no-parse")
    plain = _probe(folder, {**env, "TALLY_PATTERN_CACHE": "off"})
    assert first == second == plain
    assert first["toll"] == [{"n": "3", "how": "killed"}, {"n": "12", "how": "INJURED"}]
    assert first["harm"] == ["Shot"]


def test_a_broken_cache_file_is_ignored_and_rewritten(sandbox) -> None:
    folder, env = sandbox
    expected = _probe(folder, env)
    (path,) = _cache_files(folder)
    path.write_bytes(b"\x00not a marshalled dict")
    assert _probe(folder, env) == expected
    assert _probe(folder, env, "no-parse") == expected


def test_patterns_compiled_after_import_are_not_kept(tmp_path: Path) -> None:
    held = cache.PatternCache(tmp_path / "p.marshal")
    pattern = held.compile(r"\bmore than (\d+) (?:people|civilians)\b", re.I)
    assert pattern.match("more than 20 civilians").group(1) == "20"
    assert not held.entries and not held.added
    held.save()
    assert not (tmp_path / "p.marshal").exists()


def test_every_tally_pattern_from_the_cache_matches_as_compiled(sandbox) -> None:
    """Each module-level pattern of the pipeline's modules, built from a warm cache, has the
    flags, groups and matches of the same pattern compiled by `re` on sentences of news."""
    folder, env = sandbox
    script = textwrap.dedent(
        r"""
        import importlib, json, pkgutil, re, sys
        import tally
        from tally import cache
        sentences = [
            "At least 12 people were killed and 30 wounded when gunmen opened fire, police said.",
            "Two men, 19 and 24, were shot dead near the 1200 block of Main St. on Saturday night.",
            "The ministry put the toll at 1,204, up from 980; residents say hundreds more died.",
        ]
        names = [m.name for m in pkgutil.walk_packages(tally.__path__, "tally.")
                 if not m.name.startswith(("tally.web", "tally.cli", "tally.__main__"))]
        seen = []
        for name in names:
            module = importlib.import_module(name)
            for value in vars(module).values():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    fresh = cache._original(value.pattern, value.flags & ~re.UNICODE)
                    same = (fresh.flags, fresh.groups, dict(fresh.groupindex)) == (
                        value.flags, value.groups, dict(value.groupindex))
                    for s in sentences:
                        same = same and [m.span() for m in fresh.finditer(s)] == [
                            m.span() for m in value.finditer(s)]
                    seen.append([name, value.pattern[:60], same])
        print(json.dumps(seen))
        """
    )
    (folder / "every.py").write_text(script)
    subprocess.run([sys.executable, str(folder / "every.py")], env=env, check=True)
    warm = subprocess.run(
        [sys.executable, str(folder / "every.py")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seen = json.loads(warm.stdout)
    assert len(seen) > 300
    assert [s for s in seen if not s[2]] == []


def test_patterns_no_process_uses_are_dropped_past_the_size_bound(
    sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited vocabulary leaves its old patterns unused: past `MAX_BYTES` they go, and the
    patterns the saving process used stay, whatever their age."""
    folder, env = sandbox
    _probe(folder, env)
    (path,) = _cache_files(folder)
    held = cache.PatternCache(path)
    used = set(held.entries)
    stale = {(f"old pattern {i}" + "x" * 1000, 0): (0, b"\0" * 4000, 0, {}, ()) for i in range(50)}
    held.entries = {**stale, **held.entries}
    held.used, held.added = set(used), True
    monkeypatch.setattr(
        cache, "MAX_BYTES", sum(cache._pattern_size(k, held.entries[k]) for k in used)
    )
    held.save()
    assert set(cache.PatternCache(path).entries) == used
    held.entries, held.added = {**stale, **held.entries}, True
    monkeypatch.setattr(cache, "MAX_BYTES", cache.MAX_BYTES + 2 * 5100)
    held.save()
    kept = set(cache.PatternCache(path).entries)
    assert used < kept and len(kept - used) == 2
    assert _probe(folder, env, "no-parse")["harm"] == ["Shot"]


def test_a_memo_asked_at_import_is_read_by_the_next_process(sandbox) -> None:
    """What a module reads off a pattern at import (`keywords.quick_start`'s classes) is
    computed by the first process only; one asked for later is computed every time."""
    folder, env = sandbox
    (folder / "memo_module.py").write_text(
        textwrap.dedent(
            """
            import pathlib
            from tally import cache

            def _count():
                log = pathlib.Path(__file__).with_name("computed.log")
                log.write_text(log.read_text() + "x" if log.exists() else "x")
                return "[\\\\dA-Za-z]"

            CLASS = cache.memo(("probe", "v1"), _count)

            def later():
                return cache.memo(("probe", "later"), _count)
            """
        )
    )
    script = "import memo_module as m; print(m.CLASS, m.later())"
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, cwd=folder, capture_output=True, text=True
        )
        assert out.stdout.split() == [r"[\dA-Za-z]"] * 2, out.stderr
    assert (folder / "computed.log").read_text() == "xxxx"


def test_quick_start_from_a_warm_cache_is_the_pattern_it_builds_cold(sandbox) -> None:
    folder, env = sandbox
    script = textwrap.dedent(
        r"""
        import re
        from tally.keywords import quick_start
        P = quick_start(re.compile(r"\b(?:at\s+least|more\s+than)\s+(\d+)\s+(?:dead|killed)", re.I))
        N = quick_start(re.compile(r"(?:[^a-z]|$)killed", re.I))
        print(P.pattern); print(N.pattern)
        """
    )
    (folder / "qs_module.py").write_text(script)
    runs = [
        subprocess.run(
            [sys.executable, "-c", "import qs_module"],
            env=e,
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for e in (env, env, {**env, "TALLY_PATTERN_CACHE": "off"})
    ]
    assert runs[0] == runs[1] == runs[2]
    assert runs[0].splitlines()[0].startswith("(?=[am])")
    assert runs[0].splitlines()[1] == "(?:[^a-z]|$)killed"
