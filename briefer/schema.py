"""What the search index holds: one entry per paragraph and one per quote, and how words are cut.

Entries are grouped by file, and each file's entries carry a digest of their
content, so an index can tell which files it already holds exactly as the
briefing has them, and update only the others.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from whoosh.analysis import (
    STOP_WORDS,
    CharsetFilter,
    IDTokenizer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import ID, KEYWORD, STORED, TEXT, FieldType, Schema
from whoosh.formats import Existence
from whoosh.support.charset import accent_map

from briefer.briefing import Briefing
from briefer.model import Actor, Document, Mentions, Quote

# Bump whenever the fields or analyzers change: an index written with another
# version is rebuilt, never read.
SCHEMA_VERSION = 6

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

    `digest` is marked scorable only so Whoosh records its lengths instead of
    probing the disk for them once per posting. The unstemmed words that
    prefixes, fuzzy words and suggestions look among are kept beside the
    index (`briefer.vocabulary`), not in it.
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
    )


def doc_field() -> FieldType:
    """How `doc:` values are cut when a query is parsed."""
    return TEXT(analyzer=path_analyzer(), phrase=True)


# One row per entry: file, paragraph, kind, section, actor words, text, speaker
# words, speaker name. Rows are cheaper to build than dicts, and only the
# files an index must rewrite get them.
Row = tuple[str, int, str, "str | None", str, str, str, "str | None"]
FIELDS = ("file", "paragraph", "kind", "section", "actor", "text", "speaker", "speaker_name")


class Entries:
    """A briefing's index entries, file by file, and a digest of each file's entries.

    A file's entries follow from its document and its own analysis, and from
    what the cross-document merge made of them: the actor (and so the words)
    each mention went to, and each quote's speaker. When the briefing knows
    each file's key (the content and the code that read it, as
    `load_briefing` sets), the digest hashes the key and those merge results
    alone, so finding what an update changed builds no entries at all;
    otherwise it hashes the file's entries.
    """

    def __init__(self, briefing: Briefing) -> None:
        self._briefing = briefing
        self.documents = briefing.documents
        self._quotes: dict[str, list[Quote]] = defaultdict(list)
        for quote in briefing.quotes:
            self._quotes[quote.document].append(quote)
        self._words: dict[str, frozenset[str]] = {}
        self._actors: list[tuple[Actor, frozenset[str], int]] = []
        for actor in briefing.actors:
            words = _analysed(" ".join((actor.name, *actor.aliases)))
            self._words[actor.name] = words
            self._actors.append((actor, words, _code(_joined(words))))

    def digests(self) -> dict[str, str]:
        """Each file's digest, keyed by its shown path: equal digests, equal entries."""
        values: dict[str, array[int]] = {}
        for actor, _, code in self._actors:
            last = None
            for document, start, end, _ in _spans(actor):  # in runs of one document
                if document != last:
                    last = document
                    target = values.get(last)
                    if target is None:
                        target = values[last] = array("q")
                target.extend((start, end, code))
        keys = self._briefing.file_keys
        unkeyed = [d for d in self.documents if d.path not in keys]
        bases = {d.path: _rows_digest(rows) for d, rows in self.rows_of(unkeyed)}
        speakers: dict[str | None, int] = {None: 0}
        digests = {}
        for document in self.documents:
            path = document.path
            base = keys.get(path) or bases[path]
            digest = hashlib.sha256(f"{entries_version()}\0{base}".encode())
            found = values.get(path, array("q"))
            for quote in self._quotes.get(path, ()):
                speaker = quote.speaker
                if speaker not in speakers:
                    speakers[speaker] = _code(f"{speaker}\0{_joined(self.words_of(speaker))}")
                found.extend((quote.start, speakers[speaker]))
            digest.update(found.tobytes())
            digests[path] = digest.hexdigest()[:32]
        return digests

    def rows_of(self, documents: Sequence[Document]) -> Iterator[tuple[Document, list[Row]]]:
        """Each of `documents` with its entries, from one pass over the briefing's mentions."""
        mentions: dict[str, list[Span]] = {d.path: [] for d in documents}
        if documents:
            for actor, words, _ in self._actors:
                last = None
                for document, start, end, paragraph in _spans(actor):
                    if document != last:
                        last = document
                        target = mentions.get(last)
                    if target is not None:
                        target.append((start, end, paragraph, words))
        for document in documents:
            yield document, self._rows(document, mentions[document.path])

    def _rows(self, document: Document, mentions: list[Span]) -> list[Row]:
        """The file's entries: one per paragraph, then one per quote."""
        path = document.path
        paragraphs: dict[int, set[str]] = defaultdict(set)
        spans: dict[int, list[tuple[int, int, frozenset[str]]]] = defaultdict(list)
        starts: list[int] | None = None
        for start, end, paragraph, words in mentions:
            if paragraph < 0:  # the engine did not say: find it by offset
                if starts is None:
                    starts = [p.start for p in document.paragraphs]
                paragraph = bisect_right(starts, start) - 1
            paragraphs[paragraph].update(words)
            spans[paragraph].append((start, end, words))
        rows: list[Row] = [
            (
                path,
                paragraph.index,
                "paragraph",
                document.section_title(paragraph.index),
                _joined(paragraphs.get(paragraph.index, ())),
                paragraph.text,
                "",
                None,
            )
            for paragraph in document.paragraphs
        ]
        for quote in self._quotes.get(path, ()):
            speaker = self.words_of(quote.speaker)
            inside = [
                w
                for s, e, w in spans.get(quote.paragraph, ())
                if quote.start <= s and e <= quote.end
            ]
            words = _joined(speaker.union(*inside))
            row = (
                path,
                quote.paragraph,
                "quote",
                quote.section,
                words,
                quote.text,
                _joined(speaker),
            )
            rows.append((*row, quote.speaker))
        return rows

    def words_of(self, name: str | None) -> frozenset[str]:
        """The words of the actor called `name` (name and aliases), or of the name itself."""
        if not name:
            return frozenset()
        words = self._words.get(name)
        return words if words is not None else _analysed(name)


def file_documents(path: str, digest: str, rows: list[Row]) -> Iterator[dict[str, Any]]:
    """The Whoosh documents of one file, leaving out empty fields.

    The first also carries the file's digest (as "digest path", so the word
    list alone tells which files the index holds): the index needs it once
    per file.
    """
    for n, row in enumerate(rows):
        document = {k: v for k, v in zip(FIELDS, row, strict=True) if v is not None and v != ""}
        if n == 0:
            document["digest"] = f"{digest} {path}"
        yield document


Span = tuple[int, int, int, frozenset[str]]
"""A mention in a file: start, end, paragraph, and the words of the actor it belongs to."""


def _spans(actor: Actor) -> Iterable[tuple[str, int, int, int]]:
    """The actor's mentions as (document, start, end, paragraph), without making Mentions."""
    mentions = actor.mentions
    if isinstance(mentions, Mentions):
        return mentions.spans()
    return ((m.document, m.start, m.end, m.paragraph) for m in mentions)


def _rows_digest(rows: list[Row]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update("\x1f".join(map(str, row)).encode() + b"\x1e")
    return digest.hexdigest()


def _analysed(text: str) -> frozenset[str]:
    """The words `name_analyzer` would make of `text`, at a tenth of the cost."""
    return frozenset(_WORD.findall(fold(text)))


def _code(text: str) -> int:
    """A stable 64-bit number for `text` (Python's own string hash changes between processes)."""
    return int.from_bytes(
        hashlib.blake2b(text.encode(), digest_size=8).digest(), "little", signed=True
    )


def fold(text: str) -> str:
    """Lowercased with accents folded, as every analyzer here leaves words."""
    lowered = text.lower()
    return lowered if lowered.isascii() else lowered.translate(accent_map)


_WORD = re.compile(r"\w+(?:\.?\w+)*")  # Whoosh's RegexTokenizer pattern


def words_of(texts: Iterable[str]) -> set[str]:
    """The distinct whole words of `texts`, folded and cut as the text analyzer cuts them,
    without one-letter and stop words (what prefixes and fuzzy words look among)."""
    words: set[str] = set()
    for text in texts:
        words.update(_WORD.findall(fold(text)))
    return {w for w in words if len(w) > 1 and w not in STOP_WORDS}


def _joined(words: Iterable[str]) -> str:
    return " ".join(sorted(words))
