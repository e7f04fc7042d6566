"""Quotes and actors, found in Documents; never imports the index or the UI.

The unit of work is one document (`analyse_document`), so results can be
cached per file; `combine` then joins the per-document results into one
briefing, merging actors that are the same across documents.

Importing this package loads no engine: a cached briefing holds
`DocumentAnalysis` values, and reading them back must not cost the engines'
imports. The engines load when something is analysed or merged.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefer.model import Actor, Document, Quote

if TYPE_CHECKING:
    from briefer.analysis.merge import Merged


@dataclass(frozen=True)
class DocumentAnalysis:
    """What one document says: its quotes, and its actors with their mentions in it.

    `keys` holds each actor's merge key, worked out once with the document
    rather than each time a briefing joins a thousand of them.
    """

    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()
    keys: tuple[str, ...] = ()


def load_engines() -> None:
    """Import the engines and load the gazetteer now: a child forked next starts with
    them, and this process needs them anyway to merge what the child finds."""
    from briefer.analysis import actors, merge, quotes  # noqa: F401
    from briefer.analysis.places import gazetteer

    gazetteer()


def analyse_document(document: Document) -> DocumentAnalysis:
    from briefer.analysis.actors import find_actors
    from briefer.analysis.merge import merge_key, speakers_as_actors
    from briefer.analysis.quotes import find_quotes

    actors = find_actors(document)
    quotes = find_quotes(document, actors)
    actors = speakers_as_actors(document, quotes, actors)
    return DocumentAnalysis(quotes, actors, tuple(merge_key(a) for a in actors))


def combine(analyses: Iterable[DocumentAnalysis]) -> tuple[tuple[Quote, ...], tuple[Actor, ...]]:
    """All quotes in document order, and one actor per real-world actor."""
    merged = combine_documents(enumerate(analyses))
    return merged.quotes, merged.actors


def combine_documents(
    analyses: Iterable[tuple[Hashable, DocumentAnalysis]],
    known: Mapping[tuple[tuple[Hashable, int], ...], Actor] | None = None,
) -> Merged:
    """`combine` for named analyses, also saying which documents' actors each actor is made of.

    An actor of a document is referred to as (the document's name, its number
    in the analysis). `known` maps the parts of actors merged before (as an
    earlier `Merged` gives them) to those actors, which are then not merged
    again.
    """
    from briefer.analysis.merge import merge_members

    quotes: list[Quote] = []
    members: list[tuple[tuple[Hashable, int], str, Actor]] = []
    for name, analysis in analyses:
        quotes.extend(analysis.quotes)
        pairs = zip(analysis.keys, analysis.actors, strict=True)
        members.extend(((name, i), key, actor) for i, (key, actor) in enumerate(pairs))
    return merge_members(members, quotes, known)
