"""Search, side by side with raw Whoosh on the same paragraphs, in the same run.

    .venv/bin/python bench/search.py [FOLDER]     # default: ../shared/data/polnear-train/text

Copies FOLDER to a temporary folder (so 10 files can be changed) with its own
cache folder, then prints one table:

- first build: analysis (process pool) + index, against raw Whoosh indexing
  the same paragraphs with a plain stemming schema and one writer;
- reopen + first query, in a fresh process (interpreter start included);
- query latency p50/p95/max over the fixed queries below, three rounds, top
  20 hits with highlights (briefer: its own fragments; raw Whoosh:
  `hit.highlights()` with `terms=True`, its fast setting);
- the update after changing 10 files, in a fresh process as when a user
  reopens a folder they edited (raw Whoosh: re-adding those files' paragraphs
  in-process), with the time spent waiting for those files' analysis (which
  runs in a forked child while the cached files are read, when it can), and
  again in this process with the analysis engines warm (as a TUI
  refreshing); then the same latencies again, now that the index has several
  segments.

Raw Whoosh has no fields: `speaker:trump` is two plain words to it. The
figures compare the same query strings, not the same answers.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from briefer.analysis import analyse_document
from briefer.briefing import Briefing, load_briefing
from briefer.index import BriefingIndex

T = TypeVar("T")

QUERIES = (
    # common and rare words
    "Trump",
    "Clinton",
    "campaign",
    "president",
    "voters",
    "Iowa",
    "immigration",
    "tremendous",
    "filibuster",
    "superdelegates",
    "Benghazi",
    "Trump Clinton",
    "economy jobs",
    # phrases
    '"prime minister"',
    '"New York"',
    '"Supreme Court"',
    '"climate change"',
    '"health care"',
    # field filters
    "speaker:trump",
    "speaker:sanders",
    "kind:quote",
    "kind:quote tax",
    "actor:clinton",
    "actor:obama kind:paragraph",
    "doc:debate",
    # prefix and wildcard
    "immigr*",
    "elect*",
    "presiden*",
    "econom*",
    # fuzzy and boolean
    "Clinten~",
    "Obamma~",
    "Sandres~2",
    "Trump NOT Clinton",
    "Cruz OR Rubio",
    # misspellings (suggestions)
    "Hillery",
    "Repulican",
)

ROUNDS = 3
LIMIT = 20
CHANGED = 10

REOPEN = """
import sys, time
start = time.perf_counter()
from briefer.briefing import load_briefing
from briefer.index import BriefingIndex
index = BriefingIndex.open(load_briefing([sys.argv[1]]))
results = index.search("Clinton")
assert results.total and not index.changed.add, "reopen was not warm"
print(time.perf_counter() - start)
"""

UPDATE = """
import sys, time
start = time.perf_counter()
import briefer.pool
from briefer.briefing import load_briefing
from briefer.index import BriefingIndex
waiting = 0.0
analysis = briefer.pool.Beside.__iter__
def timed_analysis(self):
    global waiting
    begin = time.perf_counter()
    results = list(analysis(self))
    waiting += time.perf_counter() - begin
    yield from results
briefer.pool.Beside.__iter__ = timed_analysis
index = BriefingIndex.open(load_briefing([sys.argv[1]]))
changed = (len(index.changed.add), len(index.changed.remove))
assert changed[0] == int(sys.argv[2]), f"{changed} files rewritten, removed"
print(time.perf_counter() - start, waiting)
"""

RAW_REOPEN = """
import sys, time
start = time.perf_counter()
from whoosh import index
from whoosh.qparser import QueryParser
ix = index.open_dir(sys.argv[1])
searcher = ix.searcher()
results = searcher.search(QueryParser("text", ix.schema).parse("Clinton"), limit=20, terms=True)
[hit.highlights("text") for hit in results]
print(time.perf_counter() - start)
"""


def timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def in_fresh_process(code: str, env: dict[str, str], *arguments: str) -> tuple[float, str]:
    """Wall time of `python -c code arguments...` (interpreter start included), and its output."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments], env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"a bench step failed (analysis code edited meanwhile?):\n{done.stderr}")
    return time.perf_counter() - start, done.stdout


def latencies(search: Callable[[str], object]) -> list[float]:
    return [timed(lambda q=q: search(q))[0] for _ in range(ROUNDS) for q in QUERIES]


def spread(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"{statistics.median(ms):.0f} / {p95:.0f} / {ms[-1]:.0f} ms"


class RawWhoosh:
    """The floor: the same paragraphs, a plain stemming schema, Whoosh's own highlighting."""

    def __init__(self, folder: Path) -> None:
        from whoosh import index
        from whoosh.analysis import StemmingAnalyzer
        from whoosh.fields import ID, TEXT, Schema

        self.folder = folder
        folder.mkdir()
        schema = Schema(file=ID(stored=True), text=TEXT(analyzer=StemmingAnalyzer(), stored=True))
        self.ix = index.create_in(str(folder), schema)
        self.searcher = None

    def add(self, briefing: Briefing, only: set[str] | None = None) -> None:
        writer = self.ix.writer(limitmb=256)
        for document in briefing.documents:
            if only is not None:
                if document.path not in only:
                    continue
                writer.delete_by_term("file", document.path)
            for paragraph in document.paragraphs:
                writer.add_document(file=document.path, text=paragraph.text)
        writer.commit()

    def search(self, query: str) -> list[str]:
        from whoosh.qparser import FuzzyTermPlugin, QueryParser

        if self.searcher is None:
            self.searcher = self.ix.searcher()
            self.parser = QueryParser("text", self.ix.schema)
            self.parser.add_plugin(FuzzyTermPlugin())
        self.searcher = self.searcher.refresh()
        results = self.searcher.search(self.parser.parse(query), limit=LIMIT, terms=True)
        return [hit.highlights("text") for hit in results]


def change_files(folder: Path, count: int, start: int) -> set[str]:
    """Add a paragraph to `count` files, one in seven from `start`; their shown paths."""
    files = sorted(folder.rglob("*.txt"))[start::7][:count]
    for path in files:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("\nA late paragraph about zeppelins, added for the update benchmark.\n")
    return {os.path.join(str(folder), str(p.relative_to(folder))) for p in files}


def main(corpus: str) -> None:
    with tempfile.TemporaryDirectory(prefix="briefer-bench-") as temp:
        root = Path(temp)
        folder = root / "corpus"
        shutil.copytree(corpus, folder)  # copy2 keeps mtimes, so stats are trusted
        os.environ["BRIEFER_CACHE_DIR"] = str(root / "cache")
        env = {**os.environ}

        analysis, briefing = timed(lambda: load_briefing([str(folder)]))
        indexing, index = timed(lambda: BriefingIndex.open(briefing))
        raw = RawWhoosh(root / "raw")
        raw_indexing, _ = timed(lambda: raw.add(briefing))
        entries = index.doc_count()
        paragraphs = sum(len(d.paragraphs) for d in briefing.documents)

        ours = latencies(lambda q: index.search(q, LIMIT))
        theirs = latencies(raw.search)
        index.close()

        reopen = min(in_fresh_process(REOPEN, env, str(folder))[0] for _ in range(3))
        raw_reopen = min(in_fresh_process(RAW_REOPEN, env, str(raw.folder))[0] for _ in range(3))

        shown = change_files(folder, CHANGED, 0)
        updating, output = in_fresh_process(UPDATE, env, str(folder), str(CHANGED))
        analysing = float(output.split()[1])
        new_briefing = load_briefing([str(folder)])
        raw_updating, _ = timed(lambda: raw.add(new_briefing, only=shown))

        # The same in this process, its engines warm (as in a TUI that analysed before).
        analyse_document(new_briefing.documents[0])
        shown = change_files(folder, CHANGED, 3)

        def update() -> BriefingIndex:
            return BriefingIndex.open(load_briefing([str(folder)]))

        warm_updating, index = timed(update)
        assert set(index.changed.add) == shown, index.changed
        ours_after = latencies(lambda q: index.search(q, LIMIT))
        theirs_after = latencies(raw.search)
        index.close()

    rows = [
        ("first build: analysis + index", f"{analysis + indexing:.1f} s", "", "<= 30 s"),
        ("  analysis (all cores)", f"{analysis:.1f} s", "-", ""),
        ("  index", f"{indexing:.1f} s", f"{raw_indexing:.1f} s", ""),
        (
            "reopen + first query (new process)",
            f"{reopen:.2f} s",
            f"{raw_reopen:.2f} s",
            "<= 0.5 s",
        ),
        ("query p50 / p95 / max, top 20", spread(ours), spread(theirs), "p95 <= 60, max <= 300"),
        (
            f"update after changing {CHANGED} files (new process)",
            f"{updating:.2f} s",
            f"{raw_updating:.2f} s",
            "<= 1 s",
        ),
        ("  of which waiting for their analysis", f"{analysing:.2f} s", "-", ""),
        (f"update after changing {CHANGED} files (same process)", f"{warm_updating:.2f} s", "", ""),
        ("query p50 / p95 / max after update", spread(ours_after), spread(theirs_after), ""),
    ]
    print(
        f"search bench: {len(briefing.documents)} documents, {paragraphs} paragraphs, "
        f"{entries} index entries (paragraphs + quotes); {len(QUERIES)} queries x {ROUNDS} rounds; "
        f"{os.cpu_count()} cores; Python {sys.version.split()[0]}"
    )
    width = max(len(r[0]) for r in rows)
    print(f"| {'figure':{width}} | briefer | raw Whoosh | target |")
    print(f"| {'-' * width} | --- | --- | --- |")
    for name, mine, floor, target in rows:
        print(f"| {name:{width}} | {mine} | {floor} | {target} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/polnear-train/text")
