"""How many articles a second the actor and quote engines get through on one core."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Throughput:
    articles: int
    actors: float
    quotes: float


def engine_throughput(folder: Path) -> Throughput:
    """Articles per second for `find_actors`, then for `find_quotes` given those actors.

    Reading and segmenting the files is left out, and so is loading the
    engines' word lists and gazetteers (done once per process, on the first
    article, before the clock starts).
    """
    from briefer.analysis.actors import find_actors
    from briefer.analysis.quotes import find_quotes
    from briefer.ingest import read_paths

    documents = read_paths([str(folder)], None).documents
    find_quotes(documents[0], find_actors(documents[0]))
    start = time.perf_counter()
    actors = [find_actors(document) for document in documents]
    found = time.perf_counter()
    for document, its_actors in zip(documents, actors, strict=True):
        find_quotes(document, its_actors)
    done = time.perf_counter()
    return Throughput(
        len(documents), len(documents) / (found - start), len(documents) / (done - found)
    )
