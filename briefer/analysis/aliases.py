"""One actor, many names: grouping a document's name mentions into actors.

Rules, in order: the same name (case and full stops aside) is one actor; a
place's forms share its gazetteer name ("U.S.", "US", "United States"); a
plural joins its singular ("Houthis", "Houthi"); an acronym joins the name it
abbreviates ("PIJ", "Palestinian Islamic Jihad"); full names that differ only
in middle names join ("Donald J. Trump", "Donald Trump"); and a lone surname
or first name joins the person introduced with it, the nearest one before it
when several share it, so two Clintons stay two people.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from briefer.analysis.english import ordinary
from briefer.analysis.kinds import affiliation
from briefer.analysis.people import is_family_name, is_given_name
from briefer.analysis.places import initials, lookup

KINDS = ("person", "organization", "group", "place")
STRONG = 2  # votes for "person" that more than a name's shape gives


@dataclass(slots=True)
class Found:
    """A name mention with what was learnt about it where it stands."""

    order: tuple[int, int]  # (paragraph, offset): document order
    start: int  # cleaned offsets of the name in its paragraph
    end: int
    name: str  # the name as written, less a leading "The" or demonym
    votes: Counter[str]  # from around the name
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # other forms written here
    name_votes: Counter[str] = field(default_factory=Counter)  # from the name's own words
    partial: bool = False  # a surname or given name standing for a full name
    fragment: bool = False  # cut from a longer capitalised phrase ("Week" of “This Week”)

    @property
    def key(self) -> str:
        return key_of(self.name)


@dataclass(slots=True)
class Group:
    mentions: list[Found]

    @property
    def votes(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for found in self.mentions:
            total.update(found.votes)
            if not found.partial:  # "Hassan" the city says nothing about Maggie Hassan
                total.update(found.name_votes)
        return total

    def kind(self) -> str:
        """The kind with the most votes; with none, a longer name no rule
        recognised is most often an organisation's ("Freedom of Information
        Act", "Wells Fargo"), and so is a lone dictionary word ("Treasury",
        "Apple"), while any other lone word is most often a surname ("Obama")."""
        votes = self.votes
        best = max(KINDS, key=lambda k: votes[k])
        if votes[best] > 0:
            return best
        if any(" " in f.name for f in self.mentions) or self.common_word:
            return "organization"
        return "person"

    @property
    def common_word(self) -> bool:
        """One dictionary word and no one's name, however it is written here."""
        return all(
            " " not in f.name and ordinary(f.name) and not is_name(f.name) for f in self.mentions
        )

    @property
    def unsupported(self) -> bool:
        """A dictionary word that nothing around it calls a name of anything, and
        that the document does not write alone as a name twice: "Suite 29D",
        "Awards for Excellence", "Week" of ABC’s “This Week”. No actor."""
        if not self.common_word or max(self.votes.values(), default=0) > 0:
            return False
        return sum(not f.fragment for f in self.mentions) < 2

    @property
    def forms(self) -> Counter[str]:
        return Counter(f.name for f in self.mentions)


def is_name(word: str) -> bool:
    return is_given_name(word) or is_family_name(word)


def key_of(name: str) -> str:
    return " ".join(name.replace(".", "").replace("’", "'").lower().split())


def group(found: list[Found]) -> list[Group]:
    groups: dict[str, Group] = {}
    for f in sorted(found, key=lambda f: f.order):
        place = lookup(f.name)
        key = key_of(place.name) if place and place.tier >= 2 else f.key
        groups.setdefault(key, Group([])).mentions.append(f)
    _join_plurals(groups)
    _join_acronyms(groups)
    _join_middle_names(groups)
    _join_partial_names(groups)
    return list(groups.values())


def _move(groups: dict[str, Group], source: str, target: str) -> None:
    groups[target].mentions.extend(groups.pop(source).mentions)
    groups[target].mentions.sort(key=lambda f: f.order)


def _join_plurals(groups: dict[str, Group]) -> None:
    for key in list(groups):
        if key.endswith("s") and key[:-1] in groups and groups[key[:-1]].kind() != "person":
            _move(groups, key, key[:-1])


def _join_acronyms(groups: dict[str, Group]) -> None:
    by_initials: dict[str, list[str]] = {}
    for key, g in groups.items():
        name = g.mentions[0].name
        if len(name.split()) >= 2:
            by_initials.setdefault(initials(name).lower(), []).append(key)
    for key in list(groups):
        name = groups[key].mentions[0].name
        if " " in name or not name.replace(".", "").isupper():
            continue
        targets = [t for t in by_initials.get(key, []) if t in groups and t != key]
        if len(targets) == 1:
            _move(groups, key, targets[0])


def _person_words(key: str) -> list[str]:
    return [w for w in key.split() if len(w) > 1]


def _join_middle_names(groups: dict[str, Group]) -> None:
    by_ends: dict[tuple[str, str], str] = {}
    for key in sorted(groups, key=lambda k: -len(groups[k].mentions)):
        parts = _person_words(key)
        if len(parts) < 2 or groups[key].kind() != "person":
            continue
        ends = (parts[0], parts[-1])
        if ends in by_ends:
            _move(groups, key, by_ends[ends])
        else:
            by_ends[ends] = key


def _surnames(key: str) -> set[str]:
    last = key.split()[-1]
    forms = {last}
    if "-" in last and last.split("-")[0] in {"al", "el", "ad", "as", "ash", "an", "ar", "at"}:
        forms.add(last.split("-", 1)[1])
    return forms


def _join_partial_names(groups: dict[str, Group]) -> None:
    """ "London" to Doug London; the nearest full name before it when several fit."""
    # Only a name with real evidence of a person ("Doug London": a given name, a
    # title, an appositive) takes in lone words; a stray run such as "Sanders
    # Iowa" from a headline must not swallow Iowa.
    people = [
        k
        for k, g in groups.items()
        if len(k.split()) >= 2 and g.kind() == "person" and g.votes["person"] >= STRONG
    ]
    by_part: dict[str, list[str]] = {}
    for key in people:
        first = groups[key].mentions[0].name.split()[0]
        parts = _surnames(key)
        if is_given_name(first) or _unusual_given(first):  # "Hillary", "Reince" alone
            parts.add(key.split()[0])
        for part in parts:
            by_part.setdefault(part, []).append(key)
    for key in list(groups):
        if " " in key or affiliation(groups[key].mentions[0].name):
            continue
        if key not in by_part:
            if key.endswith("s") and key[:-1] in by_part:  # "the Clintons": a family
                for f in groups[key].mentions:
                    f.votes["group"] += 3
            continue
        targets = by_part[key]
        for f in groups.pop(key).mentions:
            target = _nearest(groups, targets, f.order)
            f.partial = True
            groups[target].mentions.append(f)
    for key in people:
        if key in groups:
            groups[key].mentions.sort(key=lambda f: f.order)


def _unusual_given(word: str) -> bool:
    """A first name no list knows ("Reince"): no dictionary word, place or brand
    ("EgyptAir"); but "Washington" in "George Washington" is no given name."""
    return word[1:].islower() and not ordinary(word) and lookup(word) is None


def _nearest(groups: dict[str, Group], targets: list[str], order: tuple[int, int]) -> str:
    def last_before(key: str) -> tuple[int, int]:
        before = [f.order for f in groups[key].mentions if f.order <= order]
        return max(before) if before else (-1, -len(groups[key].mentions))

    return max(targets, key=last_before)


def canonical(g: Group) -> str:
    """The fullest name most often written: "Doug London", "Palestinian Islamic Jihad"."""
    if g.kind() == "place":
        place = next((p for p in (lookup(f.name) for f in g.mentions) if p and p.tier >= 2), None)
        if place:
            return place.name
    forms = g.forms
    most = max(len(_person_words(key_of(f))) for f in forms)
    full = [f for f in forms if len(_person_words(key_of(f))) == most]
    return max(full, key=lambda f: (forms[f], -_first_order(g, f)))


def _first_order(g: Group, name: str) -> int:
    return next(i for i, f in enumerate(g.mentions) if f.name == name)
