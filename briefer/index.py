"""A briefing's search index: cached on disk, updated file by file, searched from any thread.

One Whoosh index per briefing, in the user's cache folder beside the analysis
cache. Opening it compares the digest of each file's entries with the digests
the index holds, and rewrites only the files that differ. Whoosh commits are
atomic (segments first, then the table of contents), so a reader sees the old
index or the new one, never half of one. Importing this module imports Whoosh;
the TUI imports it lazily, off the path to its first frame.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.filedb.structfile import BufferFile, StructFile
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from briefer.briefing import Briefing, Progress, briefing_key
from briefer.highlight import find_matches, fragment
from briefer.model import Document, SearchHit, SearchResults
from briefer.query import Documents, QueryError, QueryReader
from briefer.ranking import Ranker
from briefer.schema import (
    SCHEMA_VERSION,
    Entries,
    entries_version,
    file_documents,
    make_schema,
    words_of,
)
from briefer.store import about_cache, cache_dir, paused_gc
from briefer.vocabulary import Vocabulary

INDEX_NAME = f"briefer{SCHEMA_VERSION}"
WORDS = f"{INDEX_NAME}.words"
SYNCED = "synced"
LOCK_TIMEOUT = 600.0
WRITER_MB = 256

Notify = Callable[[str], None]


def index_folder(briefing: Briefing) -> Path:
    return cache_dir() / "index" / briefing_key(briefing.paths)


@dataclass(frozen=True)
class Plan:
    """Files to take out of the index, and files to (re)write into it."""

    remove: tuple[str, ...]
    add: tuple[str, ...]


def plan(held: dict[str, str], digests: dict[str, str]) -> Plan:
    """What differs between what the index holds and the files' `digests`."""
    add = tuple(path for path, digest in digests.items() if held.get(path) != digest)
    gone = sorted(held.keys() - digests.keys())
    return Plan(tuple(gone) + tuple(p for p in add if p in held), add)


def held_files(reader: IndexReader) -> dict[str, str]:
    """Each file the index holds, with the digest of its entries there.

    Each file's first document carries one "digest path" word. Whoosh only
    marks deleted documents until segments merge, and their words stay in
    the word list meanwhile; so in a segment with deletions each word's one
    document is checked, segment by segment (a check across segments costs
    five times as much).
    """
    held: dict[str, str] = {}
    for leaf, _ in reader.leaf_readers():
        deletions = leaf.has_deletions()
        for word in leaf.lexicon("digest"):
            term = _text(word)
            if deletions and not leaf.postings("digest", term).is_active():
                continue
            digest, _, path = term.partition(" ")
            held[path] = digest
    return held


def _text(value: bytes | str) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value


class WordStore:
    """Where an index's whole words are kept (`briefer.vocabulary`): a file beside it, or
    memory when the index is in memory."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._words: Vocabulary | None = None
        self._lock = threading.Lock()

    def exists(self) -> bool:
        return self._words is not None or (self._path is not None and self._path.exists())

    def read(self) -> Vocabulary | None:
        """The words as they are now (in the file, for a file)."""
        return Vocabulary.read(self._path) if self._path else self._words

    def get(self) -> Vocabulary:
        """The words, read once (a missing list reads as no words)."""
        with self._lock:
            if self._words is None:
                self._words = self.read() or Vocabulary()
            return self._words

    def save(self, words: Vocabulary) -> None:
        if self._path:
            words.write(self._path)
        self._words = words


class BriefingIndex:
    """A briefing's search index; `search` may be called from any thread."""

    def __init__(
        self,
        ix: Any,
        briefing: Briefing,
        notices: list[str],
        changed: Plan,
        words: WordStore,
        in_memory: bool,
    ) -> None:
        self._ix = ix
        self._words = words
        self._documents = [(d.path, d.title) for d in briefing.documents]
        self._by_words: Documents | None = None
        self.notices = tuple(notices)
        self.changed = changed
        self.in_memory = in_memory
        self._local = threading.local()
        self._lock = threading.Lock()
        self._searchers: list[Searcher] = []

    @classmethod
    def open(
        cls,
        briefing: Briefing,
        progress: Progress | None = None,
        *,
        notify: Notify | None = None,
    ) -> BriefingIndex:
        """Open the briefing's index, first bringing it up to date with `briefing`.

        `progress(files done, files to index)` is called while files are
        indexed. `notify` hears each one-line notice as it happens (a damaged
        index rebuilt, waiting for another process's lock, falling back to
        memory); the same lines stay in `.notices`.
        """
        notices: list[str] = []

        def tell(message: str) -> None:
            notices.append(message)
            if notify:
                notify(message)

        folder = index_folder(briefing)
        try:
            ix = _open_folder(folder, tell)
            words = WordStore(folder / WORDS)
            marker = _marker(folder, ix)
            fingerprint = briefing.fingerprint
            if marker and fingerprint and marker.fingerprint == fingerprint and words.exists():
                return cls(ix, briefing, notices, Plan((), ()), words, in_memory=False)
            with paused_gc():
                changed, generation, digests = _sync(
                    ix, Entries(briefing), words, progress, tell, marker
                )
            _mark_synced(folder, Marker(fingerprint, generation, digests))
            return cls(ix, briefing, notices, changed, words, in_memory=False)
        except (OSError, windex.LockError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            if not any(about_cache(notice) for notice in briefing.notices):
                # Otherwise loading the briefing already said the cache folder is not usable.
                tell(f"cannot write the search index ({reason or 'busy'}); searching in memory")
        ix = RamStorage().create_index(make_schema(), indexname=INDEX_NAME)
        words = WordStore(None)
        with paused_gc():
            changed, _, _ = _sync(ix, Entries(briefing), words, progress, tell, None)
        return cls(ix, briefing, notices, changed, words, in_memory=True)

    def __enter__(self) -> BriefingIndex:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            for searcher in self._searchers:
                searcher.close()
            self._searchers.clear()

    def doc_count(self) -> int:
        searcher, _, _ = self._thread_state()
        return searcher.doc_count()

    def _thread_state(self) -> tuple[Searcher, QueryReader, Ranker]:
        """This thread's searcher, query reader and ranker: Whoosh searchers are not shared
        safely."""
        state = getattr(self._local, "state", None)
        if state is None:
            searcher = self._ix.searcher()
            state = (searcher, QueryReader(), Ranker(searcher))
            self._local.state = state
            with self._lock:
                self._searchers.append(searcher)
        return state

    def _documents_by_words(self) -> Documents:
        if self._by_words is None:
            self._by_words = Documents(self._documents)
        return self._by_words

    def search(self, query: str, limit: int = 20) -> SearchResults:
        """The best `limit` hits for `query` (all of them when `limit` <= 0), marked.

        Never raises for anything a user can type: a query that cannot be
        searched comes back with `error` set and no hits.
        """
        if not query.strip():
            return SearchResults(query, None, 0, ())
        searcher, reading, ranker = self._thread_state()
        try:
            parsed = reading.parse(query.strip())
        except QueryError as exc:
            return SearchResults(query, None, 0, (), error=str(exc))
        try:
            reader = searcher.reader()
            expanded = reading.expand(parsed, reader, self._documents_by_words(), self._words.get)
            ranked = ranker.rank(expanded, limit if limit > 0 else None)
            rules = reading.rules(expanded)
            hits = []
            for docnum, score in ranked.best:
                fields = searcher.stored_fields(docnum)
                text = fields.get("text", "")
                matches = find_matches(text, reading.analyzer, rules)
                hits.append(
                    SearchHit(
                        document=fields["file"],
                        paragraph=fields["paragraph"],
                        section=fields.get("section"),
                        kind=fields["kind"],
                        speaker=fields.get("speaker_name"),
                        text=text,
                        highlights=fragment(text, matches),
                        matches=matches,
                        score=score,
                    )
                )
            suggestion = reading.suggest(parsed, reader, self._words.get)
            return SearchResults(query, suggestion, ranked.total, tuple(hits))
        except Exception as exc:  # a damaged index must not take the caller down
            return SearchResults(query, None, 0, (), error=f"search failed ({exc})")


def _open_folder(folder: Path, tell: Notify) -> Any:
    """The index in `folder`, replaced by an empty one when missing, damaged or from elsewhere."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(3):
        try:
            if windex.exists_in(str(folder), INDEX_NAME):
                ix = TermsInMemory(str(folder)).open_index(INDEX_NAME)
                if set(ix.schema.names()) == set(make_schema().names()):
                    _check(ix)
                    return ix
                tell("search index from another version of briefer; rebuilding")
            elif folder.exists() and any(folder.iterdir()):
                tell("search index from another version of briefer; rebuilding")
        except windex.LockError:
            raise
        except Exception as exc:  # any read error means the files are not an index
            tell(f"search index damaged ({_short(exc)}); rebuilding")
        _replace(folder)
    return TermsInMemory(str(folder)).open_index(INDEX_NAME)


class TermsInMemory(FileStorage):
    """The index's folder, with each segment's word table mapped into memory.

    Fuzzy and prefix words walk a segment's word table with thousands of
    small lookups; through ordinary file reads each costs two system calls
    (a fuzzy word within two letters: about a second on a thousand
    articles), mapped it is a memory read (a fifth of that). Only the word
    tables are mapped, and the system keeps only the pages touched.
    """

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        if name.endswith((".trm", "_len.col")):
            with open(self._fpath(name), "rb") as handle:
                if os.fstat(handle.fileno()).st_size:
                    mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                    return BufferFile(memoryview(mapped), name=name)
        return super().open_file(name, **kwargs)


def _check(ix: Any) -> None:
    """Touch every part of the index a search will read, so damage shows at open time."""
    with ix.reader() as reader:
        files = list(reader.lexicon("file"))
        list(reader.lexicon("digest"))
        if files:
            list(reader.postings("file", files[-1]).all_ids())
        if reader.doc_count_all():
            reader.stored_fields(reader.doc_count_all() - 1)


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:120] if text else type(exc).__name__


def _replace(folder: Path) -> None:
    """Swap in an empty index; if another process swapped one in first, keep theirs."""
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new.", dir=folder.parent))
    windex.create_in(str(fresh), make_schema(), indexname=INDEX_NAME)
    trash = folder.parent / f".{folder.name}.old.{os.getpid()}.{threading.get_ident()}"
    with contextlib.suppress(FileNotFoundError):
        os.rename(folder, trash)
    try:
        os.rename(fresh, folder)
    except OSError:
        shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(trash, ignore_errors=True)
    _sweep(folder)


def _sweep(folder: Path, age: float = 3600) -> None:
    """Remove what a process killed in the middle of `_replace` left beside `folder`."""
    cutoff = time.time() - age
    for leftover in folder.parent.glob(f".{folder.name}.*"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                shutil.rmtree(leftover)


@dataclass(frozen=True)
class Marker:
    """What one generation of the index holds: the files' digests, and which briefing they are.

    Written beside the index after each sync, so reopening the same briefing
    compares one fingerprint, and updating it compares digests without
    reading the index's word list (a tenth of a second once segments hold
    deletions). Any other writer makes a new generation, which no marker
    names until it is synced again.
    """

    fingerprint: str | None
    generation: int
    files: dict[str, str]


def _marker(folder: Path, ix: Any) -> Marker | None:
    """The marker of the index's latest generation, if one was written for it by this code."""
    try:
        data = json.loads((folder / SYNCED).read_text(encoding="utf-8"))
        marker = Marker(data["fingerprint"], data["generation"], data["files"])
        current = data["version"] == entries_version()
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not current or marker.generation != ix.latest_generation():
        return None
    return marker


def _mark_synced(folder: Path, marker: Marker) -> None:
    """Record what the index's generation holds; a failure only costs reading its word list."""
    temporary = folder / f"{SYNCED}.{os.getpid()}.{threading.get_ident()}"
    data = {**asdict(marker), "version": entries_version()}
    try:
        temporary.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temporary, folder / SYNCED)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _sync(
    ix: Any,
    entries: Entries,
    words: WordStore,
    progress: Progress | None,
    tell: Notify,
    marker: Marker | None,
) -> tuple[Plan, int, dict[str, str]]:
    """Bring the index and its words in line with `entries`, holding the write lock only if
    something differs.

    `marker` says what the index holds, when one was found for its latest
    generation. Returns what changed, the index generation that holds
    `entries`, and their digests. The words are saved before the index is
    committed, so they always hold at least the index's words.
    """
    digests = entries.digests()
    if marker is None:
        with ix.reader() as reader:
            todo = plan(held_files(reader), digests)
            generation = reader.generation()
    else:
        todo = plan(marker.files, digests)
        generation = marker.generation
    if not todo.add and not todo.remove and words.exists():
        return todo, generation, digests
    writer = _writer(ix, tell)
    try:
        if writer.generation - 1 != generation:  # another process wrote meanwhile
            with writer.reader() as reader:
                todo = plan(held_files(reader), digests)
        adding = set(todo.add)
        written = [d for d in entries.documents if d.path in adding]
        words.save(_words_after(words, entries.documents, written))
        if not todo.add and not todo.remove:  # only the words were missing
            writer.cancel()
            return todo, generation, digests
        for path in todo.remove:
            writer.delete_by_term("file", path)
        for n, (document, rows) in enumerate(entries.rows_of(written), 1):
            for fields in file_documents(document.path, digests[document.path], rows):
                writer.add_document(**fields)
            if progress:
                progress(n, len(written))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return todo, writer.generation, digests


def _words_after(
    words: WordStore, documents: Sequence[Document], written: Sequence[Document]
) -> Vocabulary:
    """The index's words once `written` are (re)written: the words it had and theirs, or
    when every file is written (or the words are lost), the words of them all."""
    before = words.read() if len(written) < len(documents) else None
    if before is None:
        written = documents
    found = words_of(p.text for d in written for p in d.paragraphs)
    return before.union(found) if before is not None else Vocabulary(found)


def _writer(ix: Any, tell: Notify) -> IndexWriter:
    """The index's writer, waiting (and saying so) while another process holds it.

    Segments are left as separate files: a reader copies each part of a
    compound segment it opens into memory whole (its postings, its stored
    fields), some 250 MB for 10,000 articles, where separate files are read
    as needed.
    """
    try:
        return ix.writer(limitmb=WRITER_MB, compound=False)
    except windex.LockError:
        tell("another briefer is updating this search index; waiting for it to finish")
        return ix.writer(limitmb=WRITER_MB, compound=False, timeout=LOCK_TIMEOUT, delay=0.25)
