"""From the words a cue rests on to the speaker's name.

Filtering a briefing by actor must find that actor's quotes, so a named
speaker takes the name of the actor whose mention covers the cue's words. When
no actor covers them (or the actor engine found none), a surname or "Mr.
Trump" resolves to the longest full name ending in it that the document wrote
earlier, the same rule the actor engine follows. A pronoun takes the most
recent speaker that fits it; a description ("a spokesman") stays as written,
lowercase at a sentence's start as it is inside one ("The president said" is
"the president").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from briefer.analysis.gender import Gender, gender_of
from briefer.analysis.phrases import DETERMINERS, PRONOUNS
from briefer.model import Actor, Document

# Words of rank or office written before a name; never part of the name itself.
TITLES = frozenset({
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "sen",
    "sen.", "senator", "rep", "rep.", "representative", "gov", "gov.", "governor",
    "president", "vice", "secretary", "minister", "chairman", "chairwoman", "chair",
    "speaker", "leader", "judge", "justice", "mayor", "general", "gen", "gen.", "lt", "lt.",
    "col", "col.", "capt", "capt.", "adm", "adm.", "sgt", "sgt.", "rev", "rev.", "father",
    "pope", "king", "queen", "prince", "princess", "sheikh", "ambassador", "director",
    "commissioner", "chief", "attorney", "sheriff", "officer", "deputy", "assistant",
    "former", "acting", "candidate", "nominee", "premier", "chancellor", "lord", "lady",
    "sir", "dame", "professor", "gop", "democrat", "republican", "democratic", "sens.",
    "reps.", "state"
})  # fmt: skip
# Opening words capitalised only because they open a sentence.
_LOWERED = (DETERMINERS | PRONOUNS) - {"i"}
MAX_NAME_WORDS = 4
# Distinct full names kept per surname: a handful in any real document.
MAX_NAMES_PER_SURNAME = 32
# How many named speakers and subjects back a pronoun may reach.
MAX_PRONOUN_REACH = 50
_WORD = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
# Words that make a name an organisation's rather than a person's, when no actor says.
_ORGANISATION_WORDS = frozenset({
    "times", "post", "news", "house", "department", "ministry", "party", "committee",
    "campaign", "council", "institute", "university", "association", "agency", "office",
    "court", "congress", "senate", "foundation", "group", "inc", "corp", "network",
    "journal", "press", "bureau", "administration", "commission", "union", "company"
})  # fmt: skip


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker; `person` and `gender` are None when nothing says."""

    name: str
    person: bool | None
    gender: Gender | None = None


def name_words(text: str) -> list[str]:
    """The words of a written name without its titles or a final possessive."""
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(text)]
    if words and words[-1].lower() in _ORGANISATION_WORDS:
        return words
    k = 0
    for i, word in enumerate(words):
        if word.lower() in TITLES:
            k = i + 1
    rest = words[k:]
    while rest and rest[0].lower() in ("of", "the"):
        rest = rest[2:] if len(rest) > 2 else rest[1:]
    lowered = [w.lower() for w in rest]
    if "of" in lowered[2:]:
        # "Stacy Baker of Columbia" is Stacy Baker; "Bank of America" stays whole,
        # and so does "Federal Bureau of Investigation".
        cut = lowered.index("of", 2)
        if lowered[cut - 1] not in _ORGANISATION_WORDS:
            rest = rest[:cut]
    return rest or words


class Resolver:
    """Resolves speakers in one document, in reading order."""

    def __init__(self, document: Document, actors: tuple[Actor, ...] | list[Actor]) -> None:
        spans = sorted(
            (m.start, m.end, actor)
            for actor in actors
            for m in actor.mentions
            if m.document == document.path
        )
        self._starts = [s for s, _, _ in spans]
        # Each person's name by its lowercase words, and by surname when only one bears it.
        self._people: dict[tuple[str, ...], Actor] = {}
        by_surname: dict[str, list[Actor]] = {}
        for actor in actors:
            words = tuple(actor.name.lower().split())
            if (
                actor.kind == "person"
                and words
                and any(m.document == document.path for m in actor.mentions)
            ):
                self._people[words] = actor
                by_surname.setdefault(words[-1], []).append(actor)
        self._surnames = {k: v[0] for k, v in by_surname.items() if len(v) == 1}
        self._spans = spans
        self._longest = max((e - s for s, e, _ in spans), default=0)
        # By surname: each distinct full name written so far and where it first was.
        self._names: dict[str, dict[tuple[str, ...], int]] = {}
        self._history: list[Speaker] = []

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor whose mention overlaps ``[start, end)``: a person before
        anything else ("Marco Rubio of Florida" is Rubio), else the last one."""
        best = None
        for k in range(bisect_left(self._starts, start - self._longest), len(self._spans)):
            s, e, actor = self._spans[k]
            if s >= end:
                break
            if e > start and (best is None or best.kind != "person" or actor.kind == "person"):
                best = actor
        return best

    def place_before(self, start: int, end: int) -> bool:
        """True when a place's name opens ``[start, end)`` and words go on after it
        ("New Hampshire Republican", "Utah Republican"): the place describes someone."""
        actor = self.actor_at(start, end)
        if actor is None or actor.kind != "place":
            return False
        return all(m.end < end for m in actor.mentions if m.start < end and m.end > start)

    def note_name(self, start: int, text: str) -> None:
        """Remember a full name the document wrote at `start`, for later surnames."""
        words = tuple(name_words(text))
        if 2 <= len(words) <= MAX_NAME_WORDS:
            known = self._names.setdefault(words[-1].lower(), {})
            if len(known) < MAX_NAMES_PER_SURNAME:
                known.setdefault(words, start)

    def full_name(self, text: str, start: int) -> str:
        """The longest earlier name ending in the same words as `text`, else `text` cleaned."""
        words = name_words(text)
        if not words:
            return text
        best: tuple[str, ...] = tuple(words)
        for full, at in self._names.get(words[-1].lower(), {}).items():
            if at > start:
                continue
            tail = [w.lower() for w in full[-len(words) :]]
            if tail == [w.lower() for w in words] and len(full) >= len(best):
                best = full
        return " ".join(best)

    def named(self, text: str, start: int, end: int) -> Speaker:
        """The speaker a name written as `text` at ``[start, end)`` stands for.

        `text` keeps its titles: "Mrs. Clinton" says who she is even where
        the given name does not.
        """
        actor = self.actor_at(start, end) or self._person_named(self.full_name(text, start))
        if actor is not None:
            name, person = actor.name, actor.kind == "person"
        else:
            name = self.full_name(text, start)
            last = name.split()[-1].lower() if name else ""
            person = False if name.isupper() or last in _ORGANISATION_WORDS else None
        written = text.split()[:1]
        gender = gender_of(written[0] if written else "") or gender_of(" ".join(name_words(name)))
        speaker = Speaker(name, person, gender if person is not False else None)
        self._history.append(speaker)
        return speaker

    def _person_named(self, name: str) -> Actor | None:
        """The person the document names whose name ends `name` ("Billionaire Mark
        Cuban" is Mark Cuban); for a lone surname, the only person who bears it."""
        words = [w.lower() for w in name.split()]
        for i in range(len(words) - 1):
            actor = self._people.get(tuple(words[i:]))
            if actor is not None:
                return actor
        return self._surnames.get(words[0]) if len(words) == 1 else None

    def note_subject(self, text: str, start: int, end: int) -> None:
        """Remember the named subject of a sentence as a candidate for later pronouns.

        A lone capitalised word opening a sentence is often no name at all
        ("Notably", "Audit"): it counts only when an actor covers it or it ends
        a full name written earlier ("Mrs. Clinton" is not alone).
        """
        lone = len(text.split()) < 2 and len(self.full_name(text, start).split()) < 2
        if lone and self.actor_at(start, end) is None:
            return
        self.named(text, start, end)

    def pronoun(self, word: str) -> Speaker:
        """The most recent speaker that fits `word`, else the pronoun as written."""
        low = word.lower()
        if low in ("he", "she"):
            unfit = "female" if low == "he" else "male"
            for speaker in reversed(self._history[-MAX_PRONOUN_REACH:]):
                if speaker.person is not False and speaker.gender != unfit:
                    return speaker
        elif low in ("they", "it"):
            for speaker in reversed(self._history[-3:]):
                if speaker.person is False:
                    return speaker
        return Speaker(running_text(word), None)

    def nominal(self, text: str) -> Speaker:
        """A description ("a spokesman for the campaign") names no one: kept as written."""
        return Speaker(running_text(text), None)


def running_text(text: str) -> str:
    """A description or pronoun as it reads mid-sentence: "The president" opening a
    sentence is the same speaker as "the president" inside one ("I" stays)."""
    first, _, rest = text.partition(" ")
    if first[:1].isupper() and first.lower() in _LOWERED and not first[1:].isupper():
        return f"{first.lower()} {rest}" if rest else first.lower()
    return text
