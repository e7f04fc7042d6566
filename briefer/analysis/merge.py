"""Actors across documents, and speakers the actor rules missed.

Within one document the actor engine decides who is who; across documents
the same full name is the same actor ("Donald J. Trump" and "Donald Trump"
too), an acronym or surname written alone in one article joins the one actor
that another article introduced with it, and each actor's kind is the one
most of its mentions were given.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from briefer.analysis.actors import document_vocabulary
from briefer.analysis.aliases import key_of
from briefer.analysis.kinds import affiliation
from briefer.analysis.places import lookup
from briefer.analysis.wordlists import words
from briefer.model import ACTOR_KINDS, Actor, Document, Mention, Mentions, Paragraph, Quote


def speakers_as_actors(
    document: Document, quotes: Sequence[Quote], actors: tuple[Actor, ...]
) -> tuple[Actor, ...]:
    """Every named speaker is an actor: one who speaks is a person or an organisation."""
    names = {a.name for a in actors}
    added: dict[str, list[Mention]] = {}
    known: Callable[[str], bool] | None = None
    for quote in quotes:
        speaker = quote.speaker
        if not speaker or speaker in names or not looks_like_name(speaker):
            continue
        if " " not in speaker:  # "Prosecutors said": a name only if the document says so
            known = known or document_vocabulary(document)
            if not known(speaker):
                continue
        if quote.speaker_start is None or quote.speaker_end is None:
            added.setdefault(speaker, [])
            continue
        paragraph = document.paragraphs[quote.paragraph]
        text = _clean_slice(paragraph, quote.speaker_start, quote.speaker_end) or speaker
        mention = Mention(
            document.path, quote.speaker_start, quote.speaker_end, text, quote.paragraph
        )
        added.setdefault(speaker, []).append(mention)
    extra = tuple(
        Actor(name, _speaker_kind(name), (), (), tuple(dict.fromkeys(mentions)))
        for name, mentions in added.items()
    )
    return actors + extra


def looks_like_name(text: str) -> bool:
    """ "Doug London", "CIA"; not "The president", "It", "Republican" or "O’Malley’s move"."""
    parts = text.split()
    if not parts or any(not p[:1].isupper() and p.lower() not in _PARTICLES for p in parts):
        return False
    first = parts[0].lower().rstrip(".")
    if first in words("function_words") or first in words("person_titles"):
        return False
    if any(p.endswith(("’s", "'s")) for p in parts):
        return False
    return not all(affiliation(p) for p in parts)


_PARTICLES = {"al", "bin", "ibn", "de", "del", "da", "di", "du", "van", "von", "der", "la", "le"}


def _clean_slice(paragraph: Paragraph, start: int, end: int) -> str:
    """The paragraph's text at source offsets ``[start, end)``."""
    text = paragraph.text
    first = next((i for i in range(len(text)) if paragraph.source_offset(i) == start), None)
    if first is None:
        return ""
    last = next(
        (j for j in range(first + 1, len(text) + 1) if paragraph.source_end(j) == end), None
    )
    return text[first:last] if last is not None else ""


def _speaker_kind(name: str) -> str:
    last = name.split()[-1]
    if last.lower() in words("org_words") or (last.isupper() and len(last) > 1):
        return "organization"
    return "person"


def _person_key(actor: Actor) -> str:
    """First and last word of a person's name: middle names and initials aside."""
    parts = [p for p in key_of(actor.name).split() if len(p) > 1]
    return f"{parts[0]} {parts[-1]}" if actor.kind == "person" and len(parts) >= 2 else ""


def merge_key(actor: Actor) -> str:
    """Actors with the same key are one actor across documents."""
    return _person_key(actor) or key_of(actor.name)


Ref = tuple[Hashable, int]
"""A document's actor: the document (however the caller names it) and the actor's number in
its analysis."""


@dataclass(frozen=True)
class Merged:
    """Quotes and actors across documents, and what each actor is made of.

    `parts[i]` lists the documents' actors whose mentions, in that order, are
    the mentions of `actors[i]`; `renamed` maps the speakers the documents
    named to the actors they became. With the documents' own analyses, these
    rebuild the briefing's actors and quotes without merging again.
    """

    quotes: tuple[Quote, ...]
    actors: tuple[Actor, ...]
    parts: tuple[tuple[Ref, ...], ...]
    renamed: dict[str, str]


def merge_actors(
    actors: Iterable[Actor], quotes: Sequence[Quote]
) -> tuple[tuple[Quote, ...], tuple[Actor, ...]]:
    """One actor per name across documents, quote speakers renamed to match."""
    merged = merge_members((((0, i), merge_key(a), a) for i, a in enumerate(actors)), quotes)
    return merged.quotes, merged.actors


def merge_members(
    members: Iterable[tuple[Ref, str, Actor]],
    quotes: Sequence[Quote],
    known: Mapping[tuple[Ref, ...], Actor] | None = None,
) -> Merged:
    """`merge_actors` for actors whose keys are known, keeping track of who went where.

    `known` holds actors merged before, by their parts: a group made of exactly
    those parts is that actor again (merging is a function of the parts), and
    so is an actor with lone names joined to it, so an update merges only the
    actors its edited documents touch.
    """
    known = known or {}
    groups: dict[str, list[Actor]] = {}
    parts: dict[str, list[Ref]] = {}
    for ref, key, actor in members:
        group = groups.get(key)
        if group is None:
            groups[key], parts[key] = [actor], [ref]
        else:
            group.append(actor)
            parts[key].append(ref)
    merged = {
        key: group[0] if len(group) == 1 else known.get(tuple(parts[key])) or _merge(group)
        for key, group in groups.items()
    }
    renamed = {a.name: m.name for key, m in merged.items() for a in groups[key]}
    lones: dict[str, list[str]] = {}
    for key, target in _lone_names(merged).items():
        lones.setdefault(target, []).append(key)
    for target, keys in lones.items():
        whole = parts[target] + [ref for key in keys for ref in parts[key]]
        joined = known.get(tuple(whole))
        if joined is None:
            joined = merged[target]
            for key in keys:  # a lone word joins a longer name, which stays the name
                joined = _merge([joined, merged[key]])
        merged[target], parts[target] = joined, whole
        for key in keys:
            del merged[key], parts[key]
            for a in groups[key]:
                renamed[a.name] = joined.name
    renamed = {old: new for old, new in renamed.items() if old != new}
    if renamed:
        quotes = [
            replace(q, speaker=renamed[q.speaker]) if q.speaker in renamed else q for q in quotes
        ]
    return Merged(
        tuple(quotes), tuple(merged.values()), tuple(tuple(p) for p in parts.values()), renamed
    )


def _lone_names(merged: dict[str, Actor]) -> dict[str, str]:
    """Single words that one multi-word actor elsewhere goes by: a person's
    surname ("Trump"), an organisation's acronym ("PIJ"); never a common word
    such as "Senate" that one article folded into "Senate Democrats"."""
    owners: dict[str, set[str]] = {}
    for key, actor in merged.items():
        if " " not in actor.name:
            continue
        for alias in actor.aliases:
            if " " not in alias:
                owners.setdefault(key_of(alias), set()).add(key)
    joins: dict[str, str] = {}
    for key, actor in merged.items():
        targets = owners.get(key, set())
        if " " in actor.name or not targets:
            continue
        owner = _dominant(merged, targets)
        if owner is None:
            continue
        target = merged[owner]
        acronym = actor.name.replace(".", "").isupper()
        if target.kind == "person":
            # "Sanders" typed otherwise in one article is still Bernie Sanders,
            # but "Washington" the place never becomes George Washington.
            if actor.kind == "person" or (actor.kind != "group" and lookup(actor.name) is None):
                joins[key] = owner
        elif acronym and actor.kind != "person" and len(targets) == 1:  # "PIJ"
            joins[key] = owner
    return joins


DOMINANCE = 5  # how many times more mentions the usual bearer of a surname must have


def _dominant(merged: dict[str, Actor], targets: set[str]) -> str | None:
    """The one owner of a name, or the one who has it by far the most often.

    A lone "Clinton" in a briefing where Hillary Clinton has 3,700 mentions and
    Bill Clinton 500 is Hillary; a lone "Bush" between Jeb and George W. Bush,
    mentioned about as often, stays a name of its own.
    """
    ranked = sorted(targets, key=lambda k: -len(merged[k].mentions))
    if len(ranked) == 1:
        return ranked[0]
    first = len(merged[ranked[0]].mentions)
    rest = sum(len(merged[k].mentions) for k in ranked[1:])
    return ranked[0] if first >= DOMINANCE * rest else None


def _merge(group: list[Actor]) -> Actor:
    if len(group) == 1:
        return group[0]
    names: dict[str, int] = {}  # each name counts once per mention (once if none)
    kinds: dict[str, int] = {}
    for a in group:
        weight = len(a.mentions) or 1
        names[a.name] = names.get(a.name, 0) + weight
        kinds[a.kind] = kinds.get(a.kind, 0) + weight
    name = max(names, key=lambda n: (len(n.split()) > 1, names[n]))
    kind = max(ACTOR_KINDS, key=lambda k: kinds.get(k, 0))
    aliases = [n for a in group for n in (a.name, *a.aliases) if n != name]
    roles = [r for a in group for r in a.roles]
    mentions = Mentions.joined(a.mentions for a in group)
    return Actor(
        name,
        kind,
        tuple(dict.fromkeys(aliases)),
        tuple(dict.fromkeys(roles)),
        mentions,
    )
