"""Every key briefer answers to, in one table: the bindings and the help screen read it.

Each binding has an id, so a user can give it other keys in the config file
(`[keys]` table, e.g. ``copy-quote = "c"``) without touching the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    """One thing the user can do, where it works, and the keys that do it by default."""

    id: str
    keys: str
    action: str
    description: str
    scope: str
    footer: str = ""
    priority: bool = False


SCOPES = {
    "app": "Everywhere",
    "briefing": "Browsing the briefing",
    "list": "In the Sections, Actors, Quotes and hit lists",
    "reader": "In the reader",
    "search": "In the search bar",
}

KEYS: tuple[Key, ...] = (
    Key(
        "help",
        "question_mark",
        "help",
        "Show this help: every key and any skipped files",
        "app",
        "Help",
    ),
    Key(
        "command-palette",
        "ctrl+p",
        "command_palette",
        "Command palette: jump to any actor, section or document; switch theme",
        "app",
        "Commands",
        priority=True,
    ),
    Key("quit", "q", "quit", "Quit", "app", "Quit"),
    Key(
        "search",
        "slash",
        "search",
        "Search the briefing (results appear as you type)",
        "briefing",
        "Search",
        priority=True,
    ),
    Key("next-hit", "n", "next_hit", "Show the next search hit", "briefing", "Next hit"),
    Key("previous-hit", "N", "previous_hit", "Show the previous search hit", "briefing"),
    Key("next-pane", "tab", "next_pane", "Move to the next pane", "briefing"),
    Key("previous-pane", "shift+tab", "previous_pane", "Move to the previous pane", "briefing"),
    Key("pane-sections", "1", "pane('sections')", "Go to the Sections pane", "briefing"),
    Key("pane-actors", "2", "pane('actors')", "Go to the Actors pane", "briefing"),
    Key("pane-quotes", "3", "pane('quotes')", "Go to the Quotes pane", "briefing"),
    Key("pane-reader", "4", "pane('reader')", "Go to the Reader", "briefing"),
    Key(
        "filter-actor",
        "a",
        "filter_actor",
        "Filter quotes and paragraphs by the highlighted actor (or quote speaker)",
        "briefing",
        "Filter",
    ),
    Key(
        "clear",
        "escape",
        "clear",
        "Clear the search, then the filter, one step at a time",
        "briefing",
    ),
    Key(
        "copy-quote",
        "y",
        "copy_quote",
        "Copy the highlighted quote with its attribution",
        "briefing",
        "Copy",
    ),
    Key("copy-text", "Y", "copy_text", "Copy the highlighted quote's text alone", "briefing"),
    Key(
        "reload",
        "r",
        "reload",
        "Read the briefing again from disk (picks up changed files)",
        "briefing",
    ),
    Key("cursor-up", "up,k", "cursor_up", "Move up", "list"),
    Key("cursor-down", "down,j", "cursor_down", "Move down", "list"),
    Key("page-up", "pageup", "page_up", "Move up a page", "list"),
    Key("page-down", "pagedown", "page_down", "Move down a page", "list"),
    Key("first", "home,g", "first", "Go to the first entry", "list"),
    Key("last", "end,G", "last", "Go to the last entry", "list"),
    Key("select", "enter", "select", "Show it in the reader, at its paragraph", "list"),
    Key(
        "reader-up",
        "up,k",
        "cursor_up",
        "Previous paragraph (scrolls through a long one first)",
        "reader",
    ),
    Key(
        "reader-down",
        "down,j",
        "cursor_down",
        "Next paragraph (scrolls through a long one first)",
        "reader",
    ),
    Key("reader-page-up", "pageup,b", "page_up", "Scroll up a page", "reader"),
    Key("reader-page-down", "pagedown,space", "page_down", "Scroll down a page", "reader"),
    Key("reader-first", "home,g", "first", "Go to the top", "reader"),
    Key("reader-last", "end,G", "last", "Go to the bottom", "reader"),
    Key("search-open", "enter", "open_first_hit", "Open the first hit in the reader", "search"),
    Key("search-hits", "down", "hits", "Move into the list of hits", "search"),
)

KEY_IDS = frozenset(key.id for key in KEYS)


def bindings(scope: str) -> list[Binding]:
    """The Textual bindings of one scope, each with its id so a keymap can rebind it."""
    return [
        Binding(
            key.keys,
            key.action,
            key.footer or key.description,
            show=bool(key.footer),
            id=key.id,
            priority=key.priority,
        )
        for key in KEYS
        if key.scope == scope
    ]


def shown_keys(keys: str) -> str:
    """Keys as a person types them: "question_mark" is "?", "slash" is "/"."""
    names = {"question_mark": "?", "slash": "/", "shift+tab": "shift+tab"}
    return " or ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))


def effective_keys(key: Key, keymap: Mapping[str, str]) -> str:
    return keymap.get(key.id, key.keys)
