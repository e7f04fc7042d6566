"""The help screen: every key (as the user's keymap has it) and every file that was skipped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from briefer.model import Notice
from briefer.tui.keys import KEYS, SCOPES, effective_keys, shown_keys

Row = tuple[Content, Content | None]
"""One row of the help: keys and what they do, or a heading (with None)."""


def help_rows(keymap: Mapping[str, str], notices: Sequence[Notice]) -> list[Row]:
    """Every key grouped by where it works, each with its binding id, then the file notices."""
    rows: list[Row] = []
    for scope, title in SCOPES.items():
        rows.append((Content.styled(title, "bold $text-accent"), None))
        for key in KEYS:
            if key.scope == scope:
                keys = shown_keys(effective_keys(key, keymap))
                what = Content.assemble(
                    key.description, Content.styled(f"  {key.id}", "$text-muted")
                )
                rows.append((Content.styled(keys, "bold"), what))
    rows.append((Content.styled("Files", "bold $text-accent"), None))
    if not notices:
        rows.append((Content(""), Content("Every file was read.")))
    for notice in notices:
        rows.append(
            (
                Content("skipped" if notice.skipped else "warning"),
                Content(f"{notice.path}: {notice.message}"),
            )
        )
    rows.append(
        (
            Content(""),
            Content.styled(
                "escape or ? closes this screen; q quits. To change a key, put its id and keys "
                'in the [keys] table of config.toml, e.g. copy-quote = "c".',
                "$text-muted",
            ),
        )
    )
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark", "dismiss", "Close help", id="help"),
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("up,k", "scroll('up')", show=False),
        Binding("down,j", "scroll('down')", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 100;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: round $primary;
            background: $surface;
            padding: 0 1;
            & > .row { height: auto; }
            & > .heading { margin-top: 1; }
            & .keys { width: 18; height: auto; }
            & .what { width: 1fr; height: auto; }
        }
    }
    """

    def __init__(self, keymap: Mapping[str, str], notices: Sequence[Notice]) -> None:
        super().__init__()
        self.rows = help_rows(keymap, notices)

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "briefer — keys"
            for keys, what in self.rows:
                if what is None:
                    yield Static(keys, markup=False, classes="heading")
                    continue
                with Horizontal(classes="row"):
                    yield Static(keys, markup=False, classes="keys")
                    yield Static(what, markup=False, classes="what")

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_relative(y=-1 if direction == "up" else 1, animate=False)
