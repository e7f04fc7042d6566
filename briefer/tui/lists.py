"""A list that shows any number of entries at the cost of the few on screen.

OptionList measures and wraps every option up front, which takes seconds and
hundreds of megabytes for the tens of thousands of actors and quotes of a big
briefing. Here every entry has the same height, so scrolling, the cursor and
clicks are arithmetic and only visible entries are ever rendered.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from briefer.tui.keys import bindings

T = TypeVar("T")


class EntryList(ScrollView, Generic[T], can_focus=True):
    """Fixed-height entries with a cursor; subclasses say how an entry looks."""

    BINDINGS = bindings("list")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entry-list--cursor",
        "entry-list--heading",
        "entry-list--empty",
    }
    DEFAULT_CSS = """
    EntryList {
        background: transparent;
        scrollbar-gutter: stable;
        & > .entry-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .entry-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .entry-list--heading { color: $text-accent; text-style: bold; }
        & > .entry-list--empty { color: $text-muted; text-style: italic; }
    }
    """

    entry_height: ClassVar[int] = 1
    cursor: reactive[int | None] = reactive(None, init=False, always_update=True)

    class Highlighted(Message):
        """The cursor moved onto an entry."""

        def __init__(self, entry_list: EntryList[T], entry: T) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.entry = entry

        @property
        def control(self) -> EntryList[T]:
            return self.entry_list

    class Selected(Highlighted):
        """The user chose an entry (enter or click)."""

    def __init__(
        self, empty: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: Sequence[T] = ()
        self.empty = empty
        self._strips: dict[tuple[int, bool, int], list[Strip]] = {}

    # What an entry looks like: subclasses override these two.

    def render_entry(self, entry: T, width: int) -> list[Content]:
        """The entry's lines (up to `entry_height`)."""
        return [Content(str(entry))]

    def is_heading(self, entry: T) -> bool:
        """Headings group entries; the cursor passes over them."""
        return False

    # Contents.

    def set_entries(self, entries: Sequence[T], cursor: int | None = 0) -> None:
        self.entries = entries
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self._lines())
        self.scroll_to(y=0, animate=False, immediate=True)
        self.set_reactive(EntryList.cursor, None)
        if cursor is not None and entries:
            self.cursor = self._selectable(cursor, 1)
        self.refresh()

    def _lines(self) -> int:
        return max(len(self.entries), 1) * self.entry_height

    @property
    def entry(self) -> T | None:
        """The entry under the cursor."""
        if self.cursor is None or not 0 <= self.cursor < len(self.entries):
            return None
        return self.entries[self.cursor]

    def _selectable(self, index: int, step: int) -> int | None:
        """The first entry from `index` in direction `step` that is not a heading."""
        while 0 <= index < len(self.entries):
            if not self.is_heading(self.entries[index]):
                return index
            index += step
        return None

    def validate_cursor(self, cursor: int | None) -> int | None:
        if cursor is None or not self.entries:
            return None
        return min(max(cursor, 0), len(self.entries) - 1)

    def watch_cursor(self, cursor: int | None) -> None:
        self._strips.clear()
        self.refresh()
        if cursor is None:
            return
        self.scroll_to_region(
            Region(0, cursor * self.entry_height, 1, self.entry_height),
            animate=False,
            immediate=True,
        )
        self.post_message(self.Highlighted(self, self.entries[cursor]))

    def move(self, step: int) -> None:
        start = 0 if self.cursor is None else self.cursor + step
        target = self._selectable(start, 1 if step > 0 else -1)
        if target is not None:
            self.cursor = target

    # Actions.

    def action_cursor_up(self) -> None:
        self.move(-1)

    def action_cursor_down(self) -> None:
        self.move(1)

    def _page(self) -> int:
        return max(self.scrollable_content_region.height // self.entry_height - 1, 1)

    def action_page_up(self) -> None:
        self.move(-self._page())

    def action_page_down(self) -> None:
        if self.cursor is not None and self.cursor + self._page() >= len(self.entries):
            self.action_last()
        else:
            self.move(self._page())

    def action_first(self) -> None:
        if (target := self._selectable(0, 1)) is not None:
            self.cursor = target

    def action_last(self) -> None:
        if (target := self._selectable(len(self.entries) - 1, -1)) is not None:
            self.cursor = target

    def action_select(self) -> None:
        if (entry := self.entry) is not None:
            self.post_message(self.Selected(self, entry))

    async def _on_click(self, event: events.Click) -> None:
        index = (event.y + self.scroll_offset.y) // self.entry_height
        if 0 <= index < len(self.entries) and not self.is_heading(self.entries[index]):
            self.cursor = index
            self.action_select()

    # Rendering.

    def on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self._lines())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def _entry_strips(self, index: int, width: int) -> list[Strip]:
        key = (index, index == self.cursor, width)
        strips = self._strips.get(key)
        if strips is not None:
            return strips
        if len(self._strips) > 4 * max(self.size.height, 10):
            self._strips.clear()
        entry = self.entries[index]
        classes = ["entry-list--heading"] if self.is_heading(entry) else []
        if index == self.cursor:
            classes.append("entry-list--cursor")
        style = self.get_visual_style(*classes)
        lines = self.render_entry(entry, width)[: self.entry_height]
        lines += [Content("")] * (self.entry_height - len(lines))
        strips = []
        for line in lines:
            rendered = Visual.to_strips(
                self, line.truncate(width, ellipsis=True), width, 1, style, pad=True
            )
            strips.append(rendered[0] if rendered else Strip.blank(width, style.rich_style))
        self._strips[key] = strips
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index, row = divmod(line, self.entry_height)
        if not self.entries:
            if line == 0 and self.empty:
                style = self.get_visual_style("entry-list--empty")
                return Visual.to_strips(self, Content(self.empty), width, 1, style, pad=True)[0]
            return Strip.blank(width, self.visual_style.rich_style)
        if index >= len(self.entries):
            return Strip.blank(width, self.visual_style.rich_style)
        return self._entry_strips(index, width)[row]
