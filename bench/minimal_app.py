"""The floor for briefer's first frame: the smallest Textual app that shows a line of text.

.venv/bin/python bench/minimal_app.py
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

READY = "minimal Textual app ready"


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(READY)


if __name__ == "__main__":
    MinimalApp().run()
