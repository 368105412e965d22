"""Word lists and patterns for counting victims without a numeral.

Kept apart from `victims.py` so the counting logic reads on its own: here are
the nouns that name a person, the words that count them, and the predicates
that say a person was killed, wounded or merely shot.
"""

from __future__ import annotations

import re

from tally.extract.vocab import english
from tally.keywords import quick_start, word_alternation
from tally.words import MONTHS, WEEKDAYS, small_numbers

NUMBER_WORDS: dict[str, int] = {
    **small_numbers(19),
    "twenty": 20,
    "both": 2,
    "pair": 2,
    "couple": 2,
}

MULTIPLE_SHOOTING: dict[str, int] = {
    "double": 2,
    "triple": 3,
    "quadruple": 4,
    "quintuple": 5,
}

ORDINALS = english().ordinals
"""Ordinal words from "second" (`tolls.toml`): "a fifth victim" is the fifth harmed."""

_NOUNS = english().victim_nouns
GROUP_OF: dict[str, str] = {"civilian": "civilians", "civilians": "civilians"}
for _group, _words in _NOUNS.values():
    for _w in _words:
        GROUP_OF[_w] = _group

GROUP_HEADS = word_alternation(GROUP_OF)
"""Every people noun, as one alternation (longest first)."""
PLURAL_NOUNS = frozenset(
    w
    for w in GROUP_OF
    if (w.endswith("s") and w not in {"others", "boss"})
    or w in {"men", "women", "people", "children", "personnel"}
    or w.endswith("men")
) | {"others", "gunmen", "schoolchildren"}
MALE = frozenset(_NOUNS["men"][1]) | {"boy", "boys", "he", "him", "gunman", "gunmen"}
FEMALE = frozenset(_NOUNS["women"][1]) | {"girl", "girls", "she", "her"}
ATTACKER_NOUNS = frozenset(_NOUNS["attackers"][1])
OFFICE_NOUNS = frozenset(_NOUNS["roles"][1]) | frozenset(_NOUNS["trades"][1])
"""Nouns of an office or trade: one bare after "and" names the same person again ("a
scholar and administrator of the seminary"), unlike kin ("a husband, wife and son")."""

_AGE_NUM = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_AGE = _AGE_NUM + r"[- ](?:year|month|week|day)s?[- ]old"
_NUM = r"(?:(?<![/.:\d])\d{1,3}(?![/:]\d)|" + "|".join(NUMBER_WORDS) + r")"
"""A count: a numeral that is no part of a date or a time ("on 21/12"), or a number word."""
DEMONYM_ONE = r"(?-i:[A-Z][a-z]{2,}(?:ian|an|i|ese))"
"""One person's nationality or people as written ("Palestinian", "Israeli", "Sudanese")."""
_DEMONYM_HEAD = (
    r"(?:(?<=\ba\s)|(?<=\ban\s))"
    + DEMONYM_ONE
    + r"(?=\s*(?:[,.;:)]|$)|\s+(?:was|were|is|who|had|has|died|and|in|near|from|at|on|by|after|during|when|while|as|outside|inside|with)\b)"
)
"""One person named by a nationality or people after "a" or "an" ("an Israeli was shot",
"injured a Palestinian"), not a modifier of a noun after it ("an Italian restaurant")."""
_HEAD = (
    r"(?:(?:\w+-)?(?:" + GROUP_HEADS + r")|"
    r"(?:\w+[- ])?graders?|" + _DEMONYM_HEAD + r")"
)
_STOP = (
    r"the|a|an|and|or|but|was|were|is|are|his|her|their|of|in|on|at|by|to|with|for|from|after|"
    r"before|who|that|said|says|when|while|as|where|which|there|then|also|days?|weeks?|months?|"
    r"years?|hours?|minutes?|nights?|times|shots|rounds|" + "|".join(NUMBER_WORDS)
)
_MOD = (
    r"(?:(?:" + _AGE + r"|teenage|young|elderly|older|younger|unidentified|unnamed|unknown|"
    r"local|off-duty|on-duty|innocent|pregnant|armed|alleged|wounded|injured|other|"
    r"police|school|high-school|college|store|gas-station|shooting|gunshot|male|female|"
    r"black|white|hispanic|asian|[a-z]+-year-old)(?:\s*,\s*|\s+)|"
    r"(?-i:(?:[A-Z]\.){2,3})\s+|"
    r"(?!(?:" + _STOP + r")\b)[A-Za-z][a-z'’]*(?:-[A-Za-z]+)*\s+)"
)
"""A modifier of a people noun: an age, a word, or a dotted abbreviation ("a U.N. envoy")."""
_DET = (
    r"(?P<det>another|a\s+(?:" + "|".join(ORDINALS) + r")|an?|one|the|this|that|"
    r"(?:the|his|her|their|its|[a-z]\w+['’]s)\s+" + _NUM + r"(?:\s+other)?|his|her|"
    r"their|its|[a-z]\w+['’]s|both|all|all\s+"
    + _NUM
    + r"|"
    + _NUM
    + r"(?:\s+(?:other|more|additional))?|"
    r"" + _NUM + r"\s+of\s+(?:the|them|those|whom|which|his|her|their)(?:\s+" + _NUM + r")?)"
)
NP = quick_start(
    re.compile(
        r"\b" + _DET + r"\s+(?P<mods>" + _MOD + r"{0,4})(?P<head>" + _HEAD + r"|" + _AGE + r")\b"
        r"(?:,\s*(?P<age>\d{1,2}),)?",
        re.IGNORECASE,
    )
)
BARE_NP = re.compile(
    r"\b(?P<mods>(?:"
    + _AGE
    + r"|teenage|young|elderly|suspected|alleged|armed|unarmed|local|innocent|unidentified"
    r"|unknown|off-duty|cattle|livestock|(?!(?:"
    + _STOP
    + r")\b)(?-i:[A-Z][a-z]+|[A-Z]{2,5}))\s+){0,3}(?P<head>"
    + _HEAD
    + r"|"
    + _AGE
    + r")\b"
    r"(?:,\s*(?P<age>\d{1,2})(?![\d-]),?)?",
    re.IGNORECASE,
)
LOOSE_NP = re.compile(
    r"\b(?P<mods>(?:(?!(?:"
    + _STOP
    + r"|kill|kills|shoot|shoots|and|\w+ing)\b)[A-Za-z][a-z'’]*(?:-[A-Za-z]+)*\s+)"
    r"{0,3})(?P<head>" + _HEAD + r")\b(?!['’-])(?P<age>)",
    re.IGNORECASE,
)
"""A noun phrase of a headline's object without a determiner, its modifiers any words
("kill mobile phone company employee", "shoot peace activist")."""
PARTICLE = r"(?:(?:al|el|as|ad|ash|ibn|bin|abu|abd|ul|ud|de|da|van|von)[-\s])"
"""A lower-case particle inside a name ("Mohammed al-Garawi", "Omar bin Said")."""
NAME_WORD = r"[A-Z][a-z'’]+(?:[A-Z][a-z'’]+)?"
"""A capitalised word of a name, with a capital inside it as many surnames and given names
have ("McNeil", "DeShawn", "O'Neal", "LaToya")."""
NAME = re.compile(
    r"(?P<name>(?:"
    + NAME_WORD
    + r"(?:-[A-Z][a-z]+)?|[A-Z]\.)(?:\s+(?:"
    + NAME_WORD
    + r"(?:-[A-Z][a-z]+)?|[A-Z]\.|Jr\.?|Sr\.?|II|III|"
    + PARTICLE
    + NAME_WORD
    + r")){0,3})(?:,\s*(?P<age>\d{1,2}))?,?\s*$"
)
PARTITIVE = quick_start(
    re.compile(
        r"(?<!,)(?<!,\s)(?<!ages\s)(?<!aged\s)(?<!age\s)(?<!father\sof\s)(?<!mother\sof\s)"
        r"(?<!parent\sof\s)(?<!dad\sof\s)(?<!mom\sof\s)\b(?P<n>"
        + _NUM
        + r")(?:\s+of\s+(?:them|those|whom|which|the\s+(?:\w+\s+){0,2}?"
        r"(?:victims|people|men|women|boys|girls|teens|children|others)))?\s*$",
        re.IGNORECASE,
    )
)
PRONOUN = re.compile(r"\b(?P<pron>he|she)\s*$", re.IGNORECASE)
AGE_IN = re.compile(_AGE_NUM + r"[- ](year|month|week|day)s?[- ]old", re.IGNORECASE)

ANOTHER = re.compile(
    r"\b(?:another|a\s+(?:" + "|".join(ORDINALS) + r")|the\s+other)\s*$", re.IGNORECASE
)
ELLIPTIC_OBJECT = re.compile(
    r"(?:(?P<another>another)(?:\s+(?P<n>" + _NUM + r"|dozen))?|(?P<m>" + _NUM + r")\s+more)"
    r"(?=\s*(?:[.,;:)]|$)|\s+(?:and|in|along|who|when|while|as|during|on|at|near|with|inside|"
    r"outside|before|after|according|but|by)\b)",
    re.IGNORECASE,
)
"""An object whose noun is left out as the one before it gives it ("killed a guard and
wounded another", "wounding another five", "injured three more"): how many, of the same
people."""
WOUNDING_OF = quick_start(
    re.compile(
        r"\b(?P<i>wounding|injuring)\s+of\s+|\b(?P<s>(?:non-fatal\s+)?shooting)\s+of\s+",
        re.IGNORECASE,
    )
)
DEATH_OF = re.compile(
    r"\b(?:(?:shooting|gunshot)\s+)?(?:deaths?|killings?|murders?|slayings?|homicides?|"
    r"assassinations?|executions?|lynchings?|(?P<body>body|corpse|(?P<bodies>bodies)))\s+of\s+",
    re.IGNORECASE,
)
FOUND_AFTER = re.compile(
    r"[^.;:!?]{0,80}?\b(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
    r"(?:(?:later|then|subsequently|eventually)\s+)?"
    r"(?:found|recovered|discovered|dumped|retrieved|fished\s+out|exhumed)\b",
    re.IGNORECASE,
)
"""The finding that makes "the body of a farmer" a death of this event: "... was found"."""
_FINDING = r"(?:found|recovered|discovered|retrieved|exhumed|(?:pulled|fished)\s+out)"
"""The verbs of a finding told actively ("police recovered ...")."""
FOUND_BEFORE = re.compile(
    r"\b" + _FINDING + r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
"""The same, told actively: "police recovered the body of a man"."""
COUNT_IN = re.compile(
    r"(?<![\d.,-])(?<!"
    + r")(?<!".join(m[:3] for m in MONTHS)
    + r")(?<!"
    + r"\s)(?<!".join(m[:3] for m in MONTHS)
    + r"\s)(?!(?:19|20)\d\d\b)\d[\d,]*(?![\d,]*[- ](?:year|month|week|day)s?[- ]old)(?![\d,.:-])"
    r"(?!(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + "|".join(m[:3] for m in MONTHS) + r"))",
    re.IGNORECASE,
)
"""A count in digits (not an age): a sentence holding one counts its dead by number, and a
body named beside it ("after the body of a woman was found", the toll rose to 40) is one of
them."""
BODY_FOUND = re.compile(
    r"\b(?P<pron>his|her|an?|the\s+victim['’]s|(?-i:[A-Z][a-z'’-]{2,})['’]s)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:body|corpse)\s+"
    r"(?:was|is|had\s+been|has\s+been)\s+"
    r"(?:(?:later|then|subsequently|eventually)\s+)?(?:found|recovered|discovered|dumped|retrieved|"
    r"fished\s+out|exhumed)\b",
    re.IGNORECASE,
)
"""A victim known by the finding of his or her body ("his body was found in a ditch", "Omar's
body was recovered", "a body is discovered": someone not yet named, unless already seen)."""
BODY_FOUND_ACTIVE = re.compile(
    r"\b" + _FINDING + r"\s+(?P<pron>his|her|the\s+victim['’]s)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:body|corpse)\b",
    re.IGNORECASE,
)
"""The same finding told actively: "police found his body in a market", "found the victim's
body"."""
NOT_NAMES = frozenset([*WEEKDAYS, *MONTHS, *english().not_names])
"""Capitalised words that are no victim's name ("Police", "Monday", "Five")."""

_ADV = (
    r"(?:(?:also|reportedly|allegedly|apparently|accidentally|then|later|both|all|each|"
    r"initially|just|critically|seriously|badly|severely|gravely|possibly|"
    r"still|now|eventually|subsequently|immediately|previously|unintentionally|"
    r"ultimately|tragically|multiple|several|repeatedly|once|twice|yesterday|(?!fatally|mortally)[a-z]{2,}ly|"
    # a day told between the auxiliary and the participle ("were on 24/02 lynched")
    r"on\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
    r"(?:\s+(?:night|morning|evening|afternoon))?)\s+)*"
)
_AUX = r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been|got|gets|been|being|be)\s+"
_HOSPITAL = (
    r"(?:(?:a|an|the|area|local|nearby|several|two|different)\s+)*(?:[A-Z][\w'.-]*\s+){0,5}"
    r"(?:hospitals?|medical\s+centers?|trauma\s+centers?)"
)
_CONDITION = r"(?:critical|serious|stable|fair|good|grave|satisfactory|life-threatening)"

KILLED_PASSIVE = (
    r"shot\s+and\s+killed|shot\s+dead|shot\s+to\s+death|shot\s+and\s+(?:fatally|mortally)\s+"
    r"wounded|killed|slain|murdered|gunned\s+down\s+and\s+killed|(?<!had\sbeen\s)gunned\s+down|"
    r"found\s+(?:shot\s+)?dead|"
    r"found\s+shot\s+to\s+death|decapitated|(?:hanged|hung)\s+to\s+death|(?:pronounced|declared|reported)\s+dead|fatally\s+(?:shot|wounded|"
    r"injured|struck|hit)|mortally\s+wounded|dead|deceased|assassinated|executed|beheaded|lynched|martyred|"
    r"slaughtered|"
    r"(?:hacked|stabbed|beaten|bludgeoned|clubbed|stoned|tortured|crushed|chopped|axed|"
    r"macheted|strangled|choked|smothered|suffocated|battered|kicked|trampled|lynched|hammered|slashed|"
    r"clobbered|bashed|burned|burnt)\s+to\s+death|burn(?:ed|t)\s+alive|"
    r"(?:taken|removed)\s+(?:off|from)\s+life\s+support|"
    r"found\s+(?:decapitated|beheaded|murdered|slain|strangled|executed|with\s+(?:his|her|their)\s+"
    r"throats?\s+(?:slit|slashed|cut)|(?:stabbed|hacked|beaten|bludgeoned|burned|tortured)\s+to\s+death)"
)
INJURED_PASSIVE = (
    r"shot\s+and\s+(?:wounded|injured|hurt)|wounded|injured|hurt|hospitalized|"
    r"(?:listed\s+)?in\s+" + _CONDITION + r"(?:\s+(?:but|and)\s+" + _CONDITION + r")?\s+condition|"
    r"treated\s+(?:for|at|and\s+released)|expected\s+to\s+(?:survive|recover|be\s+ok)|"
    r"found\s+(?:wounded|injured)|"
    r"(?:taken|transported|rushed|flown|airlifted|driven)\s+to\s+[^,.;]{1,60}?\s+"
    r"(?:in|with)\s+(?:\w+\s+){0,2}(?:" + _CONDITION + r"|non-life-threatening|minor)\s+"
    r"(?:condition|injuries|wounds)"
)
SHOT_PASSIVE = (
    r"found\s+(?:shot|(?:with|suffering\s+from)\s+(?:an?\s+|multiple\s+)?(?:gunshot|bullet)\s+"
    r"wounds?)|(?:taken|transported|rushed|flown|airlifted|driven)\s+to\s+" + _HOSPITAL + r"|"
    r"shot|grazed|(?:struck|hit)(?=\s*(?:,|\.|$)|"
    r"\s+(?:in|on|and|multiple|once|twice|several|at\s+least)\b)"
)
SHOT_BY = (
    r"(?:struck|hit|grazed)\s+by\s+(?:what\s+(?:may\s+have\s+been|was|were|appeared\s+to\s+be)\s+)?"
    r"(?:a\s+)?(?:stray\s+)?[\"“]?(?:\w+\s+)?(?:bullets?|gunfire|a\s+round|pellets?|shots?)"
)

KILLED_ACTIVE = (
    r"died|dies|has\s+died|passed\s+away|succumbed|lost\s+(?:his|her|their)\s+li(?:fe|ves)|"
    r"did\s+not\s+survive|didn't\s+survive|proved\s+(?:to\s+be\s+)?fatal"
)
INJURED_ACTIVE = (
    r"(?P<s>(?:suffered|sustained|suffering|with|received)\s+"
    r"(?:what\s+(?:police\s+)?(?:said|called|described)\s+(?:as\s+)?(?:were|was)\s+)?(?:an?\s+|multiple\s+|several\s+|two\s+|three\s+)?"
    r"(?:\w+[- ]){0,3}(?:gunshot|gun\s+shot|bullet|graze|shotgun|pellet)\s+wounds?)|"
    r"(?:suffered|sustained)\s+(?:\w+[- ]){0,2}(?:injuries|injury|wounds?)|"
    r"remains?\s+(?:hospitalized|in\s+" + _CONDITION + r"\s+condition)|survived|"
    r"(?:is|are|was|were)\s+(?:still\s+)?recovering|"
    r"(?:is|was|are|were)\s+expected\s+to\s+(?:survive|recover)"
)

_BEFORE_DEATH = (
    r"(?:(?:abducted|kidnapped|seized|tortured|beaten|attacked|ambushed|dragged|raped|robbed|"
    r"mutilated|shot(?:\s+at)?|stabbed|hacked|taken\s+away)(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
    r"(?:(?:later|then|subsequently|eventually)\s+)?){0,3}"
)
"""Verbs of what was done to a victim before the death a passive names ("was abducted,
tortured and killed"): the death decides the category."""
_NOT_FIRED_AT = r"(?!\s+at\b(?!\s+(?:the|a|an|his|her|their|its|\d)\b))"
"""Not "shot at", fired upon ("was shot at but not hit", "shot at by gunmen"), unless a place
follows it ("were shot at the market": hit there)."""
PASSIVE = re.compile(
    r"(?P<aux>" + _AUX + r")" + _ADV + r"[\"“]?" + _BEFORE_DEATH + r"(?:"
    r"(?P<k>" + KILLED_PASSIVE + r")|(?P<i>" + INJURED_PASSIVE + r")|"
    r"(?P<s>" + SHOT_BY + r"|(?:" + SHOT_PASSIVE + r")" + _NOT_FIRED_AT + r")"
    r")\b",
    re.IGNORECASE,
)
INTRANSITIVE = re.compile(
    r"\b(?:(?:also|later|then|eventually|finally|subsequently|since|ultimately|tragically|just)\s+)*"
    r"(?:(?P<k>" + KILLED_ACTIVE + r")|(?P<i>" + INJURED_ACTIVE + r"))\b",
    re.IGNORECASE,
)
PASSIVE_STARTS = re.compile("was|were|is|are|ha|got|gets|be")
"""What every `PASSIVE` match begins with, lower-cased (see `keywords.finditer_at`)."""
INTRANSITIVE_STARTS = re.compile(
    "also|later|then|eventually|finally|subsequently|since|ultimately|tragically|just|die|has|passed"
    "|succumbed"
    "|lost|did|proved|suffer|sustain|with|received|remain|survived|is|are|was|were"
)
"""What every `INTRANSITIVE` match begins with, lower-cased (see `keywords.finditer_at`)."""
REDUCED = re.compile(
    r"\b(?:(?:found|left)\s+)?(?:(?P<k>shot\s+and\s+killed|shot\s+dead|shot\s+to\s+death|killed|"
    r"slain|found\s+dead|fatally\s+(?:shot|wounded)|dies|died|(?<!for\s)dead|(?:hacked|stabbed|"
    r"beaten|bludgeoned|clubbed|clobbered|stoned|chopped|burnt|burned|strangled)\s+to\s+death)|"
    r"(?P<i>shot\s+and\s+(?:wounded|injured)|wounded|injured|"
    r"hurt|hospitalized|critically\s+(?:injured|wounded|hurt)|wounds\s+(?:him|her)?self"
    r"|in\s+(?:critical|serious|grave)\s+condition"
    r"|(?:critical|recovering)\s+after\s+being\s+(?:shot|wounded|struck\s+by\s+(?:an?\s+)?"
    r"(?:stray\s+)?(?:bullets?|gunfire)))|(?P<s>(?:shot|grazed)" + _NOT_FIRED_AT + r"|"
    r"(?:struck|hit)\s+by\s+(?:an?\s+)?(?:stray\s+)?(?:bullets?|gunfire)|"
    r"shoots\s+self|shot\s+self))\b"
    r"(?!\s+(?:an?|the|his|her|their|him|them|(?:him|her)self|" + _NUM + r"|"
    r"and\s+(?:killed|wounded)\s+(?:an?|the|his|her|him))\b)",
    re.IGNORECASE,
)
REDUCED_STARTS = re.compile(
    "found|left|shot|shoot|kill|slain|fatal|die|dead|wound|injur|hurt|hospital|critical|graz|recover"
    "|struck|hit|in|hack|stab|beat|bludgeon|club|clobber|ston|chop|burn|strangl"
)
"""What every `REDUCED` match begins with, lower-cased (see `keywords.finditer_at`)."""
_TO_DEATH_ACTIVE = (
    r"(?:beat(?:s|ing)?|ston(?:e|es|ed|ing)|hack(?:s|ed|ing)?|stab(?:s|bed|bing)?|"
    r"club(?:s|bed|bing)?|bludgeon(?:s|ed|ing)?|burn(?:s|ed|t|ing)?|chop(?:s|ped|ping)?|"
    r"clobber(?:s|ed|ing)?|bash(?:es|ed|ing)?|strangl(?:es|ed|ing)|tortur(?:es|ed|ing))"
    r"\s+to\s+death|burn(?:s|ed|t|ing)?\s+alive"
)
"""A killing told with its manner before the object ("beat to death two robbers", "burnt
alive a trader"): the object is killed."""
_BESIDE_KILLING = r"(?:\s+and\s+(?:" + "|".join(english().acts_beside_killing) + r")(?=\s))?"
"""A deed joined after the killing and done to its object ("lynched and burned a thief")."""
ACTIVE = re.compile(
    r"\b(?:(?P<k>(?:shot\s+and\s+killed|fatally\s+(?:shot|shoots|wounded|wounds|struck|strikes)|"
    r"shoots\s+and\s+kills|killing|killed|kills|(?<!to )(?<!not )(?<!will )kill|"
    r"murdered|murders|"
    r"murdering|slaughter(?:ed|ing|s)|gunned\s+down|(?<!a\s)(?<!the\s)guns?\s+down|slaying|slew|shot\s+and\s+fatally\s+wounded|shot\s+dead|shoot(?:ing|s)?\s+dead|"
    r"assassinat(?:ed|ing|es)|execut(?:ed|ing)|behead(?:ed|ing|s)|lynch(?:ed|ing|es)?|"
    r"decapitat(?:ed|ing|es)|claim(?:ed|s|ing)?\s+(?:the\s+)?li(?:fe|ves)\s+of|"
    r"unable\s+to\s+save|" + _TO_DEATH_ACTIVE + r")" + _BESIDE_KILLING + r")|"
    r"(?P<i>shot\s+and\s+(?:wounded|injured)|shoots\s+and\s+wounds|wounding|wounded|wounds|"
    r"injuring|injured|injures|critically\s+(?:injuring|wounding)|hitting|striking)|"
    r"(?P<s>(?:"
    + "|".join(rf"(?<=\b{w}\s)|(?<=\b{w}\salso\s)" for w in english().projectiles)
    + r")"
    r"(?:struck|strikes|strike|hit|hits)|shot|shoots|shooting|(?<!to )(?<!not )(?<!will )(?<!would )shoot|stabb(?:ed|ing)|stabs|hack(?:ed|ing)|beat(?:ing)?|"
    r"bludgeon(?:ed|ing)|club(?:bed|bing)|ston(?:ed|ing)|burn(?:ed|t|ing)|tortur(?:ed|ing))|"
    r"(?P<l>left|leaving|leaves|pronounced|declared|found|finding|discovered|located))\s+",
    re.IGNORECASE,
)
ACTIVE_STARTS = re.compile(
    "shot|fatal|shoot|kill|murder|slaughter|gun|slay|slew|wound|injur|critical|hitting|striking|left|leav"
    "|struck|strike|hit"
    "|pronounced|declared|found|finding|discovered|located|assassinat|execut|behead|lynch|decapitat"
    "|claim|unable"
    "|stab|hack|beat|bludgeon|club|ston|burn|tortur|chop|clobber|bash|strangl"
)
"""What every `ACTIVE` match begins with, lower-cased (see `keywords.finditer_at`)."""
LEFT = re.compile(
    r"\s*(?:(?P<k>dead|shot\s+(?:dead|to\s+death)|fatally\s+(?:shot|wounded)|deceased)|"
    r"(?P<i>injured|wounded|hurt|hospitalized|critically\s+(?:injured|wounded))|"
    r"(?P<s>shot|(?:suffering|with)\s+(?:an?\s+|multiple\s+)?(?:gunshot|gun\s+shot|bullet)\s+"
    r"wounds?))\b",
    re.IGNORECASE,
)
TITLE_DEATH = quick_start(
    re.compile(
        r"\b(?:fatal(?:ly)?\s+(?:shooting|shot|wounded)|(?:accidental\s+)?shooting\s+death|"
        r"deadly\s+shooting|(?:shot|gunned\s+down)\s+and\s+killed|shot\s+dead|shot\s+to\s+death|"
        r"slaying|manslaughter|(?<!attempted )(?:homicide|murder(?:ed)?)|"
        r"(?:man|woman|boy|girl|teen|teenager|child|toddler|baby|infant|student|officer|deputy|"
        r"father|mother|son|daughter|dad|mom)\b[^.,;:]{0,40}?\b(?:killed|dies|died|slain|(?<!for\s)dead))\b",
        re.IGNORECASE,
    )
)
AGE_PP = re.compile(
    r"\s+in\s+(?:his|her|their)\s+(?:early\s+|mid-?|late\s+)?(?:\d0['’]?s|teens|twenties|thirties|"
    r"forties|fifties|sixties|seventies)\s*$",
    re.IGNORECASE,
)
ROUNDUP_WORDS = ("other", "separate", "elsewhere")
ROUNDUP = quick_start(
    re.compile(
        r"\b(?:in\s+(?:an)?other\s+(?:shootings?|incidents?|attacks?)|in\s+(?:a|another)\s+separate\s+"
        r"(?:shooting|incident|attack)|elsewhere\s+(?:in|on)\s+the\s+city)\b",
        re.IGNORECASE,
    )
)
FATAL_CUE = quick_start(
    re.compile(
        r"\b(?:shooting\s+death|(?<!non-)(?<!non)fatal(?:ly)?|deadly(?!\s+(?:weapon|force))|"
        r"(?<!attempted )(?:homicide(?!\s+(?:unit|division|detectives?|investigators?|bureau|squad"
        r"|section|office|team))|murder(?:ed)?)|killed|died|dies|(?<!for\s)dead|slain|manslaughter|death)\b",
        re.IGNORECASE,
    )
)
"""Words of a death in an opening: not "non-fatal", "a deadly weapon" or a "homicide unit"
(the squad that investigates shootings, fatal or not)."""
REFLEXIVE = re.compile(
    r"\b(?:(?P<k>(?:fatally\s+)?shot\s+and\s+killed|killed|killing|fatally\s+shot|"
    r"(?:took|taking|takes)(?=\s+(?:(?:his|her)\s+)?own\s+life)|"
    r"(?:blew|blowing|blows|blown)(?=\s+(?:him|her)self\s+up))|"
    r"(?P<s>shot|shooting|shoots|turned\s+the\s+(?:gun|weapon|rifle|handgun)\s+on|"
    r"turning\s+the\s+(?:gun|weapon|rifle|handgun)\s+on))\s+"
    r"(?:(?P<self>him|her)self|(?:(?:his|her)\s+)?own\s+life|self)\b",
    re.IGNORECASE,
)
SELF_DETONATION = re.compile(
    r"\b(?P<k>detonat(?:ed|es|ing)|explod(?:ed|es|ing)|set(?:s|ting)?\s+off|trigger(?:ed|s|ing)|"
    r"ram(?:med|s|ming))\s+(?P<self>his|her)\s+(?:[\w-]+\s+){0,3}?(?:explosives?|vests?|belts?|"
    r"bombs?|devices?|car|vehicle|truck|tanker|charges?|payload)\b",
    re.IGNORECASE,
)
"""A suicide attacker setting off his own charge ("the bomber detonated his vest"): his
death, counted apart from his victims, as "blew himself up" is."""
SELF_AND = re.compile(r"(?:him|her)self\s*,?\s+(?:as\s+well\s+as|and|along\s+with)\s+", re.I)
"""An attacker first in the list of those he killed ("killing himself and three guards")."""
SUICIDE_AFTER = re.compile(r"[-–\s]*,?\s*(?:and\s+(?:a\s+)?)?suicides?\b", re.IGNORECASE)
"""The suicide after a numbered murder ("a double murder-suicide", "triple homicide, suicide")."""
REPORTED_BETWEEN = re.compile(
    r"\b(?:said|says|say|told|tells|denied|denies|claimed|claims|stated|insisted|according)\b",
    re.IGNORECASE,
)
"""Words that hand a sentence to another speaker's account between two acts ("denied shooting
him and said the boy shot himself"): the acts need not be one person's."""
SELF_TAIL = re.compile(
    r"(?<=\w)(?P<k>,\s*(?:and\s+)?(?:then\s+)?|\s+(?:and\s+)?then\s+|\s+and\s+)"
    r"(?P<self>him|her)self\b",
    re.IGNORECASE,
)
MULTI = re.compile(
    r"\b(?P<mult>double|triple|quadruple|quintuple)[- ](?P<kind>shooting|homicide|murder)s?\b",
    re.IGNORECASE,
)
ALONG_WITH = re.compile(
    r"\s+along\s+with\s+(?P<n>" + _NUM + r")\s+(?:others|other\s+(?:people|men|women|victims|"
    r"persons|teens|males|females))\b",
    re.IGNORECASE,
)
_WHERE_BEFORE_TAIL = (
    r"(?:\s+(?:in|at|on|outside|inside|near|during|after|along|early|late|overnight)\b"
    r"[^,.;:]{0,50}?(?=,))?"
)
FATALLY_TAIL = re.compile(
    _WHERE_BEFORE_TAIL
    + r"\s*(?:[,;(]|\s[-–—]{1,2})?\s*(?:(?:and|with)\s+)?(?P<n>"
    + _NUM
    + r")\s+(?:of\s+(?:them|whom|which)\s+)?"
    r"(?:fatally|(?:of\s+(?:them|whom|which)\s+)?(?:died|dead|was\s+killed|were\s+killed))",
    re.IGNORECASE,
)
_KILLING_AFTER = (
    _WHERE_BEFORE_TAIL
    + r"\s*(?:[,;(]|\s[-–—]{1,2})\s*(?:and\s+)?(?:"
    + "|".join(english().deaths_among_shot)
    + r")\s+"
)
"""", killing" after a count of people shot, where or when told before it."""
ALL_KILLED_TAIL = re.compile(
    _KILLING_AFTER + r"(?:them\s+)?(?:both|all)(?:\s+of\s+them|\s+" + _NUM + r")?\b",
    re.IGNORECASE,
)
"""The fate of all those shot, told after them ("shot a guard and his son, killing both"):
every one of them dead."""
KILLING_TAIL = re.compile(
    _KILLING_AFTER + r"(?P<n>" + _NUM + r")\b(?!\s+(?:others?|more|additional)\b)",
    re.IGNORECASE,
)
"""", killing one" after a count of people shot: how many of them died."""
FATALLY_INSIDE = re.compile(
    r"(?:,|\s[-–—]{1,2})\s*(?P<n>" + _NUM + r")\s+(?:of\s+them\s+)?fatally\s*(?:,|[-–—]{1,2}\s)",
    re.IGNORECASE,
)
"""", one fatally," between a count of people and the verb that says they were shot ("four
teens, one fatally, were shot"): how many of them died."""
_POLICE = "|".join(english().police_agents)
POLICE_SUBJECT = re.compile(
    r"\b(?:the\s+|an?\s+|two\s+|three\s+|several\s+|responding\s+)*(?:" + _POLICE + r")"
    r"(?:\s+(?:then|later|eventually|ultimately|also|reportedly|allegedly)|\s+\w+(?:\s+\w+)?\s+and)?"
    r"\s+$",
    re.IGNORECASE,
)
"""The police as the subject right before a harm verb ("officers shot and killed him",
"deputies returned fire and killed him")."""
BY_POLICE = re.compile(
    r"\s+by\s+(?:(?i:the|an?|two|responding)\s+|[A-Z][\w.'’-]*\s+){0,3}(?i:" + _POLICE + r")\b"
)
"""The police as the agent right after a passive harm ("he was shot by police")."""
_SOURCES = english().victim_sources
_SOURCE_NOUN = r"(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}(?:" + "|".join(_SOURCES["nouns"]) + r"))"
ATTRIBUTION = quick_start(
    re.compile(
        r"\b(?:" + "|".join(_SOURCES["verbs_before"]) + r")\s+(?P<a>" + _SOURCE_NOUN + r"\b"
        r"|\b(?P<b>" + _SOURCE_NOUN + r"\s+(?:" + "|".join(_SOURCES["verbs_after"]) + r")\b",
        re.IGNORECASE,
    )
)
ATTRIBUTION_WORDS = tuple(
    dict.fromkeys(v.split("\\")[0] for k in ("verbs_before", "verbs_after") for v in _SOURCES[k])
)
"""Words `ATTRIBUTION` cannot match without (see `keywords.may_contain`): from the same data."""
NEGATION = quick_start(re.compile("|".join(english().victim_negation), re.IGNORECASE))
HYPOTHETICAL = quick_start(
    re.compile(
        "|".join((*english().victim_hypothetical, rf"\b(?:{'|'.join(english().conditional)})\b")),
        re.IGNORECASE,
    )
)
ELSEWHERE_WORDS = (
    "last", "earlier", "ago", "19", "20", "since", "previous", "prior", "separate", "unrelated",
    "similar", "other", "this", "anniversary", "month", "year", "week",
)  # fmt: skip
ELSEWHERE = quick_start(
    re.compile(
        r"\b(?:last\s+(?:year|summer|spring|fall|winter)|earlier\s+this\s+year|"
        r"years?\s+ago|months\s+ago|in\s+(?:19|20)\d\d|since\s+(?:19|20)\d\d|"
        r"(?:previous|prior)(?!\s+(?:enmity|feud|dispute|rivalry|grudge|quarrel|animosity))|"
        r"(?<!to\s)separate|unrelated|similar|another\s+shooting|other\s+shootings?|so\s+far\s+this\s+year|"
        r"this\s+year|anniversary|since|(?:months|years|weeks)\s+(?:after|before|earlier|later))\b",
        re.IGNORECASE,
    )
)


def count_of(word: str) -> int | None:
    """The number a counting word or numeral names (`two` → 2, `3` → 3), else None."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def group_for(head: str, mods: str = "", age: int | None = None) -> str:
    """The spec's group for a victim noun: sex or age where the noun names it, else people."""
    head = head.lower()
    if AGE_IN.fullmatch(head) or head in {"teen", "teens", "teenager", "teenagers", "juvenile"}:
        found = AGE_IN.search(head) or AGE_IN.search(mods)
        years = age
        if found:
            years = count_of(found.group(1)) if found.group(2).lower() == "year" else 0
        return "children" if years is not None and years < 18 else "people"
    return GROUP_OF.get(head, "people")


_HEAD_CLASSES: dict[str, str] = {}
for _cls, _words in (
    ("man", "man men male males gentleman"),
    ("woman", "woman women female females lady"),
    (
        "young",
        "boy boys girl girls child children kid kids toddler toddlers baby babies infant infants "
        "teen teens teenager teenagers juvenile juveniles youth youths student students pupil "
        "pupils grader graders",
    ),
    ("officer", "officer officers deputy deputies trooper troopers agent agents"),
    ("any", "victim victims person people persons individual individuals he she him her name"),
):
    for _w in _words.split():
        _HEAD_CLASSES[_w] = _cls


def head_class(head: str, age: int | None = None) -> str:
    """The kind of person a head noun names, so "a man" and "an officer" stay apart."""
    head = head.lower()
    if not head:
        return "any"
    if AGE_IN.fullmatch(head):
        return "young" if age is not None and age < 20 else "any"
    return _HEAD_CLASSES.get(head, head)
