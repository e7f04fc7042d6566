"""Evidence for what a name is: person, organisation, group or place.

Each candidate name collects weighted votes from what surrounds it and from
its own words; the votes of every mention of one actor are added up before
its kind is decided, so "London said" counts for Doug London.
"""

from __future__ import annotations

import re
from collections import Counter

from briefer.analysis.english import ordinary
from briefer.analysis.names import Run, Token
from briefer.analysis.people import is_given_name
from briefer.analysis.places import COUNTRY, REGION, demonym, language, lookup, weight
from briefer.analysis.wordlists import words

_COMPASS = re.compile(r"(?:North|South|Mid)?(?:east|west)|Mideast", re.IGNORECASE)
# Nouns after a name that make it an armed group's ("Houthi rebels").
_GROUP_FOLLOWERS = {
    "rebels", "militants", "fighters", "insurgents", "militia", "militias", "guerrillas",
    "jihadists", "extremists", "separatists", "loyalists",
}  # fmt: skip
_CAMEL = re.compile(r"[a-z]([A-Z])")
_SURNAME_PREFIXES = {"Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Fitz"}
_DETERMINERS = {"a", "an", "the", "this", "that", "its", "his", "her", "their"}
_STOPS = {",", ".", ";", ":", "(", ")", "—", "–", "!", "?", "“", "”", '"', "who", "which", "that"}
_PLACE_PREPOSITIONS = {"in", "across", "throughout", "near", "outside", "inside", "toward"}
_VERBS_AFTER_THE = {
    "is", "was", "has", "had", "have", "are", "were", "will", "would", "can", "could", "did",
    "does", "said", "says", "told", "announced", "reported",
}  # fmt: skip
# Verbs that put the speaker after them ("..., said Maksad."); "told X" and
# "asked X" take an object instead.
_INVERTED = {
    "said", "says", "added", "adds", "wrote", "writes", "continued", "explained", "noted",
    "argued", "insisted", "recalled", "tweeted", "stated", "declared", "concluded", "cautioned",
}  # fmt: skip


def reporting_verbs() -> frozenset[str]:
    """The quote engine's reporting verbs, imported on first use (the list is read from disk)."""
    from briefer.analysis.lexicon import REPORTING_VERBS

    return REPORTING_VERBS


def name_evidence(words_: list[str]) -> Counter[str]:
    """Votes from the name's own words: heads ("Institute", "Sea"), places, acronyms."""
    votes: Counter[str] = Counter()
    if not words_:
        return votes
    lower = [w.lower().rstrip(".") for w in words_]
    orgs, heads = words("org_words"), words("place_words")
    place = lookup(" ".join(words_))
    if place:
        votes["place"] += weight(place, " ".join(words_))
    elif len(words_) == 1 and _COMPASS.fullmatch(words_[0]):
        votes["place"] += 3  # "Midwest", "Northeast"
    elif _region_of(words_):
        votes["place"] += 2.5  # "Central Asia", "Eastern Europe", "Northern Virginia"
    if (len(lower) > 1 and lower[-1] in orgs) or (
        len(lower) > 2 and lower[0] in orgs and "of" in lower
    ):
        votes["organization"] += 3
    if (len(lower) > 1 and lower[-1] in heads) or (
        len(lower) > 2 and lower[0] in heads and "of" in lower
    ):
        votes["place"] += 3
    if len(lower) == 1 and (lower[0] in orgs or lower[0] == "house") and words_[0][:1].isupper():
        votes["organization"] += 1.5  # "Congress", "Senate"; "the House" is the chamber
    if len(words_) == 1 and _is_acronym(words_[0]) and not place:
        votes["organization"] += 2
    if len(words_) == 1 and _camel(words_[0]):
        votes["organization"] += 2  # "WikiLeaks", "BuzzFeed"; but "McCain", "DeSantis"
    if 2 <= len(words_) <= 4 and all(_plain(w) for w in words_):
        first = lookup(words_[0])
        if (
            not votes
            and is_given_name(words_[0])
            and not (first and first.tier >= REGION)  # "Nevada Democrats"
            and not affiliation(words_[-1])  # "Sikh Americans"
        ):
            votes["person"] += 2  # "Bill Gates", "Doug London"
        elif not votes and (all(ordinary(w) for w in words_) or affiliation(words_[0])):
            votes["organization"] += 1  # "Judicial Watch", "Planned Parenthood", "Latino Decisions"
        elif not votes:
            votes["person"] += 1
    return votes


def _region_of(words_: list[str]) -> bool:
    """A country, state or continent after common words that narrow it down."""
    if len(words_) < 2 or words_[-1].lower() in words("org_words"):
        return False
    for cut in (1, 2):
        place = lookup(" ".join(words_[-cut:])) if len(words_) > cut else None
        if place and place.tier == COUNTRY:
            return all(_narrows(w) for w in words_[:-cut])
    return False


def _narrows(word: str) -> bool:
    """ "Central", "Northern", "Deep": a common word, no one's name, no acronym."""
    return (
        ordinary(word)
        and not is_given_name(word)
        and not word.isupper()
        and word.lower() not in words("org_words")
    )


def affiliation(word: str) -> bool:
    """ "Republican", "Sunni", "Iranians", "Spanish": party, faith, nation or language words."""
    lower = word.lower()
    singular = lower[:-1] if lower.endswith("s") else lower
    if singular in words("affiliations") or language(word):
        return True
    return bool(demonym(word) and not lookup(word))


def _camel(word: str) -> bool:
    """ "WikiLeaks", "BuzzFeed": a brand's inner capital, not "McCain" or "DeSantis"."""
    return any(word[: m.start(1)] not in _SURNAME_PREFIXES for m in _CAMEL.finditer(word))


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _plain(word: str) -> bool:
    """A word that could be part of a personal name."""
    return (word[:1].isupper() and not _is_acronym(word)) or word.lower() in {
        "al",
        "bin",
        "de",
        "van",
    }


def group_follower(token: Token | None) -> bool:
    return token is not None and token.lower in _GROUP_FOLLOWERS


def context_evidence(run: Run, tokens: list[Token]) -> Counter[str]:
    """Votes from around the name: titles, speech, appositives, prepositions."""
    votes: Counter[str] = Counter()
    titles = words("person_titles")
    before = tokens[run.first - 1] if run.first > 0 else None
    before2 = tokens[run.first - 2] if run.first > 1 else None
    after = tokens[run.last + 1] if run.last + 1 < len(tokens) else None
    after2 = tokens[run.last + 2] if run.last + 2 < len(tokens) else None
    possessive = run.text != tokens[run.last].text and tokens[run.last].text.endswith(("’s", "'s"))

    if run.title and any(w.lower().rstrip(".") in titles for w in run.title.split()):
        votes["person"] += 4
    if before is not None and before.lower in titles and not before.cap:
        votes["person"] += 3  # "candidate Trump", "spokeswoman Haley Morris"
    reporting = reporting_verbs()
    if after is not None and not possessive and after.lower in reporting:
        votes["person"] += 1
    if (
        before is not None
        and before.lower in _INVERTED
        and (after is None or after.text in {",", ".", ";"})
    ):
        votes["person"] += 1  # "said Maksad."
    if after is not None and after.text == "," and after2 is not None:
        votes.update(_appositive(tokens, run.last + 2))
    if before is not None and before.lower in _PLACE_PREPOSITIONS and not possessive:
        votes["place"] += 1.5
    if before is not None and before.lower == "on" and len(run.words) == 1 and not possessive:
        votes["organization"] += 1  # "on Twitter", "on CNN": a medium, not a person
    if (
        before is not None
        and before.lower == "of"
        and before2 is not None
        and before2.lower.rstrip("s") in titles
        and before2.lower != "president"
    ):
        votes["organization"] += 2  # "the leader of Lebanese Hezbollah"
    if (
        before is not None
        and before.lower == "the"
        and len(run.words) == 1
        and (after is None or not after.text[:1].isalpha() or after.lower in _VERBS_AFTER_THE)
    ):
        votes["person"] -= 2  # "the Pentagon said": people take no article
        votes["organization"] += 1
    last = tokens[run.last].text
    if last.endswith(("-based", "-born")):
        votes["place"] += 3
    if after is not None and after.lower in _GROUP_FOLLOWERS:
        votes["organization"] += 2  # "Houthi rebels"
    if run.title is None and len(run.words) == 1 and demonym(run.text):
        votes["organization"] += 1  # "Lebanese" before a name is usually an adjective
    return votes


def _appositive(tokens: list[Token], k: int) -> Counter[str]:
    """ ", a former CIA chief of station": the first role noun decides."""
    votes: Counter[str] = Counter()
    first = tokens[k]
    if first.lower == "who":
        votes["person"] += 2
        return votes
    if first.lower == "which":
        votes["organization"] += 0.5
        votes["place"] += 0.5
        return votes
    if first.text.isdigit() and k + 1 < len(tokens) and tokens[k + 1].text == ",":
        votes["person"] += 3  # "Ben Carson, 64,"
        return votes
    head = appositive_head(tokens, k)
    if head == "person":
        votes["person"] += 3
    elif head:
        votes[head] += 3
    return votes


def appositive_head(tokens: list[Token], k: int) -> str | None:
    """The kind an appositive starting at `tokens[k]` describes, if any."""
    first = tokens[k]
    openers = _DETERMINERS | words("person_titles") | {"former", "senior", "then", "longtime"}
    if first.lower not in openers:
        return None
    for t in tokens[k : k + 10]:
        lower = t.lower
        if t.text in _STOPS and t is not first:
            return None
        if lower in words("person_titles") and not t.cap:
            return "person"
        if lower in words("org_nouns"):
            return "organization"
        if lower in words("place_nouns"):
            return "place"
    return None
