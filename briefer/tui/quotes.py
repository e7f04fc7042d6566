"""The Quotes pane: who said it, then what they said."""

from __future__ import annotations

from textual.content import Content

from briefer.model import Quote
from briefer.tui.lists import EntryList


class QuoteList(EntryList[Quote]):
    entry_height = 3

    def render_entry(self, entry: Quote, width: int) -> list[Content]:
        speaker = Content.styled(entry.speaker or "unattributed", "bold $text-accent")
        text = Content(f"“{entry.text}”").wrap(max(width - 2, 1))
        if len(text) > 2:
            text = [text[0], Content(text[1].plain + " " + text[2].plain)]
        return [speaker, *(Content.assemble("  ", line) for line in text)]
