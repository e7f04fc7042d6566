"""Analysing files off the caller's path: a few edited ones in a forked child, a large
folder on every core.

An update analyses a few files. In a process running one thread they are
analysed in a forked child, which starts with the engines loaded, while the
caller reads the other files' results from the cache; elsewhere (the TUI runs
threads, and forking a process that runs threads can copy a lock in a held
state) they are analysed in this process.

A first open of a large folder uses worker interpreters running
``python -m briefer.pool``, fed chunks of files over pipes by one thread
each; below a few dozen files their start-up (a new interpreter, the
engines' imports and tables: about a quarter of a second) costs more than it
saves. `multiprocessing` is not used: under spawn and forkserver it prepares
each worker by re-running the caller's main script, which fails with a
traceback for a script read from stdin and re-runs an unguarded script's
work. A worker here needs nothing from its parent but this module.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import IO, Any

from briefer.analysis import analyse_document, load_engines
from briefer.analysis.tables import keep_tables_in, tables_folder
from briefer.ingest import parse
from briefer.ingest.decode import BinaryFile
from briefer.model import Notice
from briefer.store import FileResult

POOL_THRESHOLD = 50
MAX_WORKERS = 4
CHUNK = 8  # files per message: big enough to amortise the pipe, small enough to balance

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


class Beside:
    """The analysis of a few files, started at once in a forked child when one can work
    beside this process, so the caller can read the other files' results from the cache
    meanwhile (on two cores the update then waits for the longer of the two, not both).

    Forking is safe only in a process running one thread; elsewhere (the TUI), and
    for a large folder, iterating analyses as `analyse_all` does.
    """

    def __init__(self, jobs: Sequence[Job]) -> None:
        self._jobs = jobs
        self._child: tuple[int, int] | None = None
        if 0 < len(jobs) <= POOL_THRESHOLD and _can_fork():
            load_engines()
            self._child = _fork(jobs)

    def __enter__(self) -> Beside:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[FileResult]:
        results = self._collect()
        if results is not None and len(results) == len(self._jobs):
            yield from results
        else:
            yield from analyse_all(self._jobs)

    def _collect(self) -> list[FileResult] | None:
        if self._child is None:
            return None
        pid, fd = self._child
        self._child = None
        try:
            chunks = []
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            answer = pickle.loads(b"".join(chunks)) if chunks else None
        except Exception:  # a child that died half way: analysed here instead
            answer = None
        finally:
            os.close(fd)
            os.waitpid(pid, 0)
        return answer if isinstance(answer, list) else None

    def close(self) -> None:
        """Stop and reap a child whose results nobody will read."""
        if self._child is not None:
            pid, fd = self._child
            self._child = None
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            os.close(fd)
            os.waitpid(pid, 0)


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def _fork(jobs: Sequence[Job]) -> tuple[int, int] | None:
    """A child analysing `jobs` and writing their results to the returned pipe, then exiting."""
    try:
        read, write = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid:
        os.close(write)
        return pid, read
    code = 1
    try:  # the child: never returns into the caller's code, never runs its exit handlers
        os.close(read)
        data = memoryview(pickle.dumps([analyse_file(job) for job in jobs], protocol=5))
        while data:
            data = data[os.write(write, data) :]
        code = 0
    finally:
        os._exit(code)


def analyse_all(jobs: Sequence[Job]) -> Iterator[FileResult]:
    """Each job's result, in order; what the workers could not do is done in this process.

    A worker that cannot start or dies only costs time: its files are
    analysed here, where a real error in the analysis raises as usual.
    """
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    done = 0
    if len(jobs) > POOL_THRESHOLD and workers > 1 and sys.executable:
        with contextlib.suppress(WorkerError):
            for result in _in_workers(jobs, workers):
                done += 1
                yield result
    for job in jobs[done:]:
        yield analyse_file(job)


class WorkerError(Exception):
    """A worker could not start, or stopped answering."""


def _in_workers(jobs: Sequence[Job], count: int) -> Iterator[FileResult]:
    """The results in order, as worker processes finish each chunk."""
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    answers: list[Future[list[FileResult]]] = [Future() for _ in chunks]
    queue = iter(range(len(chunks)))
    lock = threading.Lock()
    stop = threading.Event()
    workers = [Worker() for _ in range(min(count, len(chunks)))]

    def feed(worker: Worker) -> None:
        while not stop.is_set():
            with lock:
                n = next(queue, None)
            if n is None:
                return
            try:
                answers[n].set_result(worker.analyse(chunks[n]))
            except Exception as exc:  # never a traceback from this thread: the caller decides
                answers[n].set_exception(WorkerError(str(exc)))
                stop.set()  # the files from here on are analysed in the caller's process
                with lock:
                    for rest in queue:
                        answers[rest].set_exception(WorkerError("stopped"))
                return

    started: list[threading.Thread] = []
    try:
        for worker in workers:
            thread = threading.Thread(target=feed, args=(worker,), daemon=True)
            thread.start()
            started.append(thread)
        for answer in answers:
            yield from answer.result()
    finally:  # also on Ctrl-C, which may come while a thread starts
        stop.set()  # each thread finishes the chunk it sent, then stops
        for thread in started:
            thread.join()
        for worker in workers:
            worker.close()


class Worker:
    """One worker process and its pipes; `analyse` sends a chunk and waits for its results."""

    def __init__(self) -> None:
        folder = tables_folder()
        command = [sys.executable, "-m", "briefer.pool", str(folder) if folder else ""]
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # under Textual there is no usable stderr to inherit
                env=_environment(),
            )
        except OSError:
            self._process = None

    def analyse(self, chunk: Sequence[Job]) -> list[FileResult]:
        process = self._process
        if process is None or process.stdin is None or process.stdout is None:
            raise WorkerError("no worker")
        try:
            write_message(process.stdin, list(chunk))
            answer = read_message(process.stdout)
        except (OSError, EOFError, pickle.PickleError) as exc:
            raise WorkerError(str(exc)) from exc
        if not isinstance(answer, list):
            raise WorkerError("the worker failed")
        return answer

    def close(self) -> None:
        process = self._process
        if process is None:
            return
        with contextlib.suppress(OSError):
            if process.stdin:
                process.stdin.close()  # end of input: the worker exits
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


def _environment() -> dict[str, str]:
    """This environment, with this very briefer first on the worker's import path."""
    here = str(Path(__file__).resolve().parents[1])
    inherited = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{here}{os.pathsep}{inherited}" if inherited else here}


def write_message(stream: IO[bytes], value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("<Q", len(data)) + data)
    stream.flush()


def read_message(stream: IO[bytes]) -> Any:
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError("the worker stopped")
    (size,) = struct.unpack("<Q", head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the worker stopped")
    return pickle.loads(data)


def serve(source: IO[bytes], sink: IO[bytes]) -> None:
    """Answer each chunk of jobs with its results until the input ends.

    An unexpected error answers None: the parent then analyses the files
    itself, where the error raises with its traceback as usual.
    """
    while True:
        try:
            chunk = read_message(source)
        except EOFError:
            return
        try:
            results: list[FileResult] | None = [analyse_file(job) for job in chunk]
        except Exception:
            results = None
        write_message(sink, results)


def main() -> None:
    """The worker: messages on stdin and stdout; anything printed goes to stderr instead."""
    keep_tables_in(Path(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] else None)
    sink = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(sys.stdin.buffer, sink)


if __name__ == "__main__":
    main()
