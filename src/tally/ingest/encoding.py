"""Turn an input's bytes into the text tally stores, or refuse them with a reason.

The rules, in order:

1. An empty input is refused.
2. A byte-order mark decides (UTF-8, UTF-16 or UTF-32); the mark is dropped.
3. Known binary formats (PDF, images, archives, executables, ...) are refused,
   named by their signature.
4. UTF-16 without a mark is recognised by the shape of its high and low bytes.
5. Any other NUL byte means binary data: refused.
6. Valid UTF-8 is UTF-8, so a UTF-8 file gives exactly what
   `open(path, encoding="utf-8-sig")` reads.
7. Invalid UTF-8 is not refused. A declared charset (an HTTP header, an HTML
   `<meta charset>`, or the user's `--encoding`) that decodes the bytes is used.
   Else, when the input is mostly UTF-8 (it holds more valid multi-byte sequences
   than invalid bytes), stray bytes 0x80-0x9F are read as Windows-1252 punctuation
   (a curly quote pasted into a UTF-8 page), other bad bytes become U+FFFD, since
   reading the whole file as a legacy code page would garble every good
   character. Otherwise it is legacy text: charset-normalizer proposes code
   pages, and among the equally plausible ones the common Windows pages (cp1252,
   then cp1251) win. Nothing plausible: refused as not text.
8. The decoded text is repaired (`repair`: mojibake, C1 controls standing for
   Windows-1252 punctuation, line endings, invisible and control characters) and
   only then judged: more than 1% C0 control characters (not C1, which stand for
   punctuation) means binary data, refused.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from tally.errors import InputError
from tally.ingest.repair import merge, repair

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
)

_PREFERRED = ("cp1252", "cp1251", "iso8859_15", "cp1250", "latin_1")
"""Legacy code pages tried first when several decode an input equally well."""

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
"""C0 control characters and DEL, other than tab, line and page breaks: C1 controls are
repaired as the Windows-1252 punctuation they stand for, so they do not count."""
_ANSI = re.compile("\x1b\\[[0-9;]*[A-Za-z]")
_MAX_CONTROL_SHARE = 0.01
_MIN_CONTROLS = 8
"""A few stray control characters in a short text are repaired, not taken for binary."""
_SNIFF = 64_000


@dataclass(frozen=True)
class Decoded:
    """Text as tally stores it, the encoding it was read in, and the repairs it took."""

    text: str
    encoding: str
    repairs: tuple[str, ...] = ()


def decode(
    data: bytes, name: str, declared: str | None = None, *, entities: bool = False
) -> Decoded:
    """Decode an input's bytes by the rules of this module and `repair` the text once;
    raise `InputError` naming `name`.

    `declared` is the charset the input claims (an HTML `<meta charset>`, an HTTP
    header); it is used when the bytes are not valid UTF-8 and it decodes them.
    `entities` decodes `&...;` too (plain text; HTML source leaves them to its parser).
    """
    raw = _decoded(data, name, declared)
    fixed = repair(raw.text, entities=entities)
    return Decoded(fixed.text, raw.encoding, merge(raw.repairs, fixed.repairs))


def _decoded(data: bytes, name: str, declared: str | None) -> Decoded:
    """The text of an input's bytes, checked to be text, before any repair."""
    if not data:
        raise InputError("empty file", source=name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data[len(bom) :], encoding, name, bom=True), encoding, name)
    what = _binary_signature(data)
    if what:
        raise InputError(f"binary data ({what}), not text", source=name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(_strict(data, utf16, name, bom=False), utf16, name)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary data, not text (a NUL byte at offset {nul:,})", source=name)
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError as err:
        first_bad = err.start
    if declared and _codec(declared) not in (None, "utf-8") and _decodes(data, declared):
        return _checked(data.decode(declared), _codec(declared) or declared, name)
    if _mostly_utf8(data):
        text = data.decode("utf-8", errors=_STRAY_BYTES)
        return _checked(text, "utf-8 (stray bytes as cp1252)", name, ("mixed-encoding",))
    encoding = _legacy_encoding(data)
    if encoding is None and _UTF8_MULTIBYTE.search(data):
        text = data.decode("utf-8", errors=_STRAY_BYTES)
        return _checked(text, "utf-8 (stray bytes as cp1252)", name, ("mixed-encoding",))
    if encoding is None:
        raise InputError(
            f"not text in any known encoding (invalid UTF-8 at byte {first_bad:,})", source=name
        )
    return _checked(data.decode(encoding), encoding, name)


def normalise_newlines(text: str) -> str:
    """Line endings as Python's text mode reads them: `\\r\\n` and lone `\\r` become `\\n`."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _strict(data: bytes, encoding: str, name: str, *, bom: bool) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        how = "with a byte-order mark" if bom else "by the shape of its bytes"
        raise InputError(
            f"marked as {encoding.upper()} {how} but invalid at byte {err.start:,}", source=name
        ) from err


def _checked(text: str, encoding: str, name: str, repairs: tuple[str, ...] = ()) -> Decoded:
    sample = normalise_newlines(text[: _SNIFF + 1])[:_SNIFF]
    controls = len(_CONTROL.findall(_ANSI.sub("", sample) if "\x1b" in sample else sample))
    if controls > _MIN_CONTROLS and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise InputError(
            f"binary data, not text ({controls:,} control characters in the first "
            f"{len(sample):,} as {encoding})",
            source=name,
        )
    if "\x00" in text:
        raise InputError("binary data, not text (it holds NUL characters)", source=name)
    return Decoded(text, encoding, repairs)


def _stray_bytes(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: stray bytes 0x80-0x9F read as the Windows-1252 punctuation they
    are (curly quotes, dashes pasted into a UTF-8 page), any other bad byte as U+FFFD."""
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return "".join(
        bytes([b]).decode("cp1252", errors="replace") if 0x80 <= b <= 0x9F else "\ufffd"
        for b in bad
    ), err.end


_STRAY_BYTES = "tally-stray-bytes"
codecs.register_error(_STRAY_BYTES, _stray_bytes)


def _binary_signature(data: bytes) -> str | None:
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """`utf-16-le`/`utf-16-be` when the bytes have UTF-16's shape.

    In UTF-16 text the high byte of each code unit takes one or two values (0 for
    Latin script and for spaces and digits, 4 for Cyrillic, ...), and some are 0,
    while the low bytes vary and are almost never 0.
    """
    sample = data[: _SNIFF - (_SNIFF % 2)]
    if len(sample) < 4 or len(data) % 2:
        return None
    for encoding, high, low in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        units = len(high)
        if high.count(0) < 0.1 * units or low.count(0) > 0.05 * units:
            continue
        common = sum(n for _, n in Counter(high).most_common(2))
        if common >= 0.9 * units:
            return encoding
    return None


def _mostly_utf8(data: bytes) -> bool:
    """True when valid UTF-8 multi-byte sequences outnumber the bytes that are not UTF-8."""
    replaced = data.decode("utf-8", errors="replace").count("\ufffd")
    bad = replaced - data.count("\ufffd".encode())
    return len(_UTF8_MULTIBYTE.findall(data)) > 2 * bad


def _legacy_encoding(data: bytes) -> str | None:
    """The code page that reads `data` best: charset-normalizer proposes, tally's rules decide.

    Among the proposals with the least chaos, old DOS and Mac pages count only when
    nothing else is plausible (web text is almost never in them); among the most
    coherent (within 0.1), the page whose text has the fewest symbols inside words
    ("zosta³o" is Polish read as cp1252) wins, then the common Windows pages.
    """
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[: 4 * _SNIFF]))
    if not results:
        return None
    least = min(r.chaos for r in results)
    plausible = [r for r in results if r.chaos <= least + 0.01]
    modern = [r for r in plausible if not _OLD_PAGES.match(r.encoding)]
    if modern:
        plausible = modern
    top = max(r.coherence for r in plausible)
    seen: dict[str, tuple[int, int, int, int]] = {}
    for rank, r in enumerate(r for r in plausible if r.coherence >= top - 0.1):
        for encoding in r.could_be_from_charset:
            if encoding in seen or (modern and _OLD_PAGES.match(encoding)):
                continue
            if not _decodes(data, encoding):
                continue
            pref = _PREFERRED.index(encoding) if encoding in _PREFERRED else len(_PREFERRED)
            band = 0 if r.coherence >= top - 0.02 else 1
            odd = _odd_symbols(data[: 4 * _SNIFF].decode(encoding))
            seen[encoding] = (odd, band, pref, rank)
    if not seen:
        return _decodes(data, results[0].encoding)
    return min(seen, key=lambda e: seen[e])


_OLD_PAGES = re.compile(r"cp(?:437|7\d\d|8\d\d)$|mac_")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _odd_symbols(text: str) -> int:
    """How many non-ASCII symbols (not letters or marks) stand between two letters."""
    odd = 0
    for m in _NON_ASCII.finditer(text):
        i = m.start()
        if 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
            odd += unicodedata.category(m.group())[0] not in "LM"
    return odd


def known_encoding(label: str) -> bool:
    """True when Python has a codec of this name (`cp1250`, `windows-1251`, `koi8-r`, ...)."""
    return _codec(label) is not None


def _codec(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decodes(data: bytes, encoding: str) -> str | None:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return encoding
