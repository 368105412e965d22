"""Numbers as news text writes them: digits, words, ranges and vague multiples.

`parse_number` reads one number ("1,275", "1.2 million", "two-hundred",
"one hundred and twelve"); `find_numbers` finds every number mention in a
text with its span, including ranges ("between 30 and 40", "five or six") and
multiples ("dozens", "tens of thousands"), which set their own qualifier.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from tally.keywords import word_alternation
from tally.words import MULTIPLES, NUMBER_WORDS, SCALES, TENS

UNITS = NUMBER_WORDS

_WORD = word_alternation([*UNITS, *TENS, *SCALES, "dozen"])
_SCALE = "|".join(SCALES)
_SCALE_AND = "(?:" + "|".join(f"(?<={w})" for w in SCALES) + r")\s+and\s+"
"""The "and" of "one hundred and twelve", after a scale only: "two and four" is two numbers."""
_WORDNUM = rf"(?:a\s+)?(?:{_WORD})(?:(?:{_SCALE_AND}|[\s-]+)(?:{_WORD}))*"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
"""Characters that can sit invisibly inside a number ("2\u200b3" is 23)."""
_ZW = f"[{ZERO_WIDTH}]?"
_RUN = rf"\d(?:{_ZW}\d)*"
_DIGITS = rf"\d{{1,3}}(?:[,\u00a0\u202f]{_ZW}\d(?:{_ZW}\d){{2}})+(?:\.\d+)?|{_RUN}(?:\.\d+)?"
_INVISIBLE = str.maketrans({c: None for c in ZERO_WIDTH} | {"\u00a0": ",", "\u202f": ","})
_SCALE_AFTER = rf"(?:[\s-]+(?:{_SCALE})\b)?"
_SINGLE = rf"(?:(?:{_DIGITS}){_SCALE_AFTER}|\b{_WORDNUM}\b)"
_MULTIPLES = word_alternation(MULTIPLES, space=r"\s+")
_MULTIPLE = rf"\b(?:{_MULTIPLES})\b"

_NUMBER_RE = re.compile(_SINGLE, re.I)
_VAGUE = rf"\b(?:several|a\s+few|few|many)\s+(?:{_SCALE}|dozen)\b"
_MENTION_RE = re.compile(
    rf"(?P<vague>{_VAGUE})|(?P<half>\bhalf\s+an?\s+(?:{_SCALE}|dozen)\b)"
    rf"|(?P<between>\bbetween\s+)?(?P<a>{_SINGLE})"
    rf"(?:(?P<sep>\s+(?:and|to|or)\s+|\s*[-–]\s*)(?P<b>{_SINGLE}))?"
    rf"|(?P<mult>{_MULTIPLE})",
    re.I,
)
_DIGIT_WORD = re.compile(rf"^(?P<num>{_DIGITS})[\s-]*(?P<scale>{_SCALE})?$", re.I)


@dataclass(frozen=True)
class NumberMention:
    """A number (or range, or multiple) found in text, with its span."""

    start: int
    end: int
    value: int
    value_high: int | None = None
    qualifier: str | None = None
    """`range` or `multiples` when the mention itself sets it, else None."""


def parse_number(text: str) -> int | None:
    """The integer `text` writes ("1,275", "1.2 million", "Thirty-nine"), or None."""
    s = " ".join(text.translate(_INVISIBLE).strip().lower().replace("–", "-").split())
    if not s:
        return None
    m = _DIGIT_WORD.match(s)
    if m:
        digits = m.group("num").replace(",", "")
        scale = SCALES[m.group("scale").lower()] if m.group("scale") else 1
        try:
            if scale == 1:
                return None if "." in digits else int(digits)
            value = float(digits) * scale
        except ValueError:
            return None
        return round(value) if math.isfinite(value) else None
    return _parse_words(s)


def _parse_words(s: str) -> int | None:
    words = [w for w in re.split(r"[\s-]+", s) if w and w != "and"]
    if words and words[0] == "a":
        words[0] = "one"
    if not words:
        return None
    total = 0
    current = 0
    seen = False
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in SCALES and SCALES[w] < 1000:
            current = (current or 1) * SCALES[w]
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


_TOKEN = re.compile(r"\d+|[A-Za-z]+")
_TRIGGERS = frozenset(
    [*UNITS, *TENS, *SCALES, "dozen", "between", "several", "few", "many", "half"]
    + [w.split()[0] for w in MULTIPLES]
)


def _mentions(text: str) -> Iterator[re.Match[str]]:
    """`_MENTION_RE` matches, tried only where a number can start (a whole-text scan is slow)."""
    tokens = list(_TOKEN.finditer(text))
    done = 0
    for i, tok in enumerate(tokens):
        start = tok.start()
        if start < done:
            continue
        word = tok.group(0).lower()
        if not (
            word[0].isdigit()
            or word in _TRIGGERS
            or (word == "a" and i + 1 < len(tokens) and tokens[i + 1].group(0).lower() in _TRIGGERS)
        ):
            continue
        m = _MENTION_RE.match(text, start)
        if m and m.end() > start:
            done = m.end()
            yield m


def _scale(phrase: str) -> int:
    """The value of the scale word ending `phrase` ("several hundred", "half a dozen")."""
    word = phrase.split()[-1].lower()
    return 12 if word == "dozen" else SCALES[word]


def find_numbers(text: str) -> Iterator[NumberMention]:
    """Every number mention in `text`, left to right, with ranges and multiples resolved."""
    for m in _mentions(text):
        if m.group("vague"):
            value = _scale(m.group("vague"))
            yield NumberMention(m.start(), m.end(), value, None, "multiples")
            continue
        if m.group("half"):  # "half a dozen" 6, "half a million" 500,000
            yield NumberMention(m.start(), m.end(), _scale(m.group("half")) // 2)
            continue
        if m.group("mult"):
            word = " ".join(m.group("mult").lower().split())
            yield NumberMention(m.start(), m.end(), MULTIPLES[word], None, "multiples")
            continue
        a = parse_number(m.group("a"))
        if a is None:
            continue
        b = parse_number(m.group("b")) if m.group("b") else None
        sep = (m.group("sep") or "").strip().lower()
        is_range = (
            b is not None
            and b > a
            and (
                (m.group("between") and sep == "and")
                or (sep in {"to", "-", "–"} and not re.search(r"\bfrom\s+$", text[: m.start()]))
                or (sep == "or" and b - a <= max(2, a // 5))
            )
        )
        if is_range:
            start = m.start("between") if m.group("between") else m.start("a")
            yield NumberMention(start, m.end(), a, b, "range")
            continue
        yield NumberMention(m.start("a"), m.end("a"), a)
        if m.group("b") and b is not None:
            yield NumberMention(m.start("b"), m.end("b"), b)


_NO_LETTER_BEFORE = r"(?<![^\W\d_])"
_NO_LETTER_AFTER = r"(?![^\W\d_])"
_MARKS = "[\u064b-\u0652\u0670]*"
"""Arabic short vowels and tanween, written after a word's letters ("ألفاً")."""


def word_pattern(forms: list[str], prefix: str = "") -> str:
    """An alternation of `forms` as whole words; a trailing `*` makes a form a stem.

    `prefix` is a pattern of clitics that may be attached in front (Arabic و/ب/ال).
    Spaces match any run of spaces, apostrophes either apostrophe.
    """
    parts = []
    for form in sorted(set(forms), key=len, reverse=True):
        stem = form.endswith("*")
        body = re.escape(form.rstrip("*")).replace(r"\ ", r"\s+").replace("'", "['’]")
        body = body.replace("’", "['’]") if "['’]" not in body else body
        parts.append(body + (r"[^\W\d_]*" if stem else ""))
    pre = f"(?:{prefix})?" if prefix else ""
    return rf"{_NO_LETTER_BEFORE}{pre}(?:{'|'.join(parts)}){_MARKS}{_NO_LETTER_AFTER}"


@dataclass(frozen=True)
class LocaleNumbers:
    """Numbers as one language writes them, compiled from its `numbers.toml`.

    Digits with the language's thousands and decimal separators ("1.275",
    "5 300" with a no-break space, "١٤٢٩", "2,5 millones", "22 тисячі"), number
    words in their gender and case forms, vague multiples ("Hunderte",
    "بالعشرات"), approximate nouns ("une cinquantaine") and ranges.
    """

    words: dict[str, int]
    scales: dict[str, int]
    multiples: dict[str, int]
    approximate: dict[str, int]
    pattern: re.Pattern[str]
    thousands: str
    decimal: str
    range_and: frozenset[str]
    joiners: frozenset[str]

    @classmethod
    def build(cls, data: dict, clitics: str = "") -> LocaleNumbers:
        """Compile the tables of one `numbers.toml` (already parsed)."""

        def table(name: str) -> dict[str, int]:
            return {
                " ".join(f.lower().split()): int(v)
                for v, fs in data.get(name, {}).items()
                for f in fs
            }

        words, scales = table("words"), table("scales")
        multiples, approximate = table("multiples"), table("approximate")
        thousands = "".join(data.get("thousands", [])) + "\u00a0\u202f"
        decimal = "".join(data.get("decimal", []))
        sep = f"[{re.escape(thousands)}]"
        dec = f"(?:[{re.escape(decimal)}]\\d+)?" if decimal else ""
        digits = (
            rf"(?<![\d.,٫٬])(?:\d{{1,3}}(?:{sep}{_ZW}\d(?:{_ZW}\d){{2}})+(?!\d){dec}"
            rf"|{_RUN}{dec})(?![\d])"
        )
        scale_words = word_pattern(list(scales), clitics)
        joiners = list(data.get("joiners", []))
        word = word_pattern(list(words) + list(scales), clitics)
        join = "|".join(re.escape(j) for j in joiners)
        gap = rf"(?:\s+(?:(?:{join})\s+)?|-|\s*(?:{join})(?=\S))" if join else r"(?:\s+|-)"
        single = rf"(?:{digits}(?:\s*{scale_words})?|{word}(?:{gap}{word})*)"
        rng = data.get("range", {})
        between = word_pattern(rng.get("between", [])) if rng.get("between") else "(?!)"
        to = "|".join(re.escape(t) for t in rng.get("and", []) + rng.get("to", []))
        to_sep = rf"\s*(?:[-–]|(?:{to})(?=\s|\d))\s*" if to else r"\s*[-–]\s*"
        mult = word_pattern(list(multiples), clitics) if multiples else "(?!)"
        approx = word_pattern(list(approximate), clitics) if approximate else "(?!)"
        pattern = re.compile(
            rf"(?P<approx>{approx})|(?P<mult>{mult})"
            rf"|(?P<between>{between}\s+)?(?P<a>{single})(?:(?P<sep>{to_sep})(?P<b>{single}))?",
            re.I,
        )
        return cls(
            words,
            scales,
            multiples,
            approximate,
            pattern,
            thousands,
            decimal,
            frozenset(w.lower() for w in rng.get("and", [])),
            frozenset(j.lower() for j in joiners),
        )

    def parse(self, text: str) -> int | None:
        """The integer one matched number writes, or None."""
        s = " ".join(text.translate(_INVISIBLE_ONLY).lower().split())
        m = re.match(r"^(\d[\d" + re.escape(self.thousands + self.decimal) + r"]*)\s*(.*)$", s)
        if m:
            raw, rest = m.group(1), m.group(2).strip()
            for t in self.thousands:
                raw = raw.replace(t, "")
            for d in self.decimal:
                raw = raw.replace(d, ".")
            try:
                value = float(raw)
            except ValueError:
                return None
            if rest:
                scale = self._lookup(self.scales, rest)
                if scale is None:
                    return None
                value *= scale
            elif not value.is_integer():
                return None
            return round(value) if math.isfinite(value) else None
        return self._words(s)

    def _lookup(self, table: dict[str, int], word: str) -> int | None:
        word = re.sub(_MARKS + "$", "", word)
        if word in table:
            return table[word]
        for n in range(1, 4):
            if word[n:] in table:
                return table[word[n:]]
        return None

    def _words(self, s: str) -> int | None:
        tokens = [t for t in re.split(r"[\s-]+", s) if t and t not in self.joiners]
        total = current = 0
        i = 0
        while i < len(tokens):
            for n in (3, 2, 1):
                key = " ".join(tokens[i : i + n])
                if n > 1 and key not in self.words:
                    key = "-".join(tokens[i : i + n])
                value = self._lookup(self.words, key)
                if value is not None or n == 1:
                    break
            if value is not None:
                current += value
                i += n
                continue
            scale = self._lookup(self.scales, tokens[i])
            if scale is None:
                return None
            if scale < 1000:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0
            i += 1
        return total + current if tokens else None

    def find(self, text: str) -> Iterator[NumberMention]:
        """Every number mention in `text`, left to right."""
        for m in self.pattern.finditer(text):
            if m.group("approx"):
                v = self._lookup(self.approximate, " ".join(m.group("approx").lower().split()))
                if v is not None:
                    yield NumberMention(m.start(), m.end(), v, None, "about")
                continue
            if m.group("mult"):
                v = self._lookup(self.multiples, " ".join(m.group("mult").lower().split()))
                if v is not None:
                    yield NumberMention(m.start(), m.end(), v, None, "multiples")
                continue
            a = self.parse(m.group("a"))
            if a is None:
                continue
            b = self.parse(m.group("b")) if m.group("b") else None
            sep = (m.group("sep") or "").strip().lower()
            if b is not None and b > a and (m.group("between") or sep in {"-", "–"}):
                start = m.start("between") if m.group("between") else m.start("a")
                yield NumberMention(start, m.end(), a, b, "range")
                continue
            yield NumberMention(m.start("a"), m.end("a"), a)
            if b is not None:
                yield NumberMention(m.start("b"), m.end("b"), b)


_INVISIBLE_ONLY = str.maketrans({c: None for c in ZERO_WIDTH})
