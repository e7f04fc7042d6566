"""Quotes and actors, found in Documents; never imports the index or the UI.

The unit of work is one document (`analyse_document`), so results can be
cached per file; `combine` then joins the per-document results into one
briefing, merging actors that are the same across documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefer.analysis.actors import find_actors
from briefer.analysis.merge import merge_actors, speakers_as_actors
from briefer.analysis.quotes import find_quotes
from briefer.model import Actor, Document, Quote


@dataclass(frozen=True)
class DocumentAnalysis:
    """What one document says: its quotes, and its actors with their mentions in it."""

    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()


def analyse_document(document: Document) -> DocumentAnalysis:
    actors = find_actors(document)
    quotes = find_quotes(document, actors)
    return DocumentAnalysis(quotes, speakers_as_actors(document, quotes, actors))


def combine(analyses: Iterable[DocumentAnalysis]) -> tuple[tuple[Quote, ...], tuple[Actor, ...]]:
    """All quotes in document order, and one actor per real-world actor."""
    quotes: list[Quote] = []
    actors: list[Actor] = []
    for analysis in analyses:
        quotes.extend(analysis.quotes)
        actors.extend(analysis.actors)
    return merge_actors(actors, quotes)
