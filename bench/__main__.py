"""`make bench`: how fast and how big briefer is, each figure beside its floor from the same run.

    .venv/bin/python -m bench          # from the top of the repository

On a shared machine a figure alone means little; next to the floor it is
compared with, measured moments apart, it does. Corpora: the sample
(`seeds/`), the 840 PolNeAR training articles (`../shared`, "1k") and ten
copies of them with their own names and lightly varied text ("10k"), all
opened with cache and config folders of their own under a temporary folder.
Programs are launched as a user's shell would: byte code is written and
reused (this machine sets PYTHONDONTWRITEBYTECODE; the bench unsets it for
what it launches, as a normal environment has it), and `TERM` is xterm's.
Progress goes to stderr; the table to stdout.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from bench.build import Build, first_build
from bench.corpora import POLNEAR, REPO, Corpus, polnear, tenfold
from bench.floors import LIMIT, Fts5, RawWhoosh, RawWhooshSearch, fts5_available
from bench.frames import BRIEFER, Frames, first_frames, peak_with_search
from bench.queries import QUERIES, ROUNDS, latencies, percentiles
from bench.terminal import WIDE
from bench.throughput import engine_throughput

RUNS = 5
"""Launches of each program per first-frame figure (after one unmeasured pair)."""
CHANGED = 10
NARROW = (80, 24)
RSS_QUERY = "Clinton"


@dataclass(frozen=True)
class Row:
    figure: str
    briefer: str
    floor: str = ""
    ratio: str = ""
    target: str = ""
    holds: bool | None = None


class Bench:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.started = time.perf_counter()
        os.environ["BRIEFER_CACHE_DIR"] = str(root / "cache")
        os.environ["BRIEFER_CONFIG_DIR"] = str(root / "config")
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env["TERM"] = "xterm-256color"
        self.rows: list[Row] = []

    def say(self, what: str) -> None:
        print(f"bench [{time.perf_counter() - self.started:5.0f} s] {what}", file=sys.stderr)

    def index(self, paths: list[str]) -> float:
        """`briefer index PATHS` in a new process; its wall time in seconds."""
        start = time.perf_counter()
        done = subprocess.run(
            [str(BRIEFER), "index", *paths], env=self.env, cwd=REPO, capture_output=True, text=True
        )
        if done.returncode:
            raise RuntimeError(f"briefer index failed:\n{done.stderr[-2000:]}")
        return time.perf_counter() - start

    # Figures.

    def frames(
        self,
        label: str,
        paths: list[str],
        target: float | None,
        size: tuple[int, int] = WIDE,
    ) -> Frames:
        self.say(f"first frames: {label}")
        frames = first_frames(paths, self.env, RUNS, size)
        ratio = frames.shown / frames.minimal
        self.rows.append(
            Row(
                f"first frame with the briefing, {label}",
                f"{frames.shown * 1000:.0f} ms",
                f"minimal Textual app {frames.minimal * 1000:.0f} ms",
                f"{ratio:.2f}x",
                f"<= {target}x" if target else "",
                ratio <= target if target else None,
            )
        )
        painted = frames.painted / frames.minimal
        self.rows.append(
            Row(
                f"first paint (the layout, before the briefing), {label}",
                f"{frames.painted * 1000:.0f} ms",
                "",
                f"{painted:.2f}x",
            )
        )
        return frames

    def build(self, corpus: Corpus, limit: float) -> Build:
        self.say(f"first analysis + index: {corpus.name} ({corpus.articles} articles)")
        build = first_build(corpus.folder, self.env)
        self.say(f"floors: raw Whoosh and FTS5 on the {corpus.name} entries")
        from briefer.briefing import load_briefing

        briefing = load_briefing([str(corpus.folder)])
        raw = RawWhoosh(self.root / f"whoosh-{corpus.name}")
        start = time.perf_counter()
        raw.build(briefing)
        raw_seconds = time.perf_counter() - start
        fts = Fts5(self.root / f"fts-{corpus.name}.sqlite3")
        start = time.perf_counter()
        fts.build(briefing)
        fts_seconds = time.perf_counter() - start
        self.rows.append(
            Row(
                f"first analysis + index, {corpus.name} ({corpus.articles} articles)",
                f"{build.total:.1f} s",
                f"raw Whoosh {raw_seconds:.1f} s · FTS5 {fts_seconds:.1f} s (indexing alone)",
                f"{build.total / raw_seconds:.1f}x Whoosh",
                f"<= {limit:.0f} s",
                build.total <= limit,
            )
        )
        self.rows.append(
            Row(
                f"analysis (worker processes) / index (one writer), {corpus.name}",
                f"{build.analysis:.1f} s / {build.index:.1f} s",
                "",
                f"{build.analysis_cores:.1f} / {build.cores:.1f} cores busy",
                "both cores busy in the analysis",
                build.analysis_cores >= 1.5,
            )
        )
        self.queries(corpus, briefing, fts)
        fts.close()
        return build

    def queries(self, corpus: Corpus, briefing: object, fts: Fts5) -> None:
        from briefer.index import INDEX_NAME, BriefingIndex, index_folder

        self.say(f"queries: {corpus.name}")
        with BriefingIndex.open(briefing) as index:  # type: ignore[arg-type]
            if index.changed.add or index.changed.remove:
                raise RuntimeError(
                    f"the {corpus.name} index was rebuilt on reopening "
                    f"({len(index.changed.add)} files): was briefer's code edited meanwhile?"
                )
            ours = percentiles(latencies(lambda q: index.search(q, LIMIT)))
            entries = index.doc_count()
        whoosh = RawWhooshSearch(index_folder(briefing), INDEX_NAME)  # type: ignore[arg-type]
        theirs = percentiles(latencies(whoosh.search))
        whoosh.close()
        native = percentiles(latencies(fts.search))
        limit = 0.050 if corpus.name == "1k" else 0.150
        ratio = ours[1] / theirs[1]
        self.rows.append(
            Row(
                f"query p50 / p95, {corpus.name} ({entries:,} entries)",
                f"{ours[0] * 1000:.0f} / {ours[1] * 1000:.0f} ms",
                f"raw Whoosh {theirs[0] * 1000:.0f} / {theirs[1] * 1000:.0f} ms · "
                f"FTS5 {native[0] * 1000:.1f} / {native[1] * 1000:.1f} ms",
                f"{ratio:.2f}x Whoosh p95",
                f"<= 1.5x, <= {limit * 1000:.0f} ms",
                ratio <= 1.5 and ours[1] <= limit,
            )
        )

    def incremental(self, corpus: Corpus, build: Build) -> None:
        self.say(f"incremental update: {CHANGED} files of {corpus.name}")
        files = sorted(corpus.folder.rglob("*.txt"))
        for path in files[:: len(files) // CHANGED][:CHANGED]:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("\nA late paragraph about zeppelins, added by the bench.\n")
        seconds = self.index([str(corpus.folder)])
        self.rows.append(
            Row(
                f"update after changing {CHANGED} files, {corpus.name} (`briefer index`)",
                f"{seconds:.2f} s",
                f"full rebuild {build.total:.1f} s",
                f"{seconds / build.total:.2f}x",
                "<= 2 s",
                seconds <= 2,
            )
        )

    def memory(self, corpus: Corpus, minimal_mb: float) -> None:
        self.say(f"memory: {corpus.name} open in the TUI, one search")
        peak = peak_with_search([str(corpus.folder)], self.env, RSS_QUERY)
        self.rows.append(
            Row(
                f"peak RSS, {corpus.name} open in the TUI + one search",
                f"{peak:.0f} MB",
                f"minimal Textual app {minimal_mb:.0f} MB",
                f"{peak / minimal_mb:.1f}x",
                "<= 400 MB",
                peak <= 400,
            )
        )

    def throughput(self, corpus: Corpus) -> None:
        self.say(f"engine throughput: {corpus.name}")
        speed = engine_throughput(corpus.folder)
        self.rows.append(
            Row(f"actors engine, one core, {corpus.name}", f"{speed.actors:.0f} articles/s")
        )
        self.rows.append(
            Row(f"quotes engine, one core, {corpus.name}", f"{speed.quotes:.0f} articles/s")
        )

    # Running it all.

    def run(self) -> None:
        self.say("the sample")
        self.index([])
        frames = self.frames("sample, 160x50", [], 1.3)
        self.frames("sample, 80x24", [], 1.3, NARROW)
        corpus = polnear(self.root / "1k")
        if corpus is None:
            self.rows.append(
                Row(f"skipped: {POLNEAR} is absent, so no 1k or 10k figures", "", "", "", "")
            )
            return
        build = self.build(corpus, 30)
        self.frames("1k indexed", [str(corpus.folder)], None)
        self.incremental(corpus, build)
        self.throughput(corpus)
        self.say("writing the 10k corpus")
        tenk = tenfold(corpus, self.root / "10k")
        self.build(tenk, 300)
        frames = self.frames("10k indexed", [str(tenk.folder)], 1.6)
        self.memory(tenk, frames.minimal_peak_mb)

    def table(self) -> str:
        header = ("figure", "briefer", "floor, same run", "ratio", "target", "holds")
        lines = [header, tuple("---" for _ in header)]
        for row in self.rows:
            holds = "" if row.holds is None else ("yes" if row.holds else "**no**")
            lines.append((row.figure, row.briefer, row.floor, row.ratio, row.target, holds))
        return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Textual {version('textual')}, "
        f"Whoosh-Reloaded {version('whoosh-reloaded')}, SQLite {sqlite3.sqlite_version}; "
        f"load average {load}"
    )


def main() -> None:
    if not fts5_available():
        raise SystemExit("this Python's sqlite3 has no FTS5; the bench needs it as a floor")
    print(f"machine: {machine()}", file=sys.stderr)
    os.chdir(REPO)  # `briefer` with no path opens seeds/, as `make run` does
    with tempfile.TemporaryDirectory(prefix="briefer-bench-") as temp:
        bench = Bench(Path(temp))
        bench.run()
        elapsed = time.perf_counter() - bench.started
    print(f"briefer bench, {time.strftime('%Y-%m-%d')}: {machine()}")
    print(
        f"{len(QUERIES)} queries x {ROUNDS} rounds, top {LIMIT} with highlights; first frames: "
        f"medians of {RUNS} alternating launches; whole bench {elapsed / 60:.1f} min\n"
    )
    print(bench.table())


if __name__ == "__main__":
    main()
