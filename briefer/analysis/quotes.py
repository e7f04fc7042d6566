"""Direct quotes and who said them.

Each paragraph is read once: its quotation marks paired (`marks`), its words
tokenised with each quote as one token (`tokens`), and the cues around every
quote found (`cues`, reading noun phrases with `phrases`). A quote takes the
cue of its own sentence ("…,” London said", "He said: “…”", "Maksad said,
adding that Iran “…”"); without one, the cue of the rest of its sentence or of
another quote in its paragraph ("“…,” he said. “…”"). A paragraph that opens
with a quote and has no cue continues the speaker before it (a quote running
over several paragraphs), unless the paragraph before ended with a colon that
announced someone; a quote standing alone is signed by a dash line under it
("- Bernie Sanders."). Speakers are resolved to actor names (`speakers`).

Not quotes: short quoted terms with no speech around them ("what Iran calls the
“Axis of Resistance”"), titles set in capitals with no cue of their own
(“The Late Show With Stephen Colbert”), and headlines with their byline
("“Met accused of whitewashing baby Jesus,” by Post's Kathianne Boniello").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from briefer.analysis.cues import (
    cue_after,
    cue_before,
    ends_sentence,
    is_reporting_verb,
    reported_speech,
    sentence_starts,
)
from briefer.analysis.marks import Marked, pair_marks
from briefer.analysis.phrases import (
    COMMA_LIKE,
    PRONOUNS,
    Cue,
    is_name_word,
    particle_joins,
    phrase_after,
    sentence_subject,
)
from briefer.analysis.speakers import TITLES, Resolver, Speaker
from briefer.analysis.tokens import Token, tokenize
from briefer.model import Actor, Document, Paragraph, Quote

# A quoted stretch this short, set inside a sentence rather than introduced by
# a cue, is a term or a title ("so-called “Axis of Resistance”"), not speech.
MAX_TERM_WORDS = 3
_WORD = re.compile(r"\w+")
_SIGNATURE_DASHES = frozenset({"-", "\u2013", "\u2014", "--"})
# A quoted stretch opening with one of these is a sentence someone said, not a title.
_SPOKEN_OPENERS = PRONOUNS | {"that", "this", "there", "here", "what", "who"}
_CONTRACTION = re.compile(r"['’](s|re|ll|ve|d|m)$")
_TITLE_WORD = re.compile(r"\w[\w'’\-]*")
# Words a title leaves in lowercase ("Those Guys Have All the Fun").
_TITLE_SMALL = frozenset({
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "with",
    "by", "from", "as", "vs", "is", "into", "via", "per",
})  # fmt: skip


@dataclass(frozen=True)
class Attribution:
    """A speaker and, unless the quote only continues an earlier one, where it is written."""

    speaker: Speaker
    start: int | None
    end: int | None


@dataclass
class _Flow:
    """What carries over from one paragraph to the next."""

    last: Attribution | None = None  # the speaker a quote-only paragraph continues
    introduced: Attribution | None = None  # who the previous paragraph's closing colon announced


def find_quotes(document: Document, actors: Sequence[Actor]) -> tuple[Quote, ...]:
    resolver = Resolver(document, tuple(actors))
    flow = _Flow()
    quotes: list[Quote] = []
    paragraphs = document.paragraphs
    for i, paragraph in enumerate(paragraphs):
        after = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        quotes.extend(_paragraph_quotes(document, paragraph, resolver, flow, after))
    return tuple(quotes)


def _paragraph_quotes(
    document: Document,
    paragraph: Paragraph,
    resolver: Resolver,
    flow: _Flow,
    after: Paragraph | None,
) -> list[Quote]:
    text = paragraph.text
    marked = pair_marks(text)
    tokens = tokenize(text, marked)
    starts = sentence_starts(tokens)
    position = [i for i, tok in enumerate(tokens) if tok.quote >= 0]

    own: dict[int, Cue] = {}
    for k in range(len(marked)):
        q = position[k]
        found = cue_after(tokens, q) or cue_before(tokens, q, starts, own)
        if found is not None:
            own[k] = found
    cues = _paragraph_cues(tokens, starts, own)
    _note_names(tokens, paragraph, resolver)
    # Cues are resolved in reading order, and the named subjects of sentences
    # are noted on the way: "he" may refer to either.
    events = [(c.head_first, c, False) for c in _named_subjects(tokens, starts)]
    events += [(c.anchor, c, True) for c in set(cues) | set(own.values())]
    resolved: dict[Cue, Attribution] = {}
    for _, cue, is_cue in sorted(events, key=lambda e: (e[0], e[2])):
        if is_cue:
            resolved[cue] = _resolve(cue, tokens, paragraph, resolver)
        else:
            _note_subject(cue, tokens, paragraph, resolver)

    choices = _Choices(tokens, starts, position, own, cues)
    out: list[Quote] = []
    attributions: list[Attribution | None] = []
    for k, mark in enumerate(marked):
        q = position[k]
        if (
            _is_term(tokens, q, starts, mark, text, own.get(k))
            or _is_headline(tokens, q, starts)
            or _is_title(mark.text(text), own.get(k))
        ):
            continue
        chosen = choices.choose(k)
        if chosen is not None:
            attribution: Attribution | None = resolved[chosen]
        elif len(marked) == 1 and len(tokens) <= 2 and (signed := _signature(after, resolver)):
            attribution = signed
        elif q == 0 and flow.introduced is not None:
            attribution = flow.introduced
        elif q == 0 and flow.last is not None:
            attribution = Attribution(flow.last.speaker, None, None)
        elif q > 0 and starts[q] == q and (before := _previous_subject(tokens, starts, q)):
            # "Clinton touted her credentials. “We need to find ways …”"
            attribution = _resolve(before, tokens, paragraph, resolver)
        else:
            attribution = None
        out.append(_quote(document, paragraph, mark, attribution))
        attributions.append(attribution)
    if attributions and attributions[-1] is not None:
        flow.last = attributions[-1]
    elif cues:
        flow.last = resolved[cues[-1]]
    flow.introduced = _announced(tokens, starts, cues, resolved, paragraph, resolver)
    return out


def _signature(paragraph: Paragraph | None, resolver: Resolver) -> Attribution | None:
    """The speaker a line like "- Bernie Sanders." or "-President Obama, tweeting after
    the speech." signs a quote standing alone in the paragraph above with."""
    if paragraph is None or paragraph.text[:1] not in _SIGNATURE_DASHES:
        return None
    tokens = tokenize(paragraph.text, [])
    end = next((i for i, t in enumerate(tokens) if t.text == ","), len(tokens))
    if end - 1 > 0 and tokens[end - 1].text == ".":
        end -= 1
    if end < 2 or any(t.text in _SIGNATURE_DASHES for t in tokens[1:end]):
        return None  # "– Old hands –" is a heading
    cue = phrase_after(tokens, 1, end, 0)
    if cue is None or cue.kind != "name" or cue.last != end - 1:
        return None
    return _resolve(cue, tokens, paragraph, resolver)


def _announced(
    tokens: list[Token],
    starts: list[int],
    cues: list[Cue],
    resolved: dict[Cue, Attribution],
    paragraph: Paragraph,
    resolver: Resolver,
) -> Attribution | None:
    """Who a paragraph ending in a colon hands over to ("Trump issued the following
    statement:"): the cue of its last sentence, else that sentence's subject."""
    if not tokens or tokens[-1].text != ":":
        return None
    last = starts[-1]
    for cue in reversed(cues):
        if cue.anchor >= last:
            return resolved[cue]
    subject = sentence_subject(tokens, last, len(tokens), last)
    return _resolve(subject, tokens, paragraph, resolver) if subject else None


def _paragraph_cues(tokens: list[Token], starts: list[int], own: dict[int, Cue]) -> list[Cue]:
    """The paragraph's cues with a reporting verb, in order: the quotes' own and
    those of reported speech ("Smith said the plan failed")."""
    by_anchor = {cue.anchor: cue for cue in own.values() if not cue.guessed}
    for v, tok in enumerate(tokens):
        if v not in by_anchor and tok.quote < 0:
            found = reported_speech(tokens, starts, v)
            if found is not None:
                by_anchor[v] = found
    return [by_anchor[v] for v in sorted(by_anchor)]


def _named_subjects(tokens: list[Token], starts: list[int]) -> list[Cue]:
    """The subject of each sentence, where it is a name."""
    found = []
    for i, first in enumerate(starts):
        if i == first:
            end = i + 1
            while end < len(tokens) and starts[end] == first:
                end += 1
            cue = sentence_subject(tokens, first, end, first)
            if cue is not None and cue.kind == "name":
                found.append(cue)
    return found


def _previous_subject(tokens: list[Token], starts: list[int], q: int) -> Cue | None:
    """The subject of the sentence just before the one quote `q` opens."""
    first = starts[q - 1]
    return sentence_subject(tokens, first, q, first)


class _Choices:
    """The cues of one paragraph, arranged so that each quote finds its own quickly.

    A quote takes its own cue; else that of a later piece of the same sentence
    ("“…” -- that … -- “…,” he says"); else the cue closing the same sentence
    ("Clinton “drew quite well …” in 2008, said Paul Beck"); else its
    sentence's subject; else the nearest cue of another quote in the paragraph
    ("“…,” he said. “…”"); else the nearest cue of reported speech. Everything
    is looked up by bisection, so a paragraph of thousands of quotes stays linear.
    """

    def __init__(
        self,
        tokens: list[Token],
        starts: list[int],
        position: list[int],
        own: dict[int, Cue],
        cues: list[Cue],
    ) -> None:
        self.starts = starts
        self.position = position
        self.own = own
        self.cues = cues
        self.cue_anchors = [c.anchor for c in cues]
        self.quoted = sorted((c for c in own.values() if not c.guessed), key=lambda c: c.anchor)
        self.quoted_anchors = [c.anchor for c in self.quoted]
        self.closing = [c for c in cues if _set_off(tokens, c)]
        self.closing_anchors = [c.anchor for c in self.closing]
        # For each quote, the next quote of its sentence with a cue of its own.
        self.next_cued: list[int] = [-1] * len(position)
        following = -1
        for k in range(len(position) - 1, -1, -1):
            self.next_cued[k] = following
            cue = own.get(k)
            if cue is not None and not cue.guessed:
                following = k
            if k and starts[position[k - 1]] != starts[position[k]]:
                following = -1

    def choose(self, k: int) -> Cue | None:
        cue = self.own.get(k)
        if cue is not None and not cue.guessed:
            return cue
        q = self.position[k]
        later = self.next_cued[k]
        if later >= 0:
            return self.own[later]
        n = bisect_right(self.closing_anchors, q)
        if n < len(self.closing) and self.starts[self.closing_anchors[n]] == self.starts[q]:
            return self.closing[n]
        if cue is not None:
            return cue
        if self.quoted:
            return _nearest(self.quoted, self.quoted_anchors, q)
        return _nearest(self.cues, self.cue_anchors, q) if self.cues else None


def _set_off(tokens: list[Token], cue: Cue) -> bool:
    """A cue after a comma (", said Paul Beck", ", Rendell added"), as a sentence's
    closing attribution is written."""
    return tokens[cue.first - 1].text in COMMA_LIKE or tokens[cue.anchor - 1].text in COMMA_LIKE


def _nearest(cues: list[Cue], anchors: list[int], q: int) -> Cue:
    """The cue before token `q` nearest to it, else the first one after it."""
    n = bisect_left(anchors, q)
    return cues[n - 1] if n else cues[0]


def _note_names(tokens: list[Token], paragraph: Paragraph, resolver: Resolver) -> None:
    """Remember every run of name words, so a later surname finds its full name."""
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


def _note_subject(cue: Cue, tokens: list[Token], paragraph: Paragraph, resolver: Resolver) -> None:
    """Remember a sentence's named subject as someone "he" or "she" may mean."""
    first, last = tokens[cue.head_first], tokens[cue.head_last]
    start, end = paragraph.source_span(first.start, last.end)
    resolver.note_subject(paragraph.text[first.start : last.end], start, end)


def _resolve(
    cue: Cue, tokens: list[Token], paragraph: Paragraph, resolver: Resolver
) -> Attribution:
    """The speaker a cue names, and the source offsets of the words it rests on."""
    text = paragraph.text
    first = _without_titles(tokens, cue) if cue.kind == "name" else cue.head_first
    head = text[tokens[first].start : tokens[cue.head_last].end]
    head_start, head_end = paragraph.source_span(tokens[first].start, tokens[cue.head_last].end)
    start, end = head_start, head_end
    if cue.at >= 0:
        # "Lynch, who told Congress": the words the cue rests on are "who".
        pointer = tokens[cue.at]
        start, end = paragraph.source_span(pointer.start, pointer.end)
    if cue.kind == "pronoun":
        speaker = resolver.pronoun(head)
    elif cue.kind == "name" and not resolver.place_before(head_start, head_end):
        written = text[tokens[cue.head_first].start : tokens[cue.head_last].end]
        speaker = resolver.named(written, head_start, head_end)
    else:
        # A description, or a place used as one ("a New Hampshire Republican").
        phrase_start, phrase_end = tokens[cue.first].start, tokens[cue.last].end
        speaker = resolver.nominal(text[phrase_start:phrase_end])
        if cue.at < 0:
            start, end = paragraph.source_span(phrase_start, phrase_end)
    return Attribution(speaker, start, end)


def _without_titles(tokens: list[Token], cue: Cue) -> int:
    """The first word of a name after its titles ("Rep. Trey Gowdy", "Secretary of State
    John Kerry"), so the speaker's words are the name itself."""
    k = cue.head_first
    while k < cue.head_last:
        if tokens[k].lower in TITLES:
            k += 1
        elif tokens[k].lower == "of" and k > cue.head_first and k + 2 <= cue.head_last:
            k += 2
        else:
            break
    return k


def _is_term(
    tokens: list[Token], q: int, starts: list[int], mark: Marked, text: str, cue: Cue | None
) -> bool:
    """A short quoted stretch set inside a sentence with no speech cue of its own."""
    words = len(_WORD.findall(mark.text(text)))
    if words > MAX_TERM_WORDS:
        return False
    if cue is None or cue.guessed:
        return True
    before = q - 1
    if before < starts[q]:
        return False
    prev = tokens[before]
    if prev.text in (":", ",") and before - 1 >= starts[q]:
        return not is_reporting_verb(tokens, before - 1) and prev.text != ":"
    return not is_reporting_verb(tokens, before)


def _is_title(quoted: str, cue: Cue | None) -> bool:
    """A title set in capitals with no speech cue of its own (“Crippled America: How to
    Make America Great Again,” “The Late Show With Stephen Colbert”): named, not said."""
    if cue is not None and not cue.guessed:
        return False
    words = _TITLE_WORD.findall(quoted)
    content = [w for w in words if w.lower() not in _TITLE_SMALL]
    if (
        len(content) < 2
        or not words[0][0].isupper()
        or _CONTRACTION.sub("", words[0].lower()) in _SPOKEN_OPENERS
    ):
        return False  # "That’s Jeb Bush and Marco Rubio." is said
    return all(w[0].isupper() or w[0].isdigit() for w in content)


def _is_headline(tokens: list[Token], q: int, starts: list[int]) -> bool:
    """A headline opening its line, with its byline ("—“Met accused of whitewashing
    baby Jesus,” by Post's Kathianne Boniello"): named, not spoken."""
    if q + 2 >= len(tokens) or tokens[q + 1].lower != "by" or not ends_sentence(tokens[q], ","):
        return False
    if q > starts[q] and tokens[q - 1].text not in COMMA_LIKE:
        return False
    after = tokens[q + 2]
    return is_name_word(after) or after.lower == "the"


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
