"""Reading the noun phrase that names a speaker, without a parser.

A cue's speaker is the subject of a reporting verb: read backwards from the
verb ("Doug London, a former CIA officer, told" gives "Doug London"), forwards
after it ("said White House press secretary Josh Earnest"), or from the start
of the sentence when the quote hangs from a clause with no reporting verb of
its own ("Rubio fired back: “…”"). The phrase is a name, a pronoun or a
description ("a spokesman for the campaign"); for a name, the `head` is the run
of name words the speaker is resolved from.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from briefer.analysis.lexicon import REPORTING_BASES, REPORTING_VERBS
from briefer.analysis.tokens import TERMINAL, Token

SpeakerKind = Literal["name", "pronoun", "nominal"]

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
RELATIVES = frozenset({"who", "which", "that"})
DETERMINERS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our",
    "my", "your", "one", "another", "some", "many", "several", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "few", "most", "all", "both", "each",
    "every", "other", "any", "such", "no"
})  # fmt: skip
# Words that may stand between a subject and its verb ("he later said",
# "Smith has repeatedly said", "Smith was quoted as saying").
BETWEEN = frozenset({
    "also", "later", "then", "has", "have", "had", "would", "will", "could", "can", "may",
    "might", "should", "must", "once", "previously", "recently", "simply", "just", "even",
    "often", "again", "still", "never", "always", "already", "first", "further",
    "reportedly", "himself", "herself", "themselves", "itself", "was", "were", "is", "are",
    "been", "being", "be", "quoted", "as", "did", "does", "do", "not", "only", "now",
    "soon", "finally", "subsequently", "initially"
})  # fmt: skip
# Words that end a noun phrase read backwards from a verb: the phrase cannot reach past them.
BARRIERS = PRONOUNS | RELATIVES | frozenset({
    "in", "on", "at", "to", "from", "by", "with", "about", "after", "before", "during", "when",
    "while", "since", "because", "if", "and", "but", "or", "as", "than", "though", "although",
    "where", "whether", "so", "nor", "yet", "for", "of", "into", "over", "under", "against",
    "between", "through", "without", "within", "upon", "across", "around", "among", "per",
    "via", "until", "like"
})  # fmt: skip
# Capitalised words that begin sentences or clauses but never names.
FUNCTION_CAPS = frozenset({
    "the", "a", "an", "but", "and", "or", "so", "yet", "for", "nor", "in", "on", "at", "to",
    "from", "by", "with", "about", "after", "before", "during", "when", "while", "since",
    "because", "if", "as", "than", "though", "although", "where", "whether", "this", "that",
    "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her",
    "their", "our", "my", "your", "there", "here", "then", "now", "still", "later", "asked",
    "says", "said", "according", "meanwhile", "however", "also", "even", "just", "yes",
    "no", "not", "unless", "until", "rather", "instead", "nevertheless", "nonetheless",
    "across", "despite", "why", "what", "how", "who", "whoever", "whatever", "perhaps",
    "maybe", "thus", "hence", "therefore", "moreover", "furthermore", "likewise",
    "similarly", "otherwise", "besides", "indeed", "again", "too",
})  # fmt: skip
# Sentence adverbs set off by commas after a subject ("Sanders, meanwhile, said"):
# never the subject themselves.
ASIDES = frozenset({
    "meanwhile", "however", "too", "also", "though", "instead", "nevertheless", "nonetheless",
    "moreover", "furthermore", "likewise", "similarly", "meantime", "again", "still", "then",
    "now", "in", "turn", "indeed", "perhaps", "once",
})  # fmt: skip
# Name-internal connectors ("Saleh al-Arouri", "Osama bin Laden", "Bank of America").
PARTICLES = frozenset({
    "al", "el", "bin", "ibn", "de", "del", "della", "di", "da", "das", "dos", "du", "la",
    "le", "van", "von", "der", "den", "ter", "of", "y", "st."
})  # fmt: skip
CALENDAR = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "tomorrow", "jan.", "feb.", "mar.", "apr.",
    "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."
})  # fmt: skip
COMMA_LIKE = frozenset({",", "—", "–", "-", "--"})
# Words that join a description to the name it is about ("a spokesman for Clinton").
_OF = frozenset({"for", "of", "at", "from", "with", "to"})
# Sentence openers after which the subject comes only past the first comma.
_OPENERS = frozenset({
    "in", "on", "at", "after", "before", "when", "while", "as", "if", "since", "although",
    "though", "because", "during", "from", "with", "without", "by", "for", "under", "over",
    "despite", "unlike", "like", "asked", "speaking", "last", "earlier", "later", "here",
    "there", "until", "once", "upon", "within", "amid", "following", "throughout", "then",
    "now", "still", "meanwhile", "however", "instead", "indeed", "also", "yet", "but", "and",
    "so", "or", "immediately", "shortly", "today", "yesterday", "tonight", "this", "that",
})  # fmt: skip
_PREPOSITIONS = frozenset({
    "in", "on", "at", "from", "by", "with", "about", "of", "for", "into", "over", "under",
    "against", "between", "through", "without", "within", "across", "around", "among", "near",
})  # fmt: skip
_SUBORDINATORS = frozenset({
    "as", "when", "while", "if", "because", "since", "although", "though", "after", "before",
    "once", "until", "whereas",
})  # fmt: skip
_NUMBERS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
_GO = frozenset({"go", "goes", "went", "gone", "going"})
_CONJUNCTIONS = frozenset({"but", "and", "so", "yet", "or", "still", "then", "now", "also"})
MAX_NOUN_PHRASE = 9
MAX_PHRASE = 24  # words in a phrase read forwards, titles and complements included
MAX_APPOSITIVE = 60
MAX_OPENER = 25
MAX_ASIDE_COMMAS = 3


@dataclass(frozen=True)
class Cue:
    """Where a speaker is written: token indexes ``[first, last]`` of the whole
    phrase and ``[head_first, head_last]`` of the name, pronoun or description
    it resolves from. `anchor` is the verb (or colon, or quote) it hangs on;
    `guessed` marks a sentence subject taken without any reporting verb; `at`
    is the relative pronoun the verb has for subject ("Lynch, who told …")."""

    first: int
    last: int
    head_first: int
    head_last: int
    kind: SpeakerKind
    anchor: int
    guessed: bool = False
    at: int = -1  # a relative pronoun ("who") the cue rests on, standing for the phrase


def is_name_word(tok: Token) -> bool:
    return (
        tok.capitalised
        and tok.lower not in FUNCTION_CAPS
        and tok.lower not in CALENDAR
        and any(c.isalpha() for c in tok.text)
    )


def is_noun_word(tok: Token) -> bool:
    """A lowercase word that can sit inside a noun phrase."""
    return (
        tok.is_word
        and not tok.capitalised
        and tok.lower not in BARRIERS
        and tok.lower not in BETWEEN
        and tok.lower not in REPORTING_VERBS
        and tok.lower not in DETERMINERS
    )


def possessive(tok: Token) -> bool:
    return tok.lower.endswith(("’s", "'s", "s’", "s'"))


def particle_joins(tokens: list[Token], i: int) -> bool:
    """True when the particle at `i` joins the name words around it ("Bank of America")."""
    return (
        tokens[i].lower in PARTICLES
        and i + 1 < len(tokens)
        and i > 0
        and is_name_word(tokens[i + 1])
        and (is_name_word(tokens[i - 1]) or tokens[i - 1].lower in PARTICLES)
    )


def skip_back(tokens: list[Token], j: int, lo: int) -> int:
    """Step back over auxiliaries and adverbs between a subject and its verb."""
    lo = max(lo, j - MAX_PHRASE)
    while j >= lo:
        tok = tokens[j]
        if tok.capitalised:
            break  # "Will described Trump": a name, not the auxiliary
        if (
            tok.lower == "to"
            and j - 1 >= lo
            and tokens[j - 1].is_word
            and not tokens[j - 1].capitalised
            and tokens[j - 1].lower not in BARRIERS
            and tokens[j - 1].lower not in DETERMINERS
        ):
            # "he went on to say", "Trump was prompted to say", "she declined to tell"
            j -= (
                3
                if tokens[j - 1].lower == "on" and j - 2 >= lo and tokens[j - 2].lower in _GO
                else 2
            )
        elif (
            tok.lower in BETWEEN
            or tok.lower in CALENDAR
            or (
                tok.is_word
                and not tok.capitalised
                and tok.lower.endswith("ly")
                and len(tok.text) > 4
                and not (j > lo and tokens[j - 1].lower in DETERMINERS)
            )
        ):
            j -= 1
        else:
            break
    return j


def _matching_open(tokens: list[Token], j: int, lo: int) -> int:
    """The index of the "(" that the ")" at `j` closes, or -1."""
    for k in range(j - 1, max(lo - 1, j - 15), -1):
        if tokens[k].text == "(":
            return k
        if tokens[k].text == ")" or tokens[k].quote >= 0:
            return -1
    return -1


def _ends_with_comma(tok: Token) -> bool:
    return tok.quote >= 0 and tok.text.rstrip("\"”»'` ").endswith(",")


def _appositive_start(tokens: list[Token], j: int, lo: int) -> int:
    """For a comma or dash at `j` closing an appositive, the one that opens it, or -1."""
    for k in range(j - 1, max(lo - 1, j - MAX_APPOSITIVE), -1):
        tok = tokens[k]
        if tok.text in TERMINAL and tokens[k + 1].capitalised:
            return -1
        if tok.text in COMMA_LIKE:
            return k if k - 1 >= lo else -1
    return -1


def name_run_back(tokens: list[Token], j: int, lo: int) -> int:
    """The first index of the run of name words ending at `j`."""
    lo = max(lo, j - MAX_PHRASE)
    k = j
    while k - 1 >= lo:
        prev = tokens[k - 1]
        if is_name_word(prev) or (
            prev.lower in PARTICLES
            and k - 2 >= lo
            and (is_name_word(tokens[k - 2]) or tokens[k - 2].lower in PARTICLES)
        ):
            k -= 1
        else:
            break
    while tokens[k].lower in PARTICLES and k < j:
        k += 1
    return k


def _phrase_back(tokens: list[Token], j: int, lo: int) -> int:
    """The first index of a noun phrase ending at `j`: modifiers back to a determiner."""
    k = j
    steps = 0
    while k - 1 >= lo and steps < MAX_NOUN_PHRASE:
        prev = tokens[k - 1]
        if prev.lower in DETERMINERS or possessive(prev):
            k -= 1
            if possessive(prev) and is_name_word(prev):
                k = name_run_back(tokens, k, lo)
            return k
        if prev.lower.endswith("ed") and not (k - 2 >= lo and tokens[k - 2].lower in DETERMINERS):
            break  # "the way the operation disparaged women": a verb, not a modifier
        if is_noun_word(prev) or is_name_word(prev) or prev.text == "&":
            k -= 1
            steps += 1
            continue
        break
    return k


def _described(tokens: list[Token], first: int, lo: int) -> int:
    """Extend a phrase starting at `first` back over "a spokesman for" to its determiner.

    Returns the new first index, or `first` when no description comes before.
    """
    if first - 2 >= lo and tokens[first - 1].lower in _OF and is_noun_word(tokens[first - 2]):
        outer = _phrase_back(tokens, first - 2, lo)
        if tokens[outer].lower in DETERMINERS or possessive(tokens[outer]):
            return outer
    return first


def _plural_subject(tokens: list[Token], cue: Cue) -> bool:
    """True when a subject can go with a verb's base form ("officials say", "the two
    write", "Trump and Ryan say"), unlike "an early morning tweet"."""
    if cue.kind == "pronoun":
        return tokens[cue.head_first].lower in ("i", "we", "you", "they")
    phrase = tokens[cue.first : cue.last + 1]
    return tokens[cue.last].lower.endswith("s") or any(
        t.lower == "and" or t.lower in _NUMBERS or t.text.isdigit() for t in phrase
    )


def subject_before(tokens: list[Token], verb: int, lo: int) -> Cue | None:
    """The subject of the verb at `verb`, read backwards, not reaching before `lo`.

    A base form ("say", "tweet") after a singular subject with no auxiliary in
    between is a noun ("an early morning tweet"), so it has no subject.
    """
    j = skip_back(tokens, verb - 1, lo)
    helped = j < verb - 1
    if j < lo:
        return None
    if tokens[j].text == ")":
        k = _matching_open(tokens, j, lo)
        if k <= lo:
            return None
        j = k - 1
    named: Cue | None = None
    if tokens[j].text in COMMA_LIKE or _ends_with_comma(tokens[j]):
        # "Doug London, a former CIA officer, told"; the closing comma may sit
        # inside a quote ("Washington, star of “Scandal,” thanked").
        k = _appositive_start(tokens, j, lo)
        if k < 0:
            return None
        named = _name_between(tokens, k, j, verb)
        j = skip_back(tokens, k - 1, lo)
        if j < lo:
            return named
        # "Clinton, during a town hall in Columbus, Ohio, said", "Cecelia Purner, 67,
        # a retiree in Allentown, Pa., said": the aside holds commas of its own; a
        # part that follows a preposition, or an age, is not the subject.
        for _ in range(MAX_ASIDE_COMMAS):
            first = name_run_back(tokens, j, lo) if is_name_word(tokens[j]) else j
            if (
                first - 2 >= lo
                and tokens[first - 1].text == ","
                and is_name_word(tokens[first - 2])
            ):
                town = name_run_back(tokens, first - 2, lo)  # "of Raleigh, N.C."
                if town - 1 >= lo and tokens[town - 1].lower in _PREPOSITIONS:
                    first = town
            age = tokens[j].text.isdigit() and tokens[j - 1].text == ","
            if not (age or (first - 2 >= lo and tokens[first - 1].lower in _PREPOSITIONS)):
                break
            k = j - 1 if age else _appositive_start(tokens, first - 1, lo)
            if k < 0:
                break
            named = None
            j = skip_back(tokens, k - 1, lo)
            if j < lo:
                return None
    tok = tokens[j]
    relative = -1
    if tok.lower in RELATIVES and j - 1 >= lo:
        relative = j
        j -= 1
        if tokens[j].text in COMMA_LIKE:
            j -= 1
        if j < lo:
            return None
        tok = tokens[j]
    j = _before_aside(tokens, _before_state(tokens, j, lo), lo)
    if j < lo:
        return None
    cue = _phrase_ending(tokens, j, lo, verb)
    if named is not None and (cue is None or cue.kind == "nominal"):
        # "the Vatican spokesman, Federico Lombardi, told": the name says who.
        return named
    if cue is not None and relative >= 0:
        cue = replace(cue, at=relative)
    if (
        cue is not None
        and not helped
        and tokens[verb].lower in REPORTING_BASES
        and not _plural_subject(tokens, cue)
    ):
        return None
    return cue


def _before_state(tokens: list[Token], j: int, lo: int) -> int:
    """ "Stacy Baker of Columbia, South Carolina says": the name that ends at `j` is the
    state of a town after "of", so the phrase ends with the town; else `j`."""
    if not is_name_word(tokens[j]):
        return j
    first = name_run_back(tokens, j, lo)
    if first - 2 < lo or tokens[first - 1].text != "," or not is_name_word(tokens[first - 2]):
        return j
    town = first - 2
    while town - 1 >= lo and is_name_word(tokens[town - 1]):
        town -= 1
    if (
        town - 2 >= lo
        and tokens[town - 1].lower in ("of", "from")
        and is_name_word(tokens[town - 2])
    ):
        return first - 2
    return j


def _name_between(tokens: list[Token], k: int, j: int, verb: int) -> Cue | None:
    """The name that alone fills the stretch between the commas at `k` and `j`
    ("Federico Lombardi", "Gov. John Kasich (R-OH)"), else None."""
    end = j - 1
    if end > k and tokens[end].text == ")":
        end = _matching_open(tokens, end, k + 1) - 1
    if end <= k or not is_name_word(tokens[end]):
        return None
    first = name_run_back(tokens, end, k + 1)
    return Cue(k + 1, end, first, end, "name", verb) if first == k + 1 else None


def _before_aside(tokens: list[Token], j: int, lo: int) -> int:
    """Where the subject ends when `j` closes an aside ("Sanders, meanwhile,",
    "She, too,"): the word before its opening comma; else `j`."""
    if tokens[j].lower in ASIDES and j - 2 >= lo and tokens[j - 1].text == ",":
        return j - 2
    return j


def _phrase_ending(tokens: list[Token], j: int, lo: int, anchor: int) -> Cue | None:
    """The noun phrase whose last word is at `j`."""
    tok = tokens[j]
    if tok.lower in PRONOUNS:
        return Cue(j, j, j, j, "pronoun", anchor)
    if is_name_word(tok):
        head_first = name_run_back(tokens, j, lo)
        described = _described(tokens, head_first, lo)
        if described != head_first:
            return Cue(described, j, described, j, "nominal", anchor)
        first = _phrase_back(tokens, head_first, lo)
        return Cue(first, j, head_first, j, "name", anchor)
    if (
        (is_noun_word(tok) and not tok.lower.isdigit() and not tok.lower.endswith(("ing", "ed")))
        or _verb_as_noun(tokens, j, lo)
        or (tok.lower in _NUMBERS and j > lo and tokens[j - 1].lower == "the")
    ):
        first = _described(tokens, _phrase_back(tokens, j, lo), lo)
        return Cue(first, j, first, j, "nominal", anchor)
    return None


def _verb_as_noun(tokens: list[Token], j: int, lo: int) -> bool:
    """ "the congressional report said", "his statement reads": a reporting verb's
    form used as a noun, after a determiner or a modifier."""
    tok = tokens[j]
    if tok.capitalised or tok.lower not in REPORTING_VERBS or tok.lower.endswith(("ed", "ing")):
        return False
    if j - 1 < lo:
        return False
    prev = tokens[j - 1]
    return prev.lower in DETERMINERS or possessive(prev) or is_noun_word(prev) or is_name_word(prev)


def _continues(tokens: list[Token], i: int, j: int) -> bool:
    """True when the token after `j` still belongs to the noun phrase begun at `i`.

    A word in -ed after a noun or a name is taken for the verb ("Hannity
    pressed"), though right after a determiner it is a modifier ("the retired
    general"). After a name, lowercase words go on only in a description
    ("the Clinton campaign") or a title before another name ("White House
    press secretary Josh Earnest").
    """
    nxt, here = tokens[j + 1], tokens[j]
    low = nxt.lower
    if is_name_word(nxt) or nxt.text == "&" or particle_joins(tokens, j + 1):
        return True
    after_determiner = here.lower in DETERMINERS or possessive(here)
    if is_noun_word(nxt) or (after_determiner and low in REPORTING_VERBS and nxt.is_word):
        if low.endswith("ed") and not after_determiner:
            return False
        if _verb_s(low) and not after_determiner and _object_follows(tokens, j + 2):
            return False  # "Hoff’s letter makes a case": a verb and its object
        if is_name_word(here) and not _described_from(tokens, i, j):
            return _name_follows(tokens, j + 1)
        return True
    return low in ("for", "of") or (low in DETERMINERS and here.lower in ("of", "for"))


def _verb_s(word: str) -> bool:
    """A present-tense verb's form ("makes", "says"); "boss" and "press" are nouns."""
    return word.endswith("s") and not word.endswith("ss")


def _described_from(tokens: list[Token], i: int, j: int) -> bool:
    """True when the phrase ``[i, j]`` opens with a determiner or a possessive ("the
    Clinton campaign"), or its part after "of" with a determiner ("Robert Antonacci of
    the New York delegation")."""
    if tokens[i].lower in DETERMINERS or possessive(tokens[i]):
        return True
    k = j
    while k > i and tokens[k - 1].lower not in ("of", "for"):
        k -= 1
    return k > i and tokens[k].lower in DETERMINERS


def _object_follows(tokens: list[Token], k: int) -> bool:
    """True when what starts at `k` reads as a verb's object or clause."""
    if k >= len(tokens):
        return False
    tok = tokens[k]
    low = tok.lower
    return low in DETERMINERS or low in PRONOUNS or possessive(tok) or is_name_word(tok)


def _name_follows(tokens: list[Token], k: int) -> bool:
    """True when a name comes within a few lowercase words from `k` ("press secretary Josh")."""
    for m in range(k, min(len(tokens), k + 4)):
        if is_name_word(tokens[m]):
            return True
        if not is_noun_word(tokens[m]):
            return False
    return False


def phrase_after(tokens: list[Token], i: int, hi: int, anchor: int) -> Cue | None:
    """The noun phrase that starts at `i` ("Maksad" in "said Maksad, author of ...")."""
    hi = min(hi, i + MAX_PHRASE)
    while i < hi and tokens[i].lower in BETWEEN:
        i += 1
    if i >= hi:
        return None
    tok = tokens[i]
    if tok.lower in PRONOUNS:
        return Cue(i, i, i, i, "pronoun", anchor)
    if not (is_name_word(tok) or tok.lower in DETERMINERS or possessive(tok) or is_noun_word(tok)):
        return None
    j = i
    while j + 1 < hi and _continues(tokens, i, j):
        j += 1
    while j > i and (tokens[j].lower in PARTICLES or tokens[j].lower in DETERMINERS):
        j -= 1
    # "Stephen Vladeck of the University of Texas": the name before the
    # preposition is the speaker; "a spokesman for Clinton" is a description.
    cut = next(
        (k for k in range(i + 1, j) if tokens[k].lower in _OF and not particle_joins(tokens, k)),
        j + 1,
    )
    last = cut - 1
    if not is_name_word(tokens[last]):
        return Cue(i, j, i, j, "nominal", anchor)
    return Cue(i, j, name_run_back(tokens, last, i), last, "name", anchor)


def _verb_follows(tokens: list[Token], j: int, hi: int) -> bool:
    """True when a verb seems to follow a subject ending before `j`.

    Steps over auxiliaries, a parenthesis and an appositive ("Smith, a former
    aide, said"); a comma with nothing closing it, a capital or the end mean
    the phrase was not a subject ("Likewise, ...", "PHILADELPHIA, July 25").
    """
    if j < hi and tokens[j].lower == "as":
        return False  # "Transcript as follows:"
    if j + 1 < hi and tokens[j].lower == "and":
        # "Trump and Ryan issued", "Yahoo News and former anchor Katie Couric has"
        other = phrase_after(tokens, j + 1, hi, j)
        if other is None or other.kind == "pronoun":
            return False
        j = other.last + 1
    k = skip_forward(tokens, j, hi)
    if j < k < hi and tokens[k].text not in COMMA_LIKE:
        return True  # "Smith is a senior fellow", "Smith has long argued"
    j = k
    if j < hi and tokens[j].text == "(":
        while j < hi and tokens[j].text != ")":
            j += 1
        j = skip_forward(tokens, j + 1, hi)
        if j + 1 < hi and tokens[j].text == "," and _verb_like(tokens[j + 1]):
            return True  # "Sen. Jack Reed (D-R.I.), said"
    if j < hi and tokens[j].text in COMMA_LIKE:
        for k in range(j + 1, min(hi, j + MAX_APPOSITIVE)):
            if tokens[k].text in COMMA_LIKE:
                j = skip_forward(tokens, k + 1, hi)
                if k + 1 < j < hi and tokens[j].text not in COMMA_LIKE:
                    return True  # "She, too, is a pragmatist"
                break
            if tokens[k].quote >= 0 or tokens[k].text in TERMINAL:
                return False
        else:
            return False
    if j < hi and tokens[j].lower in _PREPOSITIONS and not tokens[j].capitalised:
        # "a paper from the Brookings Institution had": past the phrase's
        # complement to its verb; "part of the exchange with Clinton," has none.
        complement = phrase_after(tokens, j + 1, hi, j)
        if complement is not None:
            k = skip_forward(tokens, complement.last + 1, hi)
            if k > complement.last + 1 and k < hi and tokens[k].text not in COMMA_LIKE:
                return True  # "a paper from the Brookings Institution had this to say"
            j = k
        elif j + 1 < hi and (tokens[j + 1].lower in CALENDAR or tokens[j + 1].text.isdigit()):
            j = skip_forward(tokens, j + 2, hi)  # "Trump on Thursday ratcheted up"
        else:
            return False
        if j < hi and tokens[j].lower in _PREPOSITIONS and not tokens[j].capitalised:
            return False
    return j < hi and _verb_like(tokens[j])


def _verb_like(tok: Token) -> bool:
    """A lowercase word that may be a verb: not a determiner, preposition or conjunction."""
    return (
        tok.is_word
        and not tok.capitalised
        and tok.lower not in DETERMINERS
        and tok.lower not in BARRIERS
    )


def skip_forward(tokens: list[Token], j: int, hi: int) -> int:
    """Step forwards over auxiliaries and adverbs after a subject."""
    while j < hi and (
        tokens[j].lower in BETWEEN
        or (tokens[j].is_word and tokens[j].lower.endswith("ly") and not tokens[j].capitalised)
    ):
        j += 1
    return j


def _subject_at(tokens: list[Token], i: int, hi: int, anchor: int) -> Cue | None:
    """A subject starting at `i` and followed by its verb.

    A phrase read too far ("The president left no doubt") is cut back to the
    longest part a verb follows ("The president").
    """
    if i >= hi or tokens[i].quote >= 0 or tokens[i].lower in BETWEEN:
        return None
    if tokens[i].lower in ASIDES and i + 1 < hi and tokens[i + 1].text == ",":
        return None
    cue = phrase_after(tokens, i, hi, anchor)
    if cue is None:
        return None
    for last in range(cue.last, cue.first - 1, -1):
        word = tokens[last]
        if last < cue.last and (possessive(word) or not (is_noun_word(word) or is_name_word(word))):
            continue
        if _verb_follows(tokens, last + 1, hi):
            if last == cue.last:
                return replace(cue, anchor=anchor, guessed=True)
            return _retyped(tokens, cue.first, last, anchor)
    return None


def _retyped(tokens: list[Token], first: int, last: int, anchor: int) -> Cue:
    """The phrase ``tokens[first:last + 1]`` as a guessed cue, named by its last name run."""
    if is_name_word(tokens[last]) and tokens[first].lower not in DETERMINERS:
        return Cue(first, last, name_run_back(tokens, last, first), last, "name", anchor, True)
    return Cue(first, last, first, last, "nominal", anchor, True)


def _opens_sentence(tok: Token) -> bool:
    """An adverbial or participle opening ("In", "Asked", "Flying") before the subject."""
    low = tok.lower
    return low in _OPENERS or (tok.capitalised and low.endswith(("ing", "ed")) and len(low) > 4)


def sentence_subject(tokens: list[Token], lo: int, hi: int, anchor: int) -> Cue | None:
    """The subject of the sentence ``tokens[lo:hi]``, taken for a quote's speaker.

    An opening adverbial ("In a statement,", "Flying home one night,") is
    stepped over by trying the words after each of the first commas.
    """
    i = lo
    while i < hi and tokens[i].lower in _CONJUNCTIONS and tokens[i].is_word:
        i += 1
    if i < hi and not _opens_sentence(tokens[i]):
        found = _subject_at(tokens, i, hi, anchor)
        if found:
            return found
    for k in range(i, min(hi, i + MAX_OPENER)):
        if tokens[k].text in COMMA_LIKE:
            found = _subject_at(tokens, k + 1, hi, anchor)
            if found:
                return found
    # "As the Rainmakers sang back in the 1980s, “…”": the opening clause's own subject.
    if i < hi and tokens[i].lower in _SUBORDINATORS:
        return _subject_at(tokens, i + 1, hi, anchor)
    return None


def clause_subject(tokens: list[Token], lo: int, q: int, hi: int) -> Cue | None:
    """The subject of the clause that quote `q` sits in, else of its sentence.

    A clause begins after a semicolon or a joining word ("while Mike
    Huckabee, the former Arkansas governor, proposed we “…”").
    """
    for k in range(q - 1, max(lo, q - MAX_OPENER * 2) - 1, -1):
        tok = tokens[k]
        joins = tok.lower in ("while", "whereas", "but") or (
            tok.lower in ("and", "although", "though") and k > lo and tokens[k - 1].text == ","
        )
        if tok.text == ";" or joins:
            found = _subject_at(tokens, k + 1, hi, q)
            if found and found.last < q:
                return found
            break
    return sentence_subject(tokens, lo, hi, q)
