"""Where analysed files and briefings are kept between runs: one SQLite file per cache folder.

SQLite gives atomic commits and locking between processes for free, so two
briefer processes on the same folder never see each other's half-written
entries, and a process killed mid-write leaves the previous state intact.
Values are pickles: the cache folder is the user's own, like any cache.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from briefer.model import Document, Notice, Quote

if TYPE_CHECKING:  # the engines load only when something is analysed
    from briefer.analysis import DocumentAnalysis

CACHE_ENV = "BRIEFER_CACHE_DIR"

# Bump when the meaning of cached values changes in a way the source hash
# below cannot see (for example a change to this module).
CACHE_FORMAT = 5

# Everything whose change can change what a file turns into.
_PACKAGE = Path(__file__).resolve().parent
_ANALYSIS_SOURCES = ("model.py", "ingest", "analysis")


def cache_dir() -> Path:
    """The user's cache folder for briefer; `BRIEFER_CACHE_DIR` overrides it (tests use it)."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir("briefer"))


def about_cache(notice: Notice) -> bool:
    """Whether a briefing's notice is about the cache folder rather than one of its files."""
    root = str(cache_dir())
    return notice.path == root or notice.path.startswith(root + os.sep)


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the ingest and analysis code and data, so changing them invalidates the cache.

    Reading some twenty small files costs about a millisecond, far less than
    the stale quotes a version number someone forgot to bump would cost.
    """
    digest = hashlib.sha256(f"format {CACHE_FORMAT}".encode())
    for name in _ANALYSIS_SOURCES:
        root = _PACKAGE / name
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class FileResult:
    """What one file's bytes turned into; `document` is None when the file was skipped."""

    document: Document | None
    notices: tuple[Notice, ...]
    analysis: DocumentAnalysis | None


@dataclass(frozen=True)
class FileReading:
    """A file's result without its actors: all that reopening an unchanged briefing needs.

    A briefing keeps its own actors whole (see `briefer.briefing.Snapshot`);
    the documents' actors, half of what a file's result takes to unpickle,
    are read only when the actors must be merged again.
    """

    document: Document | None
    notices: tuple[Notice, ...]
    quotes: tuple[Quote, ...] | None  # None: the file was not analysed


@dataclass(frozen=True)
class FileState:
    """What a file looked like when it was last read.

    `stat` is None when it cannot be trusted (the file was modified too
    recently for its modification time to tell a later change apart), which
    forces a content hash on the next open.
    """

    display: str
    stat: tuple[int, int] | None
    sha: str | None


@dataclass(frozen=True)
class Manifest:
    """The files of a briefing as last read, in order, and the size limit they were read with."""

    limit: int
    files: tuple[FileState, ...]


class StoreError(Exception):
    """The cache cannot be used; the message says why in a few words."""


class Store:
    """Per-file results keyed by content, and per-briefing snapshots keyed by paths."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=60, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("DROP TABLE IF EXISTS files")  # cache format 4 and older
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, version TEXT, "
                "reading BLOB, actors BLOB)"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS briefings (key TEXT PRIMARY KEY, version TEXT, "
                "manifest BLOB, briefing BLOB)"
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(_reason(exc)) from exc

    def close(self) -> None:
        self._db.close()

    def manifest(self, key: str) -> Manifest | None:
        """What the files of briefing `key` looked like when this code version last read them."""
        rows = self._read(
            "SELECT manifest FROM briefings WHERE key = ? AND version = ?", (key, code_version())
        )
        return _load(rows[0][0]) if rows else None

    def briefing(self, key: str) -> object | None:
        """The snapshot of briefing `key` saved with its manifest (see `briefer.briefing`)."""
        rows = self._read(
            "SELECT briefing FROM briefings WHERE key = ? AND version = ?", (key, code_version())
        )
        return _load(rows[0][0]) if rows else None

    def kept(self, keys: Iterable[str]) -> set[str]:
        """Which of `keys` have a file result, without reading any."""
        wanted = list(keys)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._read(f"SELECT key FROM results WHERE key IN ({marks})", tuple(chunk))
            found.update(str(key) for (key,) in rows)
        return found

    def files(self, keys: Iterable[str]) -> dict[str, FileResult]:
        """Whole results, the documents' actors included (for merging)."""
        from briefer.analysis import DocumentAnalysis

        found: dict[str, FileResult] = {}
        for key, reading, actors in self._rows("reading, actors", keys):
            if reading is None or (reading.quotes is not None and not isinstance(actors, tuple)):
                continue
            analysis = None if reading.quotes is None else DocumentAnalysis(reading.quotes, *actors)
            found[key] = FileResult(reading.document, reading.notices, analysis)
        return found

    def readings(self, keys: Iterable[str]) -> dict[str, FileReading]:
        """Results without the documents' actors (for reopening: see `FileReading`)."""
        return {key: reading for key, reading in self._rows("reading", keys) if reading}

    def _rows(self, columns: str, keys: Iterable[str]) -> Iterator[tuple[Any, ...]]:
        """Each kept key of `keys` with `columns` unpickled; a reading that does not unpickle
        is None."""
        wanted = list(keys)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT key, {columns} FROM results WHERE key IN ({marks})"
            for key, reading, *rest in self._read(sql, tuple(chunk)):
                value = _load(reading)
                yield (key, value if isinstance(value, FileReading) else None, *map(_load, rest))

    def save(
        self,
        briefing_key: str,
        manifest: Manifest,
        snapshot: object,
        files: dict[str, FileResult],
    ) -> None:
        """Store new file results and the briefing's manifest and snapshot in one transaction.

        Entries written by other code versions are dropped here: they can never
        be read again.
        """
        version = code_version()
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute("DELETE FROM results WHERE version != ?", (version,))
                self._db.execute("DELETE FROM briefings WHERE version != ?", (version,))
                self._db.executemany(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)",
                    ((key, version, *_dump_result(value)) for key, value in files.items()),
                )
                self._db.execute(
                    "INSERT OR REPLACE INTO briefings VALUES (?, ?, ?, ?)",
                    (briefing_key, version, _dump(manifest), _dump(snapshot)),
                )
        except sqlite3.Error as exc:
            raise StoreError(_reason(exc)) from exc

    def save_manifest(self, briefing_key: str, manifest: Manifest) -> None:
        """Record new stats for the same content; losing this write only costs hashing again."""
        with contextlib.suppress(sqlite3.Error):
            self._db.execute(
                "UPDATE briefings SET manifest = ? WHERE key = ? AND version = ?",
                (_dump(manifest), briefing_key, code_version()),
            )

    def _read(self, sql: str, args: tuple[object, ...]) -> list[tuple[object, ...]]:
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(_reason(exc)) from exc


def _dump(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _dump_result(result: FileResult) -> tuple[bytes, bytes]:
    """A file's result as its reading and its actors, kept apart (see `FileReading`)."""
    analysis = result.analysis
    quotes = None if analysis is None else analysis.quotes
    actors = None if analysis is None else (analysis.actors, analysis.keys)
    return _dump(FileReading(result.document, result.notices, quotes)), _dump(actors)


def _load(data: object) -> object | None:
    """The unpickled value, or None for an entry that no longer unpickles (a miss, not an error)."""
    try:
        with paused_gc():
            return pickle.loads(data)  # type: ignore[arg-type]
    except Exception:
        return None


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while a briefing's objects are built or walked.

    A briefing is some hundred thousand long-lived objects; each full
    collection walks all of them, and building or reading one triggers
    dozens, which doubles or triples the time (unpickling a thousand
    articles: 0.36 s with the collector, 0.11 s without). Resuming would
    walk them all once more (0.1 s, at the next allocation), so they are
    frozen instead: the collector ignores them from then on, and memory
    is still freed by reference counting when the briefing goes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def open_store() -> tuple[Store, str | None]:
    """The store in the user's cache folder, and a notice when a damaged one was replaced.

    Raises `StoreError` when the folder cannot be used at all.
    """
    path = cache_dir() / "analysis.sqlite3"
    try:
        store = Store(path)
        store._read("SELECT count(*) FROM results", ())
        return store, None
    except StoreError as exc:
        damaged = "not a database" in str(exc) or "malformed" in str(exc)
        if not (damaged and path.exists()):
            raise
        reason = str(exc)
    for suffix in ("", "-wal", "-shm"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError as exc:
            raise StoreError(_reason(exc)) from exc
    return Store(path), f"analysis cache damaged ({reason}); starting afresh"


def sha_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def key_of(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:40]
