"""A cache folder that is damaged, from another version, read-only or full, and a
read-only corpus, as `briefer search` and `briefer index` meet them.

Each case runs the real command and checks what a script sees: exit status 0,
the same hits as with a healthy cache, and at most one line on stderr saying
what happened. Read-only folders and a full disk are made with a private
mount namespace (`unshare`), since tests may run as root, where chmod does
not stop writes; those cases skip where namespaces are not allowed.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED
from whoosh import index as windex
from whoosh.fields import ID, Schema

from briefer.briefing import briefing_key
from briefer.index import INDEX_NAME

QUERIES = ("Nasrallah", "filing", "kind:quote speaker:london")
TIMEOUT = 120


def make_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / SEED.name)
    for n in range(3):
        (folder / f"note{n}.txt").write_text(
            f"Note {n}\nThe filing deadline for case {n} moved to Friday, the clerk said.\n",
            encoding="utf-8",
        )
    return folder


def briefer(cache: Path, *args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "briefer", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "BRIEFER_CACHE_DIR": str(cache)},
        timeout=TIMEOUT,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def found(cache: Path, corpus: Path, prefix: tuple[str, ...] = ()) -> tuple[dict, list[str]]:
    """What each query finds, and every stderr line of the runs (each must exit 0)."""
    results, lines = {}, []
    for query in QUERIES:
        done = briefer(cache, "search", query, str(corpus), "--json", "--limit", "0", prefix=prefix)
        assert done.returncode == 0, done.stderr
        results[query] = json.loads(done.stdout)
        lines += done.stderr.splitlines()
    return results, lines


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The corpus, and what each query finds with a healthy cache."""
    root = tmp_path_factory.mktemp("reference")
    corpus = make_corpus(root / "corpus")
    results, lines = found(root / "cache", corpus)
    assert lines == []
    assert all(r["total"] > 0 for r in results.values()), results
    return corpus, results


def index_folder(cache: Path, corpus: Path) -> Path:
    return cache / "index" / briefing_key([str(corpus)])


def truncate(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


def truncate_segments(folder: Path) -> None:
    for path in folder.iterdir():
        if path.name.startswith(f"{INDEX_NAME}_") and "WRITELOCK" not in path.name:
            truncate(path)


def garbage_toc(folder: Path) -> None:
    for toc in folder.glob("*.toc"):
        toc.write_bytes(os.urandom(toc.stat().st_size))


def empty_toc(folder: Path) -> None:
    for toc in folder.glob("*.toc"):
        toc.write_bytes(b"")


def missing_segments(folder: Path) -> None:
    for path in folder.iterdir():
        if path.name.startswith(f"{INDEX_NAME}_") and "WRITELOCK" not in path.name:
            path.unlink()


def older_version(folder: Path) -> None:
    """What an earlier briefer left: its own index name and fields, and nothing of ours."""
    shutil.rmtree(folder)
    folder.mkdir()
    older = windex.create_in(str(folder), Schema(path=ID(stored=True)), indexname="briefer4")
    with older.writer() as writer:
        writer.add_document(path="old.txt")


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated segment files": (truncate_segments, "search index damaged"),
    "garbage table of contents": (garbage_toc, "search index damaged"),
    "empty table of contents": (empty_toc, "search index damaged"),
    "segment files missing": (missing_segments, "search index damaged"),
    "index from an older version": (older_version, "search index from another version"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_or_older_index_is_reported_in_one_line_and_rebuilt(
    tmp_path: Path, reference: tuple[Path, dict], damage: str
) -> None:
    corpus, expected = reference
    cache = tmp_path / "cache"
    assert briefer(cache, "index", str(corpus)).returncode == 0
    spoil, words = DAMAGE[damage]
    spoil(index_folder(cache, corpus))

    first = briefer(cache, "search", QUERIES[0], str(corpus), "--json", "--limit", "0")
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"briefer: {words}"), lines
    assert lines[0].endswith("; rebuilding"), lines
    assert json.loads(first.stdout) == expected[QUERIES[0]]
    assert found(cache, corpus) == (expected, []), "rebuilt once, then healthy"


def test_a_damaged_analysis_cache_is_reported_in_one_line_and_replaced(
    tmp_path: Path, reference: tuple[Path, dict]
) -> None:
    corpus, expected = reference
    cache = tmp_path / "cache"
    assert briefer(cache, "index", str(corpus)).returncode == 0
    database = cache / "analysis.sqlite3"
    database.write_bytes(b"this is not a database" * 100)
    results, lines = found(cache, corpus)
    assert results == expected
    assert len(lines) == 1 and "analysis cache damaged" in lines[0], lines
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM results").fetchone()[0] > 0, "written afresh"


def test_a_cache_folder_that_cannot_be_created_means_memory_and_one_line(
    tmp_path: Path, reference: tuple[Path, dict]
) -> None:
    corpus, expected = reference
    blocker = tmp_path / "a-file"
    blocker.write_text("where the cache folder should be\n", encoding="utf-8")
    for query in QUERIES:
        done = briefer(blocker / "cache", "search", query, str(corpus), "--json", "--limit", "0")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == expected[query]
        assert done.stderr == (
            f"briefer: warning: {blocker / 'cache'}: cache not usable (Not a directory); "
            "working in memory\n"
        )


# Read-only folders and a full disk, in a mount namespace of the test's own.


@pytest.fixture(scope="module")
def namespace(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, ...]:
    """The command prefix that runs a shell script in a private mount namespace."""
    probe = tmp_path_factory.mktemp("probe")
    prefix = ("unshare", "--user", "--map-root-user", "--mount")
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    try:
        done = subprocess.run(
            [*prefix, "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {probe}"],
            capture_output=True,
            timeout=TIMEOUT,
        )
    except OSError:
        pytest.skip("unshare cannot run here")
    if done.returncode != 0:
        pytest.skip(f"no private mount namespace here: {done.stderr.decode().strip()}")
    return prefix


def read_only(namespace: tuple[str, ...], *folders: Path) -> tuple[str, ...]:
    """A prefix that runs the command with `folders` mounted read-only, and checks they are."""
    script = "".join(
        f"mount --bind {f} {f} && mount -o remount,ro,bind {f} && "
        f"! touch {f}/.writable 2>/dev/null && "
        for f in folders
    )
    return (*namespace, "sh", "-c", script + 'exec "$@"', "sh")


def test_a_read_only_cache_folder_means_memory_and_one_line(
    tmp_path: Path, reference: tuple[Path, dict], namespace: tuple[str, ...]
) -> None:
    corpus, expected = reference
    cache = tmp_path / "cache"
    cache.mkdir()
    results, lines = found(cache, corpus, prefix=read_only(namespace, cache))
    assert results == expected
    assert len(lines) == len(QUERIES), lines
    assert all("cache not usable (" in line and "in memory" in line for line in lines), lines


def test_a_cache_made_read_only_after_use_still_answers_with_one_line(
    tmp_path: Path, reference: tuple[Path, dict], namespace: tuple[str, ...]
) -> None:
    corpus, expected = reference
    cache = tmp_path / "cache"
    assert briefer(cache, "index", str(corpus)).returncode == 0
    results, lines = found(cache, corpus, prefix=read_only(namespace, cache))
    assert results == expected
    assert len(lines) <= len(QUERIES), lines


def test_a_full_disk_means_memory_and_one_line(
    tmp_path: Path, reference: tuple[Path, dict], namespace: tuple[str, ...]
) -> None:
    corpus, expected = reference
    cache = tmp_path / "cache"
    cache.mkdir()
    full = (*namespace, "sh", "-c", f'mount -t tmpfs -o size=96k tmpfs {cache} && exec "$@"', "sh")
    results, lines = found(cache, corpus, prefix=full)
    assert results == expected
    assert len(lines) == len(QUERIES), lines
    for line in lines:
        assert "disk is full" in line or "No space left" in line, line


def test_a_read_only_corpus_is_read_and_indexed_without_a_word(
    tmp_path: Path, reference: tuple[Path, dict], namespace: tuple[str, ...]
) -> None:
    corpus, expected = reference
    cache = tmp_path / "cache"
    prefix = read_only(namespace, corpus)
    done = briefer(cache, "index", str(corpus), prefix=prefix)
    assert done.returncode == 0 and done.stderr.splitlines()[-1].startswith("briefer: 4 docu")
    assert found(cache, corpus, prefix=prefix) == (expected, [])
    again = briefer(cache, "index", str(corpus), prefix=prefix)
    assert "0 files updated, 0 removed" in again.stderr
