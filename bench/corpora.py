"""The briefings the bench opens: the sample, the 840 training articles, and ten times those.

The training articles are read in place from `../shared` and copied into the
bench's temporary folder (so that ten of them can be changed); the tenfold
corpus is written there too, each copy with its own file names and lightly
varied text, so that no two files have the same content and nothing is
served from the analysis cache by accident.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "seeds"
POLNEAR = REPO.parent / "shared" / "data" / "polnear-train" / "text"
COPIES = 10

# Neutral words swapped in some copies: never quote cues, names or function words,
# so each copy reads like another edition of the same news rather than other news.
SWAPS = (
    ("important", "significant"),
    ("recent", "latest"),
    ("large", "big"),
    ("many", "numerous"),
    ("difficult", "hard"),
    ("quickly", "rapidly"),
    ("support", "backing"),
    ("plan", "proposal"),
    ("major", "key"),
)
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Corpus:
    name: str
    folder: Path
    articles: int


def articles_in(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.suffix in (".txt", ".md", ".markdown"))


def sample() -> Corpus:
    return Corpus("sample", SAMPLE, articles_in(SAMPLE))


def polnear(into: Path) -> Corpus | None:
    """The training articles copied into `into` (mtimes kept), or None when ../shared is absent."""
    if not POLNEAR.is_dir():
        return None
    shutil.copytree(POLNEAR, into)
    return Corpus("1k", into, articles_in(into))


def vary(text: str, copy: int) -> str:
    """Copy `copy` of an article: numbers shifted by `copy`, two neutral words swapped."""
    if copy == 0:
        return text
    text = _NUMBER.sub(lambda m: str(int(m.group()) + copy), text)
    for old, new in (SWAPS[(copy - 1) % len(SWAPS)], SWAPS[(copy + 3) % len(SWAPS)]):
        text = re.sub(rf"\b{old}\b", new, text)
    return text


def tenfold(source: Corpus, into: Path) -> Corpus:
    """COPIES copies of every article of `source`, named `<name>-<copy>`, in one folder."""
    into.mkdir()
    for path in sorted(source.folder.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        for copy in range(COPIES):
            target = into / f"{path.stem}-{copy}{path.suffix}"
            target.write_text(vary(text, copy), encoding="utf-8", errors="surrogateescape")
    return Corpus("10k", into, articles_in(into))
