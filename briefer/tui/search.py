"""The search bar and the list of hits under it."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Input

from briefer.model import SearchHit
from briefer.tui.keys import bindings
from briefer.tui.lists import EntryList

CONTEXT = 24
"""Characters shown before the first matched word of a hit."""


class SearchInput(Input):
    """Typing searches; enter opens the first hit, down goes into the hits."""

    BINDINGS = bindings("search")

    def action_open_first_hit(self) -> None:
        self.post_message(self.Submitted(self, self.value))

    def action_hits(self) -> None:
        hits = self.screen.query_one(HitList)
        if hits.entries:
            if hits.cursor is None:
                hits.cursor = 0
            hits.focus()


def hit_fragment(hit: SearchHit) -> Content:
    """The hit's text from a little before its first matched word, matched words marked."""
    text = hit.text
    start = 0
    if hit.matches:
        first = min(s for s, _ in hit.matches)
        if first > CONTEXT:
            start = text.rfind(" ", 0, first - CONTEXT) + 1 or first - CONTEXT
    fragment = Content(("…" if start else "") + text[start:])
    shift = 1 if start else 0
    for s, e in hit.matches:
        if e > start:
            fragment = fragment.stylize(
                "bold reverse", max(s - start, 0) + shift, e - start + shift
            )
    return fragment


class HitList(EntryList[SearchHit]):
    entry_height = 2

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("No hits.", id=id)
        self.titles: dict[str, str] = {}

    def render_entry(self, entry: SearchHit, width: int) -> list[Content]:
        where = self.titles.get(entry.document, entry.document)
        if entry.section:
            where = f"{where} › {entry.section}"
        speaker = Content.styled(
            f"{entry.speaker or 'unattributed'} · " if entry.kind == "quote" else "",
            "bold $text-accent",
        )
        return [
            Content.assemble(speaker, Content.styled(where, "$text-muted")),
            hit_fragment(entry),
        ]
