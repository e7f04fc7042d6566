"""Time the actor engine on a folder of articles, single process.

    .venv/bin/python bench/bench_actors.py ../shared/data/polnear-train/text

Reading and segmenting the files is timed apart from `find_actors`, and the
word lists and gazetteers (loaded once per process, on first use) are timed
on their own.
"""

from __future__ import annotations

import sys
import time

from briefer.analysis.actors import find_actors
from briefer.analysis.english import ordinary
from briefer.analysis.people import given_names
from briefer.analysis.places import gazetteer, state_abbreviation
from briefer.ingest import read_paths


def main(folder: str) -> None:
    start = time.perf_counter()
    gazetteer()
    given_names()
    ordinary("word")
    state_abbreviation("Calif.")
    loaded = time.perf_counter()
    documents = read_paths([folder], None).documents
    read = time.perf_counter()
    mentions = sum(len(a.mentions) for d in documents for a in find_actors(d))
    done = time.perf_counter()
    print(f"data load         {loaded - start:6.2f} s")
    print(f"ingest            {read - loaded:6.2f} s  ({len(documents)} documents)")
    print(f"find_actors       {done - read:6.2f} s  ({mentions} mentions)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/polnear-train/text")
