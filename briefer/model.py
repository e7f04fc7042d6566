"""The data every layer shares: frozen, plain, and free of behaviour beyond offsets.

Offsets (`start`, `end`, mention and speaker offsets) are indices into a
document's text as decoded, with newlines normalised to ``\\n``, before any
cleaning. Paragraph text is cleaned (control characters and escape sequences
removed, wrapped lines joined), so a paragraph carries the pieces that map its
cleaned text back to those offsets.
"""

from __future__ import annotations

from abc import abstractmethod
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, overload


class Kept:
    """What the cache keeps: slotted, and pickled as the call that makes it.

    A cached briefing of 10,000 articles is over a million such objects.
    Without slots each carries a dictionary (some 300 bytes); pickled as a
    call to the class, it loads in half the time of a dictionary restored
    field by field.
    """

    __slots__ = ()
    __match_args__: tuple[str, ...]

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), tuple(getattr(self, name) for name in self.__match_args__))


ActorKind = Literal["person", "organization", "place", "group", "other"]
ACTOR_KINDS: tuple[ActorKind, ...] = ("person", "organization", "group", "place", "other")


@dataclass(frozen=True, slots=True)
class Paragraph(Kept):
    """One paragraph of a document, cleaned for display and analysis.

    `pieces` holds ``(clean_offset, source_offset)`` pairs, one for each run of
    cleaned text that was copied contiguously from the source. Most paragraphs
    have a single piece; cleaning or Markdown markup adds more.
    """

    index: int
    section: int
    text: str
    start: int
    end: int
    pieces: tuple[tuple[int, int], ...] = ()

    def source_offset(self, i: int) -> int:
        """The source offset of the character at cleaned offset `i`."""
        if not self.pieces:
            return self.start + i
        k = bisect_right(self.pieces, (i, float("inf"))) - 1
        clean, source = self.pieces[max(k, 0)]
        return source + (i - clean)

    def source_end(self, i: int) -> int:
        """The source offset just past the character at cleaned offset ``i - 1``.

        An end offset must stay with the character before it, which matters
        when the cleaned text skips source characters at that point.
        """
        return self.source_offset(i - 1) + 1 if i > 0 else self.source_offset(0)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of the cleaned span ``[start, end)``."""
        return self.source_offset(start), self.source_end(end)


@dataclass(frozen=True, slots=True)
class Section(Kept):
    """A run of paragraphs under one heading; the lead before any heading has no title."""

    index: int
    title: str | None
    paragraphs: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Document(Kept):
    """A decoded, cleaned and segmented file.

    `paragraphs` is a tuple when the document is made, and `Paragraphs` once it
    comes back from the cache: the same paragraphs, kept as columns.
    """

    path: str
    title: str
    sections: tuple[Section, ...]
    paragraphs: Sequence[Paragraph]
    format: Literal["text", "markdown"] = "text"

    def section_title(self, paragraph: int) -> str | None:
        return self.sections[self.paragraphs[paragraph].section].title

    def __reduce__(self) -> tuple[Any, ...]:
        paragraphs = self.paragraphs
        if not isinstance(paragraphs, Paragraphs):
            paragraphs = Paragraphs(paragraphs)
        return (Document, (self.path, self.title, self.sections, paragraphs, self.format))


@dataclass(frozen=True, slots=True)
class Mention(Kept):
    """A stretch of a document that names an actor."""

    document: str
    start: int
    end: int
    text: str
    paragraph: int = -1


@dataclass(frozen=True, slots=True)
class Quote(Kept):
    """A direct quote; `start`/`end` include the quotation marks, `text` does not."""

    document: str
    paragraph: int
    section: str | None
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


def _packed(values: list[int]) -> array:
    try:
        return array("i", values)
    except OverflowError:  # offsets past 2 GB
        return array("q", values)


T = TypeVar("T")


class Columns(Sequence[T]):
    """Values kept as columns, each made again when read; equal to any sequence of the same
    values. Subclasses keep the columns and say how value `i` is made."""

    __slots__ = ()

    @abstractmethod
    def _make(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[T, ...]: ...

    def __getitem__(self, i: int | slice) -> T | tuple[T, ...]:
        if isinstance(i, slice):
            return tuple(self._make(n) for n in range(*i.indices(len(self))))
        n = i + len(self) if i < 0 else i
        if not 0 <= n < len(self):
            raise IndexError(f"{type(self).__name__} index out of range")
        return self._make(n)

    def __iter__(self) -> Iterator[T]:
        return map(self._make, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class Paragraphs(Columns[Paragraph]):
    """A document's paragraphs as the cache keeps them: their texts and a column of numbers,
    each paragraph made again when read.

    Reopening 10,000 cached articles unpickled 172,400 Paragraph objects, half
    of the time it took to read the documents back; their texts and numbers
    load in a fraction of it. Equal to any sequence of the same paragraphs.
    """

    __slots__ = ("_columns", "_pieces", "_texts")
    _WIDTH = 4  # index, section, start, end

    def __init__(self, paragraphs: Iterable[Paragraph] = ()) -> None:
        texts: list[str] = []
        values: list[int] = []
        pieces: dict[int, tuple[tuple[int, int], ...]] = {}
        for n, p in enumerate(paragraphs):
            texts.append(p.text)
            values += (p.index, p.section, p.start, p.end)
            if p.pieces:
                pieces[n] = p.pieces
        self._texts = tuple(texts)
        self._columns = _packed(values)
        self._pieces = pieces

    @classmethod
    def _restore(
        cls,
        texts: tuple[str, ...],
        columns: array,
        pieces: dict[int, tuple[tuple[int, int], ...]],
    ) -> Paragraphs:
        paragraphs = cls.__new__(cls)
        paragraphs._texts, paragraphs._columns, paragraphs._pieces = texts, columns, pieces
        return paragraphs

    def __reduce__(self) -> tuple[Any, ...]:
        return (Paragraphs._restore, (self._texts, self._columns, self._pieces))

    def __len__(self) -> int:
        return len(self._texts)

    def _make(self, i: int) -> Paragraph:
        c, k = self._columns, self._WIDTH * i
        pieces = self._pieces.get(i, ()) if self._pieces else ()
        return Paragraph(c[k], c[k + 1], self._texts[i], c[k + 2], c[k + 3], pieces)

    def __hash__(self) -> int:
        return hash(tuple(self))  # as the tuple of the same paragraphs hashes


class Mentions(Columns[Mention]):
    """An actor's mentions, kept as columns of numbers, each mention made again when read.

    Ten thousand articles have half a million mentions: as objects they take
    some 250 MB and half the time it takes to load a cached briefing; as
    columns, 20 MB and next to no time. Equal to any sequence of the same
    mentions.
    """

    __slots__ = ("_columns", "_documents", "_texts")
    _WIDTH = 5  # document number, start, end, text number, paragraph

    def __init__(self, mentions: Iterable[Mention] = ()) -> None:
        documents: dict[str, int] = {}
        texts: dict[str, int] = {}
        values: list[int] = []
        for m in mentions:
            document = documents.setdefault(m.document, len(documents))
            text = texts.setdefault(m.text, len(texts))
            values += (document, m.start, m.end, text, m.paragraph)
        self._documents = tuple(documents)
        self._texts = tuple(texts)
        self._columns = _packed(values)

    @classmethod
    def joined(cls, parts: Iterable[Sequence[Mention]]) -> Mentions:
        """The mentions of `parts`, one part after another, without making each one again.

        This is how a briefing's actor is put together from its documents' actors.
        """
        documents: dict[str, int] = {}
        texts: dict[str, int] = {}
        values: list[int] = []
        width = cls._WIDTH
        for part in parts:
            block = part if isinstance(part, Mentions) else Mentions(part)
            numbers = [documents.setdefault(d, len(documents)) for d in block._documents]
            words = [texts.setdefault(t, len(texts)) for t in block._texts]
            column = block._columns.tolist()
            column[0::width] = [numbers[n] for n in column[0::width]]
            column[3::width] = [words[n] for n in column[3::width]]
            values += column
        return cls._restore(tuple(documents), tuple(texts), _packed(values))

    @classmethod
    def _restore(
        cls, documents: tuple[str, ...], texts: tuple[str, ...], columns: array
    ) -> Mentions:
        mentions = cls.__new__(cls)
        mentions._documents, mentions._texts, mentions._columns = documents, texts, columns
        return mentions

    def __reduce__(self) -> tuple[Any, ...]:
        return (Mentions._restore, (self._documents, self._texts, self._columns))

    def __len__(self) -> int:
        return len(self._columns) // self._WIDTH

    def _make(self, i: int) -> Mention:
        c, k = self._columns, self._WIDTH * i
        return Mention(self._documents[c[k]], c[k + 1], c[k + 2], self._texts[c[k + 3]], c[k + 4])

    def spans(self) -> Iterator[tuple[str, int, int, int]]:
        """Each mention's document, start, end and paragraph, read from the columns without
        making a Mention: a fraction of the cost, for code that walks every mention."""
        c, w = self._columns, self._WIDTH
        documents = map(self._documents.__getitem__, c[0::w])
        return zip(documents, c[1::w], c[2::w], c[4::w], strict=True)

    def __hash__(self) -> int:
        return hash((len(self), self[0], self[-1]) if self else 0)


@dataclass(frozen=True, slots=True)
class Actor(Kept):
    """A person, organisation, group or place, however many ways it is written.

    `mentions` may be given as any sequence of mentions; it is kept as `Mentions`.
    """

    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mentions: Sequence[Mention] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.mentions, Mentions):
            object.__setattr__(self, "mentions", Mentions(self.mentions))


@dataclass(frozen=True, slots=True)
class Notice(Kept):
    """One line for the user about a file: skipped entirely, or read with a caveat."""

    path: str
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{'skipped' if self.skipped else 'warning'}: {self.path}: {self.message}"


@dataclass(frozen=True)
class SearchHit:
    """One search result: a paragraph, or a quote inside one.

    `matches` are ``(start, end)`` offsets into `text` of the words the query
    matched, so a reader can mark them without parsing anything; `highlights`
    is a short plain-text fragment of `text` with those words marked.
    """

    document: str
    paragraph: int
    section: str | None
    kind: Literal["paragraph", "quote"]
    speaker: str | None
    text: str
    highlights: str
    matches: tuple[tuple[int, int], ...] = ()
    score: float = 0.0


@dataclass(frozen=True)
class SearchResults:
    """What a query found; `error` explains a query that could not be understood."""

    query: str
    suggestion: str | None
    total: int
    hits: tuple[SearchHit, ...]
    error: str | None = None
