"""The main incident of a document in a language with data: type and date from its own words.

`link.describe` reads English: its type keywords, month names and capitalised
place phrases say nothing (or the wrong thing: German "war" is "was") about a
French or Arabic article. This hook replaces what it guessed with what the
language's data tells: the incident type from `[types]`, the event date from
the first day-precise date of a sentence that tells of harm (an
anniversary piece dates itself and its event; only the event's date comes with
the dead), and no place or country unless the
text gives one the gazetteer can read. Figures shared across reports then link
the same incident across languages (see the report of issue 13 for what the
linking stage still needs: place names in other scripts).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from datetime import date

from tally.extract.sentences import document_sentences, split_sentences
from tally.lang.loader import Language
from tally.link import gazetteer
from tally.models import Document, Figure, LocalIncident

DATELINE = 300
"""Characters at the top where a date is the article's own (a dateline), not the event's."""
TOP = 1500
"""Characters of headline and lead read for the type and the date."""


def incident_type(lang: Language, text: str) -> str | None:
    """The first type, in priority order, whose words occur in `text`."""
    for kind, pattern in lang.types:
        if pattern.search(text):
            return kind
    return None


def event_date(
    lang: Language, text: str, published: str | None, before: bool = False, known: str | None = None
) -> str | None:
    """The first valid day-precise date of `text`, not after publication, as ISO.


    `before`: strictly before it, so a dateline's own date is not taken for the event's.
    `known`: a publication date from the page's metadata; a date without its year ("el
    14 de julio") then takes its year (or the one before, not to fall after it).
    """
    for m in lang.date.finditer(text):
        month = lang.months.get(" ".join(m.group("m").lower().split()))
        year = int(m.group("y")) if m.group("y") else None
        if year is None and known:
            year = int(known[:4]) - (
                f"{known[:4]}-{month or 0:02d}-{int(m.group('d')):02d}" > known
            )
        try:
            day = date(year or 0, month or 0, int(m.group("d")))
        except ValueError:
            continue
        if not 1900 <= day.year <= 2100:
            continue
        if published and (day.isoformat() >= published if before else day.isoformat() > published):
            continue
        return day.isoformat()
    return None


def describe_main(
    doc: Document, lang: Language, li: LocalIncident, figures: list[Figure] = ()
) -> LocalIncident:
    """`li` (the document's main local incident) with type, date and place read in `lang`."""
    top = _outside_furniture(doc, TOP)
    kind = incident_type(lang, f"{doc.title or ''}\n{top[:400]}") or incident_type(lang, top)
    dateline = event_date(lang, _outside_furniture(doc, DATELINE), doc.published)
    published = doc.published or dateline
    when = (
        _toll_date(doc, lang, figures, published)
        or _first_harm_date(doc, lang, published)
        or (dateline if not doc.published else None)
        or event_date(lang, top, doc.published, known=doc.published)
    )
    cues = tuple(c for c in li.cues if not c.startswith(("place:", "geo:", "pop:")))
    place = main_place(_outside_furniture(doc, TOP * 2))
    if place:
        cues += (f"place:{place.lower()}",)
    return dataclasses.replace(
        li,
        type=kind,
        date=when or li.date,
        date_prec=1 if when else li.date_prec,
        place=place,
        admin1=None,
        country=None,
        lat=None,
        lon=None,
        where_prec=None,
        cues=cues,
    )


_CAPITALISED = re.compile(r"(?<![^\W\d_])[^\W\d_a-z][^\W\d_]{3,}(?:[ -][A-Z][^\W\d_]+)?")
PLACE_POPULATION = 20_000
"""Smaller places share their names too widely to identify an incident by name alone."""


def main_place(text: str) -> str | None:
    """The gazetteer's name for the place `text` names most often (at least twice), or None.

    Only the name: which country's Valencia is meant, the text's other words would
    have to say, so no coordinates or country are set from it. Names in other scripts
    need the gazetteer's non-Latin alternate names (not indexed yet: see issue 13).
    """
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for m in _CAPITALISED.finditer(text):
        word = m.group(0)
        if word.isupper() or word[0].islower():
            continue  # an acronym ("DANA", "OCHA") or, in a cased script, a common word
        for phrase in (word, word.split()[0].split("-")[0]):
            if phrase not in names:
                found = [p for p in gazetteer.places(phrase) if p.population >= PLACE_POPULATION]
                names[phrase] = found[0].name if found else ""
            if names[phrase]:
                counts[names[phrase]] += 1
                break
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return name if n >= 2 else None


def _toll_date(
    doc: Document, lang: Language, figures: list[Figure], published: str | None
) -> str | None:
    """The date written with the article's largest toll, or in the two sentences before it."""
    killed = [f for f in figures if f.category == "killed" and f.incident == "main"]
    if not killed:
        return None
    top = max(killed, key=lambda f: f.value)
    spans = document_sentences(doc)
    at = next((i for i, (s, e) in enumerate(spans) if s <= top.start < e), None)
    if at is None:
        return None
    for i in range(at, max(-1, at - 3), -1):
        s, e = spans[i]
        found = event_date(lang, doc.text[s:e], published, before=True)
        if found:
            return found
    return None


def _first_harm_date(doc: Document, lang: Language, published: str | None) -> str | None:
    """The first date of a sentence near the top that tells of harm, else the first date."""
    text = _outside_furniture(doc, TOP * 3)
    harmed = [
        text[s:e] for s, e in split_sentences(text, lang.splitter) if lang.harm.search(text[s:e])
    ]
    return event_date(lang, "\n".join(harmed), published, before=True) or event_date(
        lang, text, published, before=True
    )


def _outside_furniture(doc: Document, limit: int) -> str:
    """The first `limit` characters of the article's own text (page furniture left out)."""
    out: list[str] = []
    size = 0
    pos = 0
    for span in sorted(doc.furniture, key=lambda s: s.start):
        if span.start > pos:
            out.append(doc.text[pos : span.start])
            size += span.start - pos
        pos = max(pos, span.end)
        if size >= limit:
            break
    if size < limit:
        out.append(doc.text[pos : pos + limit - size])
    return "".join(out)[:limit]


def in_language(
    doc: Document, local: list[LocalIncident], figures: list[Figure]
) -> list[LocalIncident]:
    """The document's local incidents, the main one described in its language where it has data."""
    from tally.lang.loader import SUPPORTED, load

    if doc.language not in SUPPORTED:
        return local
    lang = load(doc.language)
    return [describe_main(doc, lang, li, figures) if li.key == "main" else li for li in local]
