"""Ordinary English words, from the `english-words` package (Webster's 2nd, "web2").

A word capitalised only because it opens a sentence ("Look", "Asked",
"Hours") is no name when the dictionary lists it in lowercase. The list keeps
proper nouns capitalised, so "Paul" or "Carson" do not count as ordinary
words; it has no inflections, so we strip the common endings ourselves.
"""

from __future__ import annotations

from briefer.analysis.tables import table
from briefer.analysis.wordlists import words

_ENDINGS = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
)


@table
def _lowercase_words() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"]) if w[:1].islower())


def ordinary(word: str) -> bool:
    """Whether `word` is a dictionary word written in lowercase, perhaps inflected.

    Small function words ("a", "the") are no entries of their own in web2 but
    come from our own list; hyphenated words are ordinary when every part is.
    """
    lower = word.lower()
    if "-" in lower:  # "Three-Way", "Cut-and-Dried"
        return all(ordinary(part) for part in lower.split("-") if part)
    known = _lowercase_words()
    if lower in known or lower in words("function_words"):
        return True
    for ending, replacement in _ENDINGS:
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            stem = lower[: -len(ending)]
            if stem + replacement in known:
                return True
            if replacement == "" and len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in known:
                return True  # "stopped" -> "stop"
    return False
