"""Tolls named by a noun rather than a people noun: "put the toll at 88", "the figures at 413".

The phrases that stand before a number and say it is a count of harmed people
(`TOLL`), the official or earlier count a number is given as (`OFFICIAL`), the
category such a phrase names, running totals ("a 13th soldier died"), and the
stretch of text since the last count-like number, which bounds these searches.
"""

from __future__ import annotations

import re

from tally.extract.numbers import NumberMention
from tally.extract.phrases import noun_group
from tally.extract.vocab import english
from tally.keywords import quick_start

_VOCAB = english()
_KEYWORDS = "|".join(_VOCAB.toll_nouns)
TOLL = re.compile(
    r"\b(?P<label>(?:death\s+)?toll|fatalities|deaths|dead|killed|injured|wounded|injuries)"
    r"\s*:\s*$|"
    rf"\b(?:(?P<kw>{_KEYWORDS})\b(?P<mid>[^;]{{0,110}}?)"
    r"|(?P<kw2>dead|deaths|injured|wounded|missing|displaced|killed|injuries)(?P<mid2>(?:\s+(?:had"
    r"|has|have|was|is|were|now|since|already|risen|rose|climbed|jumped|increased|grown|stood"
    r"|reached|stands|been|sharply|further))*\s+))\b(?:at|to|of|reached|reaching|reaches|reach"
    r"|hit|hits|pass(?:es|ed)?|past|from|was|is|been|be|stood\s+at|stands\s+at|with|exceeded"
    r"|exceeds|topped|tops|reporting|reported|as|rose|risen|(?:is|was|stands|stood)\s+now)\s+$",
    re.I,
)
"""A toll phrase ending right before a number ("the death toll rose to ", "the dead at "), or
a label of a count ("Fatalities: ", "death toll: ", as an infobox or a coder's note gives it)."""
PERIOD_TOLL = re.compile(
    r"(?:\b(?:year|month|week)(?:'s|’s)\s+(?:\w+\s+)?(?:toll|count|tally|total|homicides?|murders?"
    r"|killings?)|\b(?:19|20)\d\d(?:'s|’s)?\s+(?:homicide|murder|killing|shooting)s?\s+(?:count|tally"
    r"|total|toll)|\b(?:homicide|murder)s?\s+(?:count|tally|total|toll)|\bbody\s+count"
    r"|\bso\s+far\s+this\s+year)[^.;]{0,40}$",
    re.I,
)
"""A toll of a place or a period, not of one event ("push the year's homicide toll to 85",
"brings the city's 2016 homicide count to 51"): the running count the event joins."""
_REPORT_NOUNS = _VOCAB.report_nouns
OFFICIAL = re.compile(
    r"(?i:(?:\b(?:the\s+)?[\w.]+(?:\s+[\w.]+)?['’]s\s+|\b(?:the|an|its)\s+)?(?:official|earlier"
    r"|initial|provisional|previous|government)\s+(?:death\s+)?(?:toll|tally|figure|count|estimates?)\b)"
    r"|\b(?i:the|a|an)\s+(?:\d{4}\s+)?(?:(?:[A-Z][\w.-]*\s+)*[\w.]+['’]s|(?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*"
    r"|(?i:police|military|army|ministry|government|hospital|health|council|coroner['’]?s?))\s+"
    r"(?:(?:own|first|final|latest|revised|new|preliminary|updated|later|investigative|official)\s+)*"
    rf"(?i:{_REPORT_NOUNS})\b"
    r"|\b(?i:its|their|his|her)\s+(?:(?:own|first|final|latest|revised|new|preliminary|updated"
    r"|initial|earlier|official)\s+)*(?i:toll|tally|figure|count|estimate)s?\b",
)
"""The count a number is given as, naming its source ("the official toll", "A police figure")."""
_NOT_HARM = quick_start(re.compile(rf"\b(?:{'|'.join(_VOCAB.toll_not_harm)})\b", re.I))
ORDINALS = {w: i for i, w in enumerate(_VOCAB.ordinals, 2)}
RUNNING = quick_start(
    re.compile(
        r"\ba\s+(?P<n>\d+(?:st|nd|rd|th)|"
        + "|".join(ORDINALS)
        + r")\s+(?P<np>(?:[\w.'-]+\s+){0,4}?)(?:has\s+|had\s+|have\s+)?"
        r"(?:died|been\s+killed|was\s+killed|killed|dead)\b",
        re.I,
    )
)
"""A running total named by an ordinal ("a 13th service member died" is killed 13)."""
_COUNT_LIKE = re.compile(r"(?:\b([A-Z][a-z]+)\s+)?\d[\d,.]*")


def since_last_count(text: str) -> str:
    """`text` after its last digit that may be a count ("Route 91" and "Flight 17" do not end it)."""
    cut = 0
    for m in _COUNT_LIKE.finditer(text):
        if m.group(1) is None or m.group(1) in {"At", "To", "From", "Of", "By", "The"}:
            cut = m.end()
    return text[cut:]


def toll_category(window: str, prev_category: str | None) -> str | None:
    """The category a toll phrase names, or None when it counts no harm ("the number held").

    A bare "figure" or "tally" follows the figure before it; dead-or-missing
    counts ("dead or missing presumed dead") are deaths.
    """
    w = window.lower()
    if _NOT_HARM.search(w):
        return None
    if re.search(r"(?:presumed|feared)\s+dead", w):
        return "killed"
    if re.search(r"injur|wound|hurt", w):
        return "injured"
    if "missing" in w:
        return "missing"
    if re.search(r"displac|evacu|fled|homeless", w):
        return "displaced"
    if not re.search(r"toll|dead|death|kill|died|fatal", w) and prev_category:
        return prev_category
    return "killed"


def running_totals(sentence: str) -> list[tuple[NumberMention, str, int, int]]:
    """(number, group, start, end) of each running total named by an ordinal in `sentence`."""
    out = []
    for m in RUNNING.finditer(sentence):
        group = noun_group(m.group("np")) or "people"
        word = m.group("n").lower()
        value = ORDINALS.get(word) or int(re.sub(r"\D", "", word))
        out.append((NumberMention(m.start("n"), m.end("n"), value), group, m.start(), m.end()))
    return out
