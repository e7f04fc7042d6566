"""A Briefing: the one object the CLI and the TUI read, built from paths."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefer.ingest import Source, find_sources, read_paths
from briefer.ingest.files import max_bytes_from_env, read_bytes
from briefer.model import Actor, Document, Notice, Quote
from briefer.resources import bundled_folder
from briefer.store import (
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
    manifest = store.manifest(key) if store else None
    known = {f.display: f for f in manifest.files} if manifest and manifest.limit == limit else {}
    stats = [source.stat_key() for source in sources]
    if store and _unchanged(sources, stats, known):
        cached = store.briefing(key)
        if isinstance(cached, Briefing):
            return cached

    version = code_version()
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
        cached = store.briefing(key)
        if isinstance(cached, Briefing):  # touched, not changed: note the new stats only
            store.save_manifest(key, Manifest(limit, tuple(states)))  # type: ignore[arg-type]
            return cached
    from briefer.analysis import combine
    from briefer.analysis.tables import keep_tables_in
    from briefer.pool import analyse_all

    keep_tables_in(store.path.parent / "tables" if store else None)

    found = store.files(k for k in file_keys if k) if store else {}
    jobs: list[int] = []
    for i in range(len(sources)):
        if i in results:
            continue
        if file_keys[i] in found:
            results[i] = found[file_keys[i]]  # type: ignore[index]
            continue
        if i not in data:
            read(i)
            if i in results:
                continue
        jobs.append(i)

    done = len(sources) - len(jobs)
    if progress and sources:
        progress(done, len(sources))
    fresh: dict[str, FileResult] = {}
    work = [(sources[i].display, sources[i].format, data[i]) for i in jobs]
    for i, result in zip(jobs, analyse_all(work), strict=True):
        results[i] = fresh[file_keys[i]] = result  # type: ignore[index]
        done += 1
        if progress:
            progress(done, len(sources))

    ordered = [results[i] for i in range(len(sources))]
    documents = tuple(r.document for r in ordered if r.document is not None)
    quotes, actors = combine(r.analysis for r in ordered if r.analysis is not None)
    notices = tuple(n for r in ordered for n in r.notices)
    keys = (
        key or f"unread {source.display}" for key, source in zip(file_keys, sources, strict=True)
    )
    fingerprint = key_of("fingerprint", version, *keys)
    by_path = {
        r.document.path: key
        for r, key in zip(ordered, file_keys, strict=True)
        if r.document is not None and key
    }
    briefing = Briefing(
        briefing_name(paths), tuple(paths), documents, quotes, actors, notices, fingerprint, by_path
    )
    if store:
        manifest = Manifest(limit, tuple(s for s in states if s is not None))
        try:
            store.save(key, manifest, briefing, fresh)
        except StoreError as exc:
            notice = Notice(str(store.path), f"cache not written ({exc})", skipped=False)
            return replace(briefing, notices=(notice, *notices))
    return briefing


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
