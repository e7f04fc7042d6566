"""A briefing's first analysis and index, in a process of its own, as `briefer index` does it.

    .venv/bin/python -m bench.build FOLDER      # prints one JSON line

A fresh process starts with nothing loaded, as a user's first `briefer`
does; its CPU time (the analysis pool's workers included) tells how many
cores the build kept busy.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.corpora import REPO


@dataclass(frozen=True)
class Build:
    """Seconds of wall time, and CPU seconds over wall seconds (cores kept busy)."""

    analysis: float
    index: float
    analysis_cores: float
    cores: float
    entries: int

    @property
    def total(self) -> float:
        return self.analysis + self.index


def cpu_seconds() -> float:
    """CPU time of this process and of every child it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_once(folder: str) -> dict[str, float]:
    from briefer.briefing import load_briefing
    from briefer.index import BriefingIndex

    start, cpu = time.perf_counter(), cpu_seconds()
    briefing = load_briefing([folder])
    analysed, analysed_cpu = time.perf_counter(), cpu_seconds()
    with BriefingIndex.open(briefing) as index:
        if index.changed.remove or len(index.changed.add) != len(briefing.documents):
            raise SystemExit(f"not a first build: {index.changed}")
        entries = index.doc_count()
    done = time.perf_counter()
    return {
        "analysis": analysed - start,
        "index": done - analysed,
        "analysis_cores": (analysed_cpu - cpu) / (analysed - start),
        "entries": entries,
    }


def first_build(folder: Path, env: dict[str, str]) -> Build:
    """Analyse and index `folder` in a new process (the cache in `env` must not hold it)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bench.build", str(folder)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if done.returncode:
        raise RuntimeError(f"the build failed:\n{done.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    figures = json.loads(done.stdout)
    return Build(
        figures["analysis"],
        figures["index"],
        figures["analysis_cores"],
        cpu / wall,
        int(figures["entries"]),
    )


if __name__ == "__main__":
    os.environ.setdefault("BRIEFER_CACHE_DIR", "")
    if not os.environ["BRIEFER_CACHE_DIR"]:
        raise SystemExit("set BRIEFER_CACHE_DIR to a fresh folder: this builds from nothing")
    print(json.dumps(run_once(sys.argv[1])))
