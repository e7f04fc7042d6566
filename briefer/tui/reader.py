"""The reader: paragraphs of a document (or of a filter) with quotes, hits and mentions marked.

A document can be 100,000 paragraphs, so the reader draws lines itself (the
Line API): it knows each block's height at the current width and renders only
the lines on screen. A paragraph cursor marks where the user is; `y` copies
the quote there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from briefer.tui.keys import bindings
from briefer.tui.view import Block, Place

GUTTER = 2
WORD = re.compile(r"\s*\S+\s*")

# Characters one cell wide, wherever they fall: Latin, Greek and Cyrillic letters and
# the punctuation of news text (curly quotes, dashes, ellipses).
NARROW = frozenset(
    c
    for block in ((0x20, 0x7F), (0xA0, 0x300), (0x370, 0x483), (0x2010, 0x2028), (0x2030, 0x205F))
    for c in map(chr, range(*block))
    if cell_len(c) == 1
)
SPACE = re.compile(r"\s")


@lru_cache(maxsize=32)
def _lines_at(width: int) -> re.Pattern[str]:
    """The lines of a greedy word wrap at `width`: from a word to the last word end that
    fits; a word wider than the line matches whole (the second branch), to be told apart."""
    return re.compile(rf"\S.{{0,{width - 1}}}(?=\s|$)|\S+")


def wrapped_lines(text: str, width: int) -> int:
    """How many lines `Content(text).wrap(width)` makes, without building them.

    Laying out a filtered briefing measures tens of thousands of paragraphs
    (45,000 for the most named actor of 10,000 articles). Text of one-cell
    characters, as news text is, is wrapped by a regular expression (the same
    greedy word wrap as rich's `divide_line`, a fifth of the cost of a loop
    over the words), and a text without spaces (a file's path) is cut every
    `width` cells; other text goes through that loop, and the rare hard cases
    (newlines, tabs, leading spaces, words wider than the line among others)
    through Content itself.
    """
    if "\n" in text or "\t" in text or text[:1].isspace():
        return len(Content(text).wrap(width))
    if NARROW.issuperset(text):
        if len(text) <= width:
            return 1
        if SPACE.search(text) is None:
            return -(-len(text) // width)
        lines = _lines_at(width).findall(text)
        if max(map(len, lines)) <= width:
            return len(lines)
        return len(Content(text).wrap(width))
    if cell_len(text) <= width:
        return 1
    lines, offset = 1, 0
    for match in WORD.finditer(text):
        word = match.group()
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            return len(Content(text).wrap(width))
        elif offset and match.start():
            lines += 1
            offset = cell_len(word)
    return lines


Decorate = Callable[[Block], Content]
"""Turns a paragraph into styled content (the screen knows the quotes, hits and mentions)."""


class Reader(ScrollView, can_focus=True):
    BINDINGS = bindings("reader")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--title",
        "reader--path",
        "reader--heading",
        "reader--cursor",
        "reader--quote",
        "reader--hit",
        "reader--current-hit",
        "reader--mention",
        "reader--empty",
    }
    DEFAULT_CSS = """
    Reader {
        scrollbar-gutter: stable;
        & > .reader--title { text-style: bold; color: $text-primary; }
        & > .reader--path { color: $text-muted; }
        & > .reader--heading { text-style: bold; color: $text-accent; }
        & > .reader--cursor { color: $text-muted; }
        &:focus > .reader--cursor { color: $accent; }
        & > .reader--quote { color: $text-success; }
        & > .reader--hit { background: $warning 30%; }
        & > .reader--current-hit { background: $warning 70%; color: $text; }
        & > .reader--mention { text-style: bold underline; }
        & > .reader--empty { color: $text-muted; text-style: italic; }
    }
    """

    cursor: reactive[int | None] = reactive(None, init=False, always_update=True)

    class Moved(Message):
        """The paragraph cursor moved."""

        def __init__(self, reader: Reader, block: Block) -> None:
            super().__init__()
            self.reader = reader
            self.block = block

        @property
        def control(self) -> Reader:
            return self.reader

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.blocks: Sequence[Block] = ()
        self.decorate: Decorate = lambda block: Content(block.text)
        self.empty = "Loading…"
        self._tops: list[int] = [0]
        self._width = 0
        self._strip_cache: dict[int, list[Strip]] = {}
        self._paragraphs: dict[Place, int] = {}
        self._headings: dict[tuple[int, int], int] = {}
        self._anchor = 0

    # Contents.

    def show(self, blocks: Sequence[Block], empty: str = "") -> None:
        """Show new blocks from the top, the cursor on the first paragraph."""
        self.blocks = blocks
        self.empty = empty
        self._paragraphs = {b.place: i for i, b in enumerate(blocks) if b.kind == "paragraph"}
        self._headings = {
            (b.document, b.section): i for i, b in enumerate(blocks) if b.kind == "heading"
        }
        self._anchor = 0
        self._layout(force=True)
        self.set_reactive(Reader.cursor, None)
        self.scroll_to(y=0, animate=False, immediate=True)
        if (first := self._paragraph(0, 1)) is not None:
            self.cursor = first

    def redecorate(self) -> None:
        """The marks changed (a search, an actor, the theme): draw the paragraphs again."""
        self._strip_cache.clear()
        self.refresh()

    def index_of(self, place: Place) -> int | None:
        return self._paragraphs.get(place)

    def heading_of(self, document: int, section: int) -> int | None:
        return self._headings.get((document, section))

    @property
    def block(self) -> Block | None:
        """The paragraph under the cursor."""
        if self.cursor is None or not 0 <= self.cursor < len(self.blocks):
            return None
        return self.blocks[self.cursor]

    def go_to(self, index: int) -> None:
        """Show block `index` at the top, the cursor on it or on the paragraph after it."""
        target = self._paragraph(index, 1)
        if target is None:
            return
        self.cursor = target
        self._anchor = index
        self.scroll_to(y=self._tops[index], animate=False, immediate=True)

    # Layout.

    def _text_width(self) -> int:
        return max(self.scrollable_content_region.width - GUTTER, 1)

    @staticmethod
    def _lines(text: str, width: int) -> int:
        return wrapped_lines(text, width)

    def _block_lines(self, block: Block, width: int) -> int:
        """Lines of text plus the blank line after (and the path under a title)."""
        lines = self._lines(block.text, width) + 1
        return lines + self._lines(block.detail, width) if block.kind == "title" else lines

    def _layout(self, force: bool = False) -> None:
        width = self._text_width()
        if width == self._width and not force:
            return
        self._width = width
        self._strip_cache.clear()
        if self.scrollable_content_region.width <= GUTTER:
            # Not laid out yet (shown before the first frame): measuring at width 1 would
            # wrap every word apart, at length; the first resize measures at the real width.
            self._tops = [0] * (len(self.blocks) + 1)
        else:
            self._tops = [0, *accumulate(self._block_lines(b, width) for b in self.blocks)]
        self.virtual_size = Size(self.scrollable_content_region.width, max(self._tops[-1], 1))
        self.refresh()

    def on_resize(self) -> None:
        """Keep the same block at the top; before the first real layout, the one asked for."""
        if not self.blocks:
            self._layout()
            return
        never_shown = self._width <= 1
        anchor = self._anchor if never_shown else self._block_at(round(self.scroll_offset.y))
        self._layout()
        if anchor is not None:
            self.scroll_to(y=self._tops[anchor], animate=False, immediate=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strip_cache.clear()

    # Moving.

    def watch_cursor(self, cursor: int | None) -> None:
        self.refresh()
        if cursor is not None:
            self.post_message(self.Moved(self, self.blocks[cursor]))

    def _paragraph(self, start: int, step: int) -> int | None:
        index = start
        while 0 <= index < len(self.blocks):
            if self.blocks[index].kind == "paragraph":
                return index
            index += step
        return None

    def _block_at(self, line: int) -> int:
        return min(max(bisect_right(self._tops, line) - 1, 0), max(len(self.blocks) - 1, 0))

    def _visible(self) -> tuple[int, int]:
        """The first line on screen and the line just below the screen."""
        top = round(self.scroll_offset.y)
        return top, top + self.scrollable_content_region.height

    def _lead_in(self, index: int) -> int:
        """The first line of the paragraph together with the title or heading right above it."""
        while index > 0 and self.blocks[index - 1].kind != "paragraph":
            index -= 1
        return self._tops[index]

    def _text_end(self, index: int) -> int:
        """The line just below the paragraph's text (its spacing line)."""
        return self._tops[index + 1] - 1

    def action_cursor_down(self) -> None:
        if self.cursor is None:
            return
        top, bottom = self._visible()
        target = self._paragraph(self.cursor + 1, 1)
        if self._text_end(self.cursor) > bottom or target is None:
            self.scroll_to(y=top + 1, animate=False, immediate=True)
            return
        self.cursor = target
        if self._text_end(target) > bottom:
            height = bottom - top
            wanted = min(self._text_end(target) - height, self._lead_in(target))
            self.scroll_to(y=max(wanted, top), animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        if self.cursor is None:
            return
        top, bottom = self._visible()
        target = self._paragraph(self.cursor - 1, -1)
        if self._tops[self.cursor] < top or target is None:
            self.scroll_to(y=top - 1, animate=False, immediate=True)
            return
        self.cursor = target
        if self._lead_in(target) < top:
            height = bottom - top
            wanted = max(self._lead_in(target), self._text_end(target) - height)
            self.scroll_to(y=min(wanted, top), animate=False, immediate=True)

    def _cursor_to_view(self) -> None:
        """After a page scroll, the cursor goes to the first paragraph starting on screen."""
        top, _ = self._visible()
        index = self._block_at(top)
        if self._tops[index] < top and index + 1 < len(self.blocks):
            index += 1
        target = self._paragraph(index, 1)
        if target is None:
            target = self._paragraph(index, -1)
        if target is not None:
            self.set_reactive(Reader.cursor, None)
            self.cursor = target

    def action_page_down(self) -> None:
        self.scroll_to(y=self._visible()[1], animate=False, immediate=True)
        self._cursor_to_view()

    def action_page_up(self) -> None:
        top, bottom = self._visible()
        self.scroll_to(y=max(top - (bottom - top), 0), animate=False, immediate=True)
        self._cursor_to_view()

    def action_first(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)
        if (target := self._paragraph(0, 1)) is not None:
            self.cursor = target

    def action_last(self) -> None:
        self.scroll_end(animate=False, immediate=True)
        if (target := self._paragraph(len(self.blocks) - 1, -1)) is not None:
            self.cursor = target

    async def _on_click(self, event: events.Click) -> None:
        if self.blocks:
            index = self._block_at(event.y + round(self.scroll_offset.y))
            if self.blocks[index].kind == "paragraph":
                self.cursor = index

    # Drawing.

    def _strips(self, index: int) -> list[Strip]:
        strips = self._strip_cache.get(index)
        if strips is not None:
            return strips
        if len(self._strip_cache) > 8 * max(self.size.height, 10):
            self._strip_cache.clear()
        block = self.blocks[index]
        width = self._width
        if block.kind == "paragraph":
            content, style = self.decorate(block), self.visual_style
        else:
            content, style = Content(block.text), self.get_visual_style(f"reader--{block.kind}")
        strips = Visual.to_strips(self, content, width, None, style, pad=True)
        if block.kind == "title":
            path_style = self.get_visual_style("reader--path")
            path = Content(block.detail)
            strips += Visual.to_strips(self, path, width, None, path_style, pad=True)
        self._strip_cache[index] = strips
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        blank = Strip.blank(width, self.visual_style.rich_style)
        line = round(self.scroll_offset.y) + y
        if not self.blocks:
            if line == 0 and self.empty:
                style = self.get_visual_style("reader--empty")
                return Visual.to_strips(self, Content(self.empty), width, 1, style, pad=True)[0]
            return blank
        if line >= self._tops[-1]:
            return blank
        index = self._block_at(line)
        strips = self._strips(index)
        row = line - self._tops[index]
        if row >= len(strips):
            return blank
        if index == self.cursor:
            gutter = Strip([Segment("▌ ", self.get_visual_style("reader--cursor").rich_style)])
        else:
            gutter = Strip.blank(GUTTER, self.visual_style.rich_style)
        return Strip.join([gutter, strips[row]])
