"""Bytes to text: binary sniffing, strict UTF-8 decoding and a diagnosis when the bytes are not UTF-8.

Plain text must be UTF-8 (a byte-order mark for UTF-8/16/32 is honoured). Markup may declare its own
charset (``<meta charset>``, an XML declaration, an HTTP header): that declaration is used, strictly.
Nothing is guessed silently: undeclared non-UTF-8 text is rejected with the likely encoding and the
``iconv`` command that converts it, because a wrong guess would store mojibake as evidence.
"""

from __future__ import annotations

import codecs
import re

from rashomon.errors import InputRejected
from rashomon.ingest.rejections import rejected
from rashomon.model import RejectionReason

# Magic numbers of the binary formats people most often drop into a folder of reports.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF document", "extract its text first, e.g. with: pdftotext FILE FILE.txt"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)", "unpack it or save the document as plain text"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document", "save it as plain text or HTML"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first: gunzip FILE"),
    (b"BZh", "a bzip2 archive", "decompress it first: bunzip2 FILE"),
    (b"\xfd7zXZ\x00", "an xz archive", "decompress it first: unxz FILE"),
    (b"\x89PNG", "a PNG image", "remove it from the inputs; images are not read"),
    (b"\xff\xd8\xff", "a JPEG image", "remove it from the inputs; images are not read"),
    (b"GIF8", "a GIF image", "remove it from the inputs; images are not read"),
    (b"SQLite format 3\x00", "an SQLite database", "export its reports as JSONL first"),
    (b"\x7fELF", "an executable", "remove it from the inputs"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Bytes that never occur in text: C0 controls other than tab, newline, vertical tab, form feed and
# carriage return, plus DEL. Random or compressed binary data has ~11% of them, text ~0%; the 5% cut
# tolerates the odd stray control character (a DOS end-of-file mark, an escape in a pasted log).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
MAX_CONTROL_BYTE_RATIO = 0.05

# Windows-1256 detection: decoded as cp1256, Arabic text gives runs of Arabic letters (words), while
# Latin-1/cp1252 text gives isolated letters between ASCII ones (Portuguese "não" -> "nنo"). So the
# test is the share of high bytes that decode to Arabic letters inside runs of 2 or more. Measured on
# tests/data/ingest/language: the fr, de, es, it, pt, nl, id samples in cp1252 (and accent-heavy
# French, German and Portuguese sentences) score 0.0; the Arabic sample in cp1256 scores 0.99, also
# inside an English sentence. 0.5 leaves room on both sides.
MIN_ARABIC_RUN_SHARE = 0.5
_HIGH_BYTES = bytes(range(0x80, 0x100))
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]{2,}")


def check_not_binary(data: bytes, source: str) -> None:
    """Raise InputRejected(BINARY) for known binary formats, NUL bytes or too many control bytes."""
    for magic, kind, fix in _MAGIC:
        if data.startswith(magic):
            raise rejected(source, RejectionReason.BINARY, f"this is {kind}, not text; {fix}")
    if bom_encoding(data) is not None:
        return
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise rejected(
            source,
            RejectionReason.BINARY,
            f"binary file (NUL byte at offset {offset}); give a text, HTML, feed or JSONL file instead",
        )
    controls = len(data.translate(None, _TEXT_BYTES))  # what is left once every text byte is deleted
    if data and controls / len(data) > MAX_CONTROL_BYTE_RATIO:
        raise rejected(
            source,
            RejectionReason.BINARY,
            f"binary file ({controls / len(data):.0%} control bytes); give a text, HTML, feed or JSONL file instead",
        )


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def known_encoding(name: str | None) -> str | None:
    """The codec name Python knows for a declared charset, or None for a missing or unknown one."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode strictly: BOM first, then a declared charset, else UTF-8. Raise InputRejected(ENCODING)."""
    encoding = bom_encoding(data) or known_encoding(declared) or "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise diagnose(data, source, encoding, exc) from exc


def diagnose(data: bytes, source: str, encoding: str, exc: UnicodeDecodeError) -> InputRejected:
    """Say which encoding the bytes look like and how to convert them to UTF-8."""
    where = f"byte 0x{data[exc.start]:02X} at offset {exc.start}"
    declared = "" if encoding in ("utf-8", "utf-8-sig") else f" (declared {encoding})"
    if looks_like_cp1256(data):
        return rejected(
            source,
            RejectionReason.ENCODING,
            f"not valid UTF-8{declared} ({where}); it looks like Windows-1256 (Arabic): "
            "re-encode it with: iconv -f cp1256 -t utf-8 FILE > FILE.utf8",
        )
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return rejected(
            source,
            RejectionReason.ENCODING,
            f"not valid UTF-8{declared} ({where}); find its encoding (e.g. with: file -i FILE) and re-encode it "
            "with: iconv -f ENCODING -t utf-8 FILE > FILE.utf8",
        )
    return rejected(
        source,
        RejectionReason.ENCODING,
        f"not valid UTF-8{declared} ({where}); it looks like Windows-1252/Latin-1: "
        "re-encode it with: iconv -f cp1252 -t utf-8 FILE > FILE.utf8",
    )


def looks_like_cp1256(data: bytes) -> bool:
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high == 0:
        return False
    text = data.decode("cp1256", errors="replace")
    in_words = sum(len(word) for word in _ARABIC_WORD.findall(text))
    return in_words / high >= MIN_ARABIC_RUN_SHARE
