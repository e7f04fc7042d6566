"""The Actors pane: actors grouped by kind with mention counts, and the highlighted one's roles."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from briefer.model import ACTOR_KINDS, Actor
from briefer.tui.lists import EntryList

KIND_HEADINGS = {
    "person": "People",
    "organization": "Organizations",
    "group": "Groups",
    "place": "Places",
    "other": "Other",
}


def actor_entries(actors: list[Actor]) -> list[Actor | str]:
    """Actors (already in kind order) with a heading before each kind."""
    counts = {kind: 0 for kind in ACTOR_KINDS}
    for actor in actors:
        counts[actor.kind] += 1
    entries: list[Actor | str] = []
    kind = None
    for actor in actors:
        if actor.kind != kind:
            kind = actor.kind
            entries.append(f"{KIND_HEADINGS[kind]} ({counts[kind]:,})")
        entries.append(actor)
    return entries


class ActorList(EntryList["Actor | str"]):
    def is_heading(self, entry: Actor | str) -> bool:
        return isinstance(entry, str)

    def render_entry(self, entry: Actor | str, width: int) -> list[Content]:
        if isinstance(entry, str):
            return [Content(entry)]
        count = f" {len(entry.mentions)}"
        name = Content(entry.name).truncate(max(width - len(count) - 2, 1), ellipsis=True)
        return [Content.assemble("  ", name, Content.styled(count, "$text-muted"))]


def actor_card(actor: Actor | None, quotes: int) -> Content:
    """Who the highlighted actor is: kind, roles, other names, mentions and quotes."""
    if actor is None:
        return Content("")
    lines = [
        Content.assemble(
            Content.styled(actor.name, "bold"), Content.styled(f"  {actor.kind}", "$text-muted")
        )
    ]
    if actor.roles:
        lines.append(Content("; ".join(actor.roles)))
    if actor.aliases:
        lines.append(Content.assemble(("also: ", "$text-muted"), Content(", ".join(actor.aliases))))
    lines.append(
        Content.styled(f"{len(actor.mentions):,} mentions · {quotes:,} quotes", "$text-muted")
    )
    return Content("\n").join(lines)


class ActorsPane(Vertical):
    """The list, and under it a card about the actor under the cursor."""

    DEFAULT_CSS = """
    ActorsPane {
        & > ActorList { height: 1fr; }
        & > #actor-card { height: auto; max-height: 6; padding: 0 1; border-top: hkey $panel; }
    }
    """

    def compose(self) -> ComposeResult:
        yield ActorList("No actors found.", id="actor-list")
        yield Static(id="actor-card", markup=False)

    def show_card(self, actor: Actor | None, quotes: int) -> None:
        card = self.query_one("#actor-card", Static)
        card.update(actor_card(actor, quotes))
        card.display = actor is not None
