"""Dates in news text, resolved against the document's publication date.

"on Tuesday", "yesterday", "on Aug. 29", "the night of 25–26 February 1992",
"in March last year", "since 2015", "in 1992" become a date or a date range
with UCDP's precision code: 1 an exact day, 2 a span of 2–6 days, 3 a week,
4 a month, 5 a year or more.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from tally.keywords import lowered, may_contain
from tally.words import MONTH_NUMBERS, small_numbers
from tally.words import WEEKDAYS as WEEKDAY_NAMES

MONTHS = MONTH_NUMBERS
WEEKDAYS = {day: i for i, day in enumerate(WEEKDAY_NAMES)}

_MON = (
    "(?P<mon>"
    + "|".join(m.capitalize() for m in sorted(MONTH_NUMBERS, key=len, reverse=True))
    + r")\.?"
)
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WORD_NUMS = {**small_numbers(), "a": 1, "an": 1}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dm_range", re.compile(rf"\b{_DAY}\s*(?:-|–|to|and)\s*{_DAY2}\s+{_MON}(?:,?\s+{_YEAR})?\b")),
    ("md_range", re.compile(rf"\b{_MON}\s+{_DAY}\s*(?:-|–|to|and)\s*{_DAY2}(?:,?\s+{_YEAR})?\b")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?\b")),
    ("md", re.compile(rf"\b{_MON}\s+{_DAY}\b(?:,?\s+{_YEAR})?")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("since_my", re.compile(rf"\b(?i:since)\s+{_MON}\s+{_YEAR}\b")),
    ("my", re.compile(rf"\b(?i:in\s+|of\s+|since\s+)?{_MON}(?:\s+of)?\s+{_YEAR}\b")),
    ("m_last_year", re.compile(rf"\b(?:[Ii]n\s+)?{_MON}\s+(?P<rel>last|this)\s+year\b")),
    ("since_year", re.compile(rf"\b(?i:since)\s+{_YEAR}\b")),
    ("year_span", re.compile(rf"\b{_YEAR}\s*(?:-|–|to)\s*(?P<year2>(?:19|20)\d\d)\b")),
    (
        "year",
        re.compile(rf"(?:\b(?i:in|of|since|during)\s+|\b(?i:the)\s+(?=\d{{4}}\s+[A-Z])){_YEAR}\b"),
    ),
    ("rel_year", re.compile(r"\b(?P<rel>last|this|a|one)\s+year(?:\s+ago)?\b", re.I)),
    (
        "yesterday",
        re.compile(
            r"\b(?:yesterday|last night|overnight|the (?:previous|preceding) (?:day|night|afternoon|evening|morning)|the day before)\b",
            re.I,
        ),
    ),
    (
        "years_since",
        re.compile(
            r"\b(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a) years? (?:since|after|ago)\b",
            re.I,
        ),
    ),
    ("today", re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", re.I)),
    (
        "weekday",
        re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    ),
    (
        "weekend",
        re.compile(
            r"\b(?:at|over|during|on|this|last|the) weekend\b|\bweekend(?= (?:attack|shooting|violence|raid|massacre|bombing))",
            re.I,
        ),
    ),
    ("last_week", re.compile(r"\blast week\b", re.I)),
    (
        "ago",
        re.compile(
            r"\b(?P<n>one|two|three|four|five|six|a|an)\s+(?P<unit>day|week|month)s?\s+ago\b", re.I
        ),
    ),
]


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression: its span, the interval it names, and UCDP's precision."""

    start: int
    end: int
    lo: date
    hi: date
    prec: int
    kind: str

    @property
    def iso(self) -> str:
        """The spec's form: `YYYY[-MM[-DD]]`, a range as `start/end`."""
        return format_range(self.lo, self.hi, self.prec)


_ISO_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def parse_iso(value: str | None) -> date | None:
    """A `YYYY-MM-DD` (or longer ISO timestamp) string as a date, else None."""
    if not value:
        return None
    m = _ISO_DAY.match(value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def format_range(lo: date, hi: date, prec: int) -> str:
    """`YYYY-MM-DD`, `YYYY-MM` or `YYYY` (or `a/b`) as precise as `prec` allows."""

    def one(d: date, p: int) -> str:
        return str(d.year) if p >= 5 else f"{d:%Y-%m}" if p == 4 else d.isoformat()

    if prec == 4 and lo.year == hi.year and lo.month == hi.month:
        return one(lo, 4)
    if prec >= 5 and lo.year == hi.year:
        return one(lo, 5)
    if lo == hi:
        return one(lo, prec)
    return f"{one(lo, prec)}/{one(hi, prec)}"


def prec_of(lo: date, hi: date) -> int:
    """UCDP's date precision for an interval of days."""
    days = (hi - lo).days + 1
    return 1 if days <= 1 else 2 if days <= 6 else 3 if days <= 7 else 4 if days <= 31 else 5


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _year_for(month: int, day: int, pub: date | None) -> int | None:
    """The year of a day named without one: the latest not after publication."""
    if pub is None:
        return None
    d = _safe(pub.year, month, day) or _safe(pub.year, month, 28)
    return pub.year if d and d <= pub + timedelta(days=1) else pub.year - 1


def _resolve(kind: str, m: re.Match[str], pub: date | None) -> tuple[date, date] | None:
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    if kind in {"dm_range", "md_range", "dm", "md", "iso"}:
        month = int(g["mnum"]) if kind == "iso" else MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["day"])
        year = year or _year_for(month, day, pub)
        if year is None:
            return None
        lo = _safe(year, month, day)
        hi = _safe(year, month, int(g["day2"])) if g.get("day2") else lo
        return (lo, hi) if lo and hi and lo <= hi else None
    if kind in {"my", "since_my", "m_last_year"}:
        month = MONTHS[g["mon"].lower().rstrip(".")]
        if kind == "m_last_year":
            if pub is None:
                return None
            year = pub.year - (g["rel"] == "last")
        lo = date(year, month, 1)
        if kind == "since_my":
            return lo, pub or lo
        return lo, _month_end(year, month)
    if kind in {"since_year", "year", "year_span"}:
        if kind == "since_year":
            return date(year, 1, 1), pub or date(year, 12, 31)
        if kind == "year" and pub and year > pub.year:
            return None
        end = int(g["year2"]) if g.get("year2") else year
        return (date(year, 1, 1), date(end, 12, 31)) if end >= year else None
    if pub is None:
        return None
    if kind == "rel_year":
        if g["rel"] == "this":
            return date(pub.year, 1, 1), pub
        if m.group(0).lower().endswith("ago"):
            back = (
                pub.replace(year=pub.year - 1) if _safe(pub.year - 1, pub.month, pub.day) else pub
            )
            return back - timedelta(days=3), back + timedelta(days=3)
        return date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31)
    if kind == "yesterday":
        return pub - timedelta(days=1), pub - timedelta(days=1)
    if kind == "today":
        return pub, pub
    if kind == "weekday":
        back = (pub.weekday() - WEEKDAYS[g["wd"].lower()]) % 7
        day = pub - timedelta(days=back)
        return day, day
    if kind == "weekend":
        sunday = pub - timedelta(days=(pub.weekday() - 6) % 7)
        return sunday - timedelta(days=1), sunday
    if kind == "last_week":
        return pub - timedelta(days=13), pub - timedelta(days=6)
    if kind == "years_since":
        n = _WORD_NUMS.get(g["n"].lower()) or (int(g["n"]) if g["n"].isdigit() else 0)
        if not n or n > 200:
            return None
        return date(pub.year - n, 1, 1), date(pub.year - n, 12, 31)
    if kind == "ago":
        n = _WORD_NUMS[g["n"].lower()]
        unit = {"day": 1, "week": 7, "month": 30}[g["unit"].lower()]
        mid = pub - timedelta(days=n * unit)
        spread = 0 if unit == 1 else 3 if unit == 7 else 15
        return mid - timedelta(days=spread), mid + timedelta(days=spread)
    return None


def find_dates(text: str, published: str | date | None) -> list[DateMention]:
    """Every date expression of `text` resolved against `published`, in text order.

    Where expressions overlap, the first pattern (the most specific) wins.
    Linking asks about the same sentence once per figure in it, so the answers
    of recent texts are kept: a sentence is scanned once, however many figures
    it holds.
    """
    pub = published if isinstance(published, date) else parse_iso(published)
    return list(_find_dates(text, pub))


_NEEDS_DIGIT = {
    "dm_range",
    "md_range",
    "dm",
    "md",
    "iso",
    "since_my",
    "my",
    "since_year",
    "year_span",
    "year",
}
"""Kinds whose pattern matches only text holding a digit (a day or a year)."""
_NEEDS_MONTH = {"dm_range", "md_range", "dm", "md", "since_my", "my", "m_last_year"}
"""Kinds whose pattern matches only text holding a month's name (`_MON`, case-sensitive)."""
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DIGIT = re.compile(r"\d")


_KEYWORDS = {
    "rel_year": ("year",),
    "yesterday": (
        "yesterday",
        "last night",
        "overnight",
        "the previous",
        "the preceding",
        "the day before",
    ),
    "years_since": ("year",),
    "today": ("today", "tonight", "this morning", "this afternoon", "this evening"),
    "weekend": ("weekend",),
    "last_week": ("last week",),
    "ago": ("ago",),
}
"""Kinds whose case-insensitive pattern matches only text holding one of these words."""


def _may_match(kind: str, digit: bool, month: bool, text: str, lower: str | None) -> bool:
    """Whether the pattern of `kind` can match `text` at all: most sentences hold no date,
    and trying each pattern over them costs more than these substring tests (`lower` is
    `lowered(text)`)."""
    if kind == "weekday":
        return "day" in text
    if kind in _KEYWORDS:
        return may_contain(lower, _KEYWORDS[kind])
    return (digit or kind not in _NEEDS_DIGIT) and (month or kind not in _NEEDS_MONTH)


@functools.lru_cache(maxsize=64)
def _find_dates(text: str, pub: date | None) -> tuple[DateMention, ...]:
    starts: list[int] = []
    ends: list[int] = []
    out: list[DateMention] = []
    digit = bool(_DIGIT.search(text))
    month = any(m in text for m in _MONTH_STEMS)
    lower = lowered(text)
    for kind, pattern in _PATTERNS:
        if not _may_match(kind, digit, month, text, lower):
            continue
        for m in pattern.finditer(text):
            i = bisect.bisect_left(starts, m.start())
            if (i and ends[i - 1] > m.start()) or (i < len(starts) and starts[i] < m.end()):
                continue
            got = _resolve(kind, m, pub)
            if not got:
                continue
            lo, hi = got
            prec = (
                5 if kind in {"since_year", "year", "year_span", "years_since"} else prec_of(lo, hi)
            )
            if kind in {"my", "m_last_year"}:
                prec = 4
            starts.insert(i, m.start())
            ends.insert(i, m.end())
            out.append(DateMention(m.start(), m.end(), lo, hi, prec, kind))
    return tuple(sorted(out, key=lambda d: d.start))
