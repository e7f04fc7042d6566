"""Direct quotes and who said them.

Each paragraph is read once: its quotation marks paired (`marks`), its words
tokenised with each quote as one token (`tokens`), and every reporting cue
found (`cues`). A quote takes the cue of its own sentence; without one it takes
the nearest cue of its paragraph ("“…,” he said. “…”"); a paragraph that opens
with a quote and has no cue at all continues the speaker of the paragraph
before (the news convention for a quote running over several paragraphs).
Short quoted terms with no speech around them ("what Iran calls the “Axis of
Resistance”") are not quotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefer.analysis.cues import (
    Cue,
    cue_after,
    cue_before,
    is_name_word,
    is_reporting_verb,
    particle_joins,
    sentence_starts,
    subject_after,
    subject_before,
)
from briefer.analysis.lexicon import REPORTING_PARTICIPLES
from briefer.analysis.marks import Marked, pair_marks
from briefer.analysis.speakers import Resolver, Speaker
from briefer.analysis.tokens import Token, tokenize
from briefer.model import Actor, Document, Paragraph, Quote

# A quoted stretch this short, set inside a sentence rather than introduced by
# a cue, is a term or a title ("so-called “Axis of Resistance”"), not speech.
MAX_TERM_WORDS = 3
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Attribution:
    """A speaker and, unless the quote only continues an earlier one, where it is written."""

    speaker: Speaker
    start: int | None
    end: int | None


@dataclass
class _Flow:
    """What carries over from one paragraph to the next."""

    last: Attribution | None = None
    open_quote: bool = False  # the previous paragraph ended inside a quote
    introduces: bool = False  # the previous paragraph ended with a cue and a colon


def find_quotes(document: Document, actors: Sequence[Actor]) -> tuple[Quote, ...]:
    resolver = Resolver(document, tuple(actors))
    flow = _Flow()
    quotes: list[Quote] = []
    for paragraph in document.paragraphs:
        quotes.extend(_paragraph_quotes(document, paragraph, resolver, flow))
    return tuple(quotes)


def _paragraph_quotes(
    document: Document, paragraph: Paragraph, resolver: Resolver, flow: _Flow
) -> list[Quote]:
    text = paragraph.text
    marked = pair_marks(text)
    tokens = tokenize(text, marked)
    starts = sentence_starts(tokens)
    position = {tok.quote: i for i, tok in enumerate(tokens) if tok.quote >= 0}

    own: dict[int, Cue] = {}
    for k in range(len(marked)):
        q = position[k]
        found = cue_after(tokens, q) or cue_before(tokens, q, starts, own)
        if found is not None:
            own[k] = found
    cues = _all_cues(tokens, starts, own, position)
    _note_names(tokens, paragraph, resolver)
    resolved = {c.verb: _resolve(c, tokens, paragraph, resolver) for c in cues}

    out: list[Quote] = []
    attributions: list[Attribution | None] = []
    opens_with_quote = bool(tokens) and tokens[0].quote == 0
    for k, mark in enumerate(marked):
        q = position[k]
        cue = own.get(k)
        if _is_term(tokens, q, starts, mark, text, cue is not None):
            continue
        if cue is not None:
            attribution = resolved[cue.verb]
        elif cues:
            attribution = resolved[_nearest(cues, q).verb]
        elif k == 0 and opens_with_quote and flow.last is not None:
            last = flow.last
            attribution = last if flow.introduces else Attribution(last.speaker, None, None)
        else:
            attribution = None
        out.append(_quote(document, paragraph, mark, attribution))
        attributions.append(attribution)
    last_cue = max(cues, key=lambda c: c.verb) if cues else None
    if attributions and attributions[-1] is not None:
        flow.last = attributions[-1]
    elif last_cue is not None:
        flow.last = resolved[last_cue.verb]
    flow.open_quote = bool(marked) and not marked[-1].closed
    flow.introduces = last_cue is not None and text.rstrip().endswith(":")
    return out


def _all_cues(
    tokens: list[Token], starts: list[int], own: dict[int, Cue], position: dict[int, int]
) -> list[Cue]:
    """Every cue in the paragraph, in order: the quotes' own and those of reported speech."""
    by_verb = {cue.verb: cue for cue in own.values()}
    for v, tok in enumerate(tokens):
        if v in by_verb or tok.quote >= 0:
            continue
        width = is_reporting_verb(tokens, v)
        if not width or tok.lower in REPORTING_PARTICIPLES:
            continue
        found = subject_before(tokens, v, starts[v])
        if found is None and v > 0 and tokens[v - 1].text == ",":
            end = v + width
            while end < len(tokens) and tokens[end].is_word:
                end += 1
            found = subject_after(tokens, v + width, end, v)
            if found is not None and found.kind != "name":
                found = None
        if found is not None:
            by_verb[v] = found
    return [by_verb[v] for v in sorted(by_verb)]


def _nearest(cues: list[Cue], q: int) -> Cue:
    """The cue before token `q` nearest to it, else the first one after it."""
    before = [c for c in cues if c.verb < q]
    return before[-1] if before else cues[0]


def _note_names(tokens: list[Token], paragraph: Paragraph, resolver: Resolver) -> None:
    i = 0
    while i < len(tokens):
        if not is_name_word(tokens[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and (
            is_name_word(tokens[j + 1]) or particle_joins(tokens, j + 1)
        ):
            j += 1
        if j > i:
            resolver.note_name(
                paragraph.source_offset(tokens[i].start),
                paragraph.text[tokens[i].start : tokens[j].end],
            )
        i = j + 1


def _resolve(
    cue: Cue, tokens: list[Token], paragraph: Paragraph, resolver: Resolver
) -> Attribution:
    text = paragraph.text
    head = text[tokens[cue.head_first].start : tokens[cue.head_last].end]
    start, end = paragraph.source_span(tokens[cue.head_first].start, tokens[cue.head_last].end)
    if cue.kind == "pronoun":
        speaker = resolver.pronoun(head)
    elif cue.kind == "name":
        speaker = resolver.named(head, start, end)
    else:
        phrase_start, phrase_end = tokens[cue.first].start, tokens[cue.last].end
        speaker = resolver.nominal(text[phrase_start:phrase_end])
        start, end = paragraph.source_span(phrase_start, phrase_end)
    return Attribution(speaker, start, end)


def _is_term(
    tokens: list[Token], q: int, starts: list[int], mark: Marked, text: str, has_cue: bool
) -> bool:
    """A short quoted stretch set inside a sentence with no speech cue of its own."""
    words = len(_WORD.findall(mark.text(text)))
    if words > MAX_TERM_WORDS:
        return False
    if not has_cue:
        return True
    before = q - 1
    if before < starts[q]:
        return False
    prev = tokens[before]
    if prev.text in (":", ",") and before - 1 >= starts[q]:
        return not is_reporting_verb(tokens, before - 1) and prev.text != ":"
    return not is_reporting_verb(tokens, before)


def _quote(
    document: Document, paragraph: Paragraph, mark: Marked, attribution: Attribution | None
) -> Quote:
    start, end = paragraph.source_span(mark.start, mark.end)
    return Quote(
        document=document.path,
        paragraph=paragraph.index,
        section=document.section_title(paragraph.index),
        text=mark.text(paragraph.text),
        start=start,
        end=end,
        speaker=attribution.speaker.name if attribution else None,
        speaker_start=attribution.start if attribution else None,
        speaker_end=attribution.end if attribution else None,
    )
