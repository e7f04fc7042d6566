"""The TUI while files and the index change under it: another process indexing, files
edited, added and removed, a cache folder that cannot be written.

The app runs through Textual's pilot with the real loader and the real index;
the other process is the real `briefer index`. What the user sees must always
be a whole briefing, the one on screen or the new one, never a mixture.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from briefer.tui.app import BrieferApp
from briefer.tui.help import HelpScreen
from briefer.tui.screen import SEARCH_DELAY

FILES = 60  # enough for `briefer index` to show its progress labels
TIMEOUT = 120


def article(word: str, n: int, paragraphs: int = 3) -> str:
    lines = [
        f"Council note {n}",
        f"The council met on Tuesday to discuss the {word}{n:03} plan, officials said.",
        "“We will decide next week,” Mayor Jane Porter said after the meeting.",
        "Residents packed the hall and asked about the cost of the works.",
        "The budget committee will publish its figures in the spring.",
    ]
    return "\n".join(lines[: paragraphs + 1]) + "\n"


def write(path: Path, text: str, age: float = 3600) -> None:
    path.write_text(text, encoding="utf-8")
    then = time.time() - age
    os.utime(path, (then, then))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    for n in range(FILES):
        write(folder / f"n{n:03}.txt", article("marker", n))
    return folder


# `briefer index` that stops in its commit, the lock held and the new segment written but
# not yet in the index, until the test lets it go: a pause at exactly that point, where
# stopping the process with a signal once it says "Indexing" comes too late on a busy
# machine (the commit of 60 small files is over in a moment).
HELD_AT_COMMIT = """
import sys, time
from pathlib import Path
from whoosh.writing import SegmentWriter
held, go, folder = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
commit = SegmentWriter.commit
def held_commit(self, *args, **kwargs):
    held.touch()
    while not go.exists():
        time.sleep(0.02)
    return commit(self, *args, **kwargs)
SegmentWriter.commit = held_commit
from briefer.cli import main
main(["index", folder])
"""


def index_held_at_commit(
    folder: Path, held: Path, go: Path, stderr: Path
) -> subprocess.Popen[bytes]:
    with open(stderr, "wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-c", HELD_AT_COMMIT, str(held), str(go), str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )


def index_now(folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefer", "index", str(folder)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr


async def until(pilot: Pilot, check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.05)


def indexed(app: BrieferApp) -> Callable[[], bool]:
    """The briefing is on screen and its search index is ready."""
    screen = app.briefing_screen
    return lambda: screen.view is not None and screen.searcher is not None and not screen.busy


async def search(pilot: Pilot, query: str) -> list[tuple[str, int]]:
    """Type `query` into the search bar; the hits shown, as (file name, paragraph)."""
    app: BrieferApp = pilot.app  # type: ignore[assignment]
    screen = app.briefing_screen
    await pilot.press("slash")
    screen.search_input.value = ""
    await pilot.press(*query)
    await pilot.pause(SEARCH_DELAY + 0.05)
    await until(
        pilot,
        lambda: screen.results is not None and screen.results.query == query,
        f"the results for {query}",
    )
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert screen.results is not None and screen.results.error is None
    hits = [(Path(hit.document).name, hit.paragraph) for hit in screen.hits]
    await pilot.press("escape")
    return hits


def messages(app: BrieferApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def documents(app: BrieferApp) -> list[str]:
    view = app.briefing_screen.view
    assert view is not None
    return [Path(document.path).name for document in view.documents]


async def test_while_another_process_indexes_the_app_shows_the_old_briefing_then_the_new(
    corpus: Path, tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    index_now(corpus)
    app = BrieferApp([str(corpus)])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, indexed(app), "the briefing and its index")
        assert await search(pilot, "marker005") == [("n005.txt", 1)]

        for n in range(FILES):
            write(corpus / f"n{n:03}.txt", article("revised", n))
        stderr, held, go = tmp_path / "stderr", tmp_path / "held", tmp_path / "go"
        other = index_held_at_commit(corpus, held, go, stderr)
        processes.append(other)
        await until(pilot, held.exists, "the other process to hold the lock, its segment written")

        assert await search(pilot, "marker005") == [("n005.txt", 1)], "the old index, whole"
        assert await search(pilot, "revised005") == []

        await pilot.press("r")  # the new files, waiting for the other process's lock
        await until(pilot, lambda: any("waiting" in m for m in messages(app)), "the wait notice")
        assert app.briefing_screen.searcher is None and "indexing" in app.briefing_screen.busy
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen), "the app answers keys while it waits"
        await pilot.press("escape")

        go.touch()
        await until(pilot, lambda: other.poll() is not None, "the other process to finish")
        assert other.returncode == 0, stderr.read_text()
        await until(pilot, indexed(app), "the new index")
        assert await search(pilot, "revised005") == [("n005.txt", 1)]
        assert await search(pilot, "marker005") == []
        assert not [m for m in messages(app) if "damaged" in m or "failed" in m]
        assert app.is_running


async def test_an_index_rewritten_before_the_first_search_never_shows_hits_the_screen_lacks(
    corpus: Path,
) -> None:
    """The app's briefing is the old one; the index on disk already holds the new files."""
    index_now(corpus)
    app = BrieferApp([str(corpus)])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, indexed(app), "the briefing and its index")
        for n in range(FILES):
            write(corpus / f"n{n:03}.txt", article("revised", n, paragraphs=1))
        write(corpus / "n000.txt", article("revised", 0, paragraphs=4))
        index_now(corpus)
        found = {q: await search(pilot, q) for q in ("marker005", "revised000", "budget")}
        print(found)
        assert found == {"marker005": [("n005.txt", 1)], "revised000": [], "budget": []}
        assert app.is_running
        await pilot.press("r")
        await until(pilot, indexed(app), "the new briefing and index")
        assert await search(pilot, "revised000") == [("n000.txt", 1)]
        assert await search(pilot, "budget") == [("n000.txt", 4)]


async def test_files_changed_added_and_removed_are_picked_up_on_r_and_on_the_next_open(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    for n in range(3):
        write(folder / f"n{n:03}.txt", article("marker", n))
    app = BrieferApp([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, indexed(app), "the briefing and its index")
        assert documents(app) == ["n000.txt", "n001.txt", "n002.txt"]
        write(folder / "n000.txt", article("changed", 0))
        (folder / "n001.txt").unlink()
        write(folder / "n003.txt", article("added", 3))
        await pilot.press("r")
        await until(pilot, lambda: documents(app) == ["n000.txt", "n002.txt", "n003.txt"], "r")
        await until(pilot, indexed(app), "the new index")
        assert await search(pilot, "changed000") == [("n000.txt", 1)]
        assert await search(pilot, "added003") == [("n003.txt", 1)]
        assert await search(pilot, "marker000") == []
        assert await search(pilot, "marker001") == []

    write(folder / "n002.txt", article("edited", 2))
    again = BrieferApp([str(folder)])
    async with again.run_test(size=(120, 40)) as pilot:
        await until(pilot, indexed(again), "the briefing and its index")
        assert await search(pilot, "edited002") == [("n002.txt", 1)]
        assert await search(pilot, "marker002") == []


async def test_a_file_rewritten_within_its_mtime_tick_and_a_half_written_file_are_read_whole(
    tmp_path: Path,
) -> None:
    """Size and mtime cannot tell these changes apart; the loader must look at the bytes."""
    folder = tmp_path / "notes"
    folder.mkdir()
    same_size = folder / "same.txt"
    growing = folder / "growing.txt"
    same_size.write_text(article("aaaaaa", 1), encoding="utf-8")
    full = article("grown", 2, paragraphs=4)
    growing.write_text(full[: len(full) // 2], encoding="utf-8")  # still being written
    app = BrieferApp([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, indexed(app), "the briefing and its index")
        assert await search(pilot, "aaaaaa001") == [("same.txt", 1)]
        stat = same_size.stat()
        same_size.write_text(article("bbbbbb", 1), encoding="utf-8")
        os.utime(same_size, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert same_size.stat().st_size == stat.st_size
        growing.write_text(full, encoding="utf-8")
        before = app.searcher
        await pilot.press("r")
        await until(pilot, lambda: app.searcher is not before, "the new index")
        await until(pilot, indexed(app), "the new briefing and index")
        assert await search(pilot, "bbbbbb001") == [("same.txt", 1)]
        assert await search(pilot, "aaaaaa001") == []
        assert await search(pilot, "budget") == [("growing.txt", 4)]


@pytest.mark.usefixtures("unwritable_cache")
async def test_an_unwritable_cache_works_in_memory_with_one_notice(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    write(folder / "n001.txt", article("marker", 1))
    app = BrieferApp([str(folder)])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, indexed(app), "the briefing and its index")
        assert await search(pilot, "marker001") == [("n001.txt", 1)]
        shown = messages(app)
        assert len(shown) == 1, shown
        assert "cache" in shown[0] and "in memory" in shown[0] and "Files:" not in shown[0]
