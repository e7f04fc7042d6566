"""Words and punctuation of a paragraph, with each quoted stretch as a single token.

Attribution cues live in the words around quotes ("London said", "said
Maksad", "according to X"), so the cue finder reads a paragraph as a token
stream in which every quote is one opaque token it can step over.
"""

from __future__ import annotations

import re

from briefer.analysis.marks import Marked

# A period joins word parts ("U.S.", "Ph.D"), but not a capitalised word typed
# without the space after a full stop ("Trump said.Trump claimed").
_TOKEN = re.compile(r"\w+(?:[’'\-&]\w+|\.(?![A-Z][a-z])\w+)*\.?|--+|[^\w\s]")
# Words whose final period belongs to them rather than ending a sentence.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt",
    "adm", "maj", "cmdr", "rev", "st", "mt", "ft", "jr", "sr", "inc", "corp", "co", "ltd",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "vs", "etc", "ave", "blvd", "dept", "gov't", "ala", "ariz", "ark", "calif",
    "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la", "md", "mass",
    "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex",
    "va", "vt", "wash", "wis", "wyo"
})  # fmt: skip
TERMINAL = frozenset(".!?")


class Token:
    """A word, a punctuation mark, or (when `quote` >= 0) a whole quoted stretch.

    The derived facts are computed once: the cue finder asks them of every
    token several times.
    """

    __slots__ = ("capitalised", "end", "is_word", "lower", "quote", "start", "text")

    def __init__(self, text: str, start: int, end: int, quote: int = -1) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.quote = quote
        self.lower = text.lower()
        first = text[0]
        self.is_word = quote < 0 and (first.isalnum() or first == "_")
        self.capitalised = quote < 0 and first.isupper()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end}, {self.quote})"


def _words(text: str, start: int, end: int, out: list[Token]) -> None:
    for match in _TOKEN.finditer(text, start, end):
        word = match.group()
        if len(word) > 1 and word.endswith("."):
            stem = word[:-1]
            # "U.S.", "J.", "Sen.", and party-state tags like "R-Wis."
            last = stem.rsplit("-", 1)[-1].lower().replace("’", "'")
            keep = "." in stem or (len(stem) == 1 and stem.isupper()) or last in ABBREVIATIONS
            if not keep:
                out.append(Token(stem, match.start(), match.end() - 1))
                out.append(Token(".", match.end() - 1, match.end()))
                continue
        out.append(Token(word, match.start(), match.end()))


def tokenize(text: str, quotes: list[Marked]) -> list[Token]:
    """The paragraph's tokens in order; quote number k is `Token(quote=k)`."""
    out: list[Token] = []
    pos = 0
    for k, marked in enumerate(quotes):
        _words(text, pos, marked.start, out)
        out.append(Token(text[marked.start : marked.end], marked.start, marked.end, k))
        pos = marked.end
    _words(text, pos, len(text), out)
    return out
