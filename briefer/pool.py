"""Reading and analysing many files on every core, for the first open of a large folder.

Each file is independent, so a process pool scales with the cores; below a
few dozen files the pool's start-up (about a tenth of a second) costs more
than it saves, and the work stays in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from briefer.analysis import analyse_document
from briefer.ingest import parse
from briefer.ingest.decode import BinaryFile
from briefer.model import Notice
from briefer.store import FileResult

POOL_THRESHOLD = 50
MAX_WORKERS = 4

Job = tuple[str, str, bytes]
"""A file to analyse: its display path, its format and its bytes."""


def analyse_file(job: Job) -> FileResult:
    """One file's document and analysis, or the reason it was skipped.

    Skips what `briefer.ingest.read_source` skips, with the same words, so a
    cached briefing and an uncached one never differ.
    """
    display, fmt, data = job
    try:
        document, notices = parse(display, fmt, data)
    except BinaryFile as exc:
        return FileResult(None, (Notice(display, str(exc)),), None)
    except (ValueError, LookupError, RecursionError, MemoryError) as exc:
        message = f"could not be read ({type(exc).__name__}: {exc})"
        return FileResult(None, (Notice(display, message),), None)
    return FileResult(document, tuple(notices), analyse_document(document))


def _context() -> multiprocessing.context.BaseContext:
    """Fork when this process runs one thread: cheapest, and it never re-imports `__main__`.

    Forking a process that runs other threads (the TUI's workers) can copy a
    lock in a held state, so there a fork server starts the workers instead.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["briefer.pool"])
        return context
    return multiprocessing.get_context("spawn")


def analyse_all(jobs: Sequence[Job]) -> Iterator[FileResult]:
    """Each job's result, in order; falls back to this process if the pool cannot run."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    done = 0
    if len(jobs) > POOL_THRESHOLD and workers > 1:
        try:
            # A forked worker inherits a paused collector; it runs long enough to want one.
            context = _context()
            with ProcessPoolExecutor(workers, mp_context=context, initializer=gc.enable) as pool:
                for result in pool.map(analyse_file, jobs, chunksize=8):
                    done += 1
                    yield result
        except (OSError, BrokenProcessPool):
            pass
    for job in jobs[done:]:
        yield analyse_file(job)
