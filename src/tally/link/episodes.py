"""Round-ups: which sentences of a document tell a separate local incident.

A local news article may report several shootings ("three teens were wounded in two
shootings Monday"; "About an hour earlier, two men were shot at 13th and Main"). Each
such incident is an *episode*: it opens at a sentence that says another incident begins
(an explicit "in a separate shooting", or a sentence of another time at a street of its
own) and runs until the next one opens or the text returns to a street an earlier
episode named. In an article whose headline or first sentence counts several incidents
(`is_roundup`), a new street where something happened opens an episode by itself.
`link.within` gives each episode's figures their own local incident.

The words live in `episodes.toml`; street suffixes are `streets.toml`'s.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from tally.keywords import Gated, lowered, quick_start
from tally.link.nodes import STREET_LAST
from tally.link.text import Sentence
from tally.words import WEEKDAYS

_DATA = tomllib.loads(Path(__file__).with_name("episodes.toml").read_text(encoding="utf-8"))


def _any(patterns: list[str]) -> str:
    return "(?:" + "|".join(patterns) + ")"


_R = _DATA["roundup"]
_ROUNDUP = quick_start(
    re.compile(
        rf"\b(?:{_any(_R['counts'])}\s+(?:separate\s+|different\s+|more\s+)?{_any(_R['events'])}"
        rf"|{_any(_R['plural'])})\b",
        re.I,
    )
)
_SEPARATE = Gated(quick_start(re.compile(rf"\b{_any(_DATA['opener']['separate'])}\b", re.I)))
_IN_ROUNDUP = Gated(quick_start(re.compile(rf"\b{_any(_DATA['opener']['in_roundup'])}\b", re.I)))
_SEQUENCE = re.compile(rf"\W*{_any(_DATA['opener']['sequence'])}", re.I)
"""Words opening a sentence that tell of another time (matched at its start)."""
_RELATIVE = Gated(re.compile(rf"\b{_any(_DATA['opener']['relative'])}", re.I))
"""Words anywhere in a sentence that tell of another time."""
_CLOCK = quick_start(re.compile(rf"\b{_any(_DATA['opener']['clock'])}", re.I))
_WEEKDAY = Gated(quick_start(re.compile(rf"\b{_any(list(WEEKDAYS))}\b", re.I)))

_S = _DATA["scene"]
_COMPASS = frozenset(_S["compass"])
_RESIDENCE = quick_start(re.compile(_any(_S["residence_before"]), re.I))
_SCENE_OF = re.compile(rf"\b{_any(_S['scene_of'])}\s+of (?:the )?$", re.I)
_SUFFIX = _any(
    sorted(
        (re.escape(w.capitalize()) + (r"\.?" if len(w) <= 4 else "") for w in STREET_LAST),
        key=len,
        reverse=True,
    )
)
_DIR = (
    r"(?:(?:[NSEW]|N[EW]|S[EW])\.?|North|South|East|West|Northeast|Northwest|Southeast|Southwest)"
)
_WORD = r"(?:\d+(?:st|nd|rd|th)|[A-Z][a-z'’]+)"
_NAME = rf"(?:{_DIR}\s+)?{_WORD}(?:\s+[A-Z][a-z'’]+){{0,2}}"
_STREET = quick_start(
    re.compile(
        rf"\b\d{{1,6}}(?:\s*-\s*|\s+)block of\s+(?:the\s+)?(?P<block>{_NAME})"
        rf"|\b(?:at|near|of)\s+(?P<a>{_NAME})(?:\s+{_SUFFIX})?\s+(?:and|&)\s+(?P<b>{_NAME})"
        rf"|\b(?P<name>{_NAME})\s+{_SUFFIX}(?!\w)"
    )
)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_SUFFIX_WORDS = frozenset(STREET_LAST)
_SUFFIX_STEMS = tuple({w.capitalize() for w in STREET_LAST})
_DIGIT = re.compile(r"\d")


def _may_name_street(text: str) -> bool:
    """False only when `scene_streets` finds nothing in `text`: a block, an ordinal street
    and a named one need a digit or a street's (capitalised) suffix; an intersection
    without either is skipped there."""
    return bool(_DIGIT.search(text)) or any(map(text.__contains__, _SUFFIX_STEMS))


def is_roundup(text: str) -> bool:
    """Whether a headline or first sentence counts several incidents ("in two shootings")."""
    return bool(_ROUNDUP.search(text))


def _key(name: str) -> str:
    """A street's name without compass words or suffix, case-folded ("S. Rockwell Ave" →
    "rockwell"): one street however a report spells it."""
    words = [w.strip(".").lower() for w in name.split()]
    words = [w for w in words if w not in _COMPASS and w not in _SUFFIX_WORDS]
    return " ".join(words)


@lru_cache(maxsize=1024)
def scene_streets(text: str) -> frozenset[str]:
    """The streets `text` says something happened at, leaving out where someone lives
    ("Smith, of the 4200 block of Elm Avenue"): each as its name (`_key`), with "#" and the
    block's number when the text gives one ("elm#4200")."""
    out: set[str] = set()
    if not _may_name_street(text):
        return frozenset()
    for m in _STREET.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if _RESIDENCE.search(before) and not _SCENE_OF.search(before):
            continue
        if m["a"]:
            a, b = _key(m["a"]), _key(m["b"])
            if not (_ORDINAL.match(a) or _ORDINAL.match(b) or re.search(_SUFFIX, m.group(0))):
                continue
            out.update(k for k in (a, b) if k)
        elif m["block"]:
            if k := _key(m["block"]):
                out.add(f"{k}#{m.group(0).split()[0].split('-')[0]}")
        elif k := _key(m["name"]):
            out.add(k)
    return frozenset(out)


BLOCKS_APART = 300
"""Two block numbers of one street this far apart are two places ("the 1900 block" and
"the 5400 block" of a long avenue)."""


def same_scene(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two sets of streets (`scene_streets`) share a place: a street both name,
    at blocks near each other where both give one."""
    for x in a:
        name, _, block = x.partition("#")
        for y in b:
            other, _, other_block = y.partition("#")
            if name == other and (
                not block or not other_block or abs(int(block) - int(other_block)) <= BLOCKS_APART
            ):
                return True
    return False


def episodes(sents: list[Sentence], start: int, roundup: bool) -> list[list[int]]:
    """The sentences of each separate incident the sentences from `start` on tell, besides
    the main one (the sentences before `start` are the main incident's: its streets are
    the main's). Each episode is the list of its sentence indices, in text order."""
    scenes: list[set[str]] = [set()]
    members: list[list[int]] = [[]]
    cur = 0
    for i, s in enumerate(sents):
        streets = scene_streets(s.text)
        known, named = _known(s.text, streets, scenes)
        if i >= start:
            ahead = next((st for t in sents[i + 1 : i + 3] if (st := scene_streets(t.text))), None)
            later = ahead is not None and not any(same_scene(ahead, sc) for sc in scenes)
            placed = bool(scenes[cur]) or (roundup and cur == 0)
            if _opens(s.text, streets, known if named else None, cur, placed, roundup, later):
                scenes.append(set())
                members.append([])
                cur = len(scenes) - 1
            elif known is not None:
                cur = known
        scenes[cur] |= streets
        members[cur].append(i)
    return [m for m in members[1:] if m]


def _known(text: str, streets: frozenset[str], scenes: list[set[str]]) -> tuple[int | None, bool]:
    """The episode whose place a sentence names, and whether it names it as a street (else
    by the bare name an episode's street had, as in "the shooting on Cedar" or "the Cedar
    shooting", which a sentence opening another incident overrides)."""
    for e, scene in enumerate(scenes):
        if same_scene(streets, scene):
            return e, True
    if streets:
        return None, True
    for e, scene in enumerate(scenes):
        for key in scene:
            name = key.partition("#")[0].title()
            if not name[0].isdigit() and name in text and _bare_street(name).search(text):
                return e, False
    return None, False


@lru_cache(maxsize=4096)
def _bare_street(name: str) -> re.Pattern[str]:
    """A street named without its suffix, by the words before or after it (`[scene]`'s
    `bare_before`, `bare_after`: "on Cedar", "the Cedar shooting")."""
    n = re.escape(name)
    return re.compile(
        rf"\b{_any(_S['bare_before'])} {n}\b(?! [A-Z])|\b{n} {_any(_S['bare_after'])}\b"
    )


def _opens(
    text: str,
    streets: frozenset[str],
    known: int | None,
    cur: int,
    placed: bool,
    roundup: bool,
    later: bool,
) -> bool:
    """Whether a sentence begins another incident than the one the text is telling (`cur`,
    `placed` when it has a street, or is a round-up's count); `known` is the episode whose
    street the sentence names, if any, and `later` whether the next sentences name a
    street no episode has named."""
    if known is not None and known != cur:
        return False  # back to an incident told before
    unplaced = bool(streets) and known is None
    lower = lowered(text)
    if _SEPARATE.search(text, lower) or (roundup and _IN_ROUNDUP.search(text, lower)):
        return True
    if _SEQUENCE.match(text) or _RELATIVE.search(text, lower):
        if streets:
            return unplaced and placed
        if later and placed:
            return True
        return roundup and bool(_CLOCK.search(text) or _WEEKDAY.search(text, lower))
    return roundup and unplaced and placed
