"""Compile one language's data files into the object the extractor reads.

A language is a folder `lang/<code>/` holding `numbers.toml` (digits, number
words, scales, multiples, ranges) and `words.toml` (harm words by category,
people nouns by group, qualifiers, attribution cues, subset markers, units that
make a number not a count). Every pattern, and the prefilter that skips
sentences with no harm word, is generated here from those tables; no other
module holds a word of the language. A language whose grammar needs more (German
number compounds) gets a small hook in `hooks.py`, named in its data.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tally.extract.numbers import LocaleNumbers, word_pattern
from tally.extract.sentences import Splitter, open_splitter
from tally.lang.hooks import HOOKS

SUPPORTED: tuple[str, ...] = ("de", "fr", "es", "pt", "ar", "ru", "uk")
"""Languages read with their own data; any other language is read with the English rules."""

QUALIFIERS = ("at_least", "more_than", "fewer_than", "at_most", "about")
CATEGORIES = ("killed", "injured", "missing", "captured", "displaced")
GROUPS = ("children", "women", "men", "elderly", "civilians", "combatants", "people")


def _alternation(named: dict[str, list[str]], clitics: str, order: tuple[str, ...]) -> str:
    return "|".join(
        f"(?P<{name}>{word_pattern(named[name], clitics)})" for name in order if named.get(name)
    )


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern or "(?!)", re.I)


@dataclass(frozen=True)
class Language:
    """One language's knowledge, compiled: read-only, built once per process."""

    code: str
    numbers: LocaleNumbers
    harm: re.Pattern[str]
    """Harm words; the matching group's name is the category."""
    victims: re.Pattern[str]
    """Nouns for people harmed in a way the sentence says ("victimes", "Opfer")."""
    hospital: re.Pattern[str]
    """Being treated or in hospital: counts injured people, usually part of a total."""
    toll: re.Pattern[str]
    """Nouns of a count ("bilan", "Zahl", "حصيلة"): a number after them is a toll."""
    people: re.Pattern[str]
    """People nouns; the matching group's name is the group."""
    qualifier_before: re.Pattern[str]
    """Qualifiers just before a number, anchored at the end of the text before it."""
    qualifier_after: re.Pattern[str]
    """Qualifiers just after a number ("75 على الأقل")."""
    source_before: re.Pattern[str]
    """Prepositions that put the source after them ("selon", "laut", "по словам")."""
    said: re.Pattern[str]
    """Reporting verbs: the source is the noun phrase before them or, inverted, after."""
    subset: re.Pattern[str]
    """Markers that a number is part of a total stated with it ("dont", "de ellos")."""
    not_count: re.Pattern[str]
    """Words right after a number that make it not a count of people (units, ages, months)."""
    subset_after: re.Pattern[str]
    """Subset markers right after a number ("62 de ellos")."""
    place_in: re.Pattern[str]
    """Prepositions of place right after a number: a part of a total by place."""
    copula: re.Pattern[str]
    """What lists a part of a total by its people ("131 eran hombres", "85, mujeres")."""
    between: re.Pattern[str]
    """Words allowed between a number and its people noun ("autres", "weitere")."""
    attacker: re.Pattern[str]
    """Nouns for the perpetrators: a killed one counts as a combatant."""
    shot_dead: re.Pattern[str]
    """Phrases that say one attacker was shot dead, with no numeral."""
    official: re.Pattern[str]
    """Sources that are authorities ("la police", "die Behörden"): their figures are official."""
    source_stop: frozenset[str]
    """Words that tell no source from another ("les autorités", "selon"), case-folded."""
    adverbial: re.Pattern[str]
    """Words that open an adverbial, not a source ("in der Nacht", "en marzo")."""
    adverbial_any: re.Pattern[str]
    """The same words anywhere: where a source phrase after its verb ends."""
    auxiliary: re.Pattern[str]
    """Auxiliary verbs of a compound tense: the source sits next to them ("hatten die Behörden")."""
    condition: re.Pattern[str]
    """Words opening a clause of condition ("si", "wenn", "если"): a sentence they open
    tells what would be, and its counts are no figures ("si se confirmara ..., la cifra
    ascendería a 232")."""
    update: re.Pattern[str]
    """Words that make a bare number the new count of what the sentence was counting ("ya")."""
    listed: re.Pattern[str]
    """Conjunctions and prepositions that continue a list of counts right before a bare number
    ("95 mortos na noite, mais de 200 ao fim", "stieg auf 85 und schließlich auf 86")."""
    partitive: re.Pattern[str]
    """The preposition between a number noun and its people ("medio millar de personas")."""
    that: re.Pattern[str]
    """Words that open reported speech ("que", "dass", "что", "إن"): where a source ends."""
    refer_back: re.Pattern[str]
    """Titles and report nouns that stand for a source named earlier ("le magistrat", "el informe")."""
    determiner: re.Pattern[str]
    """Articles that may open a source in lower case ("la police", "die Polizei")."""
    nouns_capitalised: bool
    """Whether every noun is capitalised (German), so a capital does not mark a name."""
    subject_after: bool
    """Whether a reporting verb usually comes before its subject (Arabic: وقال الوزير)."""
    types: tuple[tuple[str, re.Pattern[str]], ...]
    """Incident types by their words, in priority order (the names `link.describe` uses)."""
    date: re.Pattern[str]
    """A day-precise date: day, month name, year ("14 juillet 2016", "25 марта 2018")."""
    months: dict[str, int]
    """Month names (lower-cased, every form) and their numbers."""
    prefilter: re.Pattern[str]
    """Any harm, victim, hospital or toll word: a sentence without one holds no figure."""
    splitter: Splitter
    """How the language's sentences end: its `[sentences] abbreviations` never end one."""


def _partitive(forms: list[str]) -> str:
    """A pattern for the partitive right after a number: a form ending in an apostrophe
    ("d'") is elided onto the next word, the others stand as words."""
    elided = [re.escape(f[:-1]) + "['’]" for f in forms if f.endswith(("'", "’"))]
    whole = [word_pattern([f]) + r"\s+" for f in forms if not f.endswith(("'", "’"))]
    return r"^\s*(?:" + "|".join(elided + whole) + ")" if forms else ""


@cache
def load(code: str) -> Language:
    """The compiled `Language` for `code` (raises `KeyError` for a language without data)."""
    if code not in SUPPORTED:
        raise KeyError(code)
    folder = resources.files("tally.lang") / code
    numbers = tomllib.loads((folder / "numbers.toml").read_text(encoding="utf-8"))
    words = tomllib.loads((folder / "words.toml").read_text(encoding="utf-8"))
    hook = HOOKS.get(numbers.get("hook", ""))
    if hook is not None:
        numbers = hook(numbers)
    clitics = words.get("clitics", "")
    cues = words.get("cues", {})
    for table in ("victims", "hospital", "toll"):
        cues.setdefault(table, words.get(table, {}).get("words", []))
    w = lambda name: word_pattern(cues[name], clitics) if cues.get(name) else ""  # noqa: E731
    harm = _alternation(words.get("harm", {}), clitics, CATEGORIES)
    not_count = cues.get("not_count", []) + [
        f for forms in numbers.get("months", {}).values() for f in forms
    ]
    quals = words.get("qualifier", {})
    after = words.get("qualifier_after", {})
    prefilter = "|".join(p for p in (harm, w("victims"), w("hospital"), w("toll")) if p)
    return Language(
        code=code,
        numbers=LocaleNumbers.build(numbers, clitics),
        harm=_compile(harm),
        victims=_compile(w("victims")),
        hospital=_compile(w("hospital")),
        toll=_compile(w("toll")),
        people=_compile(_alternation(words.get("people", {}), clitics, GROUPS)),
        qualifier_before=_compile(
            "(?:" + _alternation(quals, clitics, QUALIFIERS) + r")[\s:]*$" if quals else ""
        ),
        qualifier_after=_compile(
            r"^\s*(?:" + _alternation(after, clitics, QUALIFIERS) + ")" if after else ""
        ),
        source_before=_compile(w("source_before")),
        said=_compile(w("said")),
        subset=_compile(w("subset")),
        not_count=_compile(r"^\s*(?:" + word_pattern(not_count) + "|%)" if not_count else ""),
        subset_after=_compile(r"^\s*" + w("subset") if cues.get("subset") else ""),
        place_in=_compile(r"^\s*" + w("place_in") if cues.get("place_in") else ""),
        copula=_compile(r"^\s*(?:,|" + w("copula") + ")" if cues.get("copula") else r"^\s*,"),
        between=_compile(w("between")),
        attacker=_compile(w("attacker")),
        shot_dead=_compile(w("shot_dead")),
        official=_compile(w("official")),
        source_stop=frozenset(x.casefold() for x in cues.get("source_stop", [])),
        adverbial=_compile("^" + w("adverbial") if cues.get("adverbial") else ""),
        adverbial_any=_compile(w("adverbial")),
        auxiliary=_compile(w("auxiliary")),
        condition=_compile(r"^\W*" + w("condition") if cues.get("condition") else ""),
        update=_compile(w("update")),
        listed=_compile(r"(?:,|" + w("listed") + r")\s*$" if cues.get("listed") else r",\s*$"),
        partitive=_compile(_partitive(cues.get("partitive", []))),
        that=_compile(w("that")),
        refer_back=_compile(w("refer_back")),
        determiner=_compile("^" + w("determiner") if cues.get("determiner") else ""),
        nouns_capitalised=bool(cues.get("nouns_capitalised", False)),
        subject_after=bool(cues.get("subject_after", False)),
        types=tuple(
            (kind, _compile(word_pattern(forms, clitics)))
            for kind, forms in words.get("types", {}).items()
        ),
        date=_compile(
            r"(?<!\d)(?P<d>\d{1,2})\.?\s+(?:de\s+)?(?P<m>"
            + word_pattern([f for fs in numbers.get("months", {}).values() for f in fs], clitics)
            + r")(?:/[^\W\d_]+)?(?:\s+(?:de\s+|del\s+|года\s+|року\s+)?(?P<y>\d{4})(?!\d))?"
        ),
        months={
            " ".join(f.lower().split()): int(n)
            for n, fs in numbers.get("months", {}).items()
            for f in fs
        },
        prefilter=_compile(prefilter),
        splitter=open_splitter(
            words.get("sentences", {}).get("abbreviations", []),
            [f for fs in numbers.get("months", {}).values() for f in fs],
        ),
    )
