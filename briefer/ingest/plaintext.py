"""Plain text: paragraphs, headings and the title from line structure alone.

Two conventions are common and a document uses one of them: one paragraph per
line (what copying from a web page gives), or lines wrapped at a fixed width
with blank lines between paragraphs (wire copy, e-mail). We decide per document
from how its line breaks inside blocks look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from briefer.ingest.assemble import Block, assemble, shorten, strip_final_stop
from briefer.ingest.boilerplate import is_boilerplate
from briefer.ingest.clean import PieceBuilder, clean_line
from briefer.model import Document

HEADING_MAX_WORDS = 8
HEADING_MAX_CHARS = 60
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 160
# Characters that close a sentence or a clause; a heading ends with none of them.
CLOSING = ".,;:!?…\"”’'"
# In wrapped text a line that stops well short of the width ends its paragraph
# (when it ends a sentence) or is a heading set above the paragraph.
SHORT_LINE = 0.6
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?"
_TIME = r"\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?(\s+[a-z]{2,4})?"
_DATE = re.compile(
    rf"((mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    rf"({_MONTH}\s+\d{{1,2}}(,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(,?\s+{_TIME})?|{_TIME}",
    re.IGNORECASE,
)
# A word of two lower-case letters or more, then a full stop and more text:
# a sentence ends inside the line ("Mr. Smith" and "1. Trump" do not count).
_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.!?]\s")
# A list item of plain text: a bullet or a number, then a space.
_LIST_ITEM = re.compile(r"(?:[-*+•–]|\d{1,3}[.)])\s")
_BYLINE = re.compile(
    r"(by|from|updated|published|posted|reporting|written|edited|contributing)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # cleaned and stripped, for decisions only

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def mid_sentence(self) -> bool:
        return not self.text.endswith(tuple(CLOSING))


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


def _continues(before: Line, after: Line) -> bool:
    """`after` carries on the sentence `before` left open."""
    return before.mid_sentence and after.text[0].islower()


def is_wrapped(blocks: list[list[Line]]) -> bool:
    """True when line breaks inside blocks mostly fall mid-sentence.

    Both signs must hold: most lines end mid-sentence, and many of the lines
    after them start in lower case. Paragraphs, list entries and numbered
    items each start with a capital or a digit, so a page with one paragraph
    per line and a few unpunctuated lines (headings, "[Reuters]") stays one.
    A break before a list item is expected in both, so it does not count.
    """
    pairs = [(a, b) for block in blocks for a, b in pairwise(block) if not _LIST_ITEM.match(b.text)]
    if not pairs:
        return False
    mid_sentence = sum(1 for a, _ in pairs if a.mid_sentence)
    continued = sum(1 for a, b in pairs if _continues(a, b))
    return mid_sentence / len(pairs) >= 0.5 and continued / len(pairs) >= 0.3


def wrapped_units(blocks: list[list[Line]]) -> list[list[Line]]:
    """Paragraphs of wrapped text: blocks, split after short lines that end a sentence,
    before list items, and around short heading-like lines (paragraphs set without a
    blank line between them)."""
    inner = sorted(len(line.text) for block in blocks for line in block[:-1])
    short = SHORT_LINE * inner[len(inner) // 2]
    units: list[list[Line]] = []
    for block in blocks:
        current: list[Line] = []
        for line in block:
            if current and _LIST_ITEM.match(line.text):
                units.append(current)
                current = []
            if len(line.text) < short and looks_like_heading(line.text):
                if current:
                    units.append(current)
                units.append([line])
                current = []
                continue
            current.append(line)
            if len(line.text) < short and not line.mid_sentence:
                units.append(current)
                current = []
        if current:
            units.append(current)
    return units


def line_units(blocks: list[list[Line]]) -> list[list[Line]]:
    """Paragraphs of one-per-line text; a line that only carries on the sentence
    of the line before (a stray break) is joined to it."""
    units: list[list[Line]] = []
    for block in blocks:
        for i, line in enumerate(block):
            if i and _continues(block[i - 1], line):
                units[-1].append(line)
            else:
                units.append([line])
    return units


def looks_like_heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and len(text) <= HEADING_MAX_CHARS
        and (text[0].isupper() or text[0].isdigit())
        and not text.endswith(tuple(CLOSING))
        and not _SENTENCE_INSIDE.search(text)
        and any(c.isalpha() for c in text)
        and not _DATE.fullmatch(text)
        and not _BYLINE.match(text)
    )


def _title_case(words: list[str]) -> bool:
    """Most words capitalised, as headlines are ("Bernie Sanders Suffered A Big Blow")."""
    lettered = [w for w in words if any(c.isalpha() for c in w)]
    capital = sum(1 for w in lettered if next(c for c in w if c.isalpha()).isupper())
    return len(lettered) >= 3 and capital / len(lettered) >= 0.75


def looks_like_headline(text: str, set_apart: bool) -> bool:
    """A first line that is a title.

    Short, and either unpunctuated, ended by ';' (a headline with its deck on
    the next line, as wire services send them), title-cased, or set apart from
    the text by a blank line. A first line of one-per-line text that ends a
    sentence is the first paragraph.
    """
    words = text.split()
    if not 0 < len(words) <= HEADLINE_MAX_WORDS or text.endswith((":", ",")):
        return False
    if text.endswith(";") or not text.endswith(tuple(CLOSING)):
        return True
    return set_apart or _title_case(words)


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


def _title(lines: list[Line], units: list[list[Line]]) -> str | None:
    if not units or len(units[0]) != 1:
        return None
    first = units[0][0]
    at = next(i for i, line in enumerate(lines) if line is first)
    set_apart = at + 1 < len(lines) and lines[at + 1].blank
    if not looks_like_headline(first.text, set_apart):
        return None
    return shorten(strip_final_stop(first.text), HEADLINE_MAX_CHARS)


def read_plaintext(path: str, text: str) -> Document:
    lines = split_lines(text)
    blocks = blocks_of(lines)
    units = wrapped_units(blocks) if is_wrapped(blocks) else line_units(blocks)
    title = _title(lines, units)
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
