"""Who a quote is attributed to, from the words around it in its own sentence.

News attributes quotes in a handful of shapes: after the quote ("…,” London
said", "…,” said Maksad", "…,” Doug London, a former CIA officer, told The
Daily Beast"), before it ("He said: “…”", "according to X, “…”"), or around
a partial quote ("Maksad said, adding that Iran “doesn’t …”"). We read the
token stream with each quote as one token, find a reporting verb in one of
those places, and take the noun phrase that is its subject: a name, a pronoun
or a description ("a spokesman for the campaign").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefer.analysis.lexicon import REPORTING_PARTICIPLES, REPORTING_VERBS
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
    "no", "not"
})  # fmt: skip
# Name-internal connectors ("Saleh al-Arouri", "Osama bin Laden", "Bank of America").
PARTICLES = frozenset({
    "al", "el", "bin", "ibn", "de", "del", "della", "di", "da", "das", "dos", "du", "la",
    "le", "van", "von", "der", "den", "ter", "of", "y", "st."
})  # fmt: skip
CALENDAR = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "tomorrow"
})  # fmt: skip
PREPOSITION_BEFORE_NOUN = frozenset({
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your"
})  # fmt: skip
# A verb form after one of these is a noun ("the report", "his tweets"); "that",
# "one", "all"... can also be subjects ("officials all said").
_NOUN_BEFORE = (PREPOSITION_BEFORE_NOUN | DETERMINERS) - {
    "that", "one", "all", "both", "some", "many", "several"
}  # fmt: skip
_COMMA_LIKE = frozenset({",", "—", "–"})
MAX_NOUN_PHRASE = 9
MAX_APPOSITIVE = 60
MAX_CUE_AFTER_SENTENCE = 7


@dataclass(frozen=True)
class Cue:
    """The words a quote's attribution rests on: token indexes ``[first, last]`` of the
    phrase shown as speaker, and ``[head_first, head_last]`` of the name, pronoun or
    description inside it that the speaker is resolved from."""

    first: int
    last: int
    head_first: int
    head_last: int
    kind: SpeakerKind
    verb: int


def is_name_word(tok: Token) -> bool:
    return (
        tok.capitalised
        and tok.lower not in FUNCTION_CAPS
        and tok.lower.rstrip(".") not in CALENDAR
        and any(c.isalpha() for c in tok.text)
    )


def _is_noun_word(tok: Token) -> bool:
    """A lowercase word that can sit inside a noun phrase."""
    return (
        tok.is_word
        and not tok.capitalised
        and tok.lower not in BARRIERS
        and tok.lower not in BETWEEN
        and tok.lower not in REPORTING_VERBS
    )


def _possessive(tok: Token) -> bool:
    return tok.lower.endswith(("’s", "'s", "s’", "s'"))


def is_reporting_verb(tokens: list[Token], i: int) -> int:
    """How many tokens the reporting verb at `i` spans (0 when there is none).

    A verb form right after a determiner or a possessive is a noun ("the
    report said", "his tweets"), and so is one right before ``of``.
    """
    tok = tokens[i]
    if not tok.is_word:
        return 0
    width = 0
    if i + 1 < len(tokens) and f"{tok.lower} {tokens[i + 1].lower}" in REPORTING_VERBS:
        width = 2
    elif tok.lower in REPORTING_VERBS:
        width = 1
    if not width:
        return 0
    if i > 0:
        before = tokens[i - 1]
        if before.lower in _NOUN_BEFORE or _possessive(before):
            return 0
    if width == 1 and i + 1 < len(tokens) and tokens[i + 1].lower == "of":
        return 0 if tok.lower not in ("said", "says", "wrote", "asked", "told") else 1
    return width


def _skip_back(tokens: list[Token], j: int, lo: int) -> int:
    """Step back over auxiliaries and adverbs between a subject and its verb."""
    while j >= lo:
        tok = tokens[j]
        if tok.lower in BETWEEN or (
            tok.is_word
            and not tok.capitalised
            and tok.lower.endswith("ly")
            and len(tok.text) > 4
            and not (j > lo and tokens[j - 1].lower in DETERMINERS)
        ):
            j -= 1
        else:
            break
    return j


def _matching_open(tokens: list[Token], j: int, lo: int, closer: str, opener: str) -> int:
    """The index of the `opener` that a `closer` at `j` closes, or -1."""
    for k in range(j - 1, max(lo - 1, j - 15), -1):
        if tokens[k].text == opener:
            return k
        if tokens[k].text == closer or tokens[k].quote >= 0:
            return -1
    return -1


def _appositive_start(tokens: list[Token], j: int, lo: int) -> int:
    """For a comma or dash at `j` closing an appositive, the one that opens it, or -1."""
    mark = tokens[j].text
    for k in range(j - 1, max(lo - 1, j - MAX_APPOSITIVE), -1):
        tok = tokens[k]
        if tok.quote >= 0 or tok.text in TERMINAL:
            return -1
        if tok.text == mark or (mark in _COMMA_LIKE and tok.text in _COMMA_LIKE):
            return k if k - 1 >= lo else -1
    return -1


def particle_joins(tokens: list[Token], i: int) -> bool:
    """True when the particle at `i` joins the name words around it ("Bank of America")."""
    return (
        tokens[i].lower in PARTICLES
        and i + 1 < len(tokens)
        and i > 0
        and is_name_word(tokens[i + 1])
        and (is_name_word(tokens[i - 1]) or tokens[i - 1].lower in PARTICLES)
    )


def _name_run_back(tokens: list[Token], j: int, lo: int) -> int:
    """The first index of the run of name words ending at `j`."""
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
        low = prev.lower
        if low in DETERMINERS or _possessive(prev):
            k -= 1
            if _possessive(prev) and is_name_word(prev):
                k = _name_run_back(tokens, k, lo)
            return k
        if _is_noun_word(prev) or is_name_word(prev) or prev.text in ("-", "&"):
            k -= 1
            steps += 1
            continue
        break
    return k


def subject_before(tokens: list[Token], verb: int, lo: int) -> Cue | None:
    """The subject of the verb at `verb`, read backwards, not reaching before `lo`."""
    j = _skip_back(tokens, verb - 1, lo)
    if j < lo:
        return None
    if tokens[j].text == ")":
        k = _matching_open(tokens, j, lo, ")", "(")
        if k <= lo:
            return None
        j = k - 1
    if tokens[j].text in _COMMA_LIKE:
        k = _appositive_start(tokens, j, lo)
        if k < 0:
            return None
        j = _skip_back(tokens, k - 1, lo)
        if j < lo:
            return None
    tok = tokens[j]
    if tok.lower in RELATIVES and j - 1 >= lo:
        j -= 1
        if tokens[j].text in _COMMA_LIKE:
            j -= 1
        if j < lo:
            return None
        tok = tokens[j]
    if tok.lower in PRONOUNS:
        return Cue(j, j, j, j, "pronoun", verb)
    if is_name_word(tok):
        head_first = _name_run_back(tokens, j, lo)
        first = head_first
        # "a spokesman for Clinton": a description that names someone else.
        if head_first - 2 >= lo and tokens[head_first - 1].lower in ("for", "of", "at", "from"):
            before = tokens[head_first - 2]
            if _is_noun_word(before):
                start = _phrase_back(tokens, head_first - 2, lo)
                if tokens[start].lower in DETERMINERS:
                    return Cue(start, j, start, j, "nominal", verb)
        first = _phrase_back(tokens, head_first, lo)
        return Cue(first, j, head_first, j, "name", verb)
    if _is_noun_word(tok) and not tok.lower.isdigit():
        first = _phrase_back(tokens, j, lo)
        if first - 2 >= lo and tokens[first - 1].lower in ("for", "of", "at", "from"):
            outer = tokens[first - 2]
            if _is_noun_word(outer):
                outer_first = _phrase_back(tokens, first - 2, lo)
                if tokens[outer_first].lower in DETERMINERS:
                    first = outer_first
        return Cue(first, j, first, j, "nominal", verb)
    return None


def subject_after(tokens: list[Token], i: int, hi: int, verb: int) -> Cue | None:
    """The subject written after its verb ("said Maksad", "said a spokesman")."""
    while i < hi and tokens[i].lower in BETWEEN:
        i += 1
    if i >= hi:
        return None
    tok = tokens[i]
    if tok.lower in PRONOUNS:
        return Cue(i, i, i, i, "pronoun", verb)
    if not (is_name_word(tok) or tok.lower in DETERMINERS or _is_noun_word(tok)):
        return None
    j = i
    while j + 1 < hi:
        nxt = tokens[j + 1]
        if (
            is_name_word(nxt)
            or _is_noun_word(nxt)
            or nxt.text in ("-", "&")
            or nxt.lower in ("of", "for")
            or nxt.lower in PARTICLES
            or (nxt.lower in DETERMINERS and tokens[j].lower in ("of", "for"))
        ):
            j += 1
        else:
            break
    while j > i and (tokens[j].lower in PARTICLES or tokens[j].lower in DETERMINERS):
        j -= 1
    # The name is the last run of name words ("press secretary Josh Earnest").
    last = j
    while last >= i and not is_name_word(tokens[last]):
        last -= 1
    if last >= i:
        if not is_name_word(tokens[i]) and tokens[i].lower in DETERMINERS:
            return Cue(i, j, i, j, "nominal", verb)
        return Cue(i, j, _name_run_back(tokens, last, i), last, "name", verb)
    return Cue(i, j, i, j, "nominal", verb)


def according_to(tokens: list[Token], i: int, hi: int) -> Cue | None:
    """The source after "according to" at `i`, if the words there say so."""
    if (
        i + 2 < hi
        and tokens[i].lower == "according"
        and tokens[i + 1].lower == "to"
        and tokens[i + 2].quote < 0
    ):
        return subject_after(tokens, i + 2, hi, i)
    return None


def sentence_starts(tokens: list[Token]) -> list[int]:
    """For each token, the index of the first token of its sentence.

    A quote that ends with . ! or ? and is followed by a capital starts a new
    sentence after it, as does a stop outside quotes.
    """
    starts = [0] * len(tokens)
    current = 0
    for i, tok in enumerate(tokens):
        starts[i] = current
        if i + 1 < len(tokens):
            nxt = tokens[i + 1]
            new_sentence = nxt.quote >= 0 or nxt.capitalised
            if (tok.text in TERMINAL and new_sentence) or (
                tok.quote >= 0 and _ends_sentence(tok) and new_sentence
            ):
                current = i + 1
    return starts


def _ends_sentence(tok: Token) -> bool:
    inner = tok.text.rstrip("\"”»'` ")
    return bool(inner) and inner[-1] in ".!?…"


def _post_frame_end(tokens: list[Token], q: int) -> int:
    """The end (exclusive) of the words after quote `q` that may attribute it."""
    j = q + 1
    while j < len(tokens):
        tok = tokens[j]
        if tok.quote >= 0:
            return j
        if tok.text in TERMINAL and (
            j + 1 == len(tokens) or not tokens[j + 1].is_word or tokens[j + 1].capitalised
        ):
            return j
        j += 1
    return j


def cue_after(tokens: list[Token], q: int) -> Cue | None:
    """A cue right after quote `q`: "…,” he said", "…,” said Maksad", "…,” according to X"."""
    hi = _post_frame_end(tokens, q)
    i = q + 1
    while i < hi and tokens[i].text in _COMMA_LIKE:
        i += 1
    if i >= hi:
        return None
    new_sentence = _ends_sentence(tokens[q]) and tokens[i].capitalised
    found = according_to(tokens, i, hi)
    if found:
        return found
    width = is_reporting_verb(tokens, i)
    if width:
        found = subject_after(tokens, i + width, hi, i)
        if (found and found.kind != "pronoun") or (found and not new_sentence):
            return found
    for v in range(i + 1, hi):
        width = is_reporting_verb(tokens, v)
        if not width:
            continue
        if tokens[v].lower in REPORTING_PARTICIPLES and not _finite_before(tokens, v):
            continue
        found = subject_before(tokens, v, i)
        if found is None or found.first != i:
            continue
        if new_sentence and not _short_tail(tokens, v + width, hi):
            return None
        return found
    return None


def _finite_before(tokens: list[Token], v: int) -> bool:
    """True when the -ing form at `v` is part of a finite verb ("was saying")."""
    j = v - 1
    while j >= 0 and tokens[j].lower in ("also", "later", "then", "quoted", "as"):
        j -= 1
    return j >= 0 and tokens[j].lower in ("is", "was", "were", "are", "been", "be", "as")


def _short_tail(tokens: list[Token], i: int, hi: int) -> bool:
    """A verb's tail that adds no statement of its own ("on Tuesday", "to reporters")."""
    tail = tokens[i:hi]
    return len(tail) <= MAX_CUE_AFTER_SENTENCE and all(t.lower != "that" for t in tail)


def cue_before(tokens: list[Token], q: int, starts: list[int], known: dict[int, Cue]) -> Cue | None:
    """A cue earlier in quote `q`'s sentence: "He said: “…”", "Maksad said, adding that Iran “…”".

    `known` holds the cues already found for earlier quotes, so a participle
    ("adding") can borrow the speaker of its sentence's main clause.
    """
    lo = starts[q]
    for v in range(q - 1, lo - 1, -1):
        tok = tokens[v]
        if tok.quote >= 0:
            continue
        found = according_to(tokens, v, q)
        if found:
            return found
        width = is_reporting_verb(tokens, v)
        if not width:
            continue
        if tok.lower in REPORTING_PARTICIPLES and not _finite_before(tokens, v):
            earlier = _main_clause_cue(tokens, v, lo, known)
            if earlier:
                return earlier
            continue
        found = subject_before(tokens, v, lo)
        if found:
            return found
        found = subject_after(tokens, v + width, q, v) if v == lo else None
        if found:
            return found
    return None


def _main_clause_cue(tokens: list[Token], v: int, lo: int, known: dict[int, Cue]) -> Cue | None:
    """The cue of the clause a participle at `v` hangs from, within its sentence."""
    for u in range(v - 1, lo - 1, -1):
        tok = tokens[u]
        if tok.quote >= 0 and tok.quote in known:
            return known[tok.quote]
        if (
            tok.quote < 0
            and is_reporting_verb(tokens, u)
            and tok.lower not in REPORTING_PARTICIPLES
        ):
            found = subject_before(tokens, u, lo)
            if found:
                return found
    return None
