"""What the ledger indexes of each local incident so that new documents link without
relinking the ledger (`tally.incremental`): the keys by which linking finds the pairs a
local incident can be in, the words it counts towards rarity, and the blocks it fills.

Keys are strings, a kind and its value:
- `w|word`, `f|figure`: every proper name and figure (`candidates.cue_keys` uses the rare
  ones; rarity moves with the ledger, so all are kept), `n|name`, `m|type|day`,
  `t|place|day|figure`;
- `d|type|day`, `c|type|country`: the groups of nearby places (`candidates._near_keys`);
- `L|w|name`, `L|n|name`: what a deadly report links by across distant dates, and a small
  event's people's names (`candidates.lasting_pairs`);
- `G|country|places`: a conflict's block and places (`clusters.link_conflicts`);
- `B|kind|period|country`: the blocks (`candidates.block_keys`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tally.link.candidates import _near_keys, block_keys, cue_keys
from tally.link.describe import is_actor
from tally.link.evidence import full_name
from tally.link.nodes import LASTING_TOLL, SLOW_SLACK_DAYS, Node, precise

DATE_REACH = SLOW_SLACK_DAYS + 7
"""Days beyond its own dates within which another local incident may pair with one
(`evidence.pair_score`'s slack, and a block's): a generous bound, checked by scoring."""


_WHOLE = {"n", "m", "t"}
"""The kinds of `cue_keys` stored as they are (names and figures are stored apart, all of
them, since their rarity moves)."""


@dataclass(frozen=True)
class Indexed:
    """What the ledger stores of one local incident for incremental linking."""

    keys: tuple[str, ...]
    words: frozenset[str]
    """Its words and figures, as rarity counts them (`across.link_whole`)."""
    blocks: tuple[tuple[str, str, bool], ...]
    """(kind|period, country, coarse) of each block it is in."""
    lo: int | None
    hi: int | None
    """Its dates as day numbers (None: undated)."""


def block_name(key: tuple[str, ...]) -> tuple[str, str]:
    """A block key as stored: (kind|period, country)."""
    return "|".join((key[0], *key[2:])), key[1]


def block_key(period: str, country: str) -> tuple[str, ...]:
    """A stored block back as a block key (kind, country, *period)."""
    kind, *rest = period.split("|")
    return (kind, country, *rest)


def indexed(n: Node) -> Indexed:
    """The keys, words and blocks of node `n`, built before `mark_rare` (all its words)."""
    keys: list[str] = [f"w|{w}" for w in n.words] + [f"f|{f}" for f in n.figs]
    keys += ["|".join(k) for k in cue_keys(n) if k[0] in _WHOLE]
    keys += ["|".join(k) for k in _near_keys(n)]
    keys += lasting_keys(n)
    if n.conflict and n.li.country:
        keys.append(conflict_key(n))
    coarse = not precise(n)
    blocks = tuple((*block_name(k), coarse) for k in block_keys(n))
    keys += [f"B|{period}|{country}" for period, country, _ in blocks]
    lo, hi = (n.lo_day, n.hi_day) if n.lo_day and n.hi_day else (None, None)
    return Indexed(tuple(dict.fromkeys(keys)), frozenset({*n.words, *n.figs}), blocks, lo, hi)


def lasting_keys(n: Node) -> Iterator[str]:
    """What a deadly report shares with its follow-ups, and a small placed event its people's
    names (`candidates.lasting_pairs`); the rarity of the words is checked when they are
    read."""
    if n.conflict:
        return
    if n.toll < LASTING_TOLL:
        if n.places and n.figs:
            yield from (f"L|w|{w}" for w in n.words if full_name(w))
        return
    for w in n.words:
        if " " in w and not is_actor(w):
            yield f"L|w|{w}"
    if n.li.name:
        yield f"L|n|{n.li.name.lower()}"


def conflict_key(n: Node) -> str:
    """A conflict's country and places: conflicts link only to others with both alike."""
    return "G|" + "|".join((n.li.country or "?", *n.places))


def search_keys(n: Node, rare: set[str] | frozenset[str]) -> tuple[list[str], list[str]]:
    """The keys a new node's pairs share with theirs: those to read within `DATE_REACH` of
    its dates, and those to read whatever the dates (lasting names, conflicts)."""
    dated = [f"w|{w}" for w in n.words if w in rare] + [f"f|{f}" for f in n.figs if f in rare]
    dated += ["|".join(k) for k in cue_keys(n) if k[0] in _WHOLE]
    dated += ["|".join(k) for k in _near_keys(n)]
    anytime = [k for k in lasting_keys(n) if k.startswith("L|n|") or k[4:] in rare]
    if n.conflict and n.li.country:
        anytime.append(conflict_key(n))
    return dated, anytime
