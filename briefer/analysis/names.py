"""Candidate names: capitalised runs of words in a paragraph, with their connectors.

A run is what a reader would underline as one name: "Palestinian Islamic
Jihad", "Saleh al-Arouri", "Bank of America", "George W. Bush". Titles in
front ("Iranian President", "Sen.") are split off and kept as the role they
are. Whether a word capitalised only because it opens a sentence is a name at
all ("Still", "Later") needs the whole document, so the caller decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from briefer.analysis.english import ordinary
from briefer.analysis.people import is_family_name, is_given_name
from briefer.analysis.places import COUNTRY, demonym, lookup, state_abbreviation
from briefer.analysis.wordlists import words

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w’'\-]*[^\W_])?|\d+(?:[.,:]\d+)*\w*|\S")
_ENDS_SENTENCE = {".", "!", "?", ":", ";", "…"}
_OPENS = {"“", '"', "‘", "(", "[", "'", "«"}
_OPENS_ANY = _OPENS | {"”", "’"}  # a closing mark can open a quote too
_QUOTES = {"“", "”", '"', "‘", "’", "'", "«", "»"}
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "adm",
    "maj", "rev", "st", "mt", "ft", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "prof",
    "sens", "reps",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
# Lowercase words that join the capitalised parts of one name.
_PARTICLES = {
    "al", "el", "bin", "ibn", "abu", "bint", "de", "del", "della", "der", "den", "di", "da",
    "du", "dos", "das", "van", "von", "la", "le", "ter", "ten", "y", "&",
}  # fmt: skip
_ARABIC_ARTICLE = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az|ul|bin|abu)-[A-Z]")
_PREFIX = re.compile(r"(?:anti|pro|ex|non|post|pre|neo|pan|then|un)-(?=[A-Z])")
# Function words that open a name mid-sentence ("The Daily Beast", "First Amendment").
_NAME_OPENERS = {"the", "first", "second", "third", "fourth", "fifth"}
_HONORIFIC = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "sens", "reps"}
_PARTY = re.compile(r"[RDI]-[A-Z]")
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_POSSESSIVE = ("’s", "'s")


class Token:
    """A word or a punctuation mark, with what name-finding asks of it precomputed."""

    __slots__ = (
        "boundary", "cap", "end", "headline", "initial", "lower", "name", "shouted", "start",
        "text",
    )  # fmt: skip

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.lower = text.lower()
        first = text[:1]
        self.cap = first.isupper()
        # Could be (part of) a name: capitalised, or "al-Arouri".
        self.name = (self.cap and text != "I") or (
            first.islower() and bool(_ARABIC_ARTICLE.match(text))
        )
        self.initial = False  # capitalised by position (sentence, quote, headline): uninformative
        self.boundary = False  # opens a sentence, so no name runs across it
        self.shouted = False  # in a paragraph written in capitals
        self.headline = False  # in a Title Case or capitals line, where no capital says anything

    @property
    def acronym(self) -> bool:
        letters = self.text.replace(".", "").replace("&", "")
        return len(letters) >= 2 and letters.isalpha() and letters.isupper()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


@dataclass(slots=True)
class Run:
    """One candidate name in one paragraph; `first`/`last` index the paragraph's tokens."""

    paragraph: int
    first: int
    last: int
    start: int  # offsets in the cleaned paragraph text
    end: int
    text: str
    title: str | None = None  # a title written right before it ("Iranian President")
    work: bool = False  # the title of a book, film or show

    @property
    def words(self) -> list[str]:
        return self.text.split()


def tokenize(text: str) -> list[Token]:
    tokens = [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    shouting = _is_shouting(tokens)
    headline = shouting or _is_headline(tokens)
    functions = _functions()
    real = -1  # the last token that is no opening mark
    for n, token in enumerate(tokens):
        # What precedes the token, past any opening marks ("said, “Well").
        k = real
        if k >= 0 and tokens[k + 1].text not in _OPENS:
            k = n - 1  # "”" closes a quote, except at the start of a paragraph
        if token.text not in _OPENS_ANY:
            real = n
        opened = k < n - 1
        before = tokens[k] if k >= 0 else None
        if before is None:
            token.boundary = True
        elif before.text in _ENDS_SENTENCE:
            earlier = tokens[k - 1] if k >= 1 else None
            token.boundary = not (
                before.text == "."
                and not opened
                and earlier is not None
                and (earlier.lower in _ABBREVIATIONS or (len(earlier.text) == 1 and earlier.cap))
            )
        elif opened:
            token.boundary = before.text in {",", "—", "–", "("}
        elif before.text.endswith(".") and before.acronym and token.lower in functions:
            token.boundary = True  # "... the U.S. The next day"
        nxt = tokens[n + 1] if n + 1 < len(tokens) else None
        # "It", "The", "I’m" are capitalised by position wherever they stand
        # ("WASHINGTON (AP) — The latest"); "The" before a name is part of it.
        after_dash = n > 0 and tokens[n - 1].text in {"—", "–", "-"}  # "(AP) — The ..."
        function = (
            token.cap
            and not token.acronym
            and base(token.lower) in functions
            and not (
                token.lower in _NAME_OPENERS
                and not token.boundary
                and not after_dash
                and nxt is not None
                and nxt.cap
            )
        )
        token.initial = headline or token.boundary or function
        token.shouted = shouting
        token.headline = headline
    return tokens


_CONTRACTION = re.compile(r"[’'](?:s|m|re|ve|ll|d)$|n[’']t$", re.IGNORECASE)


def base(word: str) -> str:
    """The word less a possessive or contraction: "Iran’s" -> "Iran", "I’m" -> "I"."""
    return _CONTRACTION.sub("", word) or word


def _is_shouting(tokens: list[Token]) -> bool:
    """A paragraph in capitals ("FULL TEXT.", "ABSTRACT"): its words may be no acronyms."""
    alpha = [t for t in tokens if t.text[:1].isalpha()]
    return (bool(alpha) and all(t.text.isupper() for t in alpha) and len(alpha) <= 3) or (
        len(alpha) > 3 and sum(t.text.isupper() for t in alpha) >= 0.8 * len(alpha)
    )


def _functions() -> frozenset[str]:
    return words("function_words")


def _is_headline(tokens: list[Token]) -> bool:
    """Title Case: capitals there say nothing about names.

    Styles differ on short words ("in", "With"), so only words of four letters
    or more are counted, and at most one of five may be lowercase. Capitals on
    names alone make no headline: "Iowa: Tim Albrecht, Brad Anderson, ..." or
    "Laura Cavanaugh via Getty Images." is a list or a credit whose names still
    count, so at least two of the capitalised words must be common words.
    """
    long = [t for t in tokens if len(t.text) >= 4 and t.text[:1].isalpha()]
    lowercase = sum(not t.cap for t in long)
    if len(long) < 4 or lowercase > min(1, len(long) // 5):
        return False
    common = (
        t
        for k, t in enumerate(tokens)
        if len(t.text) >= 4 and t.cap and not t.acronym and _common(tokens, k)
    )
    return next(common, None) is not None and next(common, None) is not None


def _common(tokens: list[Token], k: int) -> bool:
    """A common word capitalised: no name, and no surname after a given name ("Andrew Diss")."""
    word = base(tokens[k].text)
    if not ordinary(word) or is_given_name(word) or is_family_name(word):
        return False
    return k == 0 or not (tokens[k - 1].cap and is_given_name(tokens[k - 1].text))


def _name_like(token: Token) -> bool:
    return token.name


def _joins(tokens: list[Token], i: int, run: list[Token]) -> bool:
    """Whether lowercase `tokens[i]` joins the run so far with the name after it."""
    token = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or not run:
        return False
    following = nxt
    if token.lower == "of" and nxt.lower == "the" and i + 2 < len(tokens):
        following = tokens[i + 2]
    if not _name_like(following) or following.boundary:
        return False
    if token.lower in _PARTICLES:
        return token.lower != "&" or run[-1].cap
    heads = words("org_words") | words("place_words")
    last = run[-1].lower.rstrip(".")
    if token.lower == "the" and run[-1].lower == "of":
        return _joins(tokens, i - 1, run[:-1])  # "Department of the Treasury"
    if token.lower == "of":
        # "Bank of America"; but "Bernie Sanders of Vermont", "Fans of Bradley Cooper".
        # "Church of Jesus Christ of ..."; but "Senate Minority Whip Richard J. Durbin of Illinois"
        titled = any(_is_title(t) for t in run)
        headed = last in heads or (run[0].lower in heads and not titled)
        single = len(run) == 1 and not run[0].initial
        if following is not nxt and last in words("person_titles"):
            return False  # "President of the United States": an office, then a place
        if single and (run[0].lower.endswith("s") or following is not nxt):
            # "the Axis of Resistance", "the Person of the Year"; but "Heiserman of the ..."
            people = run[0].lower[:-1] in words("affiliations") or demonym(run[0].text)
            single = not people and _named_phrase(tokens, i - len(run))
        if following is not nxt:
            return headed or single
        return single or headed or last in words("person_titles")
    if token.lower == "and":
        return _and_joins(tokens, i, run)
    if token.lower == "for":  # "Center for American Progress"; not "... for The Associated Press"
        return last in words("org_words") and nxt.lower != "the"
    return False


def _and_joins(tokens: list[Token], i: int, run: list[Token]) -> bool:
    """ "House Ways and Means Committee", "Department of Health and Human Services": an
    organisation's name runs on over "and" from a common word to its head word; but
    "Trump and Clinton", "House and Senate", "MSNBC and Fox News" name two actors."""
    before = run[-1]
    heads = words("org_words") | words("place_words")
    if before.acronym or base(before.lower) in heads or not _common(run, len(run) - 1):
        return False  # a name before "and" ("Grunwald", "Nevada") ends there
    k = i + 1
    while k < len(tokens) and tokens[k].cap and not tokens[k].boundary:
        k += 1
    return k > i + 2 and base(tokens[k - 1].lower) in words("org_words")


# Words after which a capitalised phrase is set apart as a name.
_NAMING = {"the", "this", "that", "its", "their", "so-called", "dubbed", "called", "named"}


def _named_phrase(tokens: list[Token], first: int) -> bool:
    """ "the “Axis of Resistance”", "this Axis of Resistance": a phrase that a
    determiner or quotation marks set apart as one name, so a plural first
    word ("Axis", "Friends") does not stop it at "of"."""
    k = first - 1
    quoted = k >= 0 and tokens[k].text in _OPENS
    while k >= 0 and tokens[k].text in _OPENS:
        k -= 1
    return quoted or (k >= 0 and tokens[k].lower in _NAMING)


Known = Callable[[list[Token], int], bool]
"""Whether ``tokens[i]``, capitalised only by its position, is a name all the same."""


def runs(paragraph: int, text: str, tokens: list[Token], known: Known) -> list[Run]:
    """Every capitalised run in the paragraph, titles split off, dates and works dropped."""
    found: list[Run] = []
    i = 0
    n = len(tokens)
    while i < n:
        token = tokens[i]
        if _PARTY.match(token.text) or _handle(tokens, i):
            i += 1  # "(R-Calif.)", "@HillaryClinton", "#NeverTrump": not names as written
            continue
        prefix = _PREFIX.match(token.text)
        if prefix and not token.cap and not _is_title(Token(token.text[prefix.end() :], 0, 0)):
            found.append(_single(paragraph, token, token.start + prefix.end(), token.end, i))
            i += 1
            continue
        if not _name_like(token):
            i += 1
            continue
        run: list[Token] = []
        indices: list[int] = []
        j = i
        while j < n:
            t = tokens[j]
            if _name_like(t) and (not run or not t.boundary):
                run.append(t)
                indices.append(j)
                if t.text.endswith(_POSSESSIVE) or _lower_tail(t.text):
                    j += 1
                    break
                if j + 1 < n and tokens[j + 1].text == "." and _abbreviated(t, tokens, j):
                    run.append(tokens[j + 1])
                    indices.append(j + 1)
                    j += 2
                    continue
                j += 1
            elif (not t.cap and t.text[:1].isalpha()) or t.text == "&":
                if not _joins(tokens, j, run):
                    break
                run.append(t)
                indices.append(j)
                j += 1
            else:
                break
        while run and not _name_like(run[-1]) and run[-1].text != ".":
            run.pop()
            indices.pop()
        if run:
            found.extend(_split(paragraph, text, tokens, run, indices, known))
        i = max(j, i + 1)
    _mark_works(found, tokens)
    found = [_office(r, text, tokens) for r in found]
    return [r for r in found if r is not None and len(r.text.replace(".", "").replace(" ", "")) > 1]


def _office(run: Run, text: str, tokens: list[Token]) -> Run | None:
    """ "secretary of State Hillary Clinton": the office's words are no part of the name.

    Days are dropped here too ("Labor Day", "Election Day", "New Year’s Eve").
    """
    last = run.text.split()[-1].lower()
    if last in {"day", "eve"} or run.text == "New Year":
        return None
    k = run.first - 1
    if k < 1 or tokens[k].lower != "of" or not _is_title(tokens[k - 1]) or run.title:
        return run
    names = [i for i in range(run.first, run.last + 1) if tokens[i].name]
    first = 0
    while first < len(names) and ordinary(tokens[names[first]].text):
        first += 1
    if first == len(names) and len(names) <= 2:
        return None  # "secretary of State", "secretary of Homeland Security"
    if first == 0 or len(names) - first < 2:
        return run
    start = tokens[names[first]].start
    office_end = tokens[names[first - 1]].end
    title = text[tokens[k - 1].start : office_end]
    return Run(run.paragraph, names[first], run.last, start, run.end, text[start : run.end], title)


def _handle(tokens: list[Token], i: int) -> bool:
    before = tokens[i - 1] if i > 0 else None
    return before is not None and before.text in {"@", "#"} and before.end == tokens[i].start


def _abbreviated(token: Token, tokens: list[Token], j: int) -> bool:
    """ "J." in "Donald J. Trump", "Sen." or "Jr." followed by more of the name."""
    after = tokens[j + 2] if j + 2 < len(tokens) else None
    if token.lower.rstrip(".") in _SUFFIXES or state_abbreviation(token.text + "."):
        return True
    short = len(token.text) == 1 or token.lower in _ABBREVIATIONS
    return short and after is not None and _name_like(after)


def _lower_tail(text: str) -> bool:
    """ "Iran-backed", "Editor-in-Chief": a name glued to an ordinary word ends the run;
    a particle inside a name does not ("Mar-a-Lago", "Stratford-upon-Avon")."""
    return _tail_from(text.split("-")) is not None


_INNER = _PARTICLES | {"a", "upon", "sur", "en", "les"}


def _tail_from(parts: list[str]) -> int | None:
    """The index of the first hyphenated part that is an ordinary word, if any."""
    for k, part in enumerate(parts[1:], 1):
        inner = k + 1 < len(parts) and part in _INNER and parts[k + 1][:1].isupper()
        if part[:1].islower() and not inner:
            return k
    return None


def _single(paragraph: int, token: Token, start: int, end: int, index: int) -> Run:
    return Run(paragraph, index, index, start, end, token.text[start - token.start :])


def _span(paragraph: int, text: str, toks: list[Token], idx: list[int]) -> Run:
    start, end = toks[0].start, toks[-1].end
    last = toks[-1].text
    if last.endswith(_POSSESSIVE):
        end -= 2
    elif _lower_tail(last):
        parts = last.split("-")
        end = toks[-1].start + len("-".join(parts[: _tail_from(parts)]))
    return Run(paragraph, idx[0], idx[-1], start, end, text[start:end])


def _is_title(token: Token) -> bool:
    return token.lower.rstrip(".") in words("person_titles")


def _split(
    paragraph: int,
    text: str,
    tokens: list[Token],
    run: list[Token],
    indices: list[int],
    known: Known,
) -> list[Run]:
    """Split a run at dates and at words capitalised only by position."""
    calendar = words("calendar_words")
    affiliations = words("affiliations")
    headed = base(run[-1].lower).split("-")[0] in words("org_words")  # "Islamic State’s"
    pieces: list[tuple[list[Token], list[int]]] = [([], [])]
    for k, t in enumerate(run):
        word = base(t.text).lower().rstrip(".")
        # A month after a name may be a surname ("Theresa May"); a weekday never is.
        surname = (
            k > 0
            and not run[k - 1].initial
            and not _is_title(run[k - 1])
            and not word.endswith("day")
            and t.text[-1] != "."
        )
        is_date = word in calendar and not surname
        unknown = t.initial and _name_like(t) and not known(tokens, indices[k])
        # "the Kentucky Republican": a party or faith word is no part of a name,
        # unless the name is the party's ("Democratic Party").
        unknown = unknown or (
            t.lower in affiliations and len(run) > 1 and not headed and not _adjective(run, k)
        )
        if is_date and len(pieces[-1][0]) == 1 and ordinary(pieces[-1][0][0].text):
            pieces[-1] = ([], [])  # "Super Tuesday", "Black Friday": days, not actors
        if is_date or unknown or (t.text == "." and not pieces[-1][0]):
            pieces.append(([], []))
            continue
        pieces[-1][0].append(t)
        pieces[-1][1].append(indices[k])
    out: list[Run] = []
    for toks, idx in pieces:
        while toks and not _name_like(toks[-1]) and toks[-1].text != ".":
            toks, idx = toks[:-1], idx[:-1]
        while toks and not _name_like(toks[0]):
            toks, idx = toks[1:], idx[1:]
        if toks:
            out.extend(_titled(paragraph, text, toks, idx))
    return out


_COMPASS_ADJECTIVES = {"eastern", "western", "northern", "southern"}


def _adjective(run: list[Token], k: int) -> bool:
    """ "Latino Decisions", "Catholic Charities", "Eastern Europe": a party, faith or
    compass word opening a name whose next word is a common noun or a country; before
    a name ("Republican Donald Trump") it is no part of it."""
    if k == 0 and run[0].lower in _COMPASS_ADJECTIVES:
        place = lookup(" ".join(base(t.text) for t in run[1:]))
        return place is not None and place.tier == COUNTRY  # "Eastern Europe"
    nxt = run[k + 1] if k == 0 and len(run) == 2 else None
    return nxt is not None and nxt.text.endswith("s") and _common(run, 1)


def _titled(paragraph: int, text: str, toks: list[Token], idx: list[int]) -> list[Run]:
    """ "Iranian President Ebrahim Raisi" -> the run "Ebrahim Raisi" with its title."""
    heads = words("org_words") | words("place_words")
    # The title is the last title word with a name after it: in "Rep. Steve
    # King" King is the name; "Mr." takes whatever follows ("Mr. King"); a run
    # of titles alone ("Vice President") names an office, not an actor.
    names_after = [False] * (len(toks) + 1)
    for k in range(len(toks) - 1, -1, -1):
        names_after[k] = names_after[k + 1] or (toks[k].name and not _is_title(toks[k]))
    last_title = max(
        (
            k
            for k, t in enumerate(toks)
            if _is_title(t)
            and k + 1 < len(toks)
            and toks[k + 1].lower not in heads
            and (
                names_after[k + 1]
                # "Mr. King" is a name, "Mr. President" an office.
                or (
                    t.lower.rstrip(".") in _HONORIFIC
                    and any(is_family_name(x.text) for x in toks[k + 1 :])
                )
            )
        ),
        default=-1,
    )
    if last_title < 0:
        if any(_is_title(t) for t in toks) and not any(names_after):
            return []
        return [_span(paragraph, text, toks, idx)]
    name_from = last_title + 1
    while name_from < len(toks) and toks[name_from].text == ".":
        name_from += 1
    if name_from < len(toks) and toks[name_from].lower == "of":
        # "Secretary of State John F. Kerry": the office runs on to a given name,
        # or else over its dictionary words ("Homeland Security") to at most the
        # last two words ("Secretary of Defense Ash Carter"); it may name no one.
        after = range(name_from + 2, len(toks))
        given = [
            k
            for k in after[:-1]
            if toks[k].name and is_given_name(toks[k].text) and toks[k + 1].name
        ]
        words_ = [k for k in after if toks[k].name and len(toks[k].text) > 1]
        proper = [k for k in words_ if not ordinary(toks[k].text)]
        if given:
            name_from = given[0]
        elif len(words_) >= 2:
            name_from = max(words_[-2], proper[0]) if proper else words_[-2]
        else:
            name_from = proper[0] if proper else len(toks)  # "... of Homeland Security"
    modifiers = words("title_modifiers")
    title_from = last_title
    while title_from > 0 and (
        _is_title(toks[title_from - 1])
        or toks[title_from - 1].lower in modifiers
        or toks[title_from - 1].text == "."
    ):
        title_from -= 1
    out: list[Run] = []
    ahead = title_from
    while ahead > 0 and not _name_like(toks[ahead - 1]):
        ahead -= 1  # "the Office of the Inspector General": "Office" before the office
    if ahead > 0:
        out.append(_span(paragraph, text, toks[:ahead], idx[:ahead]))
    name = [t for t in toks[name_from:]]
    if name and any(_name_like(t) for t in name):
        run = _span(paragraph, text, name, idx[name_from:])
        before = toks[:name_from]
        run.title = text[before[0].start : before[-1].end] if before else None
        out.append(run)
    return out


_TITLE_GLUE = {":", "and", "the", "of", "a", "an", "in", "to", "for", "on", "&", "’s", "'s"}


def _mark_works(found: list[Run], tokens: list[Token]) -> None:
    """Runs right after "book", "author of" and the like name works, not actors.

    A work's title runs on over the small words and colons between its
    capitalised parts ("The Recruiter: Spying and the Lost Art of ...").
    """
    cues = words("work_cues")
    previous: Run | None = None
    for run in found:
        k = run.first - 1
        while k >= 0 and tokens[k].text in _QUOTES:
            k -= 1
        one = tokens[k].lower if k >= 0 else ""
        two = f"{tokens[k - 1].lower} {one}" if k >= 1 else ""
        # "her final book, The Conservative Case for Trump,": a title in apposition.
        titled = one == "," and k >= 1 and tokens[k - 1].lower in cues and run.words[0] == "The"
        continues = previous is not None and all(
            t.lower in _TITLE_GLUE or t.cap for t in tokens[previous.last + 1 : run.first]
        )
        if one in cues or two in cues or titled or continues:
            run.work = True
            previous = run
        else:
            previous = None
