"""People, organisations, groups and places, and the many ways each is written.

The rule engine reads a document twice: first to learn which words it writes
in lowercase and which it capitalises mid-sentence (so "Still" opening a
sentence is no name while "Hamas" is), then to find the capitalised runs,
weigh the evidence for their kinds, and group them into actors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from briefer.analysis.aliases import Found, Group, canonical, group, key_of
from briefer.analysis.english import ordinary
from briefer.analysis.kinds import (
    affiliation,
    appositive_head,
    context_evidence,
    group_follower,
    name_evidence,
    reporting_verbs,
)
from briefer.analysis.names import Run, Token, base, runs, tokenize
from briefer.analysis.people import is_family_name, is_given_name
from briefer.analysis.places import demonym, lookup
from briefer.analysis.roles import roles
from briefer.analysis.wordlists import words
from briefer.model import Actor, Document, Mention, Paragraph


@dataclass(frozen=True)
class _Vocabulary:
    """What the document itself says about its words' case."""

    lowercase: frozenset[str]  # words it writes in lowercase
    capitalised: frozenset[str]  # words it capitalises where position does not force it
    alone: frozenset[str]  # ... and that stand there alone or last ("Bush" in "Jeb Bush")
    acronyms: frozenset[str]  # words it writes in capitals outside capitalised paragraphs

    def known(self, tokens: list[Token], i: int) -> bool:
        """A word capitalised by position is a name if the document or a gazetteer says so."""
        token = tokens[i]
        word = base(token.text)
        lower = word.lower()
        if token.acronym and not token.shouted:
            return True  # "US officials", "WHO": capitals say more than position
        if lower in words("function_words") or lower.rstrip(".") in words("calendar_words"):
            return False
        if lower in self.alone or (lower in self.capitalised and not ordinary(word)):
            return True  # "New" opening "New Hampshire" says nothing of "New focus on ..."
        if _opens_place(tokens, i):
            return True  # "New Hampshire voters ...", "South Carolina’s primary"
        if _opens_office(tokens, i):
            return True  # "Director of National Intelligence James Clapper said ..."
        if token.headline:
            return self._confirmed(tokens, i)
        if lower.endswith("ly"):
            return False  # "Unfortunately, ..."
        if token.shouted:  # "FULL TEXT": only what the document writes so elsewhere
            return lower in self.acronyms or bool(lookup(word))
        place = lookup(word)
        if place and place.tier >= 2:
            return True
        if _introduces(tokens, i):
            return True
        if lower in self.lowercase or lower.rstrip("s") in self.lowercase:
            return False
        return not ordinary(word)

    def _confirmed(self, tokens: list[Token], i: int) -> bool:
        """A word in a Title Case line that the document did not confirm elsewhere:
        a name only if the gazetteer knows it as a region or country, or it is a
        given name and a surname ("Phyllis Schlafly Dies": a surname is a word
        the document capitalises alone, or no dictionary word). "Column
        Explains", "Paid Notice" are no names."""
        word = base(tokens[i].text)
        place = lookup(word)
        if place and place.tier >= 2:
            return True
        before = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if before is not None and before.cap:
            return self._full_name(before.text, word)  # "Amanda Becker" in a byline
        return nxt is not None and nxt.cap and self._full_name(word, nxt.text)

    def _full_name(self, given: str, surname: str) -> bool:
        """ "Phyllis Schlafly", "Ben Blanchard"; but "Ties Hillary" (Faker lists "Ties"):
        a given name that is also a common word needs a surname that is nothing else."""
        given, surname = base(given), base(surname)
        if not is_given_name(given):
            return False
        if ordinary(given) and given.lower() not in self.capitalised:
            return not ordinary(surname) and not is_given_name(surname)
        return surname.lower() in self.alone or not ordinary(surname) or is_family_name(surname)


def _opens_place(tokens: list[Token], i: int) -> bool:
    """Whether the word opens a place name of two or three words the gazetteer knows."""
    for n in (2, 3):
        if i + n > len(tokens) or not all(t.cap for t in tokens[i + 1 : i + n]):
            return False
        place = lookup(
            " ".join([*(t.text for t in tokens[i : i + n - 1]), base(tokens[i + n - 1].text)])
        )
        if place and place.tier >= 2:
            return True
    return False


def _opens_office(tokens: list[Token], i: int) -> bool:
    """A title opening a sentence before a name or "of" and a name: the run's title."""
    token = tokens[i]
    if token.headline or i + 2 >= len(tokens):
        return False  # "Trump Supporter Says ...": a headline's capitals say nothing
    if token.lower.rstrip(".") not in words("person_titles"):
        return False
    nxt = tokens[i + 1]
    if nxt.lower == "of":
        nxt = tokens[i + 2]
    return nxt.cap and not nxt.boundary


def _introduces(tokens: list[Token], i: int) -> bool:
    """ "Bill Clinton, ...", "Young said", "Ames, a city in Iowa": a name, whatever the word."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None:
        return False
    if tokens[i].boundary and nxt.cap and not nxt.boundary and is_given_name(tokens[i].text):
        return True  # "Bill Clinton, ..." opening a sentence (not a Title Case headline)
    if nxt.text == "," and i + 2 < len(tokens) and appositive_head(tokens, i + 2) is not None:
        return True
    # "Young said", but "Critics said" is a plural noun.
    return nxt.lower in reporting_verbs() and not tokens[i].lower.endswith("s")


def _vocabulary(tokenized: list[list[Token]]) -> _Vocabulary:
    lowercase: set[str] = set()
    capitalised: set[str] = set()
    alone: set[str] = set()
    acronyms: set[str] = set()
    for tokens in tokenized:
        for n, t in enumerate(tokens):
            if not t.cap:
                lowercase.add(t.text)
                continue
            if not t.initial:
                capitalised.add(base(t.lower))
                after = tokens[n + 1] if n + 1 < len(tokens) else None
                if not (after and after.cap and after.name):  # alone, or last: "Jeb Bush"
                    alone.add(base(t.lower))
            if not t.shouted and t.acronym:
                acronyms.add(base(t.lower))
    return _Vocabulary(
        frozenset(lowercase), frozenset(capitalised), frozenset(alone), frozenset(acronyms)
    )


def document_vocabulary(document: Document) -> Callable[[str], bool]:
    """Whether a word is a name by what the document capitalises where nothing forces it."""
    vocabulary = _vocabulary([tokenize(p.text) for p in document.paragraphs])
    return lambda word: base(word).lower() in vocabulary.capitalised


def find_actors(document: Document) -> tuple[Actor, ...]:
    tokenized = [tokenize(p.text) for p in document.paragraphs]
    vocabulary = _vocabulary(tokenized)
    per_paragraph = [
        [r for r in runs(p.index, p.text, tokens, vocabulary.known) if not r.work]
        for p, tokens in zip(document.paragraphs, tokenized, strict=True)
    ]
    phrases = {key_of(r.text) for found in per_paragraph for r in found if " of " in r.text}
    found_runs: list[tuple[Paragraph, list[Token], Run]] = [
        (paragraph, tokens, run)
        for paragraph, tokens, found in zip(
            document.paragraphs, tokenized, per_paragraph, strict=True
        )
        for run in _rejoin(paragraph.text, tokens, found, phrases)
    ]
    standalone = {key_of(run.text) for _, _, run in found_runs}
    found = [
        f
        for paragraph, tokens, run in found_runs
        for piece in _pieces(run, standalone)
        if (f := _found(paragraph, tokens, piece, standalone)) is not None
    ]
    paragraphs = document.paragraphs
    kept = (g for g in group(found) if not g.unsupported)
    groups = sorted(kept, key=lambda g: g.mentions[0].order)
    return tuple(_actor(document.path, paragraphs, g) for g in groups)


def _rejoin(text: str, tokens: list[Token], found: list[Run], phrases: set[str]) -> list[Run]:
    """ "Axis" "of" "Resistance" is one name where the document writes it whole elsewhere."""
    if not phrases or len(found) < 2:
        return found
    out = [found[0]]
    for run in found[1:]:
        last = out[-1]
        between = [t.lower for t in tokens[last.last + 1 : run.first]]
        whole = text[last.start : run.end]
        if between in (["of"], ["of", "the"]) and key_of(whole) in phrases:
            out[-1] = Run(
                last.paragraph, last.first, run.last, last.start, run.end, whole, last.title
            )
        else:
            out.append(run)
    return out


def _pieces(run: Run, standalone: set[str]) -> list[Run]:
    """ "Israel-Hamas" names two actors when either part is a name on its own."""
    if " " in run.text or "-" not in run.text:
        return [run]
    parts = run.text.split("-")
    if not all(p[:1].isupper() for p in parts):
        return [run]
    if not any(key_of(p) in standalone or lookup(p) for p in parts):
        return [run]
    pieces = []
    offset = run.start
    for part in parts:
        pieces.append(Run(run.paragraph, run.first, run.last, offset, offset + len(part), part))
        offset += len(part) + 1
    return pieces


def _found(
    paragraph: Paragraph, tokens: list[Token], run: Run, standalone: set[str]
) -> Found | None:
    """The mention a run makes, or None when it names no actor ("Republican")."""
    text = paragraph.text
    name, start = run.text, run.start
    parts = name.split()
    aliases: list[str] = []
    lower = parts[0].lower()
    if all(base(p).lower() in words("function_words") for p in parts) and not lookup(name):
        return None  # "The" of a title split apart, "This" of "This Week"; but "US"
    if run.title is None and all(affiliation(p) for p in parts):
        if not parts[-1].endswith("s"):
            return None  # "Iranian proxies", "Sunni Muslim groups": adjectives
        return Found((paragraph.index, start), start, run.end, name, Counter({"group": 3}))
    votes: Counter[str] = Counter()
    if len(parts) >= 2 and parts[0] == "The":
        aliases.append(name)  # "The Daily Beast", listed as written
        name = " ".join(parts[1:])
        votes["organization"] += 3  # "told The Daily Beast": a title, a paper
    elif len(parts) >= 2 and (demonym(parts[0]) or lower in words("affiliations")):
        rest = " ".join(parts[1:])
        generic = " " not in rest and ordinary(rest)  # "Republican Party" is no "Party"
        if key_of(rest) in standalone and not lookup(name) and not generic:
            aliases.append(name)  # "Lebanese Hezbollah" is Hezbollah
            name = rest
            start = run.start + len(run.text) - len(rest)
    votes.update(context_evidence(run, tokens))
    after = tokens[run.last + 1] if run.last + 1 < len(tokens) else None
    if group_follower(after):
        aliases.append(f"{name} {after.text}")  # "Houthi rebels"
    return Found(
        (paragraph.index, start),
        start,
        run.end,
        name,
        votes,
        roles(run, text, tokens),
        aliases,
        name_votes=name_evidence(name.split()),
        fragment=_fragment(tokens, run),
    )


_GLUE = {"the", "of", "&"}


def _fragment(tokens: list[Token], run: Run) -> bool:
    """Whether a capitalised word stands right beside the run, or across "the"
    or "of" from it ("This Week", "Meet the Press"): a piece of a longer title."""
    for step, edge in ((-1, run.first), (1, run.last)):
        k = edge + step
        if 0 <= k < len(tokens) and tokens[k].lower in _GLUE:
            k += step
        beside = 0 <= k < len(tokens) and tokens[k].cap and not tokens[k].boundary
        if beside and (step == 1 or not tokens[edge].boundary):
            return True
    return False


def _actor(path: str, paragraphs: tuple[Paragraph, ...], g: Group) -> Actor:
    name = canonical(g)
    aliases: list[str] = []
    roles_: list[str] = []
    mentions: list[Mention] = []
    for f in g.mentions:
        paragraph = paragraphs[f.order[0]]
        for form in [f.name, *f.aliases]:
            if form != name and form not in aliases:
                aliases.append(form)
        for role in f.roles:
            if role not in roles_:
                roles_.append(role)
        start, end = paragraph.source_span(f.start, f.end)
        mentions.append(Mention(path, start, end, paragraph.text[f.start : f.end], paragraph.index))
    return Actor(name, g.kind(), tuple(aliases), tuple(roles_), tuple(mentions))  # type: ignore[arg-type]
