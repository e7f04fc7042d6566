"""Time the quote engine on a folder of articles, single process.

    .venv/bin/python bench/bench_quotes.py ../shared/data/polnear-train/text

Reading and segmenting the files, and finding the actors the quote engine
resolves speakers against, are timed apart from `find_quotes`.
"""

from __future__ import annotations

import sys
import time

from briefer.analysis.actors import find_actors
from briefer.analysis.quotes import find_quotes
from briefer.ingest import read_paths


def main(folder: str) -> None:
    start = time.perf_counter()
    documents = read_paths([folder], None).documents
    read = time.perf_counter()
    actors = [find_actors(d) for d in documents]
    found = time.perf_counter()
    quotes = sum(len(find_quotes(d, a)) for d, a in zip(documents, actors, strict=True))
    with_actors = time.perf_counter()
    bare = sum(len(find_quotes(d, ())) for d in documents)
    done = time.perf_counter()
    print(f"ingest                 {read - start:6.2f} s  ({len(documents)} documents)")
    print(f"find_actors            {found - read:6.2f} s")
    print(f"find_quotes            {with_actors - found:6.2f} s  ({quotes} quotes)")
    print(f"find_quotes, no actors {done - with_actors:6.2f} s  ({bare} quotes)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/polnear-train/text")
