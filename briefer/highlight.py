"""Marking the words a query matched in text we already hold, and cutting a fragment around them.

Whoosh can highlight too, but it re-reads and re-expands the query for every
hit (seconds per query for a fuzzy term once an index has several
segments). Here each shown hit costs one pass of the analyzer over its text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

FRAGMENT_WIDTH = 200
LEAD = 50
OPEN, CLOSE = "«", "»"

Analyzer = Callable[..., Iterable[object]]


@dataclass
class MatchRules:
    """What counts as a matched word: analyzed forms, prefixes, patterns and phrases."""

    words: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    phrases: list[tuple[str, ...]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.words or self.prefixes or self.patterns or self.phrases)

    def word_matches(self, word: str) -> bool:
        return (
            word in self.words
            or any(word.startswith(p) for p in self.prefixes)
            or any(p.fullmatch(word) for p in self.patterns)
        )


def find_matches(text: str, analyzer: Analyzer, rules: MatchRules) -> tuple[tuple[int, int], ...]:
    """`(start, end)` offsets in `text` of every word `rules` accepts, in order, merged."""
    if not rules or not text:
        return ()
    tokens = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True)]  # type: ignore[attr-defined]
    spans = [(start, end) for word, start, end in tokens if rules.word_matches(word)]
    words = [word for word, _, _ in tokens]
    for phrase in rules.phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == phrase:
                spans.append((tokens[i][1], tokens[i + n - 1][2]))
    return _merge(spans)


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def fragment(text: str, matches: Sequence[tuple[int, int]], width: int = FRAGMENT_WIDTH) -> str:
    """About `width` characters of `text` around the first match, matches marked «like this».

    The cut falls between words and is shown with an ellipsis, so a reader
    can tell a fragment from a whole paragraph.
    """
    text = text.replace("\n", " ")
    start = _word_start(text, max(0, matches[0][0] - LEAD)) if matches else 0
    end = _word_end(text, min(len(text), start + width))
    if end <= start:
        end = min(len(text), start + width)
    out: list[str] = ["…" if start > 0 else ""]
    pos = start
    for m_start, m_end in matches:
        if m_start < start or m_end > end:
            continue
        out += [text[pos:m_start], OPEN, text[m_start:m_end], CLOSE]
        pos = m_end
    out.append(text[pos:end])
    if end < len(text):
        out.append("…")
    return "".join(out).strip()


def _word_start(text: str, i: int) -> int:
    """The start of the word at `i` (or `i` itself at a word boundary)."""
    if i == 0 or text[i - 1].isspace():
        return i
    space = text.rfind(" ", 0, i)
    return space + 1 if space >= 0 and i - space < 20 else i


def _word_end(text: str, i: int) -> int:
    """The end of the word at `i`, so a fragment never cuts a word in two."""
    if i >= len(text) or text[i].isspace():
        return i
    space = text.find(" ", i)
    return space if space >= 0 and space - i < 20 else i
