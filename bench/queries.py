"""Query latency: the search bench's fixed queries, timed against any search function."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from bench.search import QUERIES

ROUNDS = 3
"""Measured rounds over every query, after one round that warms caches and is not counted."""


def latencies(search: Callable[[str], object]) -> list[float]:
    """Seconds per query, ROUNDS times over QUERIES."""
    for query in QUERIES:
        search(query)
    samples = []
    for _ in range(ROUNDS):
        for query in QUERIES:
            start = time.perf_counter()
            search(query)
            samples.append(time.perf_counter() - start)
    return samples


def percentiles(samples: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile (nearest rank), in seconds."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[
        min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)
    ]
