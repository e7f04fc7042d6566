"""A Briefing: the one object the CLI and the TUI read, built from paths."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefer.analysis import analyse_document, combine
from briefer.ingest import read_paths
from briefer.model import Actor, Document, Notice, Quote
from briefer.resources import bundled_folder


@dataclass(frozen=True)
class Briefing:
    name: str
    paths: tuple[str, ...]
    documents: tuple[Document, ...]
    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()
    notices: tuple[Notice, ...] = field(default=(), repr=False)

    def document(self, path: str) -> Document | None:
        return next((d for d in self.documents if d.path == path), None)


def default_paths() -> list[str]:
    """The bundled sample briefing, shown relative to the working folder when it can be."""
    folder = bundled_folder("seeds")
    try:
        return [os.path.relpath(folder)]
    except ValueError:  # another drive on Windows
        return [str(folder)]


def briefing_name(paths: Sequence[str]) -> str:
    if len(paths) == 1:
        return Path(os.path.abspath(paths[0])).name or paths[0]
    return f"{len(paths)} sources"


Progress = Callable[[int, int], None]
"""Called with (files done, files in all) while a briefing is built."""


def build_briefing(
    paths: Sequence[str], max_bytes: int | None = None, progress: Progress | None = None
) -> Briefing:
    """Read and analyse `paths`; raises `briefer.ingest.PathError` for a missing path."""
    ingested = read_paths(paths, max_bytes)
    analyses = []
    for n, document in enumerate(ingested.documents, 1):
        analyses.append(analyse_document(document))
        if progress:
            progress(n, len(ingested.documents))
    quotes, actors = combine(analyses)
    return Briefing(
        briefing_name(paths),
        tuple(paths),
        tuple(ingested.documents),
        quotes,
        actors,
        tuple(ingested.notices),
    )
