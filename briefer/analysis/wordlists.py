"""The actor engine's word lists, read from `data/` on first use.

Kept as data so they can be measured and extended without touching code, and
read lazily so importing the engine stays cheap.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def words(name: str) -> frozenset[str]:
    """The lowercase entries of ``data/<name>.txt``; ``#`` starts a comment line."""
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
