"""Scoring every match of a query a block of postings at a time, and counting them exactly.

Whoosh walks matches one posting at a time through a tree of matcher objects,
scoring each with half a dozen method calls and a disk read for its field
length: at 10,000 articles a common word (`Trump`, 45,000 entries) took
130 ms, a prefix ORing forty words 300 ms. Its block-quality skipping hardly
helps here (short quotes give nearly every block a high upper bound), and
while it is on the collector cannot count, so an exact total walked the
matches a second time. Here a word's postings are read a block at a time and
scored in one comprehension, with the BM25F formula and statistics Whoosh's
own `BM25F` uses (so scores and order are Whoosh's); AND, OR and NOT are
operations on dicts of docnum -> score, so the total is their size. Other
queries (phrases, ranges, wildcards in name fields) are walked with Whoosh's
own matchers, restricted to the candidates an AND already found.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader
from whoosh.matching import ListMatcher
from whoosh.reading import SegmentReader
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

Scores = dict[int, float]
"""Segment-relative docnum -> score."""


@dataclass(frozen=True)
class Ranked:
    """How many entries matched, and the best of them as (docnum, score), best first."""

    total: int
    best: list[tuple[int, float]]


class FileSet(wq.Query):
    """Every entry of some files, each scoring `boost`: what `doc:` words select.

    As an OR of one term per file, a `doc:` word naming hundreds of files was
    walked entry by entry through hundreds of matchers (half a second at
    10,000 articles); as a set it is a list of docnums per segment, worked
    out once per searcher.
    """

    def __init__(self, paths: Iterable[str], boost: float = 1.0) -> None:
        self.paths = frozenset(paths)
        self.boost = boost

    def __repr__(self) -> str:
        return f"FileSet({len(self.paths)} files)"

    def __str__(self) -> str:
        return f"file:({' OR '.join(sorted(self.paths))})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, FileSet) and self.paths == other.paths and self.boost == other.boost
        )

    def __hash__(self) -> int:
        return hash((FileSet, self.paths, self.boost))

    def field(self) -> str:
        return "file"

    def is_leaf(self) -> bool:
        return True

    def estimate_size(self, reader: Any) -> int:
        return sum(reader.doc_frequency("file", path) for path in self.paths)

    def docnums(self, reader: Any) -> list[int]:
        """The segment's live docnums of these files, in order."""
        found: list[int] = []
        for path in self.paths:
            if ("file", path) in reader:
                found.extend(reader.postings("file", path).all_ids())
        found.sort()
        return found

    def matcher(self, searcher: Searcher, context: Any = None) -> Any:
        ids = self.docnums(searcher.reader())
        return ListMatcher(ids, all_weights=self.boost)

    def docs(self, searcher: Searcher) -> Iterator[int]:
        return iter(self.docnums(searcher.reader()))


class Ranker:
    """Ranks queries over one searcher (so: one per thread, as searchers are)."""

    def __init__(self, searcher: Searcher) -> None:
        self._searcher = searcher
        self._weighting = searcher.weighting
        self._leaves = [(leaf, leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()]
        self._native = type(self._weighting) is BM25F and all(
            isinstance(r, SegmentReader) and isinstance(r._perdoc, W3PerDocReader)
            for _, r, _ in self._leaves
        )
        self._context = searcher.context(needs_current=True)
        self._lengths: dict[tuple[int, str], bytes] = {}
        self._norms: dict[str, list[float]] = {}
        self._files: dict[tuple[int, FileSet], list[int]] = {}

    def rank(self, q: wq.Query, limit: int | None) -> Ranked:
        """Every match of `q` counted, and the best `limit` (all when None) in Whoosh's order:
        higher score first, then lower docnum."""
        total = 0
        candidates: list[tuple[float, int]] = []
        for n, (leaf, reader, offset) in enumerate(self._leaves):
            if self._native:
                scores = self._scores(q, n, leaf, reader, None)
            else:
                scores = _walk(q.matcher(leaf, self._context), None)
            total += len(scores)
            candidates.extend((-s, d + offset) for d, s in _best(scores, limit))
        candidates.sort()
        if limit is not None:
            del candidates[limit:]
        return Ranked(total, [(d, -s) for s, d in candidates])

    # One segment: each method returns segment-relative docnums -> scores, or
    # with `within`, only those of the docnums in `within`.

    def _scores(
        self, q: wq.Query, n: int, leaf: Searcher, reader: Any, within: Sequence[int] | None
    ) -> Scores:
        kind = type(q)
        if kind is wq.Term:
            scores = self._term(q.fieldname, q.text, n, reader, within)
        elif kind is FileSet:
            scores = self._file_set(q, n, reader, within)
        elif kind is wq.And:
            scores = self._and(q.subqueries, n, leaf, reader, within)
        elif kind is wq.Or and not q.scale and not q.minmatch:
            scores = self._or(q.subqueries, n, leaf, reader, within)
        elif kind is wq.AndNot:
            scores = self._and([q.a, _Excluded(q.b)], n, leaf, reader, within)
        elif kind is wq.Not:
            return self._not(q.query, n, leaf, reader, within)
        elif isinstance(q, wq.MultiTerm) and _scored_as_or(q, reader):
            field = q.field()  # a prefix, wildcard, fuzzy word or range: an OR of its words
            terms = [wq.Term(field, t) for _, t in q.expanded_terms(reader) if t]
            scores = self._or(terms, n, leaf, reader, within)
        elif kind is wq.Every and q.fieldname in reader.schema.scorable_names():
            scores = self._every(q.fieldname, n, reader, within)
        elif q is wq.NullQuery:
            return {}
        else:
            return _walk(q.matcher(leaf, self._context), within)
        boost = getattr(q, "boost", 1.0)
        if boost != 1.0 and kind is not FileSet:
            scores = {d: s * boost for d, s in scores.items()}
        return scores

    def _and(
        self,
        subs: Sequence[wq.Query],
        n: int,
        leaf: Searcher,
        reader: Any,
        within: Sequence[int] | None,
    ) -> Scores:
        """Intersection, the smallest part first; a NOT part takes its matches out and, as
        Whoosh's inverse matcher does, adds 1 to the rest."""
        wanted = [q for q in subs if not isinstance(q, wq.Not | _Excluded)]
        unwanted = [q for q in subs if isinstance(q, wq.Not | _Excluded)]
        if not wanted:  # only NOTs: the first is every entry but its matches
            wanted = [unwanted.pop(0)]
        wanted.sort(key=lambda q: q.estimate_size(reader))
        scores = self._scores(wanted[0], n, leaf, reader, within)
        for q in wanted[1:]:
            if not scores:
                return {}
            part = self._scores(q, n, leaf, reader, sorted(scores))
            scores = {d: scores[d] + s for d, s in part.items()}
        for q in unwanted:
            if not scores:
                return {}
            out = self._scores(q.query, n, leaf, reader, sorted(scores))
            bonus = 0.0 if isinstance(q, _Excluded) else 1.0
            scores = {d: s + bonus for d, s in scores.items() if d not in out}
        return scores

    def _or(
        self,
        subs: Sequence[wq.Query],
        n: int,
        leaf: Searcher,
        reader: Any,
        within: Sequence[int] | None,
    ) -> Scores:
        parts = sorted((self._scores(q, n, leaf, reader, within) for q in subs), key=len)
        if not parts:
            return {}
        scores = dict(parts.pop())
        get = scores.get
        for part in parts:
            for d, s in part.items():
                scores[d] = get(d, 0.0) + s
        return scores

    def _not(
        self, q: wq.Query, n: int, leaf: Searcher, reader: Any, within: Sequence[int] | None
    ) -> Scores:
        """Every live entry that `q` does not match, scoring 1 (Whoosh's inverse matcher)."""
        out = self._scores(q, n, leaf, reader, within)
        everything = within if within is not None else range(reader.doc_count_all())
        deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        return {d: 1.0 for d in everything if d not in out and d not in deleted}

    def _every(self, field: str, n: int, reader: Any, within: Sequence[int] | None) -> Scores:
        """The live entries with at least one word in `field` (a non-zero length), each
        scoring 1: Whoosh would union the postings of every word in the field to know."""
        lengths = self._field_lengths(n, field, reader)
        deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        everything = within if within is not None else range(len(lengths))
        return {d: 1.0 for d in everything if lengths[d] and d not in deleted}

    def _file_set(self, q: FileSet, n: int, reader: Any, within: Sequence[int] | None) -> Scores:
        key = (n, q)
        ids = self._files.get(key)
        if ids is None:
            if len(self._files) > 32:
                self._files.clear()
            ids = self._files[key] = q.docnums(reader)
        if within is not None:
            ids = sorted(set(ids).intersection(within))
        return dict.fromkeys(ids, q.boost)

    def _term(
        self, field: str, text: str, n: int, reader: Any, within: Sequence[int] | None
    ) -> Scores:
        """The word's postings scored as Whoosh's BM25F scores them, block by block."""
        if field not in reader.schema or (field, text) not in reader:
            return {}
        matcher = reader.postings(field, text)
        deleted = reader.deleted_docs_set if reader.has_deletions() else None
        if deleted is not None:
            matcher = matcher.child  # the FilterMatcher that leaves them out; done below
        fieldobj = reader.schema[field]
        if fieldobj.scorable:
            lengths = self._field_lengths(n, field, reader)
            norms = self._field_norms(field)
            idf = self._searcher.idf(field, text)
            k1 = self._weighting.K1 + 1
        scores: Scores = {}
        for ids, weights in _blocks(matcher, within):
            if fieldobj.scorable:
                found = [
                    idf * ((w * k1) / (w + norms[lengths[d]]))
                    for d, w in zip(ids, weights, strict=True)
                ]
                scores.update(zip(ids, found, strict=True))
            else:
                scores.update(zip(ids, weights, strict=True))
        if deleted:
            for d in deleted.intersection(scores):
                del scores[d]
        return scores

    def _field_lengths(self, n: int, field: str, reader: Any) -> bytes:
        """Each document's field length byte in segment `n` (Whoosh's lossy length code)."""
        key = (n, field)
        lengths = self._lengths.get(key)
        if lengths is None:
            column = reader._perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
            count = reader.doc_count_all()
            if column is None:
                lengths = bytes(count)
            else:
                stored = min(column._count, count)
                lengths = bytes(column._dbfile.get(column._basepos, stored))
                lengths += bytes(count - stored)
            self._lengths[key] = lengths
        return lengths

    def _field_norms(self, field: str) -> list[float]:
        """BM25F's length normalisation for each length byte, as Whoosh computes it."""
        norms = self._norms.get(field)
        if norms is None:
            weighting = self._weighting
            b = weighting._field_B.get(field, weighting.B)
            k1 = weighting.K1
            average = self._searcher.avg_field_length(field) or 1
            norms = [k1 * ((1 - b) + b * byte_to_length(i) / average) for i in range(256)]
            self._norms[field] = norms
        return norms


@dataclass(frozen=True)
class _Excluded:
    """The second query of an AndNot: takes its matches out, adds nothing to the score."""

    query: wq.Query


def _blocks(matcher: Any, within: Sequence[int] | None) -> Iterator[tuple[Sequence[int], Any]]:
    """A leaf matcher's (docnums, weights), a block at a time; with `within`, only blocks
    that may hold one of those docnums are read, and only those docnums kept."""
    if within is not None and not within:
        return
    keep = set(within) if within is not None else None
    if isinstance(matcher, W3LeafMatcher):
        last = -1
        while matcher.is_active():
            if within is not None:
                i = bisect_right(within, last)
                if i == len(within):
                    return
                last = matcher.block_max_id()
                if within[i] > last:
                    matcher._next_block()
                    continue
            matcher._read_ids()
            matcher._read_weights()
            ids, weights = matcher._ids, matcher._weights
            last = ids[-1]
            if keep is not None:
                pairs = [(d, w) for d, w in zip(ids, weights, strict=True) if d in keep]
                ids, weights = [d for d, _ in pairs], [w for _, w in pairs]
            yield ids, weights
            matcher._next_block()
        return
    ids, weights = [], []
    while matcher.is_active():
        d = matcher.id()
        if keep is None or d in keep:
            ids.append(d)
            weights.append(matcher.weight())
        matcher.next()
    yield ids, weights


def _scored_as_or(q: wq.MultiTerm, reader: Any) -> bool:
    """Whether Whoosh scores the query as an OR of its words: a "constant score" one that
    expands to too many words for a tree of matchers is not scored at all."""
    if not q.constantscore:
        return True
    limit = wq.Or.TOO_MANY_CLAUSES
    return sum(1 for _ in zip(q.expanded_terms(reader), range(limit), strict=False)) < limit


def _walk(matcher: Any, within: Sequence[int] | None) -> Scores:
    """Every match of a Whoosh matcher with its score; with `within`, skipping to those."""
    scores: Scores = {}
    if within is None:
        while matcher.is_active():
            scores[matcher.id()] = matcher.score()
            matcher.next()
        return scores
    for d in within:
        if not matcher.is_active():
            break
        if matcher.id() < d:
            matcher.skip_to(d)
            if not matcher.is_active():
                break
        if matcher.id() == d:
            scores[d] = matcher.score()
    return scores


def _best(scores: Scores, limit: int | None) -> Iterable[tuple[int, float]]:
    """The entries that can be among the best `limit`: those above the `limit`-th best
    score, and of those equal to it the lowest docnums (ties go to the earlier entry)."""
    if limit is None or len(scores) <= limit:
        return scores.items()
    floor = heapq.nlargest(limit, scores.values())[-1]
    above = [(d, s) for d, s in scores.items() if s > floor]
    tied = heapq.nsmallest(limit - len(above), (d for d, s in scores.items() if s == floor))
    return above + [(d, floor) for d in tied]
