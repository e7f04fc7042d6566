"""The briefing app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from briefer.briefing import Briefing


class BrieferApp(App[None]):
    TITLE = "briefer"
    BINDINGS = [("q", "quit", "Quit")]
    CSS = """
    .section-title { text-style: bold; margin: 1 0 0 0; }
    .paragraph { margin: 0 0 1 0; }
    """

    def __init__(self, briefing: Briefing) -> None:
        super().__init__()
        self.briefing = briefing

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            for document in self.briefing.documents:
                for section in document.sections:
                    title = section.title or document.title
                    yield Static(Content(title), classes="section-title")
                    for index in section.paragraphs:
                        text = document.paragraphs[index].text
                        yield Static(Content(text), classes="paragraph")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.briefing.name
