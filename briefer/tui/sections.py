"""The Sections pane: each document, then its titled sections."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from textual.content import Content

from briefer.tui.lists import EntryList
from briefer.tui.view import BriefingView, Place


@dataclass(frozen=True)
class SectionEntry:
    """A document (standing for its untitled lead too) or one of its titled sections."""

    document: int
    section: int
    label: str
    paragraphs: int
    is_document: bool


def section_entries(
    view: BriefingView, only: Collection[Place] | None = None
) -> list[SectionEntry]:
    """Documents and sections in reading order; with `only`, those holding one of the places."""
    wanted = None if only is None else {d for d, _ in only}
    entries: list[SectionEntry] = []
    for number, document in enumerate(view.documents):
        if wanted is not None and number not in wanted:
            continue
        sections = document.sections
        lead = sections[0] if sections and sections[0].title is None else None
        count = len(lead.paragraphs) if lead else 0
        if only is not None and lead is not None:
            count = sum((number, p) in only for p in lead.paragraphs)
        entries.append(SectionEntry(number, 0, view.title(number), count, True))
        for section in sections:
            if section is lead:
                continue
            count = len(section.paragraphs)
            if only is not None:
                count = sum((number, p) in only for p in section.paragraphs)
                if not count:
                    continue
            entries.append(SectionEntry(number, section.index, section.title or "", count, False))
    return entries


class SectionList(EntryList[SectionEntry]):
    def render_entry(self, entry: SectionEntry, width: int) -> list[Content]:
        count = Content.styled(f" {entry.paragraphs}¶", "$text-muted") if entry.paragraphs else ""
        if entry.is_document:
            return [Content.assemble(Content.styled(entry.label, "bold"), count)]
        return [Content.assemble("  ", Content(entry.label), count)]
