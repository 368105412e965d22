"""What an incident is, where and when, as the headline and lead tell it.

Type from keywords, name from "the Khojaly massacre"-like phrases, date from
the lead's first date expression (else the publication date, at week
precision), and place from the place phrases of the headline and lead (see `places`), resolved
with the document's other places: the US state it points at (`where.state_votes`),
the town it keeps naming when no phrase places it, the city a neighbourhood lies in.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from tally.keywords import lowered, may_contain, quick_start
from tally.link.dates import find_dates, format_range, parse_iso
from tally.link.home import home_cues
from tally.link.locate import document_place
from tally.link.places import STOP_PLACES, Located, place_in
from tally.link.text import Sentence
from tally.link.where import without_playlist
from tally.models import Document, LocalIncident

__all__ = [  # place_in and Located live in places; callers of describe may take them from here
    "Located",
    "describe",
    "incident_type",
    "is_actor",
    "name_in",
    "place_in",
    "proper_words",
    "types_compatible",
]

TYPES: list[tuple[str, re.Pattern[str]]] = [
    (
        "air strike",
        re.compile(
            r"\b(?:air ?strikes?|airstrikes?|drone strikes?|air raids?|bombardment)\b", re.I
        ),
    ),
    (
        "bombing",
        re.compile(
            r"\b(?:bomb(?:s|ing|ings|er|ers)?|explosives?|IEDs?|suicide (?:blast|attack)s?)\b", re.I
        ),
    ),
    ("explosion", re.compile(r"\b(?:explosions?|blasts?|exploded|blew up)\b", re.I)),
    ("earthquake", re.compile(r"\b(?:earthquakes?|quakes?|tremors?)\b", re.I)),
    ("landslide", re.compile(r"\b(?:landslides?|mudslides?|landslips?)\b", re.I)),
    ("flood", re.compile(r"\b(?:floods?|flooding|flash floods?|monsoon rains?)\b", re.I)),
    ("crash", re.compile(r"\b(?:crash(?:es|ed)?|collisions?|derail(?:ed|ment))\b", re.I)),
    (
        "fire",
        re.compile(
            r"\b(?:(?<!opened )(?<!open )fires?|blazes?|wildfires?|inferno)\b(?! force)", re.I
        ),
    ),
    ("stabbing", re.compile(r"\b(?:stabb(?:ing|ings|ed)|knife attack)\b", re.I)),
    (
        "shooting",
        re.compile(r"\b(?:shootings?|shot|gunm[ae]n|gunfire|opened fire|shooter)\b", re.I),
    ),
    ("massacre", re.compile(r"\b(?:massacres?|killing spree)\b", re.I)),
    ("abduction", re.compile(r"\b(?:abduct(?:ed|ion|ions)|kidnap(?:ped|ping|pings))\b", re.I)),
    ("attack", re.compile(r"\b(?:attacks?|raids?|assaults?|ambush(?:es)?)\b", re.I)),
    ("conflict", re.compile(r"\b(?:war|insurgency|conflict|fighting)\b", re.I)),
]
VIOLENT_GENERIC = {"attack", "massacre", "conflict"}
"""Types compatible with any violent type: a shooting is also an attack."""
DISASTERS = {"earthquake", "landslide", "flood", "fire", "crash"}
EXPLOSIVE = {"explosion", "bombing", "fire"}
"""An explosion may be reported as a blast, a fire, or later as a bombing."""

_NAME = quick_start(
    re.compile(
        r"\b((?:[A-Z][\w'’-]+ |(?:al|el|ad|de|du)[- ](?=[A-Z])){1,4}"
        r"(?:massacre|siege|bombing|shooting|earthquake|attack|landslides?"
        r"|floods?|fire|blast|raid|strike|killings|uprising|war|insurgency))\b"
    )
)
_NAME_STOP = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "last",
    "saturday's",
    "sunday's",
    "monday's",
    "tuesday's",
    "wednesday's",
    "thursday's",
    "friday's",
    "tuesday",
    "friday",
}
_AT_SEA = quick_start(
    re.compile(
        r"\b(?:at sea|off the coast|in international waters|capsized|mid-?air|in the air)\b", re.I
    )
)
"""UCDP's where_prec 7: at sea or in the air."""


_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "air strike": ("air", "drone strike", "bombardment"),
    "bombing": ("bomb", "explosive", "ied", "suicide "),
    "explosion": ("explosion", "blast", "exploded", "blew up"),
    "earthquake": ("quake", "tremor"),
    "landslide": ("landslide", "mudslide", "landslip"),
    "flood": ("flood", "monsoon rain"),
    "crash": ("crash", "collision", "derail"),
    "fire": ("fire", "blaze", "inferno"),
    "stabbing": ("stabb", "knife attack"),
    "shooting": ("shoot", "shot", "gunm", "gunfire", "opened fire"),
    "massacre": ("massacre", "killing spree"),
    "abduction": ("abduct", "kidnap"),
    "attack": ("attack", "raid", "assault", "ambush"),
    "conflict": ("war", "insurgency", "conflict", "fighting"),
}
"""Words each type's case-insensitive pattern needs: it is tried only on text holding one."""


def incident_type(text: str) -> str | None:
    """The first incident type, in priority order, whose keywords occur in `text`."""
    lower = lowered(text)
    for kind, pattern in TYPES:
        if may_contain(lower, _TYPE_WORDS[kind]) and pattern.search(text):
            return kind
    return None


def types_compatible(a: str | None, b: str | None) -> bool:
    """Can incidents of these types be the same event? Unknown and generic types fit any violent one."""
    if a is None or b is None or a == b:
        return True
    if {a, b} <= EXPLOSIVE:
        return True
    if a in DISASTERS or b in DISASTERS:
        return False
    return a in VIOLENT_GENERIC or b in VIOLENT_GENERIC


def name_in(text: str) -> str | None:
    """A proper name of an incident ("Khojaly massacre", "Beslan siege") if the text gives one.

    A capital that only opens a sentence or line ("Suicide attack kills ...") is no name.
    """
    for m in _NAME.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        if m.start() == 0 or before.strip() in {".", "!", "?", ""} or "\n" in before:
            continue
        words = m.group(1).replace("- ", "-").split()
        while words and words[0].lower() in _NAME_STOP:
            words = words[1:]
        if len(words) >= 2 and words[0][0].isupper() and not words[0].isupper():
            return " ".join(words)
    return None


_PROPER = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b")
_WORD_STOP = (STOP_PLACES - {"easter"}) | {
    "in",
    "on",
    "at",
    "after",
    "but",
    "and",
    "police",
    "officials",
    "said",
}


def proper_words(text: str, limit: int = 40) -> list[str]:
    """Capitalised phrases not opening a sentence, lower-cased: names for cross-document linking."""
    out: set[str] = set()
    acting = {m.group(1).lower(): m.group(2) for m in _ACTING.finditer(text)}
    for m in _PROPER.finditer(text):
        if m.start() == 0 or text[max(0, m.start() - 2) : m.start()].strip() in {".", "\n", ""}:
            continue
        word = m.group(0).lower()
        if word not in _WORD_STOP:
            out.add(f"{word} {acting[word]}" if word in acting else word)
    return sorted(out)[:limit]


_ACTING = re.compile(
    r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*) (militias?|fighters|rebels|militants|insurgents|gunmen"
    r"|forces|troops|soldiers)\b"
)
"""A name the text calls a militia or a force ("Janjaweed militia"): an actor, wherever named."""


ACTOR_TAILS = {
    "army",
    "armies",
    "forces",
    "force",
    "police",
    "militia",
    "militias",
    "rebels",
    "guerrillas",
    "front",
    "movement",
    "brigade",
    "brigades",
    "battalion",
    "regiment",
    "corps",
    "guard",
    "guards",
    "committee",
    "committees",
    "council",
    "observatory",
    "congress",
    "party",
    "group",
    "network",
    "coalition",
    "alliance",
    "command",
    "ministry",
    "government",
    "agency",
    "authority",
    "authorities",
    "commission",
    "mission",
    "rights",
    "troops",
    "fighters",
    "soldiers",
    "resistance",
    "militants",
    "insurgents",
    "gunmen",
}
"""Last words of the name of an armed group, a force or an agency: it acts in many events."""
TITLES = {
    "president",
    "prime",
    "minister",
    "general",
    "gen",
    "lieutenant",
    "lt",
    "colonel",
    "col",
    "major",
    "maj",
    "captain",
    "capt",
    "commander",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "governor",
    "sheikh",
    "brigadier",
    "sergeant",
}
"""First words of an official's name: spokesmen and leaders speak of many events."""


@lru_cache(maxsize=65536)
def is_actor(word: str) -> bool:
    """Whether a proper name (lower-cased) names an actor rather than the event: "sudan
    liberation army", "the local coordination committees", "lieutenant paddy ankunda".
    Actors are shared by many events in a region, so they are weak evidence of one."""
    parts = word.split()
    return len(parts) > 1 and (parts[-1] in ACTOR_TAILS or parts[0] in TITLES)


def _event_date(
    headline: str, lead: list[Sentence], pub: date | None
) -> tuple[str | None, int | None]:
    """The earliest day-precise date of the headline and first lead sentences (later ones
    are usually reports about the event), else the first date of the lead, else nothing."""
    first = [
        d
        for text in [headline] + [s.text for s in lead[:3]]
        for d in find_dates(text, pub)
        if not (d.lo == pub and (text is headline or len(text) < 80))
    ]
    found = [
        d
        for d in first
        if d.prec <= 3
        and d.kind not in {"since_my", "since_year"}
        and not (pub and d.lo > pub)
        and not (d.kind == "iso" and d.lo == pub)
    ]
    if found:
        d = min(found, key=lambda d: d.lo)
        return d.iso, d.prec
    for d in first:
        if d.kind == "years_since":
            return d.iso, d.prec
    for s in lead:
        for d in find_dates(s.text, pub):
            if d.kind in {"since_year", "since_my", "rel_year"} or (pub and d.lo > pub):
                continue
            return d.iso, d.prec
    return None, None


def describe(doc: Document, headline: str, lead: list[Sentence]) -> LocalIncident:
    """The article's main incident: type, name, date, place and linking cues."""
    lead_text = "\n".join(s.text for s in lead)
    top = headline + "\n" + lead_text
    kind = incident_type(headline) or incident_type(" ".join(s.text for s in lead[:2]))
    kind = kind or incident_type(lead_text)
    pub = parse_iso(doc.published)
    date_s, prec = _event_date(headline, lead, pub)
    if date_s is None and pub:
        date_s, prec = format_range(pub - timedelta(days=6), pub, 3), 3
    early = len(headline) + 1 + (len(lead[0].text) if lead else 0)
    where = document_place(doc, top, early)
    loc, country, admin1 = where.loc, where.country, where.admin1
    words = proper_words(without_playlist(top))
    return LocalIncident(
        doc_id=doc.id,
        key="main",
        name=name_in(top),
        type=kind,
        date=date_s,
        date_prec=prec,
        place=loc.place if loc else None,
        admin1=admin1,
        country=country,
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        where_prec=7
        if _AT_SEA.search(top)
        else loc.where_prec
        if loc
        else (6 if country else None),
        background=False,
        published=doc.published,
        cues=("kind:main",)
        + (loc.cues if loc else ())
        + tuple(f"w:{w}" for w in words)
        + home_cues(doc, top, loc, country, admin1),
    )
