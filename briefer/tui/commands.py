"""Command palette entries: jump to any actor, section or document, or switch theme.

Names come from documents, so every prompt is built as Content (never markup)
and the fuzzy highlight is applied to that Content here rather than by
`Matcher.highlight`, which reads its input as markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

if TYPE_CHECKING:
    from briefer.tui.app import BrieferApp

MAX_HITS = 40
"""Enough to choose from; a big briefing has tens of thousands of candidates."""
DISCOVERED = 12


@dataclass(frozen=True)
class Candidate:
    kind: str
    name: str
    help: str
    run: Callable[[], None]
    weight: int = 0
    """Breaks ties between equally close names: an actor's number of mentions."""

    @property
    def text(self) -> str:
        return f"{self.kind}: {self.name}"


def highlight(matcher: Matcher, text: str) -> Content:
    """The text as Content with the matched letters marked, without reading it as markup."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize("bold reverse", offset, offset + 1)
    return content


def might_match(query: str, text: str) -> bool:
    """A cheap test that every letter of the query appears in order, before the real scoring."""
    position = 0
    for letter in query:
        if letter.isspace():
            continue
        position = text.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


KIND_BONUS = {"Actor": 0.02, "Section": 0.01}
"""Among equally close names, people and sections before documents and themes."""


def closeness(query: str, name: str) -> float:
    """How well a name matches the words typed: whole, start, word start, anywhere; else 0."""
    if not query:
        return 0.0
    if name == query:
        return 0.97
    if re.search(rf"(?<!\w){re.escape(query)}(?!\w)", name):
        return 0.95
    if name.startswith(query):
        return 0.93
    if re.search(rf"(?<!\w){re.escape(query)}", name):
        return 0.91
    return 0.88 if query in name else 0.0


class BriefingCommands(Provider):
    """Actors, sections, documents and themes."""

    @property
    def briefer(self) -> BrieferApp:
        return self.app  # type: ignore[return-value]

    def candidates(self) -> Iterator[Candidate]:
        app = self.briefer
        for name in sorted(app.available_themes):
            if not name.endswith("-ansi"):
                yield Candidate(
                    "Theme", name, "Switch to this theme", partial(setattr, app, "theme", name)
                )
        screen = app.briefing_screen
        view = screen.view
        if view is None:
            return
        for number, document in enumerate(view.documents):
            yield Candidate(
                "Document",
                view.title(number),
                "Read this document",
                partial(screen.open_section, number, 0),
            )
            for section in document.sections:
                if section.title:
                    yield Candidate(
                        "Section",
                        f"{section.title} — {view.title(number)}",
                        "Read this section",
                        partial(screen.open_section, number, section.index),
                    )
        for actor in view.actors:
            yield Candidate(
                "Actor",
                actor.name,
                f"{actor.kind}, {len(actor.mentions)} mentions: show where it appears",
                partial(screen.open_actor, actor),
                len(actor.mentions),
            )

    async def discover(self) -> Hits:
        for number, candidate in enumerate(self.candidates()):
            if number >= DISCOVERED:
                break
            yield DiscoveryHit(
                Content(candidate.text), candidate.run, candidate.text, candidate.help
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        folded = " ".join(query.casefold().split())
        scored: list[tuple[float, int, Candidate]] = []
        for candidate in self.candidates():
            score = closeness(folded, candidate.name.casefold())
            if not score and might_match(folded, candidate.text.casefold()):
                score = 0.8 * min(matcher.match(candidate.text), 1.0)
            if score:
                score += KIND_BONUS.get(candidate.kind, 0.0)
                scored.append((score, candidate.weight, candidate))
        scored.sort(key=lambda entry: (-entry[0], -entry[1]))
        for score, _, candidate in scored[:MAX_HITS]:
            yield Hit(
                min(score, 1.0),
                highlight(matcher, candidate.text),
                candidate.run,
                candidate.text,
                candidate.help,
            )
