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

# Share of control characters (other than tab and newline) and undecodable bytes
# above which a file is taken for binary data rather than text with a few stray
# bytes. Random bytes read as Windows-1252 give about 14%.
BINARY_RATIO = 0.10

# Past this many bytes that are not UTF-8, a file is read wholly as Windows-1252
# rather than byte by byte (which costs a Python call per bad byte); either way
# binary data is then caught by its share of controls.
MAX_STRAY_BYTES = 100_000

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


class BinaryFile(ValueError):
    """The bytes are not text in any encoding we read."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def _stray_bytes_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Decode error handler: read a byte that is not UTF-8 as Windows-1252."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


codecs.register_error("briefer-cp1252", _stray_bytes_as_cp1252)


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


def _utf8_or_cp1252(data: bytes) -> tuple[str, str, str | None]:
    """UTF-8 when it is; otherwise each byte that is not UTF-8 read as Windows-1252.

    A Windows-1252 file comes out as if read wholly as Windows-1252, and a
    UTF-8 file with a few Windows-1252 bytes pasted in (a common result of copy
    and paste) keeps its UTF-8 characters, where reading it wholly as
    Windows-1252 would turn every curly quote into mojibake.
    """
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        first = exc.start
    lenient = data.decode("utf-8", errors="replace")
    stray = lenient.count("\ufffd")
    if stray > MAX_STRAY_BYTES:
        text = data.decode("cp1252", errors="replace")
        return text, "cp1252", f"not valid UTF-8 (byte {first}); read as Windows-1252"
    text = data.decode("utf-8", errors="briefer-cp1252")
    utf8_chars = len(lenient) - len(lenient.encode("ascii", errors="ignore")) - stray
    if utf8_chars:
        return text, "utf-8", f"not valid UTF-8 (byte {first}); stray bytes read as Windows-1252"
    return text, "cp1252", f"not valid UTF-8 (byte {first}); read as Windows-1252"


def normalise_newlines(text: str) -> str:
    """Newlines as Python's universal-newline mode gives them (what offsets count)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> Decoded:
    """Decode `data`, raising `BinaryFile` when it is not text at all."""
    warning = None
    if data.startswith(codecs.BOM_UTF8):
        text, encoding, warning = _utf8_or_cp1252(data[3:])
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text, encoding = data.decode("utf-32", errors="replace"), "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    elif utf16 := _utf16_without_bom(data):
        text, encoding = data.decode(utf16, errors="replace"), utf16
        warning = f"no byte-order mark; read as {utf16.upper()}"
    else:
        text, encoding, warning = _utf8_or_cp1252(data)
    sample = text[:SAMPLE]
    if sample and len(_CONTROLS.findall(sample)) / len(sample) > BINARY_RATIO:
        raise BinaryFile("looks like binary data, not text")
    return Decoded(normalise_newlines(text), encoding, warning)
