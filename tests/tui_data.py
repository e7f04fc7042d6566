"""Hand-made briefings and a plain searcher for the TUI and index tests.

These tests check what the user sees and does, so they build their
briefings here rather than rely on the analysis engines' tuning.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefer.briefing import Briefing
from briefer.model import (
    Actor,
    ActorKind,
    Document,
    Mention,
    Paragraph,
    Quote,
    SearchHit,
    SearchResults,
    Section,
)

SectionSpec = tuple[str | None, Sequence[str]]


def make_document(path: str, title: str, sections: Sequence[SectionSpec]) -> Document:
    """A document whose source is its paragraphs, one per line."""
    paragraphs: list[Paragraph] = []
    built: list[Section] = []
    offset = 0
    for number, (heading, texts) in enumerate(sections):
        if heading:
            offset += len(heading) + 1
        indexes = []
        for text in texts:
            index = len(paragraphs)
            paragraphs.append(Paragraph(index, number, text, offset, offset + len(text)))
            indexes.append(index)
            offset += len(text) + 1
        built.append(Section(number, heading, tuple(indexes)))
    return Document(path, title, tuple(built), tuple(paragraphs))


def make_quote(document: Document, paragraph: int, text: str, speaker: str | None) -> Quote:
    """The quote `text` as it stands between curly quotes in the paragraph."""
    para = document.paragraphs[paragraph]
    at = para.text.index(f"“{text}")
    start = para.start + at
    return Quote(
        document.path,
        paragraph,
        document.section_title(paragraph),
        text,
        start,
        start + len(text) + 2,
        speaker,
    )


def mentions_of(document: Document, word: str) -> tuple[Mention, ...]:
    found = []
    for para in document.paragraphs:
        at = para.text.find(word)
        while at >= 0:
            start = para.start + at
            found.append(Mention(document.path, start, start + len(word), word, para.index))
            at = para.text.find(word, at + 1)
    return tuple(found)


def make_actor(
    name: str,
    kind: ActorKind,
    documents: Sequence[Document],
    words: Sequence[str] = (),
    roles: Sequence[str] = (),
) -> Actor:
    mentions: list[Mention] = []
    for document in documents:
        for word in words or (name,):
            mentions.extend(mentions_of(document, word))
    mentions.sort(key=lambda m: (m.document, m.start))
    aliases = tuple(w for w in words if w != name)
    return Actor(name, kind, aliases, tuple(roles), tuple(mentions))


ONE = make_document(
    "brief/one.txt",
    "Allies under strain",
    [
        (
            None,
            [
                "Leaders from Hamas and Hezbollah met in Beirut over several weeks.",
                "“Hamas, Hezbollah, and Iran… it’s a marriage of convenience,” Doug London, "
                "a former CIA chief of station, told reporters.",
            ],
        ),
        (
            "Detachment",
            [
                "The groups could coordinate more closely, said London, "
                "but so far that is not happening.",
                "“There is no doubt that if Hezbollah joins in, it would make a real "
                "difference,” Khaled Mashal said in October.",
            ],
        ),
        ("Tension", ["Tensions remain between the allies in Beirut."]),
    ],
)

TWO = make_document(
    "brief/two.md",
    "Second briefing note",
    [
        (
            None,
            [
                "Iran has not been reckless, analysts say.",
                "“Iran has no interest in being dragged into this war,” Firas Maksad said.",
            ],
        )
    ],
)


def sample_briefing() -> Briefing:
    documents = (ONE, TWO)
    quotes = (
        make_quote(
            ONE, 1, "Hamas, Hezbollah, and Iran… it’s a marriage of convenience,", "Doug London"
        ),
        make_quote(
            ONE,
            3,
            "There is no doubt that if Hezbollah joins in, it would make a real difference,",
            "Khaled Mashal",
        ),
        make_quote(TWO, 1, "Iran has no interest in being dragged into this war,", "Firas Maksad"),
    )
    actors = (
        make_actor(
            "Doug London",
            "person",
            documents,
            ("Doug London", "London"),
            ["former CIA chief of station"],
        ),
        make_actor("Khaled Mashal", "person", documents),
        make_actor("Firas Maksad", "person", documents),
        make_actor("Hezbollah", "organization", documents),
        make_actor("Beirut", "place", documents),
    )
    return Briefing("brief", ("brief",), documents, quotes, actors)


class WordSearch:
    """Finds paragraphs holding every word of the query; records what it was asked."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.queries: list[str] = []

    def search(self, query: str, limit: int) -> SearchResults:
        self.queries.append(query)
        words = query.casefold().split()
        hits = []
        for document in self.briefing.documents:
            for para in document.paragraphs:
                folded = para.text.casefold()
                if all(w in folded for w in words):
                    matches = tuple((folded.index(w), folded.index(w) + len(w)) for w in words)
                    hits.append(
                        SearchHit(
                            document.path,
                            para.index,
                            document.section_title(para.index),
                            "paragraph",
                            None,
                            para.text,
                            para.text,
                            tuple(sorted(matches)),
                        )
                    )
        return SearchResults(query, None, len(hits), tuple(hits[:limit]))

    def close(self) -> None:
        pass


def help_lines(screen: object) -> list[str]:
    """The help screen's rows as shown: keys, then what they do, spaces collapsed."""
    from textual.screen import Screen

    assert isinstance(screen, Screen)
    return [
        " ".join(" ".join(str(cell.render()) for cell in row.children).split())
        for row in screen.query(".row")
    ]
