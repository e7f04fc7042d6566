"""The help screen: every key (as the user's keymap has it) and every file that was skipped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from briefer.model import Notice
from briefer.tui.keys import KEYS, SCOPES, effective_keys, shown_keys


def help_text(keymap: Mapping[str, str], notices: Sequence[Notice]) -> Content:
    lines: list[Content] = []
    for scope, title in SCOPES.items():
        lines.append(Content.styled(title, "bold $text-accent"))
        for key in KEYS:
            if key.scope == scope:
                keys = shown_keys(effective_keys(key, keymap))
                lines.append(
                    Content.assemble(
                        Content.styled(f"  {keys:<18}", "bold"),
                        key.description,
                        Content.styled(f"  {key.id}", "$text-muted"),
                    )
                )
        lines.append(Content(""))
    lines.append(Content.styled("Files", "bold $text-accent"))
    if not notices:
        lines.append(Content("  Every file was read."))
    for notice in notices:
        lines.append(Content(f"  {notice}"))
    lines.append(Content(""))
    lines.append(
        Content.styled(
            "escape or ? closes this screen; q quits. To change a key, put its id and keys in "
            'the [keys] table of config.toml, e.g. copy-quote = "c".',
            "$text-muted",
        )
    )
    return Content("\n").join(lines)


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
        }
    }
    """

    def __init__(self, keymap: Mapping[str, str], notices: Sequence[Notice]) -> None:
        super().__init__()
        self.text = help_text(keymap, notices)

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "briefer — keys"
            yield Static(self.text, markup=False)

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_relative(y=-1 if direction == "up" else 1, animate=False)
