"""What the search index holds: one entry per paragraph and one per quote, and how words are cut.

Entries are grouped by file, and each file's entries carry a digest of their
content, so an index can tell which files it already holds exactly as the
briefing has them, and update only the others.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import ID, KEYWORD, STORED, TEXT, FieldType, Schema
from whoosh.formats import Existence
from whoosh.support.charset import accent_map

from briefer.briefing import Briefing
from briefer.model import Actor, Document, Quote

# Bump whenever the fields or analyzers change: an index written with another
# version is rebuilt, never read.
SCHEMA_VERSION = 2

# The fields a user can type, as `speaker:london`. `doc:` is answered from
# the briefing's list of documents rather than stored with every paragraph.
USER_FIELDS = ("text", "speaker", "actor", "section", "kind", "doc")


def text_analyzer() -> Any:
    """Words lowercased, accents folded (`Erdogan` finds `Erdoğan`), stop words dropped, stemmed."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter()
        | StemFilter(cachesize=100_000)
    )


def word_analyzer() -> Any:
    """Words as typed, lowercased and accent-folded: the spelling list for suggestions."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter()


def name_analyzer() -> Any:
    """Names as words, so `speaker:london` finds Doug London; no stemming, no stop words."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def path_analyzer() -> Any:
    """Paths and titles cut at every non-letter, so `doc:000_cf13` style pieces match."""
    return RegexTokenizer(r"[^\W_]+") | LowercaseFilter() | CharsetFilter(accent_map)


def make_schema() -> Schema:
    """A fresh schema; each thread that parses queries gets its own analyzers.

    `words` holds each paragraph's unstemmed words (quotes repeat them), only
    to know which words exist: no frequencies, no positions. Whoosh's own
    `spelling=True` costs about twice as much at indexing time. It is marked
    scorable only so Whoosh records its lengths instead of probing the disk
    for them once per word.
    """
    return Schema(
        id=ID(unique=True, stored=True),
        file=ID(stored=True),
        digest=ID,
        paragraph=STORED,
        kind=KEYWORD(lowercase=True, stored=True),
        section=TEXT(analyzer=text_analyzer(), stored=True),
        speaker=TEXT(analyzer=name_analyzer()),
        speaker_name=STORED,
        actor=TEXT(analyzer=name_analyzer()),
        text=TEXT(analyzer=text_analyzer(), stored=True),
        words=FieldType(Existence(), word_analyzer(), scorable=True),
    )


def doc_field() -> FieldType:
    """How `doc:` values are cut when a query is parsed."""
    return TEXT(analyzer=path_analyzer(), phrase=True)


@dataclass(frozen=True)
class FileEntries:
    """The index entries of one file, and a digest of them."""

    digest: str
    entries: tuple[dict[str, Any], ...]


def briefing_entries(briefing: Briefing) -> dict[str, FileEntries]:
    """Every file's entries, keyed by its shown path."""
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for quote in briefing.quotes:
        quotes[quote.document].append(quote)
    actors = _ActorPlaces(briefing.documents, briefing.actors)
    return {
        document.path: _file_entries(document, quotes.get(document.path, []), actors)
        for document in briefing.documents
    }


def _file_entries(document: Document, quotes: list[Quote], actors: _ActorPlaces) -> FileEntries:
    path = document.path
    entries: list[dict[str, Any]] = []
    for paragraph in document.paragraphs:
        entry = {
            "id": f"{path}\0p{paragraph.index}",
            "file": path,
            "paragraph": paragraph.index,
            "kind": "paragraph",
            "section": document.section_title(paragraph.index),
            "actor": actors.in_paragraph(path, paragraph.index),
            "text": paragraph.text,
        }
        entries.append(entry)
    for n, quote in enumerate(quotes):
        speaker = actors.names_of(quote.speaker)
        entry = {
            "id": f"{path}\0q{n}",
            "file": path,
            "paragraph": quote.paragraph,
            "kind": "quote",
            "section": quote.section,
            "speaker": speaker,
            "speaker_name": quote.speaker,
            "actor": _join([speaker, actors.in_span(path, quote.start, quote.end)]),
            "text": quote.text,
        }
        entries.append(entry)
    cleaned = tuple({k: v for k, v in e.items() if v not in (None, "")} for e in entries)
    digest = hashlib.sha256(repr((SCHEMA_VERSION, cleaned)).encode()).hexdigest()[:32]
    return FileEntries(digest, cleaned)


def index_fields(entry: dict[str, Any], digest: str) -> dict[str, Any]:
    """The fields Whoosh gets for `entry`: paragraphs also feed the spelling list."""
    if entry["kind"] == "paragraph":
        return {**entry, "digest": digest, "words": entry["text"]}
    return {**entry, "digest": digest}


def _join(names: Iterable[str]) -> str:
    """Names in one field value; the separator keeps a phrase from running across two names."""
    return " ; ".join(n for n in names if n)


class _ActorPlaces:
    """Which actors each paragraph and quote mentions, by canonical name and aliases."""

    def __init__(self, documents: Iterable[Document], actors: Iterable[Actor]) -> None:
        self._names: dict[str, str] = {}
        self._paragraphs: dict[tuple[str, int], list[str]] = defaultdict(list)
        self._mentions: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        starts = {d.path: [p.start for p in d.paragraphs] for d in documents}
        for actor in actors:
            names = _join(dict.fromkeys((actor.name, *actor.aliases)))
            self._names[actor.name] = names
            for mention in actor.mentions:
                paragraph = mention.paragraph
                if paragraph < 0:
                    paragraph = bisect_right(starts.get(mention.document, []), mention.start) - 1
                key = (mention.document, paragraph)
                if names not in self._paragraphs[key]:
                    self._paragraphs[key].append(names)
                self._mentions[mention.document].append((mention.start, mention.end, names))

    def names_of(self, name: str | None) -> str:
        if not name:
            return ""
        return self._names.get(name, name)

    def in_paragraph(self, path: str, paragraph: int) -> str:
        return _join(self._paragraphs.get((path, paragraph), []))

    def in_span(self, path: str, start: int, end: int) -> str:
        found = [n for s, e, n in self._mentions.get(path, []) if start <= s and e <= end]
        return _join(dict.fromkeys(found))
