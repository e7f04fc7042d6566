"""briefer's first frame and memory, next to a minimal Textual app's, launched alternately.

Each launch is a new process in a pseudo-terminal (`bench.terminal`), timed
from spawning to the moment a known string is written: for the minimal app
its one line of text; for briefer the first paint (the search bar) and the
first frame that shows the briefing (the header's counts of documents,
quotes and actors, written once the briefing is on screen). Launches
alternate between the two programs, so a busy moment on a shared machine
hits both; the figures are medians.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.minimal_app import READY
from bench.terminal import WIDE, launch

BRIEFER = Path(sys.executable).with_name("briefer")
MINIMAL = (sys.executable, str(Path(__file__).with_name("minimal_app.py")))
PAINTED = r"/ search"
SHOWN = r"[\d,]+ documents? · [\d,]+ quotes? · [\d,]+ actors?"
HITS = r"[\d,]+ hits?\b"


@dataclass(frozen=True)
class Frames:
    """Medians in seconds, and peak RSS in MB (the largest of the runs)."""

    painted: float
    shown: float
    minimal: float
    peak_mb: float
    minimal_peak_mb: float


def first_frames(
    paths: Sequence[str], env: dict[str, str], runs: int, size: tuple[int, int] = WIDE
) -> Frames:
    """`briefer PATHS` against the minimal app, `runs` launches each after one unmeasured pair."""
    argv = (str(BRIEFER), *paths)
    painted: list[float] = []
    shown: list[float] = []
    minimal: list[float] = []
    peaks: list[float] = []
    minimal_peaks: list[float] = []
    for run in range(runs + 1):
        pair = []
        for program in ("minimal", "briefer") if run % 2 else ("briefer", "minimal"):
            if program == "minimal":
                result = launch(MINIMAL, env, {"ready": READY}, size=size)
                pair.append(("minimal", result.seen["ready"], result.peak_mb))
            else:
                result = launch(argv, env, {"painted": PAINTED, "shown": SHOWN}, size=size)
                pair.append(("painted", result.seen["painted"], result.peak_mb))
                pair.append(("shown", result.seen["shown"], result.peak_mb))
        if run == 0:  # warms the page cache and byte code; not counted
            continue
        for name, seconds, peak in pair:
            {"painted": painted, "shown": shown, "minimal": minimal}[name].append(seconds)
            (minimal_peaks if name == "minimal" else peaks).append(peak)
    return Frames(
        statistics.median(painted),
        statistics.median(shown),
        statistics.median(minimal),
        max(peaks),
        max(minimal_peaks),
    )


def peak_with_search(paths: Sequence[str], env: dict[str, str], query: str) -> float:
    """Peak RSS in MB of briefer once the briefing is shown and a search has answered."""
    steps = [("/", {}), (query, {"hits": HITS})]
    result = launch((str(BRIEFER), *paths), env, {"shown": SHOWN}, then=steps)
    return result.peak_mb
