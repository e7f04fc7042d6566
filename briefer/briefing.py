"""A Briefing: the one object the CLI and the TUI read, built from paths."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefer.ingest import Source, find_sources, read_paths
from briefer.ingest.files import max_bytes_from_env, read_bytes
from briefer.model import Actor, Document, Notice, Quote
from briefer.resources import bundled_folder
from briefer.store import (
    FileReading,
    FileResult,
    FileState,
    Manifest,
    Store,
    StoreError,
    cache_dir,
    code_version,
    key_of,
    open_store,
    paused_gc,
    sha_of,
)

if TYPE_CHECKING:  # the engines load only when something is analysed
    from briefer.analysis.merge import Merged


@dataclass(frozen=True)
class Briefing:
    name: str
    paths: tuple[str, ...]
    documents: tuple[Document, ...]
    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()
    notices: tuple[Notice, ...] = field(default=(), repr=False)
    # Set by `load_briefing`: equal fingerprints mean the same files read by
    # the same code, so the search index can tell it is up to date unread.
    fingerprint: str | None = field(default=None, compare=False, repr=False)
    # Also set by `load_briefing`: each document's path -> the key of its bytes as
    # read by this code, so the index can tell which files' entries may have
    # changed without building them.
    file_keys: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def document(self, path: str) -> Document | None:
        return next((d for d in self.documents if d.path == path), None)


def default_paths() -> list[str]:
    """The bundled sample briefing, shown relative to the working folder when it can be."""
    folder = bundled_folder("seeds")
    try:
        return [os.path.relpath(folder)]
    except ValueError:  # another drive on Windows
        return [str(folder)]


def briefing_name(paths: Sequence[str]) -> str:
    if len(paths) == 1:
        return Path(os.path.abspath(paths[0])).name or paths[0]
    return f"{len(paths)} sources"


Progress = Callable[[int, int], None]
"""Called with (files done, files in all) while a briefing is built."""


def build_briefing(
    paths: Sequence[str], max_bytes: int | None = None, progress: Progress | None = None
) -> Briefing:
    """Read and analyse `paths`; raises `briefer.ingest.PathError` for a missing path."""
    from briefer.analysis import analyse_document, combine

    ingested = read_paths(paths, max_bytes)
    analyses = []
    for n, document in enumerate(ingested.documents, 1):
        analyses.append(analyse_document(document))
        if progress:
            progress(n, len(ingested.documents))
    quotes, actors = combine(analyses)
    return Briefing(
        briefing_name(paths),
        tuple(paths),
        tuple(ingested.documents),
        quotes,
        actors,
        tuple(ingested.notices),
    )


# A file modified this recently may change again within the same mtime tick
# without its size changing; its stat is not trusted on the next open.
RACY_NS = 2_000_000_000


def briefing_key(paths: Sequence[str]) -> str:
    """One cache entry per set of paths as resolved, and as shown (quotes carry the shown path)."""
    return key_of("briefing", *(f"{os.path.realpath(p)}\0{os.path.normpath(p)}" for p in paths))


def load_briefing(
    paths: Sequence[str], *, progress: Progress | None = None, max_bytes: int | None = None
) -> Briefing:
    """`build_briefing`, remembered in the user's cache folder.

    Reopening unchanged files only stats them; a file whose size or mtime
    changed is hashed, and only a file whose content changed is analysed
    again. When the cache folder cannot be used the briefing is built in
    memory, with one notice saying so.
    """
    limit = max_bytes_from_env() if max_bytes is None else max_bytes
    sources, walk_notices = find_sources(paths)
    try:
        store, damaged = open_store()
    except StoreError as exc:
        notice = Notice(str(cache_dir()), f"cache not usable ({exc}); working in memory", False)
        briefing = _load(paths, sources, limit, None, progress)
        return replace(briefing, notices=(*walk_notices, notice, *briefing.notices))
    notices = [Notice(str(store.path), damaged, False)] if damaged else []
    try:
        with paused_gc():
            briefing = _load(paths, sources, limit, store, progress)
    except StoreError as exc:
        notices.append(
            Notice(str(store.path), f"cache not usable ({exc}); working in memory", False)
        )
        briefing = _load(paths, sources, limit, None, progress)
    finally:
        store.close()
    return replace(briefing, notices=(*walk_notices, *notices, *briefing.notices))


def _load(
    paths: Sequence[str],
    sources: list[Source],
    limit: int,
    store: Store | None,
    progress: Progress | None,
) -> Briefing:
    """The briefing with only file notices; `store` None means nothing is read or kept.

    The analysis engines are imported only when something must be analysed:
    reopening an unchanged briefing never needs them.
    """
    key = briefing_key(paths)
    version = code_version()
    manifest = store.manifest(key) if store else None
    known = {f.display: f for f in manifest.files} if manifest and manifest.limit == limit else {}
    stats = [source.stat for source in sources]
    if store and _unchanged(sources, stats, known):
        keys = [key_of(version, s.display, s.format, known[s.display].sha or "") for s in sources]
        cached = _reopen(store, key, paths, keys)
        if cached:
            return cached

    states: list[FileState | None] = [None] * len(sources)
    file_keys: list[str | None] = [None] * len(sources)
    data: dict[int, bytes] = {}
    results: dict[int, FileResult] = {}

    def read(i: int) -> None:
        """Read file `i` and note its hash, or its notice when it cannot be read."""
        source = sources[i]
        try:
            data[i] = read_bytes(source, limit)
        except OSError as exc:
            results[i] = FileResult(None, (Notice(source.display, exc.strerror or str(exc)),), None)
            states[i] = FileState(source.display, None, None)
            return
        remember(i, sha_of(data[i]))

    def remember(i: int, sha: str) -> None:
        source, st = sources[i], stats[i]
        trusted = st if st is not None and time.time_ns() - st[1] > RACY_NS else None
        states[i] = FileState(source.display, trusted, sha)
        file_keys[i] = key_of(version, source.display, source.format, sha)

    for i, (source, st) in enumerate(zip(sources, stats, strict=True)):
        old = known.get(source.display)
        if old and old.sha and st is not None and old.stat == st:
            remember(i, old.sha)
        else:
            read(i)
    if store and manifest and _same_content(states, manifest):
        cached = _reopen(store, key, paths, file_keys)  # touched, not changed
        if cached:
            store.save_manifest(key, Manifest(limit, tuple(states)))  # type: ignore[arg-type]
            return cached
    from briefer.analysis import combine_documents
    from briefer.analysis.tables import keep_tables_in
    from briefer.pool import Beside, analyse_all

    keep_tables_in(store.path.parent / "tables" if store else None)
    kept = store.kept(k for k in file_keys if k) if store else set()
    jobs: list[int] = []
    for i in range(len(sources)):
        if i in results or file_keys[i] in kept:
            continue
        if i not in data:
            read(i)
            if i in results:
                continue
        jobs.append(i)

    fresh: dict[str, FileResult] = {}
    with Beside([(sources[i].display, sources[i].format, data[i]) for i in jobs]) as analysis:
        found = store.files(k for k in file_keys if k in kept) if store else {}
        lost = [i for i, k in enumerate(file_keys) if k in kept and k not in found]
        for i, k in enumerate(file_keys):
            if k in found:
                results[i] = found[k]
        done = len(results)
        if progress and sources:
            progress(done, len(sources))
        for i, result in zip(jobs, analysis, strict=True):
            results[i] = fresh[file_keys[i]] = result  # type: ignore[index]
            done += 1
            if progress:
                progress(done, len(sources))
    for i in lost:  # dropped from the cache since it was asked (by another version of briefer)
        read(i)
    redo = [i for i in lost if i not in results]
    work = [(sources[i].display, sources[i].format, data[i]) for i in redo]
    for i, result in zip(redo, analyse_all(work), strict=True):
        results[i] = fresh[file_keys[i]] = result  # type: ignore[index]

    ordered = [results[i] for i in range(len(sources))]
    analyses = {k: r.analysis for r, k in zip(ordered, file_keys, strict=True) if r.analysis and k}
    before = store.briefing(key) if store else None
    known = dict(before.merged()) if isinstance(before, Snapshot) else {}
    merged = combine_documents(analyses.items(), known)
    briefing = _briefing(paths, ordered, file_keys, merged.quotes, merged.actors)
    if store:
        manifest = Manifest(limit, tuple(s for s in states if s is not None))
        snapshot = _snapshot(file_keys, merged)
        try:
            store.save(key, manifest, snapshot, fresh)
        except StoreError as exc:
            notice = Notice(str(store.path), f"cache not written ({exc})", skipped=False)
            return replace(briefing, notices=(notice, *briefing.notices))
    return briefing


def _briefing(
    paths: Sequence[str],
    results: Sequence[FileResult | FileReading],
    file_keys: Sequence[str | None],
    quotes: tuple[Quote, ...],
    actors: tuple[Actor, ...],
) -> Briefing:
    documents = tuple(r.document for r in results if r.document is not None)
    notices = tuple(n for r in results for n in r.notices)
    keys = [k or f"unread {n}" for n, k in enumerate(file_keys)]
    by_path = {
        r.document.path: key
        for r, key in zip(results, file_keys, strict=True)
        if r.document is not None and key
    }
    fingerprint = key_of("fingerprint", code_version(), *keys)
    name = briefing_name(paths)
    return Briefing(name, tuple(paths), documents, quotes, actors, notices, fingerprint, by_path)


Ref = tuple[str, int]
"""A document's actor: the key of the document's file, and the actor's number in its analysis."""


@dataclass(frozen=True)
class Snapshot:
    """A briefing as kept between runs, in terms of its files' results.

    The store keeps each file's document, quotes and actors under the file's
    key; this adds what the cross-document merge made of them: the briefing's
    actors, whole (their mentions are a few columns of numbers), with the
    documents' actors each joins, and the speakers it renamed. Reopening
    then reads neither the documents' actors nor merges (at 10k articles
    their actors are half of what the files take to unpickle), and an update
    writes its changed files and this record rather than every document
    again, taking each actor whose parts it left alone as it is.
    """

    keys: tuple[str, ...]
    actors: tuple[Actor, ...]
    parts: tuple[tuple[Ref, ...], ...]
    renamed: dict[str, str]

    def merged(self) -> Iterator[tuple[tuple[Ref, ...], Actor]]:
        """The briefing's actors, each with the documents' actors it joins."""
        return zip(self.parts, self.actors, strict=True)


def _snapshot(file_keys: Sequence[str | None], merged: Merged) -> Snapshot:
    keys = tuple(k or "" for k in file_keys)
    return Snapshot(keys, merged.actors, merged.parts, merged.renamed)


def _reopen(
    store: Store, key: str, paths: Sequence[str], file_keys: Sequence[str | None]
) -> Briefing | None:
    """The briefing rebuilt from its snapshot and its files' readings, if all are still kept."""
    snapshot = store.briefing(key)
    if not isinstance(snapshot, Snapshot) or snapshot.keys != tuple(file_keys):
        return None
    found = store.readings(snapshot.keys)
    if len(found) != len(set(snapshot.keys)):
        return None
    readings = [found[k] for k in snapshot.keys]
    renamed = snapshot.renamed
    quotes = tuple(
        replace(q, speaker=renamed[q.speaker]) if q.speaker in renamed else q
        for r in readings
        if r.quotes
        for q in r.quotes
    )
    return _briefing(paths, readings, file_keys, quotes, snapshot.actors)


def _same_content(states: list[FileState | None], manifest: Manifest) -> bool:
    """Whether the files, hashed, are the very ones the manifest lists."""
    now = [(s.display, s.sha) if s else None for s in states]
    return None not in now and now == [(f.display, f.sha) for f in manifest.files]


def _unchanged(
    sources: list[Source], stats: list[tuple[int, int] | None], known: dict[str, FileState]
) -> bool:
    """Whether every file is the one last read, by size and mtime alone."""
    if len(known) != len(sources):
        return False
    for source, st in zip(sources, stats, strict=True):
        old = known.get(source.display)
        if old is None or old.sha is None or st is None or old.stat != st:
            return False
    return True
