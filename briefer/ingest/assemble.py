"""From a format's blocks to a Document: sections, numbered paragraphs, a title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefer.ingest.clean import PieceBuilder
from briefer.model import Document, Paragraph, Section

TITLE_LENGTH = 80

# A sentence ends at . ! ? (possibly inside a closing quote) followed by a space
# and a capital, unless the word before the stop is a short abbreviation.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt"
    r"|Adm|Maj|Rev|St|Mt|Ft|Jr|Sr|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
    r"|No|vs?|etc))$"
)
# An abbreviation is never longer than this, so looking further back is wasted
# (and would make a paragraph full of stops quadratic).
_ABBREVIATION_REACH = 12


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph as a format reader found it."""

    text: str
    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    heading: bool = False

    @classmethod
    def from_builder(cls, builder: PieceBuilder, heading: bool = False) -> Block:
        pieces = builder.pieces
        start = pieces[0][1] if pieces else 0
        simple = len(pieces) == 1
        return cls(builder.text, start, builder.end_offset(), () if simple else pieces, heading)


def _after_abbreviation(text: str, stop: int) -> bool:
    """The word before the full stop at `stop` is an abbreviation ("Sen.", "U.S.")."""
    return _ABBREVIATION.search(text[max(0, stop - _ABBREVIATION_REACH) : stop]) is not None


def first_sentence(text: str) -> str:
    for match in _SENTENCE_END.finditer(text):
        if text[match.start()] != "." or not _after_abbreviation(text, match.start()):
            return text[: match.start() + 1]
    return text


def strip_final_stop(headline: str) -> str:
    """A headline without the full stop or semicolon some feeds append ("U.S." keeps its own)."""
    if headline.endswith(";"):
        return headline[:-1].rstrip()
    stop = len(headline) - 1
    if (
        headline.endswith(".")
        and not headline.endswith("..")
        and not _after_abbreviation(headline, stop)
    ):
        return headline[:-1]
    return headline


def shorten(text: str, width: int = TITLE_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > width // 2 else width].rstrip(" ,;:—-") + "…"


def assemble(path: str, fmt: str, blocks: list[Block], title: str | None) -> Document:
    """Number the paragraphs and gather them under their headings.

    A heading with no paragraph after it before the next heading still makes a
    (empty) section, so the outline matches what the author wrote.
    """
    paragraphs: list[Paragraph] = []
    sections: list[Section] = []
    current_title: str | None = None
    current: list[int] = []
    opened = False

    def close() -> None:
        if opened or current:
            sections.append(Section(len(sections), current_title, tuple(current)))

    for block in blocks:
        if block.heading:
            close()
            current_title, current, opened = block.text, [], True
            continue
        index = len(paragraphs)
        paragraphs.append(
            Paragraph(index, len(sections), block.text, block.start, block.end, block.pieces)
        )
        current.append(index)
    close()
    if not sections:
        sections.append(Section(0, None, ()))
    if title is None:
        # Never the file name: names are often hashes (000_cf13c56e70b3d794.txt).
        title = shorten(first_sentence(paragraphs[0].text)) if paragraphs else ""
    return Document(path, title, tuple(sections), tuple(paragraphs), fmt)  # type: ignore[arg-type]
