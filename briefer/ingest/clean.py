"""Removing what must never reach the terminal, while remembering source offsets.

Textual writes text to the terminal as it is, even from `Static(markup=False)`,
so an escape sequence in a document could clear the screen, retitle the window
or write the user's clipboard through OSC 52. Everything is cleaned once, here,
at load time; the analysis and the UI only ever see cleaned text.
"""

from __future__ import annotations

import re

# Terminal control: CSI, OSC, DCS/SOS/PM/APC strings (7-bit and C1 forms), other
# escape sequences, lone C0/C1 controls except tab and newline, and invisible
# characters that reorder or hide text (bidi overrides and isolates, zero-width
# spaces, the BOM, interlinear annotation marks).
#
# A string sequence (OSC, DCS...) goes whole only when it is terminated on its
# line; otherwise only its introducer goes, so an unterminated one cannot eat the
# rest of a paragraph. Its payload stops at any ESC or C1 control, which keeps a
# line full of introducers linear: no scan runs past the next introducer.
CONTROL = re.compile(
    r"""
      \x1b\[ [0-?]* [ -/]* [@-~]?                                   # CSI
    | \x9b [0-?]* [ -/]* [@-~]?                                     # C1 CSI
    | (?:\x1b\]|\x9d) [^\x07\x1b\x80-\x9f\n]* (?:\x07|\x1b\\|\x9c)  # OSC
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f]) [^\x1b\x80-\x9f\n]* (?:\x1b\\|\x9c)  # DCS SOS PM APC
    | \x1b [ -/]* [0-~]?                                            # other escape sequences
    | [\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]                        # remaining controls
    | [\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]
    """,
    re.VERBOSE,
)

# Separators that act as line breaks in some terminals: shown as a plain space.
SPACE_LIKE = re.compile(r"[\u2028\u2029\u0085]")


def clean_line(text: str) -> str:
    """The cleaned form of one line, for decisions that need no offsets."""
    return SPACE_LIKE.sub(" ", CONTROL.sub("", text))


class PieceBuilder:
    """Builds cleaned text from slices of a source, keeping a map back to it.

    The map is a list of ``(clean_offset, source_offset)`` pairs, one for each
    run that was copied contiguously; see `briefer.model.Paragraph`.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._pieces: list[tuple[int, int]] = []
        self._length = 0

    @property
    def text(self) -> str:
        return "".join(self._parts)

    @property
    def pieces(self) -> tuple[tuple[int, int], ...]:
        return tuple(self._pieces)

    def __len__(self) -> int:
        return self._length

    def _append(self, text: str, source_offset: int) -> None:
        if not text:
            return
        if self._pieces:
            clean, source = self._pieces[-1]
            if source + (self._length - clean) != source_offset:
                self._pieces.append((self._length, source_offset))
        else:
            self._pieces.append((0, source_offset))
        self._parts.append(text)
        self._length += len(text)

    def copy(self, start: int, end: int) -> None:
        """Append ``source[start:end]`` without its control characters."""
        pos = start
        for match in CONTROL.finditer(self.source, start, end):
            self._copy_plain(pos, match.start())
            pos = match.end()
        self._copy_plain(pos, end)

    def _copy_plain(self, start: int, end: int) -> None:
        pos = start
        for match in SPACE_LIKE.finditer(self.source, start, end):
            self._append(self.source[pos : match.start()], pos)
            self._append(" ", match.start())
            pos = match.end()
        self._append(self.source[pos:end], pos)

    def put(self, text: str, source_offset: int) -> None:
        """Append text that stands for the source at `source_offset` (a joining space).

        Never before the end of what is already there, so offsets only grow.
        """
        self._append(clean_line(text), max(source_offset, self.end_offset()))

    def end_offset(self) -> int:
        """The source offset just past the last character appended."""
        if not self._pieces:
            return 0
        clean, source = self._pieces[-1]
        return source + (self._length - clean)
