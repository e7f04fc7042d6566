"""The reader's line count for a paragraph matches how Textual wraps it."""

from __future__ import annotations

import pytest
from textual.content import Content

from briefer.tui.reader import wrapped_lines

TEXTS = [
    "Short.",
    "“Hamas, Hezbollah, and Iran… it’s a marriage of convenience,” Doug London said. " * 3,
    "word " * 200,
    "Two  spaces   and    more     between words, then a long one " + "x" * 90 + " end.",
    "Leading space then text that goes on for a while to need wrapping here and there.",
    "漢字とかなの混じった文章は一文字が二つのセルを使うので折り返しが変わります。" * 2,
    "Tabs\there and\tthere, and a line\nbreak inside.",
    "ünïcödé façade naïve café " * 10,
    "https://example.com/" + "a/b" * 60,
    "Non\xa0breaking\xa0spaces and — dashes — between “curly” words… " * 6,
    "Trailing spaces at the end of a paragraph that wraps over a line or two.     ",
    "em—dashes—joining—words—into—one—long—word—wider—than—a—narrow—line " * 2,
]


@pytest.mark.parametrize("width", [1, 5, 17, 40, 74, 120])
@pytest.mark.parametrize("text", TEXTS)
def test_wrapped_lines_matches_textual(text: str, width: int) -> None:
    assert wrapped_lines(text, width) == len(Content(text).wrap(width))
