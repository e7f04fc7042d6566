"""The command-line JSON contract (see DESIGN.md): plain dicts, nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefer.model import Actor, Document, Mention, Quote, SearchResults

if TYPE_CHECKING:  # importing the briefing (and analysis) would slow the TUI's start
    from briefer.briefing import Briefing


def document_json(document: Document) -> dict[str, Any]:
    return {
        "path": document.path,
        "title": document.title,
        "sections": [
            {"title": s.title, "paragraphs": list(s.paragraphs)} for s in document.sections
        ],
        "paragraphs": [
            {"index": p.index, "section": p.section, "text": p.text, "start": p.start, "end": p.end}
            for p in document.paragraphs
        ],
    }


def quote_json(quote: Quote) -> dict[str, Any]:
    return {
        "document": quote.document,
        "paragraph": quote.paragraph,
        "section": quote.section,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "speaker": quote.speaker,
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
    }


def mention_json(mention: Mention) -> dict[str, Any]:
    return {
        "document": mention.document,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
    }


def actor_json(actor: Actor) -> dict[str, Any]:
    return {
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
        "roles": list(actor.roles),
        "mentions": [mention_json(m) for m in actor.mentions],
    }


def briefing_json(briefing: Briefing) -> dict[str, Any]:
    return {
        "documents": [document_json(d) for d in briefing.documents],
        "quotes": [quote_json(q) for q in briefing.quotes],
        "actors": [actor_json(a) for a in briefing.actors],
    }


def search_json(results: SearchResults) -> dict[str, Any]:
    """The search contract; `error` appears only when the query could not be searched."""
    out: dict[str, Any] = {
        "query": results.query,
        "suggestion": results.suggestion,
        "total": results.total,
        "hits": [
            {
                "document": h.document,
                "paragraph": h.paragraph,
                "section": h.section,
                "kind": h.kind,
                "speaker": h.speaker,
                "text": h.text,
                "highlights": h.highlights,
            }
            for h in results.hits
        ],
    }
    if results.error:
        out["error"] = results.error
    return out
