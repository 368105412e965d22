"""Repair crawled text into what a person reads, naming each repair made.

Crawled news is dirty: Windows-1252 punctuation read as C1 control characters,
UTF-8 read as Latin-1 or Windows-1252 ("â€™", "Ã©"), HTML entities left in
plain text, non-breaking, zero-width and bidi control characters, mixed line
endings, stray control characters. `repair` fixes each (mojibake with `ftfy`,
the library the field maintains for it) and returns the names of the repairs
it made, in order, so the document can say how its stored text was made.

Invisible characters between two digits ("1\\u00a0200", "2\\u200b3") are left
as they are: the number reader decides whether they join one number.
The repairs are idempotent, so the same input always gives the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ftfy import TextFixerConfig, fix_encoding_and_explain
from ftfy.fixes import fix_c1_controls, fix_surrogates, remove_terminal_escapes, unescape_html

REPAIRS: tuple[str, ...] = (
    "mixed-encoding",
    "line-endings",
    "mojibake",
    "c1-controls",
    "control-characters",
    "html-entities",
    "spaces",
    "zero-width",
    "bidi-controls",
)
"""Every repair's name, in the order they are applied (stored in `Document.repairs`)."""

_MOJIBAKE = TextFixerConfig(fix_c1_controls=False, unescape_html=False, explain=True)
_C1 = re.compile("[\x80-\x9f]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u206a-\u206f\ufff9-\ufffb]")
"""Control characters with no place in text (tab, line and page breaks stay)."""


@dataclass(frozen=True)
class _Chars:
    """Characters to remove or replace anywhere but between two digits (where the number
    reader decides). `any` finds one quickly; `where` is slow to try at every position, so
    it runs only over texts that hold one."""

    any: re.Pattern[str]
    where: re.Pattern[str]

    def sub(self, repl: str, text: str) -> str:
        return self.where.sub(repl, text) if self.any.search(text) else text


def _unless_between_digits(chars: str) -> _Chars:
    """`chars` anywhere but between two digits, where the number reader decides."""
    return _Chars(re.compile(f"[{chars}]"), re.compile(f"(?<!\\d)[{chars}]|[{chars}](?!\\d)"))


_SPACES = _unless_between_digits("\u00a0\u2000-\u200a\u202f\u205f")
"""Non-breaking, narrow, figure, thin and other fixed-width spaces."""
_ZERO_WIDTH = _unless_between_digits("\u200b\u2060\ufeff\u00ad\u180e")
"""Zero-width spaces, word joiners, inner byte-order marks and soft hyphens."""
_JOINERS = re.compile("(?<=[A-Za-z])[\u200c\u200d]+(?=[A-Za-z])")
"""Zero-width (non-)joiners between Latin letters only: other scripts and emoji need them."""
_BIDI = _unless_between_digits("\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069")
"""Bidi marks, embeddings, overrides and isolates: logical order is the text's order."""
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LINE_BREAKS = re.compile("\r\n?|[\x0b\u2028\u2029]")
_ANY_LINE_BREAK = re.compile("[\r\x0b\u2028\u2029]")
_BREAKS_IN_FIELD = re.compile("[\t\n\x0b\x0c\r\u2028\u2029]+")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Repaired:
    """Repaired text and the names of the repairs that changed it, in `REPAIRS` order."""

    text: str
    repairs: tuple[str, ...]


def repair(text: str, *, entities: bool = True) -> Repaired:
    """`text` as a person reads it, and which repairs that took.

    `entities=False` leaves `&...;` alone (HTML source, where the parser decodes them).
    """
    lines = _line_endings(text)
    done: list[str] = ["line-endings"] if lines != text else []
    text, kinds = _mojibake(lines)
    for name, step in _STEPS:
        if name == "html-entities" and not entities:
            continue
        fixed = step(text)
        if fixed != text or name in kinds:
            done.append(name)
            text = fixed
    return Repaired(text, tuple(done))


def merge(*repairs: tuple[str, ...]) -> tuple[str, ...]:
    """The union of several repair lists, in `REPAIRS` order."""
    seen = {r for rs in repairs for r in rs}
    return tuple(r for r in REPAIRS if r in seen)


def clean_field(value: str | None) -> str | None:
    """A metadata field (title, publisher, name) safe to store: no lone surrogates, no NUL.

    Surrogate pairs written as two escapes in JSON become the character they encode.
    """
    if value is None:
        return None
    if _LONE_SURROGATE.search(value):
        value = _LONE_SURROGATE.sub("\ufffd", fix_surrogates(value))
    value = _BREAKS_IN_FIELD.sub(" ", _CONTROLS.sub("", fix_c1_controls(value)))
    return value.strip() or None


def _line_endings(text: str) -> str:
    return _LINE_BREAKS.sub("\n", text) if _ANY_LINE_BREAK.search(text) else text


def _mojibake(text: str) -> tuple[str, set[str]]:
    """UTF-8 that was read as Latin-1 or Windows-1252, fixed line by line by ftfy.

    Also which repairs that was: "mojibake", or "c1-controls" where ftfy only read
    Latin-1 C1 controls as the Windows-1252 punctuation they stand for.
    """
    kinds: set[str] = set()
    if text.isascii():
        return text, kinds
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        fixed = fix_encoding_and_explain(line, _MOJIBAKE)
        if fixed.text != line:
            lines[i] = fixed.text
            steps = fixed.explanation or []
            c1_only = all(how == "encode" or "1252" in what for how, what in steps)
            kinds.add("c1-controls" if c1_only and _C1.search(line) else "mojibake")
    return "\n".join(lines), kinds


def _c1_controls(text: str) -> str:
    return fix_c1_controls(text) if _C1.search(text) else text


def _control_characters(text: str) -> str:
    if "\x1b" in text:
        text = remove_terminal_escapes(text)
    return _CONTROLS.sub("", text)


def _html_entities(text: str) -> str:
    return unescape_html(text) if _ENTITY.search(text) else text


def _spaces(text: str) -> str:
    return text if text.isascii() else _SPACES.sub(" ", text)


def _zero_width(text: str) -> str:
    if text.isascii():
        return text
    text = _ZERO_WIDTH.sub("", text)
    return _JOINERS.sub("", text) if "\u200c" in text or "\u200d" in text else text


def _bidi_controls(text: str) -> str:
    return text if text.isascii() else _BIDI.sub("", text)


_STEPS = (
    ("mojibake", lambda text: text),
    ("c1-controls", _c1_controls),
    ("control-characters", _control_characters),
    ("html-entities", _html_entities),
    ("spaces", _spaces),
    ("zero-width", _zero_width),
    ("bidi-controls", _bidi_controls),
)
