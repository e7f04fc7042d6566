"""Reading what a user typed into a Whoosh query, and what it should mark and suggest.

The text field is stemmed, which would make `immigrat*` and `Clinten~` miss
("immigration" is indexed as "immigr"). So prefix, wildcard and fuzzy words
are matched against the index's whole words (`briefer.vocabulary`), then
searched by their stems. The same words give the "did you mean" suggestion.
`doc:` is matched against the briefing's titles and paths, which are few, and
searched as the set of entries of the files it names.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq
from whoosh.qparser import FieldAliasPlugin, FuzzyTermPlugin, QueryParser
from whoosh.reading import IndexReader

from briefer.highlight import MatchRules
from briefer.ranking import FileSet
from briefer.schema import (
    USER_FIELDS,
    doc_field,
    fold,
    make_schema,
    path_analyzer,
    text_analyzer,
)
from briefer.vocabulary import Vocabulary

TEXT = "text"
NOTHING = wq.Term("file", "\0")
# Fields that hold each name word once, without positions: a phrase is all its words.
NAME_FIELDS = ("speaker", "actor")
MAX_DISTANCE = 2
MAX_WORDS = 300
"""A prefix or wildcard matching more whole words than this is matched against stems alone."""
MAX_TERMS = 100
"""A prefix, wildcard or fuzzy word is searched as its MAX_TERMS most frequent stems at most:
each stem costs a walk through its postings (`a*` has a thousand stems)."""

ALIASES = {
    "speaker": ["speakers", "by"],
    "actor": ["actors"],
    "section": ["sections"],
    "doc": ["document", "title", "path", "file"],
}
_FIELD_NAMES = "|".join(
    sorted({*USER_FIELDS, *(a for names in ALIASES.values() for a in names)}, key=len, reverse=True)
)
_FIELD = re.compile(rf"(?i)(?<![\w:])({_FIELD_NAMES}):")
_EMPTY_FIELD = re.compile(rf"(?i)(?<![\w:])({_FIELD_NAMES}):(?=\s|\)|$)")

EXAMPLES = {
    "text": "text:iran",
    "speaker": "speaker:london",
    "actor": "actor:hezbollah",
    "section": "section:tension",
    "kind": "kind:quote",
    "doc": "doc:reuters",
}


class QueryError(ValueError):
    """A query that cannot be searched; the message is one line for the user."""


@dataclass
class Parsed:
    """A query ready to search, and what the user typed, field names lowercased."""

    typed: str
    query: wq.Query


class QueryReader:
    """Parses, expands and corrects queries; one per thread (analyzers keep caches)."""

    def __init__(self) -> None:
        schema = make_schema()
        user_schema = type(schema)()
        for name in USER_FIELDS:
            user_schema.add(name, doc_field() if name == "doc" else schema[name])
        self._parser = QueryParser(TEXT, user_schema)
        self._parser.add_plugin(FuzzyTermPlugin())
        self._parser.add_plugin(FieldAliasPlugin(ALIASES))
        self._analyzer = text_analyzer()

    @property
    def analyzer(self) -> Any:
        return self._analyzer

    def parse(self, text: str) -> Parsed:
        """The query for `text`; raises `QueryError` when there is nothing to search for."""
        empty = _EMPTY_FIELD.search(text)
        if empty:
            name = self._canonical(empty.group(1).lower())
            raise QueryError(f"{empty.group(1)}: needs a value, as in {EXAMPLES[name]}")
        typed = _FIELD.sub(lambda m: m.group(1).lower() + ":", text)
        try:
            parsed = self._parser.parse(typed)
        except Exception as exc:  # Whoosh's parser raises assorted errors on odd input
            raise QueryError(f"cannot read this query ({exc})") from exc
        if parsed is wq.NullQuery or isinstance(parsed, type(wq.NullQuery)):
            raise QueryError("nothing to search for: only punctuation or very common words")
        return Parsed(typed, parsed)

    def _canonical(self, name: str) -> str:
        for canonical, aliases in ALIASES.items():
            if name in aliases:
                return canonical
        return name

    def stem(self, word: str) -> str | None:
        tokens = [t.text for t in self._analyzer(word)]
        return tokens[0] if len(tokens) == 1 else None

    def expand(
        self,
        parsed: Parsed,
        reader: IndexReader,
        documents: Documents,
        vocabulary: Callable[[], Vocabulary],
    ) -> wq.Query:
        """The query with prefix, wildcard and fuzzy text words matched against whole words,
        `doc:` words replaced by the files they name, and name phrases by their words.

        `vocabulary` gives the index's whole words, read only when a query needs them."""

        def visit(q: wq.Query) -> wq.Query:
            if q.field() == "doc" and (q.is_leaf() or isinstance(q, wq.Phrase)):
                files = documents.matching(q)
                return FileSet(files, q.boost) if files else NOTHING
            if isinstance(q, wq.FuzzyTerm) and q.maxdist > MAX_DISTANCE:
                q = wq.FuzzyTerm(q.field(), q.text, q.boost, MAX_DISTANCE, q.prefixlength)
            if isinstance(q, wq.Phrase) and q.field() in NAME_FIELDS:
                return wq.And([wq.Term(q.field(), word) for word in q.words])
            if isinstance(q, wq.FuzzyTerm) and q.field() == TEXT:
                word = fold(_typed(parsed, q) or q.text)
                words = vocabulary().within(word, q.maxdist)  # every word within, nearer ones too
                return self._terms(words, wq.Term(TEXT, q.text), reader, q.boost)
            if isinstance(q, (wq.Prefix, wq.Wildcard)) and q.field() == TEXT:
                text = fold(q.text)
                if isinstance(q, wq.Prefix):
                    words = _words(vocabulary(), text, lambda w: True)
                    fallback: wq.Query = wq.Prefix(TEXT, text, boost=q.boost)
                else:
                    pattern = re.compile(fnmatch.translate(text))
                    prefix = re.split(r"[*?\[]", text, maxsplit=1)[0]
                    words = _words(vocabulary(), prefix, lambda w: bool(pattern.match(w)))
                    fallback = wq.Wildcard(TEXT, text, boost=q.boost)
                return self._terms(words, fallback, reader, q.boost)
            if q.is_leaf():
                return q
            return q.apply(visit)

        return visit(parsed.query)

    def _terms(
        self, words: set[str], fallback: wq.Query, reader: IndexReader, boost: float
    ) -> wq.Query:
        """The stems of `words` and those `fallback` matches itself (`immigr*` also matches
        the stem "immigr"), each once, the MAX_TERMS most frequent at most; `fallback`
        when there are none."""
        stems = {s for s in map(self.stem, words) if s}
        if isinstance(fallback, wq.Prefix | wq.Wildcard):
            stems.update(_text(t) for _, t in fallback.expanded_terms(reader))
        if not stems:
            return fallback
        if len(stems) > MAX_TERMS:
            frequent = sorted(stems, key=lambda s: (-reader.doc_frequency(TEXT, s), s))
            stems = set(frequent[:MAX_TERMS])
        terms = [wq.Term(TEXT, s, boost=boost) for s in sorted(stems)]
        return wq.Or(terms) if len(terms) > 1 else terms[0]

    def rules(self, q: wq.Query) -> MatchRules:
        """What to mark in a hit's text: the positive text-field words of the expanded query."""
        rules = MatchRules()
        for leaf in _positive_leaves(q):
            if leaf.field() != TEXT:
                continue
            if isinstance(leaf, wq.Phrase):
                rules.phrases.append(tuple(leaf.words))
            elif isinstance(leaf, wq.Prefix):
                rules.prefixes.append(leaf.text)
            elif isinstance(leaf, wq.Wildcard):
                rules.patterns.append(re.compile(fnmatch.translate(leaf.text)))
            elif isinstance(leaf, wq.Term):
                rules.words.add(leaf.text)
        return rules

    def suggest(
        self, parsed: Parsed, reader: IndexReader, vocabulary: Callable[[], Vocabulary]
    ) -> str | None:
        """`parsed.typed` with each text word the index does not hold replaced by a close one."""
        replacements: list[tuple[int, int, str]] = []
        for leaf in _positive_leaves(parsed.query):
            if type(leaf) not in (wq.Term, wq.Phrase) or leaf.field() != TEXT:
                continue
            for token in leaf.all_tokens():
                if token.startchar is None or _live(reader, TEXT, token.text):
                    continue
                typed = parsed.typed[token.startchar : token.endchar]
                better = self._closest(typed, reader, vocabulary())
                if better:
                    replacements.append((token.startchar, token.endchar, better))
        if not replacements:
            return None
        out = parsed.typed
        for start, end, word in sorted(replacements, reverse=True):
            out = out[:start] + word + out[end:]
        return out

    def _closest(self, typed: str, reader: IndexReader, vocabulary: Vocabulary) -> str | None:
        """The most frequent indexed word nearest to `typed` (the first letter is kept)."""
        word = fold(typed)
        for distance in range(1, MAX_DISTANCE + 1):
            stems = {w: self.stem(w) or w for w in vocabulary.within(word, distance, prefix=1)}
            found = [w for w, stem in stems.items() if w != word and _live(reader, TEXT, stem)]
            if found:
                return max(found, key=lambda w: (reader.doc_frequency(TEXT, stems[w]), w))
        return None


class Documents:
    """The briefing's documents by the words of their title and path, for `doc:`.

    The words are cut on the first `doc:` query: for a thousand documents
    that costs a twentieth of a second, which most searches never need.
    """

    def __init__(self, documents: Sequence[tuple[str, str]]) -> None:
        self._documents = documents
        self._cut: list[tuple[str, list[str]]] | None = None

    @property
    def _words(self) -> list[tuple[str, list[str]]]:
        if self._cut is None:
            analyzer = path_analyzer()
            self._cut = [
                (path, [t.text for t in analyzer(f"{title} {path}")])
                for path, title in self._documents
            ]
        return self._cut

    def matching(self, q: wq.Query) -> list[str]:
        """Paths of the documents whose title or path has the words of `q`."""
        test: Callable[[list[str]], bool]
        if isinstance(q, wq.Phrase):
            phrase = [fold(w) for w in q.words]
            n = len(phrase)
            test = lambda ws: any(ws[i : i + n] == phrase for i in range(len(ws) - n + 1))  # noqa: E731
        elif isinstance(q, wq.Prefix):
            prefix = fold(q.text)
            test = lambda ws: any(w.startswith(prefix) for w in ws)  # noqa: E731
        elif isinstance(q, wq.Wildcard):
            pattern = re.compile(fnmatch.translate(fold(q.text)))
            test = lambda ws: any(pattern.match(w) for w in ws)  # noqa: E731
        elif isinstance(q, wq.Term):
            word = fold(q.text)
            test = lambda ws: word in ws  # noqa: E731
        elif isinstance(q, wq.Every):
            test = lambda ws: True  # noqa: E731
        else:
            return []
        return [path for path, words in self._words if test(words)]


def _live(reader: IndexReader, field: str, text: str) -> bool:
    """Whether a live document holds the word (deleted ones keep theirs until a merge)."""
    if (field, text) not in reader:
        return False
    return not reader.has_deletions() or reader.postings(field, text).is_active()


def _words(vocabulary: Vocabulary, prefix: str, keep: Callable[[str], bool]) -> set[str]:
    """The whole words starting with `prefix` that `keep` accepts, or none when there are
    more than MAX_WORDS (stemming them all would cost more than it finds)."""
    words: set[str] = set()
    for word in vocabulary.starting(prefix):
        if keep(word):
            words.add(word)
            if len(words) > MAX_WORDS:
                return set()
    return words


def _text(value: bytes | str) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value


def _typed(parsed: Parsed, q: wq.Query) -> str | None:
    """The characters the user typed for `q`, when the parser recorded where they are."""
    start, end = getattr(q, "startchar", None), getattr(q, "endchar", None)
    if start is None or end is None:
        return None
    return parsed.typed[start:end]


def _positive_leaves(q: wq.Query) -> Iterator[wq.Query]:
    """Leaves of `q` that must or may match, leaving out anything under NOT."""
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from _positive_leaves(q.a)
        return
    if q.is_leaf() or isinstance(q, wq.Phrase):
        yield q
        return
    for child in q.children():
        yield from _positive_leaves(child)
