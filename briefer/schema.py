"""What the search index holds: one entry per paragraph and one per quote, and how words are cut.

Entries are grouped by file, and each file's entries carry a digest of their
content, so an index can tell which files it already holds exactly as the
briefing has them, and update only the others.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from whoosh.analysis import (
    STOP_WORDS,
    CharsetFilter,
    IDTokenizer,
    LowercaseFilter,
    RegexTokenizer,
    SpaceSeparatedTokenizer,
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
SCHEMA_VERSION = 5

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


def name_analyzer() -> Any:
    """Names as words, so `speaker:london` finds Doug London; no stemming, no stop words."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def path_analyzer() -> Any:
    """Paths and titles cut at every non-letter, so `doc:000_cf13` style pieces match."""
    return RegexTokenizer(r"[^\W_]+") | LowercaseFilter() | CharsetFilter(accent_map)


@lru_cache(maxsize=1)
def entries_version() -> str:
    """A digest of this module, which decides what the index holds for a briefing."""
    source = Path(__file__).read_bytes()
    return hashlib.sha256(b"%d\0%s" % (SCHEMA_VERSION, source)).hexdigest()[:16]


def make_schema() -> Schema:
    """A fresh schema; each thread that parses queries gets its own analyzers.

    `words` holds each file's distinct unstemmed words, on the file's first
    document, only to know which words exist (for suggestions, prefixes and
    fuzzy words): no frequencies, no positions. Whoosh's own `spelling=True`
    would index them once per paragraph and quote. `words` and `digest` are
    marked scorable only so Whoosh records their lengths instead of probing
    the disk for them once per word.
    """
    return Schema(
        file=ID(stored=True),
        digest=FieldType(Existence(), IDTokenizer(), scorable=True),
        paragraph=STORED,
        kind=KEYWORD(lowercase=True, stored=True),
        section=TEXT(analyzer=text_analyzer(), stored=True),
        speaker=TEXT(analyzer=name_analyzer(), phrase=False),
        speaker_name=STORED,
        actor=TEXT(analyzer=name_analyzer(), phrase=False),
        text=TEXT(analyzer=text_analyzer(), stored=True),
        words=FieldType(Existence(), SpaceSeparatedTokenizer(), scorable=True),
    )


def doc_field() -> FieldType:
    """How `doc:` values are cut when a query is parsed."""
    return TEXT(analyzer=path_analyzer(), phrase=True)


# One row per entry: file, paragraph, kind, section, actor words, text, speaker
# words, speaker name. Rows are cheaper to build and hash than dicts, and only
# the files an index must rewrite become Whoosh documents.
Row = tuple[str, int, str, "str | None", str, str, str, "str | None"]
FIELDS = ("file", "paragraph", "kind", "section", "actor", "text", "speaker", "speaker_name")


@dataclass(frozen=True)
class FileEntries:
    """The index entries of one file, and a digest of them."""

    digest: str
    rows: tuple[Row, ...]

    def entries(self) -> list[dict[str, Any]]:
        """The entries as field values, leaving out empty fields."""
        return [
            {k: v for k, v in zip(FIELDS, row, strict=True) if v is not None and v != ""}
            for row in self.rows
        ]


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
    rows: list[Row] = [
        (
            path,
            paragraph.index,
            "paragraph",
            document.section_title(paragraph.index),
            actors.in_paragraph(path, paragraph.index),
            paragraph.text,
            "",
            None,
        )
        for paragraph in document.paragraphs
    ]
    for quote in quotes:
        speaker = actors.words_of(quote.speaker)
        words = _joined(speaker | actors.in_quote(quote))
        row = (path, quote.paragraph, "quote", quote.section, words, quote.text, _joined(speaker))
        rows.append((*row, quote.speaker))
    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    for row in rows:
        digest.update("\x1f".join(map(str, row)).encode() + b"\x1e")
    return FileEntries(digest.hexdigest()[:32], tuple(rows))


def file_documents(entries: FileEntries) -> Iterator[dict[str, Any]]:
    """The Whoosh documents of one file.

    The first also carries the file's digest (as "digest path", so the word
    list alone tells which files the index holds) and its vocabulary: the
    index needs them once per file, and once per paragraph they would cost a
    fifth of the indexing time.
    """
    documents = entries.entries()
    for n, document in enumerate(documents):
        if n == 0:
            texts = (d["text"] for d in documents if d["kind"] == "paragraph")
            digest = f"{entries.digest} {document['file']}"
            yield {**document, "digest": digest, "words": vocabulary(texts)}
        else:
            yield document


def fold(text: str) -> str:
    """Lowercased with accents folded, as every analyzer here leaves words."""
    return text.lower().translate(accent_map)


_WORD = re.compile(r"\w+(?:\.?\w+)*")  # Whoosh's RegexTokenizer pattern


def vocabulary(texts: Iterable[str]) -> str:
    """The distinct words of `texts` as `word_analyzer` cuts them, space-separated."""
    words: set[str] = set()
    for text in texts:
        words.update(_WORD.findall(fold(text)))
    return " ".join(sorted(w for w in words if len(w) > 1 and w not in STOP_WORDS))


def _joined(words: Iterable[str]) -> str:
    return " ".join(sorted(words))


class _ActorPlaces:
    """The words of the actors each paragraph and quote mentions (names and aliases).

    A field holds each word once, without positions: actors' names and
    aliases repeat words ("Hillary Clinton", "Clinton", "HILLARY CLINTON"),
    and storing them in full would make the actor field as big as the text.
    """

    def __init__(self, documents: Iterable[Document], actors: Iterable[Actor]) -> None:
        self._words: dict[str, frozenset[str]] = {}
        self._paragraphs: dict[tuple[str, int], set[str]] = defaultdict(set)
        self._mentions: dict[tuple[str, int], list[tuple[int, int, frozenset[str]]]] = defaultdict(
            list
        )
        paths = {d.path: d for d in documents}
        starts: dict[str, list[int]] = {}
        for actor in actors:
            words = self._analysed(" ".join((actor.name, *actor.aliases)))
            self._words[actor.name] = words
            for mention in actor.mentions:
                paragraph = mention.paragraph
                if paragraph < 0:  # the engine did not say: find it by offset
                    if mention.document not in starts:
                        document = paths.get(mention.document)
                        starts[mention.document] = (
                            [p.start for p in document.paragraphs] if document else []
                        )
                    paragraph = bisect_right(starts[mention.document], mention.start) - 1
                key = (mention.document, paragraph)
                self._paragraphs[key].update(words)
                self._mentions[key].append((mention.start, mention.end, words))

    def _analysed(self, text: str) -> frozenset[str]:
        """The words `name_analyzer` would make of `text`, at a tenth of the cost."""
        return frozenset(_WORD.findall(fold(text)))

    def words_of(self, name: str | None) -> frozenset[str]:
        if not name:
            return frozenset()
        words = self._words.get(name)
        return words if words is not None else self._analysed(name)

    def in_paragraph(self, path: str, paragraph: int) -> str:
        return _joined(self._paragraphs.get((path, paragraph), ()))

    def in_quote(self, quote: Quote) -> frozenset[str]:
        mentions = self._mentions.get((quote.document, quote.paragraph), ())
        found = [w for s, e, w in mentions if quote.start <= s and e <= quote.end]
        return frozenset().union(*found)
