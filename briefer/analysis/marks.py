"""Pairing double quotation marks in one paragraph, in a single left-to-right pass.

News text is messy: a closing mark used as an opener, straight marks that must
be told apart by what surrounds them, PTB-style two-character marks (two
backticks, two apostrophes), a quote left open because it continues in the next
paragraph. Single quotation marks are never treated as marks: the right single
mark is the apostrophe, and single quotes only nest inside double ones. Marks
around markup attributes left in the text (`author="@AP">`) are not marks either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = frozenset({"\u201c", "\u201e", "\u00ab", "``"})  # “ „ « ``
CLOSERS = frozenset({"\u201d", "\u00bb"})  # ” »
AMBIGUOUS = frozenset({'"', "''"})
# What may stand right before an opening mark, or right after a closing one.
_BEFORE_OPEN = "([{\u2014\u2013-/"
_AFTER_CLOSE = ".,;:!?)]}\u2014\u2013-\u2026"


@dataclass(frozen=True)
class Marked:
    """A stretch between quotation marks; offsets into the paragraph's text.

    `start`/`end` include the marks; `inner_start`/`inner_end` do not.
    `closed` is False when the paragraph ended (or a new quote began) first.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool

    def text(self, paragraph: str) -> str:
        return paragraph[self.inner_start : self.inner_end]


# Every double mark. Of three apostrophes the last two are the mark: a nested
# single quote closes just before a two-apostrophe close.
_MARK = re.compile("''(?!')|``|[\"\u201c\u201d\u201e\u00ab\u00bb]")


def _opens(text: str, i: int, width: int) -> bool:
    """Placed like an opening mark: after space or start, before a non-space."""
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in _BEFORE_OPEN) and not after.isspace()


def _closes(text: str, i: int, width: int) -> bool:
    """Placed like a closing mark: after a non-space, before space, punctuation or end."""
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isspace() and (after.isspace() or after in _AFTER_CLOSE)


def _closes_later(text: str, marks: list[re.Match[str]], k: int) -> bool:
    """True when the next mark after the stray closing mark `k` closes too.

    "He says,” there are people who never get listened to.”": two closing
    marks in a row mean the first was typed for an opening one.
    """
    if k + 1 >= len(marks):
        return False
    nxt = marks[k + 1]
    mark = nxt.group()
    return mark in CLOSERS and _closes(text, nxt.start(), len(mark))


def _trimmed_end(text: str, end: int, floor: int) -> int:
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end


def _in_markup(text: str, match: re.Match[str]) -> bool:
    """A mark delimiting a markup attribute (`author="@AP">`), which no one says."""
    i, j = match.start(), match.end()
    return (i > 0 and text[i - 1] == "=") or (j < len(text) and text[j] == ">")


def pair_marks(text: str) -> list[Marked]:
    """Every double-quoted stretch of `text`, in order; never quadratic."""
    found: list[Marked] = []
    open_at = -1  # offset of the opening mark of the quote we are inside, or -1
    inner = 0
    n = len(text)
    marks = [m for m in _MARK.finditer(text) if not _in_markup(text, m)]
    for k, match in enumerate(marks):
        mark = match.group()
        i = match.start()
        width = len(mark)
        opens, closes = _opens(text, i, width), _closes(text, i, width)
        if open_at < 0:
            starts = (
                mark in OPENERS
                or i == 0
                or (mark in CLOSERS and (opens or _closes_later(text, marks, k)))
                or (mark in AMBIGUOUS and (opens or not closes))
            )
            if starts:
                open_at, inner = i, i + width
        elif mark in CLOSERS or (mark in AMBIGUOUS and not (opens and not closes)):
            found.append(Marked(open_at, i + width, inner, i, True))
            open_at = -1
        elif closes and not opens:
            # An opening mark typed where a closing one belongs ("word,“ he said").
            found.append(Marked(open_at, i + width, inner, i, True))
            open_at = -1
        else:
            # A new quote opens before the last one closed: end that one here.
            end = _trimmed_end(text, i, inner)
            found.append(Marked(open_at, end, inner, end, False))
            open_at, inner = i, i + width
    if open_at >= 0:
        end = _trimmed_end(text, n, inner)
        found.append(Marked(open_at, end, inner, end, False))
    return [m for m in found if m.inner_end > m.inner_start]
