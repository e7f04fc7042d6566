"""The footer: the keys that work where the focus is, as one line of text.

Textual's Footer builds a widget per key and rebuilds them on every focus
change; one Static does the same job here for a fraction of the start-up cost.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static


class KeyFooter(Static):
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        padding: 0 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.show_keys)
        self.show_keys(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def show_keys(self, screen: Screen[object]) -> None:
        """One entry per action shown in the footer, with its key as the keymap has it."""
        if screen is not self.screen:
            return
        parts: list[Content] = []
        actions: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            key = Content.styled(self.app.get_key_display(binding), "bold $footer-key-foreground")
            entry = Content.assemble(key, " ", binding.description)
            parts.append(entry if active.enabled else entry.stylize("dim"))
        self.update(Content("  ").join(parts))
