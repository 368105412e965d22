"""Whether a figure counts the attackers, decided once for every reader's figures.

The spec counts attackers who died or were hurt as combatants, apart from their
victims, and totals add them (`Figure.role = "perpetrator"`). Two things make a
figure the attackers': its own words name them ("two of the attackers were
killed", "three gunmen died", "four suicide bombers") or the sentence gives the
death to the attacker it named just before ("the gunman, identified as X, was
killed by officers"; "l'assaillant a été abattu"). The nouns are the language's
data (`[victim_nouns.attackers]` in `lang/en/victims.toml`, `[attacker_nouns]` and
`[attacker_died]` in `people.toml`; `attacker` and `shot_dead` in each language's
`words.toml`).
Linking, totals and reconciliation read `role` and `group`; none re-reads the text.

The victims reader decides the same fact for the people it counts from their head
noun (`victims_phrases`) with the same word list, and reads `names_attackers` for
the words before a subject who harmed himself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import cache

from tally.extract import victims_lexicon
from tally.extract.sentences import document_sentences
from tally.extract.victims_resolve import TOTAL, TOTAL_WITH_MORE
from tally.extract.vocab import english
from tally.lang import SUPPORTED, load
from tally.models import Document, Figure

REQUIRES = ("doc.text", "doc.language", "quote", "start", "end", "group", "value", "rule")
ASSIGNS = ("role", "group")

_WORDS = re.compile(r"[a-z]+")


@cache
def _english() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    """English attacker nouns (a count's own), the nouns before a death, and the death."""
    vocab = english()
    nouns = victims_lexicon.ATTACKER_NOUNS
    before = re.compile(rf"\b(?:{'|'.join(vocab.attacker_nouns)})s?\b(?!['’]s?\b)", re.I)
    died = re.compile(rf"^[^.;]{{0,40}}?\b(?:{'|'.join(vocab.attacker_died)})\b", re.I)
    return nouns, before, died


def names_attackers(quote: str) -> bool:
    """True when an English figure's own words name the attackers ("two gunmen were killed")."""
    return not _english()[0].isdisjoint(_WORDS.findall(quote.lower()))


TOTALS = frozenset({TOTAL, TOTAL_WITH_MORE})
"""Rule ids of a sum of victims the reader told apart from any attacker."""


def attacker_harmed(text: str, f: Figure) -> bool:
    """A death or wound the sentence gives to the attacker it names just before ("the gunman,
    identified as X, was killed by officers"): one of a few people, never a victim."""
    if f.group != "people" or f.value > 3 or f.rule in TOTALS:
        return False  # a total of victims the reader told apart from any attacker
    _, named, died = _english()
    start = max(text.rfind(".", 0, f.start) + 1, f.start - 80)
    before = text[start : f.start]
    if not named.search(before + text[f.start : f.end]) or "victim" in before.lower():
        return False
    return bool(died.match(text[f.start : f.end + 40]))


def attacker_shot(doc: Document, f: Figure) -> bool:
    """In a language with data: the one killed is the attacker the sentence names, shot dead
    ("l'assaillant a été abattu", "der Täter wurde erschossen")."""
    lang = load(doc.language)
    if f.value != 1 or f.category != "killed" or not lang.shot_dead.fullmatch(f.quote):
        return False
    spans = document_sentences(doc)
    i = bisect_right([s for s, _ in spans], f.start) - 1
    return i >= 0 and bool(lang.attacker.search(doc.text, spans[i][0], spans[i][1]))


def by_role(doc: Document, figures: list[Figure]) -> list[Figure]:
    """`figures` with `role` and `group` set where they count the attackers."""
    if doc.language in SUPPORTED:
        return [
            replace(f, role="perpetrator", group="combatants")
            if f.role != "perpetrator" and attacker_shot(doc, f)
            else f
            for f in figures
        ]
    out = []
    for f in figures:
        if f.role != "perpetrator" and names_attackers(f.quote):
            f = replace(f, role="perpetrator", group="combatants")
        elif attacker_harmed(doc.text, f):
            f = replace(f, group="combatants")
        out.append(f)
    return out


def of_victims(doc: Document, figures: list[Figure]) -> list[Figure]:
    """The victims reader's `figures` with the attacker's own death told apart (their reader
    decided from each one's head noun whether they count the attackers)."""
    return [replace(f, group="combatants") if attacker_harmed(doc.text, f) else f for f in figures]
