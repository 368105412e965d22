"""Words that carry meaning for figures: harm cues, people nouns, qualifiers, units.

Everything here is generic English news vocabulary; nothing is tuned to any one
article. Patterns are compiled once at import.
"""

from __future__ import annotations

import re

# Harm cues, most specific first: "believed buried" is missing before "buried" is killed.
_CUES: list[tuple[str, str]] = [
    (
        "missing",
        r"(?:still\s+)?(?:believed|feared|thought)\s+(?:to\s+(?:be|have\s+been)\s+)?(?:buried|trapped)",
    ),
    (
        "missing",
        r"feared\s+missing|unaccounted\s+for|missing|trapped|not\s+(?:yet\s+)?been\s+found",
    ),
    ("captured", r"(?:feared|believed|suspected\s+to\s+have\s+been)\s+(?:abducted|kidnapped)"),
    ("killed", r"feared\s+dead|confirmed\s+dead|presumed\s+dead|declared\s+dead|pronounced\s+dead"),
    ("killed", r"among\s+the\s+(?:dead|victims|killed|fatalities|deceased)"),
    ("injured", r"among\s+the\s+(?:injured|wounded)"),
    (
        "killed",
        r"lost\s+their\s+lives|lives\s+(?:were|have\s+been)\s+lost|claim(?:ed|ing|s)?\s+the\s+lives\s+of",
    ),
    (
        "killed",
        r"cut\s+the\s+throats\s+of|shot\s+dead|shot\s+to\s+death|shot\s+and\s+killed|fatally\s+(?:shot|wounded|injured|stabbed)|gunned\s+down|burned\s+to\s+death|stabbed\s+to\s+death",
    ),
    (
        "injured",
        r"in\s+(?:a\s+)?(?:critical|serious|stable|grave|fair|good)\s+condition|with\s+(?:\w+\s+){0,2}?(?:injuries|wounds)|(?:to|in|at)\s+(?:the\s+|a\s+|local\s+|area\s+)?hospitals?|survived\s+with\s+(?:\w+\s+)?injuries|hit\s+by\s+gunfire|in\s+hospital|hospitali[sz]ed|for\s+treatment|being\s+treated|were\s+treated|treated\s+for",
    ),
    (
        "captured",
        r"(?:remain|remained|held|still)\s+in\s+captivity|held\s+(?:hostage|captive)|taken\s+(?:hostage|prisoner|captive)|took\s+(?:\w+\s+){0,3}?(?:prisoner|hostage|captive)s?",
    ),
    (
        "displaced",
        r"lost\s+their\s+homes|without\s+(?:a\s+)?(?:[a-z]+\s+)?(?:homes?|shelter|roofs?\s+over\s+their\s+heads)|(?:sought|seeking|took|taking|found)\s+refuge|forced\s+from\s+their\s+homes|driven\s+(?:\w+\s+){0,3}?from\s+their\s+homes|fled\s+their\s+homes|made\s+homeless|left\s+homeless|(?:in|to|at)\s+relief\s+(?:camps?|sites?)|living\s+in\s+(?:camps|shelters|tents)",
    ),
    (
        "killed",
        r"kill(?:ed|ing|s)?|dead|deaths?|died|dies|dying|drowned|drowning|perish(?:ed|ing)?|slain|slaughter(?:ed|ing)?|massacr(?:ed|ing)|murder(?:ed|ing)|execut(?:ed|ing)|behead(?:ed|ing)|fatalit(?:y|ies)|bod(?:y|ies)|buried|burial|bury(?:ing)?|toll",
    ),
    ("injured", r"injur(?:ed|ing|ies|y)|wound(?:ed|ing)|hurt|maimed|treated|admitted|shot"),
    ("captured", r"abduct(?:ed|ing|ion)|kidnap(?:ped|ping)|hostages?|captives?|captured|prisoner"),
    (
        "displaced",
        r"displac(?:ed|ing|ement)|evacuat(?:ed|ing)|(?:fled|flee(?:ing|s)?)(?!\s+(?:the\s+)?(?:scene|area|police|officers|on\s+foot|in\s+a))|homeless|refugees|uprooted|sheltering|in\s+shelters",
    ),
]
CUE_RE = re.compile("|".join(f"(?P<c{i}>\\b(?:{p})\\b)" for i, (_, p) in enumerate(_CUES)), re.I)
CUE_CATEGORY = [c for c, _ in _CUES]


def cue_category(m: re.Match[str] | None) -> str:
    """The category of a `CUE_RE` match."""
    return CUE_CATEGORY[int(m.lastgroup[1:])] if m and m.lastgroup else "killed"


# Verbs that take the harmed count as their object: "killing 132 people", "wounding 15".
VERB_BEFORE = re.compile(
    r"\b(?:(?P<killed>kill(?:s|ed|ing)?|slaughter(?:s|ed|ing)?|massacr(?:es|ed|ing)|murder(?:s|ed|ing)?"
    r"|execut(?:es|ed|ing)|behead(?:s|ed|ing)?|cut\s+the\s+throats\s+of|shot\s+dead|shoot(?:s|ing)?\s+dead"
    r"|claim(?:s|ed|ing)?\s+the\s+lives\s+of|lives\s+of|bur(?:y|ied|ying)|burial\s+of|recover(?:ed|ing)?"
    r"|left|leaving|deaths\s+of|(?:among\s+)?the\s+(?:dead|victims|fatalities|deceased)\s+(?:were|are|was|is"
    r"|included|include|includes)"
    r"|toll\s+(?:rises|rose|risen|climbs|climbed|reaches|reached|jumps|jumped|hits|hit|soars|soared"
    r"|passes|passed|tops|topped|stands|stood)\s+(?:to|at)?)"
    r"|(?P<injured>wound(?:s|ed|ing)?|injur(?:e|es|ed|ing)|hurt(?:ing)?|maim(?:s|ed|ing)?|treat(?:ed|ing)"
    r"|received|admitted|hospitali[sz]ed|(?:among\s+)?the\s+(?:injured|wounded)\s+(?:were|are|included|include|includes))"
    r"|(?P<captured>abduct(?:s|ed|ing)?|kidnap(?:s|ped|ping)?|captur(?:es|ed|ing))"
    r"|(?P<displaced>displac(?:e|es|ed|ing)|evacuat(?:e|es|ed|ing)|uproot(?:s|ed|ing)?|driv(?:es|en|ing)|forced"
    r"|sheltering|housing))\s*$",
    re.I,
)

# Noun heads that count people, with the group each names.
GROUP_NOUNS: dict[str, str] = {}
for _group, _words in {
    "civilians": "civilian civilians",
    "combatants": (
        "troops soldier soldiers servicemen servicewomen serviceman marines marine sailors airmen"
        " corpsman corpsmen fighters militants insurgents attackers gunmen jihadists rebels"
        " militiamen militia paratroopers commandos guardsmen personnel combatants terrorists"
        " assailants bombers gunman attacker forces paramilitaries"
    ),
    "women": "women woman females mothers wives widows girlfriends",
    "men": "men man males fathers husbands",
    "children": (
        "children child kids boys boy girls girl schoolgirls schoolboys schoolchildren pupils"
        " students student infants babies toddlers minors teenagers juveniles youngsters"
    ),
    "elderly": "elderly elders pensioners",
    "people": (
        "people persons person victims villagers residents citizens police policemen officers"
        " workers journalists teachers teacher patients worshippers pilgrims passengers migrants"
        " farmers labourers laborers harvesters miners employees staff guests spectators fans"
        " protesters demonstrators relatives individuals inhabitants casualties hostages prisoners"
        " captives shoppers commuters tourists fishermen herders congregants parishioners"
        " doctors nurses volunteers rescuers firefighters members others bodies deaths dead"
        " refugees survivors nationals locals sub-inspectors inspectors"
        " agents guards officials diners customers visitors Muslims Christians Hindus"
        " lives souls natives settlers peacekeepers aid detainees inmates crew crewmen"
    ),
}.items():
    for _w in _words.split():
        GROUP_NOUNS[_w.lower()] = _group
# Noun heads naming a role among the harmed ("two teachers", "a police officer"): a count of
# them is a part of the people harmed, not their total (`Figure.subset`).
_ROLES = (
    "teacher teachers officer officers policeman policemen trooper troopers deputy deputies"
    " agent agents firefighter firefighters journalist journalists reporter reporters nurse"
    " nurses doctor doctors guard guards employees inspectors sub-inspectors constable"
    " constables"
)
ROLE_NOUNS = frozenset(_ROLES.split())
_THINGS = (
    "houses homes buildings structures livestock cattle animals goats sheep cows pigs chickens"
    " poultry dogs horses camels vehicles cars trucks buses boats ships aircraft planes shops"
    " schools mosques churches hospitals hectares acres crops trees bridges roads rounds shots"
    " bullets shells rockets missiles drones weapons guns rifles tonnes tons kilometres miles"
    " metres feet aftershocks tremors fires villages towns districts cases incidents attacks"
    " strikes raids years days hours minutes weeks months times points votes seats dollars"
    " rupees euros pounds percent units beds tents homesteads huts dwellings properties"
)
THINGS = frozenset(_THINGS.split())
"""Plural nouns that count things, not people ("2,272 houses")."""
MODIFIER_GROUPS = {"civilian": "civilians", "female": "women", "male": "men", "elderly": "elderly"}
SERVICE = re.compile(r"\bservice\s+(?:members?|personnel)\b", re.I)
DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ans|ians|is|ese|ish)$|^Burkinabe$")

# Words that may stand between a number and its noun ("13 U.S. troops", "eight other people").
FUNCTION_WORDS = {
    "were", "was", "had", "have", "has", "are", "is", "in", "on", "at", "from", "to", "by",
    "of", "and", "or", "who", "that", "which", "the", "a", "an", "been", "with", "as", "for",
    "after", "before", "when", "while", "since", "but", "than", "per", "said", "says", "say",
    "will", "would", "could", "may", "might", "be", "this", "these", "those", "its", "their",
}  # fmt: skip

# What follows a number that is not a count of people.
NOT_COUNT_AFTER = re.compile(
    r"^(?:[-–]?\s*(?:year|yr|month|week|day|hour|minute|second)s?[-–]?old\b"
    r"|\s*(?:%|per\s*cent|percent|pc\b)"
    r"|[-–]\w|\s*body\s+parts"
    r"|\s*(?:st|nd|rd|th)\b"
    r"|\s*(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|decades?|centuries)\b"
    r"|\s*(?:km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|foot|ft|inch(?:es)?|cm|mm|kg|kilos?"
    r"|kilograms?|tonnes?|tons?|acres?|hectares?|sq\b|square|degrees?|mph|kph|km/h)\b"
    r"|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b|hrs\b|o'clock)"
    r"|\s*(?:dollars?|euros?|pounds?|rupees?|naira|yuan|yen|francs?|shillings?|usd|eur)\b"
    r"|\s*(?:million|billion)\s+(?:dollars?|euros?|pounds?|rupees?|naira))",
    re.I,
)
NOT_COUNT_BEFORE = re.compile(
    r"(?:[$€£¥₹]\s*|\b(?:aged?|ages(?:\s+of)?|between\s+the\s+ages\s+of)\s+\d+\s*(?:and|or|to|-)\s*$|\bboth\s*$|\b(?:US|USD|Rs\.?|Rp|EUR|GBP|No\.|number|resolutions?|aged|ages|age|magnitude"
    r"|route|highway|interstate|flight|unit|room|apartment|suite|block|page|chapter|article|section"
    r"|platform|gate|level|category|grade|class|phase|code|call|dial|tel\.?|phone|home\s+to"
    r"|population\s+of|populated\s+by|inhabited\s+by|capacity\s+of|(?:city|town|state|country"
    r"|village|district|nation|community|region|province)\s+of)\s*)$",
    re.I,
)
_NOT_COUNT_ENDS = (
    "and or to both us usd rs rp eur gbp number resolution resolutions aged ages age magnitude"
    " route highway interstate flight unit room apartment suite block page chapter article"
    " section platform gate level category grade class phase code call dial tel phone of by"
)
NOT_COUNT_BEFORE_ENDS = frozenset(_NOT_COUNT_ENDS.split())
"""The words `NOT_COUNT_BEFORE` can end on, when it ends on a word (see `keywords.may_end_with`)."""

ADDRESS_AFTER = re.compile(
    r"^\s+(?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?(?:[A-Z][\w'.-]*\s+){1,3}"
    r"(?:St|Street|Ave|Avenue|Road|Rd|Blvd|Boulevard|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl"
    r"|Highway|Hwy|Circle|Cir|Terrace|Parkway|Pkwy|Pike|Trail|Square|Sq)\b|^\s+block\b",
)
NUMBER_BEFORE = re.compile(
    r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+$", re.I
)

QUALIFIERS: list[tuple[str, str]] = [
    (
        "at_least",
        r"at\s+least|no\s+(?:fewer|less)\s+than|not\s+less\s+than|a\s+minimum\s+of|at\s+a\s+minimum",
    ),
    (
        "more_than",
        r"more\s+than|over|above|in\s+excess\s+of|upwards\s+of|exceed(?:s|ed|ing)?|pass(?:es|ed|ing)?|past|topp?(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beyond|just\s+over|well\s+over",
    ),
    (
        "at_most",
        r"up\s+to|as\s+many\s+as|as\s+much\s+as|at\s+most|no\s+more\s+than|a\s+maximum\s+of",
    ),
    ("fewer_than", r"fewer\s+than|less\s+than|under|below|just\s+under"),
    (
        "about",
        r"about|around|nearly|almost|some|roughly|approximately|approx\.?|an\s+estimated|estimated|close\s+to|near(?:ly)?|circa|perhaps|more\s+or\s+less|upward\s+of",
    ),
]
QUALIFIER_RE = re.compile(
    "(?:" + "|".join(f"(?P<q{i}>\\b(?:{p}))" for i, (_, p) in enumerate(QUALIFIERS)) + r")\s+$",
    re.I,
)


def qualifier_before(text: str) -> tuple[str, int] | None:
    """The qualifier that ends `text` ("... at least "), and where it starts, or None."""
    tail = text[-40:]
    m = QUALIFIER_RE.search(tail)
    if not m or not m.lastgroup:
        return None
    return QUALIFIERS[int(m.lastgroup[1:])][0], len(text) - len(tail) + m.start()
