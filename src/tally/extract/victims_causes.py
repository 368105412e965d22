"""Deaths a description tells that are another event's: the one a protest or a reprisal
answers ("protests over the death of a student"), the one someone harmed is charged with
("lynched a man accused of killing his wife"). Read by both readers (`extract.figures`,
`extract.victims`), so that each decides it the same way.
"""

from __future__ import annotations

import re

from tally.extract.lexicon import CUE_RE
from tally.extract.vocab import english

DEATH_AS_CAUSE = re.compile(
    r"(?:" + "|".join(english().death_as_cause) + r")\s+(?:the\s+|their\s+|his\s+|her\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
"""What makes a "death of" the event's cause, ending right before the death's noun."""
DEED_CHARGED = re.compile(
    r"(?:" + "|".join(english().deed_charged) + r")\s+(?:the\s+|their\s+|his\s+|her\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
"""What makes a killing the deed someone harmed is charged with ("lynched a man accused of
killing two herders"), ending right before the killing's word."""
KILLING_WORD = re.compile(
    r"(?:killings?|murders?|murdering|deaths?|slayings?|slaying|lynching|massacre|beheading"
    r"|assassination|shooting|stabbing|hacking|executions?)\b",
    re.IGNORECASE,
)
"""A killing named as a deed (a gerund or a noun), which `DEED_CHARGED` may precede."""


def death_as_cause(sentence: str, at: int) -> bool:
    """Whether the killing word at `at` names deaths the event answers or marks ("in
    retaliation for the killing of three youths", "protests over the death of a student"):
    another event's toll, not this one's."""
    return bool(
        KILLING_WORD.match(sentence, at) and DEATH_AS_CAUSE.search(sentence[max(0, at - 60) : at])
    )


_CAUSE_RELATIVE = re.compile(
    r"(?:death|killing|murder|shooting|lynching)s?\s+of\s+[^.;:!?()]{1,60}?\b(?:who|whom|that)\s+"
    r"[^.;:!?()]{0,60}$",
    re.IGNORECASE,
)


def in_cause(sentence: str, at: int) -> bool:
    """Whether the harm word at `at` tells, in a relative clause, of the victim whose death the
    event answers ("blocked a road to protest the death of a woman who was killed by a stray
    bullet"): that death is another event's, as `death_as_cause` decides for the noun."""
    m = _CAUSE_RELATIVE.search(sentence, max(0, at - 140), at)
    return bool(m and DEATH_AS_CAUSE.search(sentence[max(0, m.start() - 60) : m.start()]))


def charged_deed(sentence: str, at: int) -> bool:
    """Whether the killing word at `at` is what someone harmed earlier in the sentence is
    charged with ("lynched two robbers accused of killing three people"): an earlier event's
    toll, not this one's. A charge with no harm before it ("arrested a man accused of killing
    two") leaves the killing the event's."""
    if not KILLING_WORD.match(sentence, at):
        return False
    charged = DEED_CHARGED.search(sentence[max(0, at - 60) : at])
    if charged is None:
        return False
    return bool(CUE_RE.search(sentence, 0, max(0, at - 60) + charged.start()))
