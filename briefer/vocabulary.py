"""The whole words an index's paragraphs hold: what prefixes, fuzzy words and "did you mean" use.

The text field holds stems ("immigration" is indexed as "immigr"), so
`immigrat*` and `Clinten~` are first matched against whole words, then
searched by their stems. Kept as a Whoosh field, those words cost one posting
per distinct word per file, a third of all the index's postings and a fifth of
its build time; here they are one sorted list per index, in a file beside it.
The list only grows between full rebuilds: a word whose files have all gone
expands to stems that match nothing, and is never suggested (suggestions are
checked against the live index).
"""

from __future__ import annotations

import contextlib
import os
import threading
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from pathlib import Path

from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton

ENCODING = "utf-8"
ERRORS = "surrogatepass"


class Vocabulary:
    """A sorted list of distinct words."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._words = sorted(set(words))

    @classmethod
    def _sorted(cls, words: list[str]) -> Vocabulary:
        made = cls()
        made._words = words
        return made

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        i = bisect_left(self._words, word)
        return i < len(self._words) and self._words[i] == word

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def union(self, words: Iterable[str]) -> Vocabulary:
        new = set(words).difference(self._words)
        return Vocabulary((*self._words, *new)) if new else self

    def starting(self, prefix: str) -> Iterator[str]:
        """The words that start with `prefix`, in order."""
        words = self._words
        for i in range(bisect_left(words, prefix), len(words)):
            if not words[i].startswith(prefix):
                return
            yield words[i]

    def within(self, word: str, distance: int, prefix: int = 0) -> set[str]:
        """The words within `distance` edits of `word` (sharing its first `prefix` letters),
        found by walking a Levenshtein automaton over the sorted list, as Whoosh's
        readers walk their word tables."""
        if distance == 0 or len(word) < prefix:
            return {word} if word in self else set()
        automaton = levenshtein_automaton(word, distance, prefix).to_dfa()
        return set(find_all_matches(automaton, self._first_from))

    def _first_from(self, text: str) -> str | None:
        """The first word at or after `text`, or None past the end."""
        i = bisect_left(self._words, text)
        return self._words[i] if i < len(self._words) else None

    # On disk: one word a line.

    @classmethod
    def read(cls, path: Path) -> Vocabulary | None:
        """The list in `path`, or None when there is none (or it cannot be read)."""
        try:
            data = path.read_bytes().decode(ENCODING, ERRORS)
        except (OSError, UnicodeDecodeError):
            return None
        return cls._sorted(data.split("\n") if data else [])

    def write(self, path: Path) -> None:
        """Replace `path` whole: a reader sees the old list or the new one."""
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            temporary.write_bytes("\n".join(self._words).encode(ENCODING, ERRORS))
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
