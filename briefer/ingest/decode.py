"""Turning a file's bytes into text, whatever the file claims to be.

Articles arrive as UTF-8 (with or without a BOM), as Windows-1252 from older
systems, and now and then as UTF-16. Curly quotes must survive each of them,
because the quote engine depends on them.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

SAMPLE = 65536

# Share of control characters (other than tab and newline) above which a file is
# taken for binary data rather than text with a few stray bytes.
BINARY_RATIO = 0.10

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BinaryFile(ValueError):
    """The bytes are not text in any encoding we read."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of the sample is NUL."""
    sample = data[: SAMPLE & ~1]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def normalise_newlines(text: str) -> str:
    """Newlines as Python's universal-newline mode gives them (what offsets count)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> Decoded:
    """Decode `data`, raising `BinaryFile` when it is not text at all."""
    warning = None
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text, encoding = data.decode("utf-32", errors="replace"), "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    elif utf16 := _utf16_without_bom(data):
        text, encoding = data.decode(utf16, errors="replace"), utf16
        warning = f"no byte-order mark; read as {utf16.upper()}"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
            warning = f"not valid UTF-8 (byte {exc.start}); read as Windows-1252"
    sample = text[:SAMPLE]
    if sample and len(_CONTROLS.findall(sample)) / len(sample) > BINARY_RATIO:
        raise BinaryFile("looks like binary data, not text")
    return Decoded(normalise_newlines(text), encoding, warning)
