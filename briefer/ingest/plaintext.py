"""Plain text: paragraphs, headings and the title from line structure alone.

Two conventions are common and a document uses one of them: one paragraph per
line (what copying from a web page gives), or lines wrapped at a fixed width
with blank lines between paragraphs (wire copy, e-mail, PolNeAR). We decide per
document from how its line breaks inside blocks look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefer.ingest.assemble import Block, assemble, first_sentence, shorten
from briefer.ingest.boilerplate import is_boilerplate
from briefer.ingest.clean import PieceBuilder, clean_line
from briefer.model import Document

HEADING_MAX_WORDS = 8
HEADING_MAX_CHARS = 60
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 160
# Characters that close a sentence or a clause; a heading ends with none of them.
CLOSING = ".,;:!?…\"”’'"
_DATE = re.compile(
    r"((mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    r"((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2}(,?\s+\d{4})?"
    r"|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?(\s+\d{4})?"
    r"|\d{4}-\d{2}-\d{2})"
    r"(\s+\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?(\s+[a-z]{2,4})?)?",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"(by|from|updated|published|posted)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # cleaned and stripped, for decisions only

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), clean_line(raw).strip()))
        pos += len(raw) + 1
    return lines


def blocks_of(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def is_wrapped(blocks: list[list[Line]]) -> bool:
    """True when line breaks inside blocks mostly fall mid-sentence."""
    inner = [line for block in blocks for line in block[:-1]]
    if not inner:
        return False
    mid_sentence = sum(1 for line in inner if not line.text.endswith(tuple(CLOSING)))
    return mid_sentence / len(inner) >= 0.5


def looks_like_heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and len(text) <= HEADING_MAX_CHARS
        and (text[0].isupper() or text[0].isdigit())
        and not text.endswith(tuple(CLOSING))
        and any(c.isalpha() for c in text)
        and not _DATE.fullmatch(text)
        and not _BYLINE.match(text)
    )


def looks_like_headline(text: str, followed_by_blank: bool) -> bool:
    """A first line that is a title: short, and either unpunctuated or set apart."""
    words = text.split()
    if not 0 < len(words) <= HEADLINE_MAX_WORDS or text.endswith((":", ",", ";")):
        return False
    if not text.endswith(tuple(CLOSING)):
        return True
    return followed_by_blank and first_sentence(text) == text


def _builder(source: str, lines: list[Line]) -> PieceBuilder:
    builder = PieceBuilder(source)
    for i, line in enumerate(lines):
        raw = source[line.start : line.end]
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw.rstrip())
        if i:
            builder.put(" ", line.start - 1)
        builder.copy(line.start + lead, line.start + trail)
    return builder


def read_plaintext(path: str, text: str) -> Document:
    lines = split_lines(text)
    blocks = blocks_of(lines)
    units = blocks if is_wrapped(blocks) else [[line] for block in blocks for line in block]
    title = None
    if units and len(units[0]) == 1:
        first = units[0][0]
        after = lines.index(first) + 1
        followed_by_blank = after < len(lines) and lines[after].blank
        if looks_like_headline(first.text, followed_by_blank):
            title = shorten(first.text.rstrip("."), HEADLINE_MAX_CHARS)
    out: list[Block] = []
    for n, unit in enumerate(units):
        if len(unit) == 1 and is_boilerplate(unit[0].text):
            continue
        single = len(unit) == 1
        heading = single and 0 < n < len(units) - 1 and looks_like_heading(unit[0].text)
        block = Block.from_builder(_builder(text, unit), heading=heading)
        if block.text.strip():
            out.append(block)
    return assemble(path, "text", out, title)
