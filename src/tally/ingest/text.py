"""Plain-text articles: the text as stored, its metadata, and its page furniture.

The text is never changed (figure offsets index it). What is not the article —
menus, "Related"/"Most read" lists of other stories' headlines, newsletter and
cookie prompts, separator lines — is found by its structure and generic cues
and marked as `Document.furniture` spans, so the extractor skips it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from importlib import resources

from tally.keywords import quick_start
from tally.models import Document, Source, Span, text_hash
from tally.words import MONTH_NUMBERS

_MONTH = r"(?P<mon>" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_DATES = [
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    re.compile(
        r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(_MONTH + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
]
_A_YEAR = re.compile(r"(?:19|20)\d\d")
HEADER_CHARS = 700
"""Metadata (dateline, byline, masthead) is read from the top of the text only."""


def furniture_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(headings, inline) of every language's `lang/<code>/page.toml`: the patterns of a line
    heading a list of other stories ("Most read", "À lire aussi", "اقرأ أيضاً") and of a
    line's lead-in to one link ("Read more: ..."). Furniture is marked before a document's
    language is known, so every language's are tried on every document. Read from the
    folder without importing `tally.lang` (reading a ledger loads no language data)."""
    headings: list[str] = []
    inline: list[str] = []
    for folder in sorted(resources.files("tally").joinpath("lang").iterdir(), key=lambda f: f.name):
        page = folder / "page.toml"
        if page.is_file():
            table = tomllib.loads(page.read_text(encoding="utf-8"))["furniture"]
            headings += table["headings"]
            inline += table.get("inline", [])
    return tuple(headings), tuple(inline)


_HEADINGS, _INLINE = furniture_words()
FURNITURE_HEADINGS = re.compile(r"^(?:" + "|".join(_HEADINGS) + r")\s*:?$", re.I)
"""A line heading a list of other stories, in any language (`furniture_words`)."""
_INLINE_FURNITURE = re.compile(r"^(?:" + "|".join(_INLINE) + r")\s*:\s*\S", re.I)
_PROMPT = quick_start(
    re.compile(
        r"\b(?:sign up|subscribe|newsletter|(?:in|to) your inbox|email notifications?"
        r"|get an email|your notification|donate now|cookies?|accept all"
        r"|privacy policy|all rights reserved|refresh for updates|follow us|download (?:our|the) app"
        r"|share this (?:article|story))\b",
        re.I,
    )
)
_HARM = quick_start(
    re.compile(
        r"\b(?:kill|dead|death|died|injur|wound|missing|displac|toll|victim|fled|abduct|kidnap)",
        re.I,
    )
)
"""A line that speaks of harm is never taken for a prompt ("cookie" in a sentence about a fire)."""
_MARKER = re.compile(r"^(?:-+ )?(?:advertisement|sponsored(?: content)?)(?: -+)?$", re.I)
"""A lone marker line: it is furniture, but the lines after it are not a list."""
_GALLERY = quick_start(
    re.compile(r"\b(?:Image|Photo|Slide) \d{1,3} of /? ?\d{1,3}\b|\bBack to Gallery\b")
)
"""A photo gallery's slide ("Image 2 of 10 ...", "Back to Gallery"): its captions repeat
once per slide and are often of other stories; they are not the article."""
_WEATHER_ALERT = quick_start(
    re.compile(
        r"\b(?:Warning|Watch|Advisory|Statement) issued \w+\.? \d{1,2} at \d{1,2}:\d\d ?[AP]M\b"
    )
)
"""A broadcaster's weather alert ("Winter Storm Warning issued January 11 at 6:51PM EST ...
in effect for: Erie, Wyoming"): its counties are of the station's area, not the story's."""
_SEPARATOR = re.compile(r"^\s*(?:[-=_*~#·•]\s*){3,}\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•·▪►]|\d{1,2}[.)])\s+\S")
_MENU_SEP = re.compile(r"\s(?:\||›|»|>|•|/)\s")
_BYLINE = re.compile(
    r"^\s*[Bb]y\s+(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|al))*)"
)
_PARTICLES = {"of", "the", "and", "de", "du", "des", "la", "le", "el", "al", "di", "do", "da"}
PUBLISHER_CUE = quick_start(
    re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<name>[A-Z][\w&'’. -]{2,40})", re.I)
)


def parse_text(text: str, source: Source) -> Document:
    """A `Document` for a plain-text article; the text is stored unchanged so offsets hold."""
    meta = read_metadata(text)
    return Document(
        id=text_hash(text),
        text=text,
        kind="text",
        name=source.name,
        url=source.url,
        title=source.title or meta.get("title"),
        published=source.published or meta.get("published"),
        publisher=source.publisher or meta.get("publisher"),
        byline=meta.get("byline"),
        furniture=tuple(furniture_spans(text)),
    )


def _lines(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _headline_like(line: str) -> bool:
    """A short line that reads as a headline or a list item, not as prose."""
    s = line.strip()
    if _BULLET.match(s):
        return True
    return 0 < len(s.split()) <= 25 and not re.search(r"[.!?:;][\"'”’)]?$", s)


def _is_menu(line: str) -> bool:
    parts = [p.strip() for p in _MENU_SEP.split(line.strip())]
    return len(parts) >= 3 and all(0 < len(p.split()) <= 4 for p in parts)


def furniture_spans(text: str) -> list[Span]:
    """Spans of `text` that are page furniture, found by structure and generic cues."""
    spans: list[Span] = []
    lines = list(_lines(text))
    i = 0
    while i < len(lines):
        start, line = lines[i]
        s = line.strip()
        end = start + len(line)
        if not s:
            i += 1
            continue
        if FURNITURE_HEADINGS.match(s):
            spans.append(Span(start, end))
            if _MARKER.match(s):
                i += 1
                continue
            j = i + 1
            while j < len(lines):
                nstart, nline = lines[j]
                if not nline.strip():
                    j += 1
                    continue
                if not (_headline_like(nline) or _INLINE_FURNITURE.match(nline.strip())):
                    break
                spans.append(Span(nstart, nstart + len(nline)))
                j += 1
            i = j
            continue
        words = len(s.split())
        if (
            _SEPARATOR.match(s)
            or _GALLERY.search(s)
            or _WEATHER_ALERT.search(s)
            or _INLINE_FURNITURE.match(s)
            or _is_menu(s)
            or (words <= 30 and _PROMPT.search(s) and not _HARM.search(s))
        ):
            spans.append(Span(start, end))
        i += 1
    return _merge(spans)


PLAYLIST = re.compile(
    r"^[ \t]*\d{1,2}:\d\d[ \t]+(?![AaPp]\.?[Mm]\b)[A-Z][^\n]{0,120}[^.!?\s][ \t]*$", re.M
)
"""A line of a page's video playlist: a video's length and a title that ends no sentence
("1:36 Vigil held for teen"); a live report's entries ("14:05 Police say the toll ...") are
sentences. Other stories' headlines, though of the outlet's own area (`tally.link.where`)."""


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for sp in sorted(spans, key=lambda s: s.start):
        if out and sp.start <= out[-1].end + 1:
            out[-1] = Span(out[-1].start, max(out[-1].end, sp.end))
        else:
            out.append(sp)
    return out


def find_date(text: str) -> str | None:
    """The first calendar date in `text` as ISO `YYYY-MM-DD`, or None."""
    if not _A_YEAR.search(text):
        return None  # every pattern needs a year; most lines have none
    best: tuple[int, str] | None = None
    for pattern in _DATES:
        m = pattern.search(text)
        if not m:
            continue
        g = m.groupdict()
        month = int(g["m"]) if g.get("m") else MONTH_NUMBERS[g["mon"].lower()]
        day, year = int(g["d"]), int(g["y"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        if best is None or m.start() < best[0]:
            best = (m.start(), iso)
    return best[1] if best else None


def _masthead(line: str) -> str | None:
    """The outlet's name when `line` is a masthead ("DAILY INDUS TIMES", "X Daily | Asia")."""
    first = re.split(r"\s+(?:\||—|–|›|>|·)\s+|\s+-\s+", line.strip())[0]
    first = re.sub(r"\s*\([^)]*\)", "", first).strip()
    words = first.split()
    if not 2 <= len(words) <= 5 or find_date(first):
        return None
    if not all(w[0].isupper() or w.lower() in _PARTICLES for w in words):
        return None
    if re.search(r"[.!?,:;\d]", first):
        return None
    return first.title() if first.isupper() else first


def read_metadata(text: str) -> dict[str, str]:
    """Date, byline, outlet and headline where the top of a plain-text article gives them."""
    head = text[:HEADER_CHARS]
    meta: dict[str, str] = {}
    date = find_date(head)
    if date:
        meta["published"] = date
    nonempty = [ln.strip() for ln in head.split("\n") if ln.strip()]
    for ln in nonempty[:8]:
        m = _BYLINE.match(ln)
        if m:
            meta["byline"] = m.group("name").strip()
            break
    for idx, ln in enumerate(nonempty[:3]):
        if idx and not (ln.isupper() or re.search(r"\s(?:\||—|–|·)\s", ln)):
            continue
        outlet = _masthead(ln)
        if outlet:
            meta["publisher"] = outlet
            break
    if "publisher" not in meta:
        for ln in nonempty[:8]:
            parts = [p.strip() for p in re.split(r"\s+(?:·|—|–|\|)\s+", ln)]
            if len(parts) >= 2 and find_date(parts[0]):
                cand = re.sub(r"\s+staff$", "", parts[1], flags=re.I)
                if _masthead(cand):
                    meta["publisher"] = cand
                    break
    if "publisher" not in meta:
        m = PUBLISHER_CUE.search(text[-2000:])
        if m:
            name = m.group("name").strip(" .")
            name = re.split(r"\.\s|\s+all rights", name, flags=re.I)[0]
            meta["publisher"] = name
    return meta
