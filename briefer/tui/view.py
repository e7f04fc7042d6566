"""What the panes need from a Briefing, worked out once and off the UI thread.

The TUI never parses text: it only maps the analysis' source offsets onto the
cleaned paragraph text it shows, and groups quotes and mentions by paragraph.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Literal

from briefer.model import ACTOR_KINDS, Actor, Document, Paragraph, Quote, SearchHit

if TYPE_CHECKING:
    from briefer.briefing import Briefing

Place = tuple[int, int]
"""A paragraph: (document number in the briefing, paragraph index)."""

Span = tuple[int, int]


def clean_offset(paragraph: Paragraph, source: int) -> int | None:
    """The offset in the paragraph's cleaned text of source offset `source`, if it is there."""
    text_length = len(paragraph.text)
    if not paragraph.pieces:  # copied whole from the source, as nearly every paragraph is
        offset = source - paragraph.start
        return offset if 0 <= offset < text_length else None
    pieces = paragraph.pieces
    k = bisect_right(pieces, source, key=itemgetter(1)) - 1
    if k < 0:
        return None
    clean, start = pieces[k]
    piece_end = pieces[k + 1][0] if k + 1 < len(pieces) else text_length
    offset = clean + source - start
    return offset if offset < piece_end else None


def clean_span(paragraph: Paragraph, start: int, end: int) -> Span | None:
    """The cleaned-text span of the source span ``[start, end)``, or None if it is not shown."""
    first = clean_offset(paragraph, start)
    last = clean_offset(paragraph, end - 1) if end > start else first
    if first is None or last is None or last < first:
        return None
    return first, last + 1


def kind_order(actor: Actor) -> tuple[int, int, str]:
    return (ACTOR_KINDS.index(actor.kind), -len(actor.mentions), actor.name.casefold())


class BriefingView:
    """Lookups by document, paragraph and actor, so the panes never scan the briefing."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.documents: tuple[Document, ...] = briefing.documents
        self.document_number = {d.path: i for i, d in enumerate(self.documents)}
        self.paragraph_counts = [len(d.paragraphs) for d in self.documents]
        self.actors: list[Actor] = sorted(briefing.actors, key=kind_order)
        self.actor_named = {a.name: a for a in self.actors}
        self.quotes: tuple[Quote, ...] = briefing.quotes
        self.quotes_at: dict[Place, list[Quote]] = defaultdict(list)
        self.quotes_by: dict[str, list[Quote]] = defaultdict(list)
        for quote in self.quotes:
            place = self.place_of_quote(quote)
            if place is not None:
                self.quotes_at[place].append(quote)
            if quote.speaker:
                self.quotes_by[quote.speaker].append(quote)
        self._starts: dict[int, list[int]] = {}
        self._mentions: dict[str, dict[Place, list[Span]]] = {}

    @property
    def name(self) -> str:
        return self.briefing.name

    def counts(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n:,} {word}{'' if n == 1 else 's'}"

        return " · ".join(
            (
                plural(len(self.documents), "document"),
                plural(len(self.quotes), "quote"),
                plural(len(self.actors), "actor"),
            )
        )

    def place_of_hit(self, hit: SearchHit) -> Place | None:
        """Where a search hit is, when it is an entry of this very briefing.

        The index on disk can be newer than the briefing on screen (another
        briefer updated it meanwhile): a hit from a file that changed since is
        left out, rather than shown against a paragraph that no longer says it.
        """
        number = self.document_number.get(hit.document)
        if number is None:
            return None
        paragraphs = self.documents[number].paragraphs
        if not 0 <= hit.paragraph < len(paragraphs):
            return None
        place = (number, hit.paragraph)
        if hit.kind == "quote":
            same = any(quote.text == hit.text for quote in self.quotes_at.get(place, ()))
        else:
            same = paragraphs[hit.paragraph].text == hit.text
        return place if same else None

    def place_of_quote(self, quote: Quote) -> Place | None:
        number = self.document_number.get(quote.document)
        if number is None or not 0 <= quote.paragraph < self.paragraph_counts[number]:
            return None
        return number, quote.paragraph

    def quote_span(self, quote: Quote) -> Span | None:
        """Where the quote, with its quotation marks, sits in its paragraph's cleaned text."""
        place = self.place_of_quote(quote)
        if place is None:
            return None
        paragraph = self.documents[place[0]].paragraphs[place[1]]
        span = clean_span(paragraph, quote.start, quote.end)
        if span is None and quote.text and (i := paragraph.text.find(quote.text)) >= 0:
            span = (i, i + len(quote.text))
        return span

    def _paragraph_at(self, number: int, source: int) -> int:
        starts = self._starts.get(number)
        if starts is None:
            starts = self._starts[number] = [p.start for p in self.documents[number].paragraphs]
        return bisect_right(starts, source) - 1

    def mentions(self, actor: Actor) -> dict[Place, list[Span]]:
        """The actor's mentions as cleaned-text spans, by paragraph."""
        found = self._mentions.get(actor.name)
        if found is not None:
            return found
        found = defaultdict(list)
        for document, start, end, index in actor.mentions.spans():  # type: ignore[attr-defined]
            number = self.document_number.get(document)
            if number is None:
                continue
            paragraphs = self.documents[number].paragraphs
            if not 0 <= index < len(paragraphs):
                index = self._paragraph_at(number, start)
            if not 0 <= index < len(paragraphs):
                continue
            span = clean_span(paragraphs[index], start, end)
            if span is not None:
                found[(number, index)].append(span)
        self._mentions[actor.name] = found
        return found

    def places_of(self, actor: Actor) -> set[Place]:
        """Paragraphs that mention the actor or quote them."""
        places = set(self.mentions(actor))
        places.update(
            place
            for quote in self.quotes_by.get(actor.name, ())
            if (place := self.place_of_quote(quote)) is not None
        )
        return places

    def speaker_of(self, quote: Quote) -> Actor | None:
        return self.actor_named.get(quote.speaker) if quote.speaker else None

    def title(self, number: int) -> str:
        document = self.documents[number]
        return document.title or document.path


def attribution(quote: Quote, speaker: Actor | None, title: str) -> str:
    """The quote as a reader would cite it: “...” — Name, role (Document title)."""
    text = quote.text.strip().rstrip(",").rstrip()
    who = quote.speaker or ""
    if who and speaker is not None and speaker.roles:
        who = f"{who}, {speaker.roles[0]}"
    return f"“{text}” — {who} ({title})" if who else f"“{text}” ({title})"


@dataclass(frozen=True)
class Block:
    """One thing the reader shows: a document title, a section heading or a paragraph.

    A title's `detail` is the document's path; `section` is the section's index.
    """

    kind: Literal["title", "heading", "paragraph"]
    document: int
    paragraph: int
    text: str
    section: int = -1
    detail: str = ""

    @property
    def place(self) -> Place:
        return self.document, self.paragraph


def document_blocks(
    view: BriefingView, number: int, only: Collection[Place] | None = None
) -> list[Block]:
    """A document as the reader shows it; with `only`, just those paragraphs (and headings)."""
    document = view.documents[number]
    blocks = [Block("title", number, -1, view.title(number), detail=document.path)]
    for section in document.sections:
        paragraphs = [p for p in section.paragraphs if only is None or (number, p) in only]
        if only is not None and not paragraphs:
            continue
        if section.title:
            first = section.paragraphs[0] if section.paragraphs else -1
            blocks.append(Block("heading", number, first, section.title, section.index))
        blocks.extend(
            Block("paragraph", number, p, document.paragraphs[p].text, section.index)
            for p in paragraphs
        )
    return blocks


def filtered_blocks(view: BriefingView, places: Collection[Place]) -> list[Block]:
    """Every paragraph in `places`, document by document."""
    blocks: list[Block] = []
    for number in sorted({d for d, _ in places}):
        blocks.extend(document_blocks(view, number, places))
    return blocks
