"""Words that carry meaning for figures: harm cues, people nouns, qualifiers, units.

Everything here is generic English news vocabulary; nothing is tuned to any one
article. Patterns are compiled once at import.
"""

from __future__ import annotations

import re

from tally.extract.vocab import english
from tally.keywords import quick_start

VOCAB = english()
_CUES = list(VOCAB.cues)
"""Harm cues, most specific first: "believed buried" is missing before "buried" is killed."""
CUE_RE = quick_start(
    re.compile("|".join(f"(?P<c{i}>\\b(?:{p})\\b)" for i, (_, p) in enumerate(_CUES)), re.I)
)
CUE_CATEGORY = [c for c, _ in _CUES]


def cue_category(m: re.Match[str] | None) -> str:
    """The category of a `CUE_RE` match."""
    return CUE_CATEGORY[int(m.lastgroup[1:])] if m and m.lastgroup else "killed"


SHOT_FIRED = re.compile(rf"\s*(?:{'|'.join(VOCAB.shot_fired)})", re.I)
"""What after "one shot" makes the shot a gunshot ("one shot was fired"), nobody shot."""
SHOT_FIRED_BEFORE = re.compile(
    rf"\b(?:{'|'.join(VOCAB.shot_fired_before)})\s+(?:(?:a|an|one|the|another|his|her|their)\s+)?"
    rf"(?:(?:{'|'.join(VOCAB.ordinals)}|single|warning|fatal|final)\s+)?$",
    re.I,
)
"""A verb of firing right before "shot" ("fired a second shot", "heard one shot"): the
gunshot is its object."""
VERB_BEFORE = quick_start(re.compile(VOCAB.verbs_before_pattern, re.I))
"""Verbs that take the harmed count as their object: "killing 132 people", "wounding 15"."""
FATE_VERB_BEFORE = quick_start(re.compile(rf"\b(?:{'|'.join(VOCAB.fate_verbs_before)})\s+$", re.I))
"""Verbs whose object's harm is told after it: "left two men dead", "leaving four wounded"."""

GROUP_NOUNS: dict[str, str] = VOCAB.group_nouns
"""Noun heads that count people, with the group each names."""
THINGS = VOCAB.things
RUN_AUX = r"(?:were|are|was|is|have\s+been|had\s+been)"
NOUN_TAIL = r"(?:of|from|with)\s+(?:the\s+|a\s+|an\s+)?[\w-]+(?:\s+[\w-]+){0,2}?\s*"
"""A short phrase a count's noun goes on in before the next count of a list ("one soldier
from the army and four rebels"): read alike by the list (`figures`) and its run (`runs`)."""
"""The auxiliary a run of counts shares its fate by ("4 firemen and 6 police were wounded")."""
ROLE_NOUNS = VOCAB.role_nouns
"""Noun heads naming a role among the harmed ("two teachers"): a count of them is a part."""
MODIFIER_GROUPS = VOCAB.modifier_groups
SERVICE = re.compile(r"\bservice\s+(?:members?|personnel)\b", re.I)
DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ans|ians|is|ese|ish)$|^Burkinabe$")

# Words that may stand between a number and its noun ("13 U.S. troops", "eight other people").
FUNCTION_WORDS = {
    "were", "was", "had", "have", "has", "are", "is", "in", "on", "at", "from", "to", "by",
    "of", "and", "or", "who", "that", "which", "the", "a", "an", "been", "with", "as", "for",
    "after", "before", "when", "while", "since", "but", "than", "per", "said", "says", "say",
    "will", "would", "could", "may", "might", "be", "this", "these", "those", "its", "their",
    "near", "during", "inside", "outside", "across", "under", "amid", "amidst", "around",
    "through", "throughout", "along", "against", "within", "despite", "behind", "into", "onto",
    "upon", "following", "over", "toward", "towards", "beyond",
}  # fmt: skip
"""Words that end the noun phrase after a number: auxiliaries, articles, pronouns and the
prepositions that open a place or a time ("killed 3 near the border")."""

# What follows a number that is not a count of people (ages, units, times, sums).
NOT_COUNT_AFTER = re.compile("^(?:" + "|".join(VOCAB.not_count_after) + ")", re.I)
NOT_COUNT_BEFORE = quick_start(
    re.compile(
        r"(?:[$€£¥₹]\s*|\b(?:aged?|ages(?:\s+of)?|between\s+the\s+ages\s+of)\s+\d+\s*(?:and|or|to|-)\s*$"
        r"|\b(?:image|photo|picture|slide|video)s?\s+\d+\s+(?:of|/)\s*$"
        r"|\bboth\s*$|\b(?:" + VOCAB.alternation(VOCAB.not_count_before) + r")\s*)$",
        re.I,
    )
)
NOT_COUNT_BEFORE_ENDS = VOCAB.last_words(VOCAB.not_count_before) | {"and", "or", "to", "both"}
"""The words `NOT_COUNT_BEFORE` can end on, when it ends on a word (see `keywords.may_end_with`)."""

ADDRESS_AFTER = re.compile(
    r"^\s+(?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?(?:[A-Z][\w'.-]*\s+){1,3}"
    r"(?:St|Street|Ave|Avenue|Road|Rd|Blvd|Boulevard|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl"
    r"|Highway|Hwy|Circle|Cir|Terrace|Parkway|Pkwy|Pike|Trail|Square|Sq)\b|^\s+block\b",
)
AGE_OF_PERSON = re.compile(
    r"\b(?:an?|the|one|another)\s+(?:[a-z]+\s+)?(?:male|female|man|woman|boy|girl|teen|teenager"
    r"|juvenile|victim|adult)s?\s*,\s*$"
)
"""A person noun set off before an age ("a male, 28, and a female, 20, were taken to ...")."""
AGE_END = re.compile(r"^\s*(?:[,;.)]|-|–|—|and\b|$)")
"""What follows an age set off by commas."""
AT_ADDRESS = re.compile(r"\bat\s+$")
"""What comes before a house number ("shot at 4006 N. Main", "outside a home at 500 NE 2nd")."""
ADDRESS_NEXT = re.compile(
    r"^\s+(?:(?:[NSEW]|NE|NW|SE|SW)\.?(?=\s|$)|\d+(?:st|nd|rd|th)\b|"
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April"
    r"|May|June|July|August|September|October|November|December)\b)[A-Z][a-z]+\b(?!\s+(?:people|"
    r"of|residents|victims)\b))"
)
"""What follows a house number: a compass point, an ordinal street or a street's name."""
NUMBER_BEFORE = re.compile(
    r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+$", re.I
)

QUALIFIERS: list[tuple[str, str]] = list(VOCAB.qualifiers)
QUALIFIER_RE = quick_start(
    re.compile(
        "(?:" + "|".join(f"(?P<q{i}>\\b(?:{p}))" for i, (_, p) in enumerate(QUALIFIERS)) + r")\s+$",
        re.I,
    )
)


def qualifier_before(text: str) -> tuple[str, int] | None:
    """The qualifier that ends `text` ("... at least "), and where it starts, or None."""
    tail = text[-40:]
    m = QUALIFIER_RE.search(tail)
    if not m or not m.lastgroup:
        return None
    return QUALIFIERS[int(m.lastgroup[1:])][0], len(text) - len(tail) + m.start()
