"""From a format's blocks to a Document: sections, numbered paragraphs, a title."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefer.ingest.clean import PieceBuilder
from briefer.model import Document, Paragraph, Section

TITLE_LENGTH = 80

# A sentence ends at . ! ? (possibly inside a closing quote) followed by a space
# and a capital, unless the word before the stop is a short abbreviation.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt"
    r"|Adm|Maj|Rev|St|Mt|Ft|Jr|Sr|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
    r"|No|vs|etc))$"
)
_HASH_LIKE = re.compile(r"[0-9a-f]{8,}|^[\W\d_]*$", re.IGNORECASE)


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


def first_sentence(text: str) -> str:
    for match in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text, 0, match.start()):
            return text[: match.start() + 1]
    return text


def shorten(text: str, width: int = TITLE_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > width // 2 else width].rstrip(" ,;:—-") + "…"


def fallback_title(path: str) -> str:
    """The file name, when it reads as words; never a hash-like name."""
    stem = Path(path).stem
    words = re.sub(r"[_\-.]+", " ", stem).strip()
    if _HASH_LIKE.search(stem) or not re.search(r"[A-Za-z]{3}", words):
        return "Untitled document"
    return words[:1].upper() + words[1:]


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
        title = shorten(first_sentence(paragraphs[0].text)) if paragraphs else fallback_title(path)
    return Document(path, title, tuple(sections), tuple(paragraphs), fmt)  # type: ignore[arg-type]
