"""Faults around the search index: killed mid-write, two writers at once, the lock.

Every test runs the real `briefer index` in fresh processes on a generated
corpus (the sample article, made unique per file), and checks the index
against reference runs that were never disturbed: a reader sees the old
state or the new one, never a mixture, and a rerun completes it.

The corpus lives at one path for the whole module, so the analysis cache and
the index built by the reference runs can be copied into each test's cache
and found there: each test then spends its time on the fault, not on
analysing eighty articles again.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SEED
from whoosh import index as windex

from briefer.briefing import briefing_key
from briefer.index import INDEX_NAME

FILES = 80
CHANGED = range(0, 60)  # files whose marker word v2 changes: enough for the progress labels
REMOVED = "a079.txt"
ADDED = "b000.txt"
QUERIES = ("marker0005", "revised0005", "marker0070", "added0000", "marker0079", "Nasrallah")
TIMEOUT = 120


def article(word: str, n: int) -> str:
    """The sample article with one line naming `word` and `n`, so every file is its own."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    lines.insert(2, f"The filing code for this note is {word}{n:04}.")
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> None:
    """Write `text` dated an hour ago, so its size and mtime can be trusted on the next run."""
    path.write_text(text, encoding="utf-8")
    past = time.time() - 3600
    os.utime(path, (past, past))


def make_v1(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for n in range(FILES):
        write(folder / f"a{n:03}.txt", article("marker", n))


def make_v2(folder: Path) -> None:
    """From v1: sixty files changed, one removed, one added."""
    for n in CHANGED:
        write(folder / f"a{n:03}.txt", article("revised", n))
    (folder / REMOVED).unlink()
    write(folder / ADDED, article("added", 0))


Contents = list[tuple[str, int, str, str]]


def run_env(cache: Path) -> dict[str, str]:
    return {
        **os.environ,
        "BRIEFER_CACHE_DIR": str(cache),
        "BRIEFER_CONFIG_DIR": str(cache.parent / "config"),
    }


def index_run(corpus: Path, cache: Path, stderr: Path) -> subprocess.Popen[bytes]:
    """`briefer index CORPUS` in the background, its stderr going to a file the test can poll."""
    with open(stderr, "wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "briefer", "index", str(corpus)],
            stdout=subprocess.DEVNULL,
            stderr=sink,
            env=run_env(cache),
        )


def index_now(corpus: Path, cache: Path) -> list[str]:
    """Run `briefer index` to the end; its stderr lines (checked: exit 0, no traceback)."""
    done = subprocess.run(
        [sys.executable, "-m", "briefer", "index", str(corpus)],
        capture_output=True,
        text=True,
        env=run_env(cache),
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stderr.splitlines()


def wait_until(check: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def says(path: Path, words: str) -> Callable[[], bool]:
    return lambda: words in path.read_text(encoding="utf-8", errors="replace")


def index_folder_of(cache: Path, corpus: Path) -> Path:
    return cache / "index" / briefing_key([str(corpus)])


def index_contents(cache: Path, corpus: Path) -> Contents:
    """Every entry a reader of the index sees: file, paragraph, kind and text."""
    ix = windex.open_dir(str(index_folder_of(cache, corpus)), INDEX_NAME)
    try:
        with ix.reader() as reader:
            return sorted(
                (f["file"], f["paragraph"], f["kind"], f["text"]) for _, f in reader.iter_docs()
            )
    finally:
        ix.close()


def stray_files(cache: Path, corpus: Path) -> list[str]:
    """Segment files no segment of the index owns, and writers' temporary folders."""
    folder = index_folder_of(cache, corpus)
    ix = windex.open_dir(str(folder), INDEX_NAME)
    try:
        with ix.reader() as reader:
            live = {leaf.segment().segment_id() for leaf, _ in reader.leaf_readers()}
    finally:
        ix.close()
    segment = re.compile(rf"({INDEX_NAME}_[0-9a-z]+)\.")
    return [
        path.name
        for path in folder.iterdir()
        if path.suffix == ".tmp"
        or ((found := segment.match(path.name)) is not None and found.group(1) not in live)
    ]


def searches(cache: Path, corpus: Path) -> dict[str, list[tuple[str, int, str]]]:
    """What each query finds, through briefer's own loader and index, writing nothing."""
    from briefer.briefing import load_briefing
    from briefer.index import BriefingIndex

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFER_CACHE_DIR", str(cache))
        briefing = load_briefing([str(corpus)])
        with BriefingIndex.open(briefing) as index:
            assert index.notices == () and not index.in_memory
            assert (index.changed.add, index.changed.remove) == ((), ()), "the index was stale"
            return {
                q: [(h.document, h.paragraph, h.kind) for h in index.search(q, 0).hits]
                for q in QUERIES
            }


@dataclass(frozen=True)
class State:
    """An index as an undisturbed run leaves it, and the cache folder that holds it."""

    cache: Path
    contents: Contents
    found: dict[str, list[tuple[str, int, str]]]


@dataclass(frozen=True)
class References:
    corpus: Path
    v1: State
    v2: State


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> References:
    """v1 indexed from nothing, then v2 indexed over it, each in a cache of its own."""
    root = tmp_path_factory.mktemp("faults")
    corpus = root / "corpus"
    make_v1(corpus)
    v1_cache = root / "v1-cache"
    index_now(corpus, v1_cache)
    v1 = State(v1_cache, index_contents(v1_cache, corpus), searches(v1_cache, corpus))
    v2_cache = root / "v2-cache"
    shutil.copytree(v1_cache, v2_cache)
    make_v2(corpus)
    index_now(corpus, v2_cache)
    v2 = State(v2_cache, index_contents(v2_cache, corpus), searches(v2_cache, corpus))
    assert len({f for f, *_ in v1.contents}) == len({f for f, *_ in v2.contents}) == FILES
    assert v1.found["marker0005"] and not v1.found["revised0005"]
    assert v2.found["revised0005"] and not v2.found["marker0005"] and v2.found["added0000"]
    assert v1.found["marker0070"] == v2.found["marker0070"], "an unchanged file is found alike"
    return References(corpus, v1, v2)


@dataclass
class Setup:
    corpus: Path
    cache: Path
    refs: References

    def contents(self) -> Contents:
        return index_contents(self.cache, self.corpus)

    def assert_state(self, state: State) -> None:
        assert self.contents() == state.contents
        assert searches(self.cache, self.corpus) == state.found

    def assert_old_or_new(self) -> str:
        """Which complete state a reader sees now; fails on anything else."""
        contents = self.contents()
        if contents == self.refs.v1.contents:
            return "old"
        assert contents == self.refs.v2.contents, "the index holds neither the old nor the new"
        return "new"


def cache_with(tmp_path: Path, refs: References, *, analysed: bool) -> Path:
    """A cache holding the v1 index, and the analysis of v2 as well when `analysed`."""
    cache = tmp_path / "cache"
    shutil.copytree(refs.v2.cache if analysed else refs.v1.cache, cache)
    index = index_folder_of(cache, refs.corpus)
    shutil.rmtree(index)
    shutil.copytree(index_folder_of(refs.v1.cache, refs.corpus), index)
    return cache


@pytest.fixture
def setup(tmp_path: Path, references: References) -> Iterator[Setup]:
    """The corpus turned from v1 to v2 after v1 was indexed; v2's analysis is cached."""
    make_v1(references.corpus)
    cache = cache_with(tmp_path, references, analysed=True)
    make_v2(references.corpus)
    yield Setup(references.corpus, cache, references)


def lock_is_free(cache: Path, corpus: Path) -> bool:
    """Whether a writer could start now (taken and given back at once when free)."""
    ix = windex.open_dir(str(index_folder_of(cache, corpus)), INDEX_NAME)
    try:
        writer = ix.writer()
    except windex.LockError:
        return False
    finally:
        ix.close()
    writer.cancel()
    return True


def summary(lines: list[str]) -> str:
    """The last line `briefer index` prints: documents and files updated."""
    assert lines and "documents indexed" in lines[-1], lines
    return lines[-1]


# Killed midway.


def test_kill_9_while_indexing_leaves_the_old_index_and_a_rerun_completes_it(
    setup: Setup, tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    stderr = tmp_path / "stderr"
    run = index_run(setup.corpus, setup.cache, stderr)
    processes.append(run)
    wait_until(says(stderr, "Indexing"), "the index update to start")
    run.send_signal(signal.SIGKILL)
    assert run.wait(timeout=TIMEOUT) == -signal.SIGKILL, "it finished before it was killed"
    assert setup.assert_old_or_new() == "old"

    lines = index_now(setup.corpus, setup.cache)
    assert not any("waiting" in line or "damaged" in line for line in lines), lines
    assert summary(lines).startswith(f"briefer: {FILES} documents indexed")
    setup.assert_state(setup.refs.v2)


# Where a process killed inside the write stops: while adding documents, with the
# new segment written but not the table of contents, with the table of contents
# half renamed into place, and with it in place but the old files not yet removed.
CRASH_POINTS = {
    "adding documents": (
        "from whoosh.writing import SegmentWriter\n"
        "real, seen = SegmentWriter.add_document, []\n"
        "def patched(self, **fields):\n"
        "    seen.append(1)\n"
        "    if len(seen) == 1000: die()\n"
        "    return real(self, **fields)\n"
        "SegmentWriter.add_document = patched\n",
        "old",
    ),
    "segment written, no table of contents": (
        "import whoosh.index\nwhoosh.index.TOC.write = lambda *a, **k: die()\n",
        "old",
    ),
    "table of contents written, not renamed": (
        "from whoosh.filedb.filestore import FileStorage\n"
        "real = FileStorage.rename_file\n"
        "def patched(self, old, new, safe=False):\n"
        "    if '.toc.' in old: die()\n"
        "    return real(self, old, new, safe)\n"
        "FileStorage.rename_file = patched\n",
        "old",
    ),
    "table of contents in place, old files left": (
        "import whoosh.index\nwhoosh.index.clean_files = lambda *a, **k: die()\n",
        "new",
    ),
}
DRIVER = """
import os, signal, sys
def die():
    os.kill(os.getpid(), signal.SIGKILL)
{patch}
from briefer.cli import main
main(["index", sys.argv[1]])
"""


@pytest.mark.parametrize("point", list(CRASH_POINTS))
def test_a_writer_killed_at_any_point_of_the_commit_leaves_a_whole_index(
    setup: Setup, point: str
) -> None:
    patch, expected = CRASH_POINTS[point]
    killed = subprocess.run(
        [sys.executable, "-c", DRIVER.format(patch=patch), str(setup.corpus)],
        capture_output=True,
        text=True,
        env=run_env(setup.cache),
        timeout=TIMEOUT,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert setup.assert_old_or_new() == expected

    lines = index_now(setup.corpus, setup.cache)
    assert not any("waiting" in line or "damaged" in line for line in lines), lines
    updated = "0 files updated" if expected == "new" else f"{len(CHANGED) + 1} files updated"
    assert updated in summary(lines)
    setup.assert_state(setup.refs.v2)
    if expected == "old":  # the rerun wrote, and Whoosh swept the killed writer's files
        assert stray_files(setup.cache, setup.corpus) == []


def children_of(pid: int) -> set[int]:
    """The processes whose parent is `pid` (Linux: from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no worker processes")
def test_kill_9_while_analysing_leaves_no_workers_behind_and_a_rerun_completes(
    tmp_path: Path, references: References, processes: list[subprocess.Popen[bytes]]
) -> None:
    make_v1(references.corpus)
    cache = tmp_path / "cache"
    stderr = tmp_path / "stderr"
    run = index_run(references.corpus, cache, stderr)
    processes.append(run)
    wait_until(says(stderr, "Analysing"), "the analysis to start")
    workers: set[int] = set()

    def pool_running() -> bool:
        workers.update(children_of(run.pid))
        return len(workers) >= 2 or run.poll() is not None

    wait_until(pool_running, "the worker processes")
    run.send_signal(signal.SIGKILL)
    assert run.wait(timeout=TIMEOUT) == -signal.SIGKILL, "it finished before it was killed"
    wait_until(lambda: not any(alive(pid) for pid in workers), "the workers to exit", 30)

    lines = index_now(references.corpus, cache)
    assert summary(lines) == (
        f"briefer: {FILES} documents indexed ({len(references.v1.contents)} paragraphs and "
        f"quotes); {FILES} files updated, 0 removed"
    )
    assert index_contents(cache, references.corpus) == references.v1.contents


def test_a_kill_9_while_the_analysis_is_saved_loses_only_that_run(
    tmp_path: Path, references: References
) -> None:
    """SQLite rolls the half-written transaction back; the next run analyses again."""
    make_v1(references.corpus)
    cache = cache_with(tmp_path, references, analysed=False)
    make_v2(references.corpus)
    patch = (
        "import pickle, briefer.store\n"
        "real_save, real_dumps, saving = briefer.store.Store.save, pickle.dumps, []\n"
        "def save(*args, **kwargs):\n"
        "    saving.append(1)\n"
        "    return real_save(*args, **kwargs)\n"
        "def dumps(*args, **kwargs):\n"
        "    if saving:\n"
        "        saving.append(1)\n"
        "        if len(saving) > 20: die()\n"
        "    return real_dumps(*args, **kwargs)\n"
        "briefer.store.Store.save, pickle.dumps = save, dumps\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", DRIVER.format(patch=patch), str(references.corpus)],
        capture_output=True,
        text=True,
        env=run_env(cache),
        timeout=TIMEOUT,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    lines = index_now(references.corpus, cache)
    assert any(line.startswith("Analysing") for line in lines) and not any(
        "damaged" in line for line in lines
    ), lines
    assert index_contents(cache, references.corpus) == references.v2.contents
    assert searches(cache, references.corpus) == references.v2.found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("stage", ["Analysing", "Indexing"])
def test_ctrl_c_stops_with_one_line_and_leaves_the_old_index(
    tmp_path: Path, references: References, stage: str
) -> None:
    """Ctrl-C reaches the terminal's whole process group: briefer and its workers."""
    make_v1(references.corpus)
    cache = cache_with(tmp_path, references, analysed=stage == "Indexing")
    make_v2(references.corpus)
    stderr = tmp_path / "stderr"
    with open(stderr, "wb") as sink:
        run = subprocess.Popen(
            [sys.executable, "-m", "briefer", "index", str(references.corpus)],
            stdout=subprocess.DEVNULL,
            stderr=sink,
            env=run_env(cache),
            start_new_session=True,
        )
    try:
        wait_until(says(stderr, stage), f"the {stage.lower()} to start")
        if stage == "Analysing":
            wait_until(lambda: bool(children_of(run.pid)), "the worker processes")
        workers = children_of(run.pid)
        os.killpg(run.pid, signal.SIGINT)
        assert run.wait(timeout=TIMEOUT) == 1, stderr.read_text()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
    lines = stderr.read_text().splitlines()
    assert lines[-1] == "Aborted!" and "Traceback" not in stderr.read_text(), lines
    wait_until(lambda: not any(alive(pid) for pid in workers), "the workers to exit", 30)
    assert index_contents(cache, references.corpus) == references.v1.contents
    assert lock_is_free(cache, references.corpus)
    index_now(references.corpus, cache)
    assert index_contents(cache, references.corpus) == references.v2.contents


# Two writers, and the lock.


def test_two_index_runs_at_once_one_waits_with_a_message(
    setup: Setup, tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    """The first is paused while it holds the lock, so the second surely finds it busy."""
    first_err, second_err = tmp_path / "first", tmp_path / "second"
    first = index_run(setup.corpus, setup.cache, first_err)
    processes.append(first)
    wait_until(says(first_err, "Indexing"), "the first run to start writing")
    first.send_signal(signal.SIGSTOP)
    assert setup.assert_old_or_new() == "old", "a reader sees the old index meanwhile"

    second = index_run(setup.corpus, setup.cache, second_err)
    processes.append(second)
    wait_until(says(second_err, "waiting"), "the second run to wait for the lock")
    assert second.poll() is None
    first.send_signal(signal.SIGCONT)
    assert first.wait(timeout=TIMEOUT) == 0, first_err.read_text()
    assert second.wait(timeout=TIMEOUT) == 0, second_err.read_text()

    first_lines = first_err.read_text().splitlines()
    second_lines = second_err.read_text().splitlines()
    assert not any("waiting" in line for line in first_lines), first_lines
    assert second_lines == [
        "briefer: another briefer is updating this search index; waiting for it to finish",
        second_lines[-1],
    ]
    assert f"{len(CHANGED) + 1} files updated, 1 removed" in summary(first_lines)
    assert "0 files updated, 0 removed" in summary(second_lines)
    setup.assert_state(setup.refs.v2)


def test_the_lock_is_held_only_while_the_index_is_written(
    tmp_path: Path, references: References, processes: list[subprocess.Popen[bytes]]
) -> None:
    """Free while the changed files are analysed; busy while they are written; free after."""
    make_v1(references.corpus)
    cache = cache_with(tmp_path, references, analysed=False)
    make_v2(references.corpus)
    stderr = tmp_path / "stderr"
    run = index_run(references.corpus, cache, stderr)
    processes.append(run)

    wait_until(says(stderr, "Analysing"), "the analysis to start")
    run.send_signal(signal.SIGSTOP)
    assert lock_is_free(cache, references.corpus)
    run.send_signal(signal.SIGCONT)

    wait_until(says(stderr, "Indexing"), "the index update to start")
    run.send_signal(signal.SIGSTOP)
    assert not lock_is_free(cache, references.corpus)
    assert index_contents(cache, references.corpus) == references.v1.contents
    run.send_signal(signal.SIGCONT)

    assert run.wait(timeout=TIMEOUT) == 0, stderr.read_text()
    assert lock_is_free(cache, references.corpus)
    assert "waiting" not in stderr.read_text()
    assert index_contents(cache, references.corpus) == references.v2.contents
