"""Where a quote's attribution is written, in the words of its own sentence.

News attributes quotes in a handful of shapes: after the quote ("…,” London
said", "…,” said Maksad", "…,” Doug London, a former CIA officer, told The
Daily Beast", "…,” according to X"), before it ("He said: “…”", "Maksad
said, adding that Iran “doesn’t …”"), or with no reporting verb at all
("Rubio fired back: “…”", "Will described Trump as a “…”"), where the
sentence's subject is the best guess. The token stream has each quote as one
token, so a cue can be looked for on either side of it.
"""

from __future__ import annotations

from dataclasses import replace

from briefer.analysis.lexicon import REPORTING_PARTICIPLES, REPORTING_VERBS, VERB_FORMS
from briefer.analysis.phrases import (
    BARRIERS,
    CALENDAR,
    COMMA_LIKE,
    PRONOUNS,
    Cue,
    clause_subject,
    phrase_after,
    possessive,
    sentence_subject,
    skip_back,
    subject_before,
)
from briefer.analysis.tokens import TERMINAL, Token

# A verb form after one of these is a noun ("the report", "his tweets").
_NOUN_BEFORE = frozenset({
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these",
    "those", "another", "each", "every", "any", "such", "no", "other", "most", "few",
})  # fmt: skip
_VERB_STARTS = frozenset(form.split()[0] for form in REPORTING_VERBS)
# Verbs that, followed by "to" and a verb, promise or ask rather than report.
_TAKES_INFINITIVE = frozenset(
    form
    for base in ("continue", "promise", "vow", "pledge", "urge", "agree", "ask")
    for form in VERB_FORMS[base]
)
_AFTER_PHRASAL = frozenset({
    "that", "to", "the", "a", "an", "how", "why", "what", "in", "on", "at", "with", "about",
})  # fmt: skip
# Verbs whose next noun is their object, not an inverted subject: "“…,” thanked
# Obama" never means Obama thanked.
_OBJECT_FIRST = frozenset(
    form
    for base in ("thank", "praise", "call", "describe", "decry", "tell", "inform", "urge", "mock")
    for form in VERB_FORMS[base]
)
_FINITE = frozenset({"is", "was", "were", "are", "been", "be", "as"})
_DASHES = frozenset({"-", "—", "–", ","})
_STRAY = frozenset({"'", "‘", "’", '"', "`"})
# How far back from a quote a cue may be (tokens); keeps the work per quote bounded.
MAX_LOOK_BACK = 80
# After a quote that ends its sentence, a cue must be short: "Trump said." is a
# cue, "Trump said the remarks were taken out of context." a new statement.
MAX_CUE_AFTER_SENTENCE = 7


def is_reporting_verb(tokens: list[Token], i: int) -> int:
    """How many tokens the reporting verb at `i` spans (0 when there is none).

    A verb form right after a determiner or a possessive is a noun ("the
    report said", "his tweets"), as is a capitalised one inside a sentence
    ("The Huffington Post").
    """
    tok = tokens[i]
    if tok.lower not in _VERB_STARTS or not tok.is_word:
        return 0
    width = 0
    if i + 1 < len(tokens) and f"{tok.lower} {tokens[i + 1].lower}" in REPORTING_VERBS:
        width = 2
    elif tok.lower in REPORTING_VERBS:
        width = 1
    if width == 2 and not _phrasal_fits(tokens, i + 2):
        return 0
    if not width or i == 0:
        return width
    before = tokens[i - 1]
    if before.lower in _NOUN_BEFORE or possessive(before):
        return 0
    if tok.capitalised and before.quote < 0 and before.text not in TERMINAL:
        return 0
    return width


def _phrasal_fits(tokens: list[Token], k: int) -> bool:
    """A phrasal verb reports only before punctuation or a clause ("went on to say",
    "pointed out that"), not before a noun ("goes on recess", "went on TV")."""
    if k >= len(tokens) or not tokens[k].is_word:
        return True
    return tokens[k].lower in _AFTER_PHRASAL


def sentence_starts(tokens: list[Token]) -> list[int]:
    """For each token, the index of the first token of its sentence.

    A stop outside quotes ends a sentence when a capital or a quote follows,
    and so does a quote that itself ends with . ! or ?.
    """
    starts = [0] * len(tokens)
    current = 0
    for i, tok in enumerate(tokens):
        starts[i] = current
        if i + 1 < len(tokens):
            nxt = tokens[i + 1]
            new_sentence = nxt.quote >= 0 or nxt.capitalised
            ends = tok.text in TERMINAL or (tok.quote >= 0 and ends_sentence(tok))
            if ends and new_sentence:
                current = i + 1
    return starts


def ends_sentence(tok: Token, stops: str = ".!?…") -> bool:
    """True when the quote `tok` ends with one of `stops` inside its marks."""
    inner = tok.text.rstrip("\"”»'` ")
    return bool(inner) and inner[-1] in stops


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


def _finite_participle(tokens: list[Token], v: int) -> bool:
    """True when the -ing form at `v` is part of a finite verb ("was saying")."""
    j = v - 1
    while j >= 0 and tokens[j].lower in ("also", "later", "then", "quoted"):
        j -= 1
    return j >= 0 and tokens[j].lower in _FINITE


def _short_tail(tokens: list[Token], i: int, hi: int) -> bool:
    """A verb's tail that adds no statement of its own ("on Tuesday", "to reporters")."""
    tail = tokens[i:hi]
    return len(tail) <= MAX_CUE_AFTER_SENTENCE and all(t.lower != "that" for t in tail)


def cue_after(tokens: list[Token], q: int) -> Cue | None:
    """A cue right after quote `q`: "…,” he said", "…,” said Maksad", "…,” according to X"."""
    hi = _post_frame_end(tokens, q)
    i = q + 1
    while i < hi and (tokens[i].text in COMMA_LIKE or tokens[i].text in _STRAY):
        i += 1
    if i >= hi:
        return None
    # After "?" or "!" a capital may be a name that attributes ("“Why?” Smith asked"),
    # but a capitalised pronoun opens a new sentence ("“…!” She replied that …").
    new_sentence = tokens[i].capitalised and (
        ends_sentence(tokens[q], ".…")
        or (ends_sentence(tokens[q], "?!") and tokens[i].lower in PRONOUNS)
    )
    if new_sentence and hi < len(tokens) and tokens[hi].quote >= 0:
        # "“…” He adds, “…”": words between two quotes that open a new
        # sentence introduce the next quote, not this one.
        return None
    if tokens[i].lower == "according" and i + 1 < hi and tokens[i + 1].lower == "to":
        return phrase_after(tokens, i + 2, hi, i)
    width = is_reporting_verb(tokens, i)
    if (
        width
        and tokens[i].lower not in REPORTING_PARTICIPLES
        and tokens[i].lower not in _OBJECT_FIRST
    ):
        found = phrase_after(tokens, i + width, hi, i)
        if (
            found
            and (found.kind != "pronoun" or not new_sentence)
            and _ends_phrase(tokens, found, hi)
        ):
            return _name_after(tokens, found, hi) or found
    for v in range(i + 1, hi):
        width = is_reporting_verb(tokens, v)
        if not width:
            continue
        if tokens[v].lower in REPORTING_PARTICIPLES and not _finite_participle(tokens, v):
            continue
        found = subject_before(tokens, v, i)
        if found is None or found.first != i:
            continue
        if new_sentence and not _short_tail(tokens, v + width, hi):
            return None
        return found
    return None if new_sentence else _unknown_verb_after(tokens, i, hi)


def _name_after(tokens: list[Token], cue: Cue, hi: int) -> Cue | None:
    """ "said the White House spokesman, Josh Earnest.": the name set off after a
    description is who spoke."""
    k = cue.last + 1
    if cue.kind != "nominal" or k + 1 >= hi or tokens[k].text != ",":
        return None
    name = phrase_after(tokens, k + 1, hi, cue.anchor)
    if name is None or name.kind != "name" or name.first != name.head_first:
        return None
    after = name.last + 1
    if after < hi and tokens[after].text != ",":
        return None
    return name


def _ends_phrase(tokens: list[Token], cue: Cue, hi: int) -> bool:
    """True when nothing verb-like follows a subject written after its verb.

    "“…,” said Maksad." and "said London, author of …" are attributions;
    "“…,” said the candidate could win" reports something else.
    """
    j = cue.last + 1
    if j >= hi:
        return True
    tok = tokens[j]
    return not tok.is_word or tok.lower in BARRIERS or tok.lower in CALENDAR


def _unknown_verb_after(tokens: list[Token], i: int, hi: int) -> Cue | None:
    """ "…,” an angry Hollande retaliated." — a subject and one verb the lexicon lacks.

    After a quote that runs on into its sentence, a name or pronoun followed by
    a single past or present-tense verb and little else is an attribution.
    """
    found = phrase_after(tokens, i, hi, i)
    if found is None or found.kind == "nominal":
        return None
    v = found.last + 1
    while v < hi and tokens[v].lower in ("also", "then", "later", "quickly", "simply"):
        v += 1
    if v >= hi:
        return None
    verb = tokens[v]
    if not verb.is_word or verb.capitalised or not verb.lower.endswith(("ed", "s")):
        return None
    if not _short_tail(tokens, v + 1, hi):
        return None
    return Cue(found.first, found.last, found.head_first, found.head_last, found.kind, v)


def cue_before(tokens: list[Token], q: int, starts: list[int], known: dict[int, Cue]) -> Cue | None:
    """A cue earlier in quote `q`'s sentence: "He said: “…”", "Maksad said, adding that Iran “…”".

    `known` maps earlier quotes to their cues, so that a participle ("adding")
    can take the speaker of the clause it hangs from. Without any reporting
    verb, a quote after a colon or inside the sentence is given to the
    sentence's subject, marked as guessed.
    """
    lo = max(starts[q], q - MAX_LOOK_BACK)
    if q > lo and tokens[q - 1].text == ":":
        # "Pollsters agree - Carl Bialik: “…”": a heading names the speaker,
        # whatever verbs come before it.
        heading = _name_before_colon(tokens, q - 1, lo)
        if heading is not None:
            return heading
    relative: Cue | None = None
    for v in range(q - 1, lo - 1, -1):
        tok = tokens[v]
        if tok.quote >= 0:
            continue
        if tok.lower == "according" and v + 1 < q and tokens[v + 1].lower == "to":
            found = phrase_after(tokens, v + 2, q, v)
            if found:
                return found
        width = is_reporting_verb(tokens, v)
        if not width or _infinitive_after(tokens, v, width):
            continue
        if tok.lower in REPORTING_PARTICIPLES and not _finite_participle(tokens, v):
            found = _participle_subject(tokens, v, lo, known)
        else:
            found = (
                _passive_agent(tokens, v, width, q)
                or subject_before(tokens, v, lo)
                or _subject_of_coordinated(tokens, v, lo)
                or _inverted_subject(tokens, v, width, lo, q)
            )
        if found is None:
            continue
        # The subject may have been read from the sentence's start, but a
        # reporting verb carries it: not a guess.
        found = replace(found, guessed=False)
        if found.at < 0:
            return found
        # "Stevens said the way they treated women who complained ''…''": a
        # verb in a relative clause yields to an earlier one of the sentence.
        relative = relative or found
    if relative is not None:
        return relative
    if q > starts[q]:
        end = q + 1
        while end < len(tokens) and end - q < MAX_LOOK_BACK and starts[end] == starts[q]:
            end += 1
        colon = tokens[q - 1].text == ":"
        found = _name_before_colon(tokens, q - 1, lo) if colon else None
        found = found or clause_subject(tokens, starts[q], q, end)
        # A clause that ends in a colon introduces what its subject says.
        return replace(found, guessed=False) if found and colon else found
    return None


def _name_before_colon(tokens: list[Token], colon: int, lo: int) -> Cue | None:
    """ "Rep. Trey Gowdy (R-S.C.): “…”", "- Philip Bump: “…”" and "More from Jeffrey
    Jones: “…”": a name as a heading."""
    found = subject_before(tokens, colon, lo)
    if found is None or found.kind != "name":
        return None
    adjacent = found.head_last == colon - 1 or tokens[found.head_last + 1].text == "("
    if not adjacent:
        return None
    before = found.first - 1
    if before >= lo and tokens[before].lower == "and" and before > lo:
        # "- Frank Newport and Jim Harter: “…”"
        first = subject_before(tokens, before, lo)
        before = first.first - 1 if first is not None and first.kind == "name" else before
    if before >= lo and tokens[before].lower == "from":
        # "From Andrea Peyser:", "- More from Jones:", not "he was from Mexico:"
        before -= 1
        if before >= lo and tokens[before].lower == "more":
            before -= 1
    elif before >= lo and tokens[before].text not in _DASHES:
        return None
    return found if before < lo or tokens[before].text in _DASHES else None


def _inverted_subject(tokens: list[Token], v: int, width: int, lo: int, q: int) -> Cue | None:
    """ "Said Dorothy Poynter, who grew up with Ali, “…”": a sentence opening with
    its reporting verb has its subject after it."""
    if v != lo or not tokens[v].capitalised:
        return None
    found = phrase_after(tokens, v + width, q, v)
    return found if found is not None and found.kind != "pronoun" else None


def _subject_of_coordinated(tokens: list[Token], v: int, lo: int) -> Cue | None:
    """ "He praised those who left but said, “…”": the subject of the first verb."""
    j = skip_back(tokens, v - 1, lo)
    if j >= lo and tokens[j].lower in ("and", "but", "then", "or"):
        return sentence_subject(tokens, lo, v, v)
    return None


def _participle_subject(tokens: list[Token], v: int, lo: int, known: dict[int, Cue]) -> Cue | None:
    """Who speaks in the clause a participle at `v` opens ("adding that …").

    "with Gorka noting …" names its own subject; otherwise the participle
    belongs to the sentence's main clause: its first reporting cue, or its
    subject.
    """
    own = subject_before(tokens, v, lo)
    if own is not None and own.first > lo and tokens[own.first - 1].lower == "with":
        return own
    if v - 2 >= lo and tokens[v - 1].text in COMMA_LIKE:
        # "Mr. Manafort, citing ''the unique magic of Trump,'' said …"
        subject = subject_before(tokens, v - 1, lo)
        if subject is not None and subject.first == lo:
            return subject
    for u in range(lo, v):
        tok = tokens[u]
        if tok.quote >= 0 and tok.quote in known:
            return known[tok.quote]
        width = is_reporting_verb(tokens, u) if tok.quote < 0 else 0
        if width and tok.lower not in REPORTING_PARTICIPLES:
            found = subject_before(tokens, u, lo)
            if found:
                return found
    return sentence_subject(tokens, lo, v, v)


def _passive_agent(tokens: list[Token], v: int, width: int, hi: int) -> Cue | None:
    """ "Rubio was asked by moderator Gerard Baker whether …": the agent speaks."""
    after = v + width
    if v > 0 and tokens[v - 1].lower in _FINITE and after < hi and tokens[after].lower == "by":
        return phrase_after(tokens, after + 1, hi, v)
    return None


def _infinitive_after(tokens: list[Token], v: int, width: int) -> bool:
    """ "will continue to be", "vowed to fight": the verb reports no words here."""
    after = v + width
    return (
        tokens[v].lower in _TAKES_INFINITIVE
        and after + 1 < len(tokens)
        and tokens[after].lower == "to"
        and tokens[after + 1].is_word
        and not tokens[after + 1].capitalised
        and tokens[after + 1].lower not in _NOUN_BEFORE
    )


def reported_speech(tokens: list[Token], starts: list[int], v: int) -> Cue | None:
    """The cue of a reporting verb at `v` outside any quote ("Smith said the plan failed")."""
    width = is_reporting_verb(tokens, v)
    if not width or tokens[v].lower in REPORTING_PARTICIPLES:
        return None
    found = subject_before(tokens, v, starts[v])
    if found is None and v > 0 and tokens[v - 1].text == ",":
        end = v + width
        while end < len(tokens) and tokens[end].is_word:
            end += 1
        found = phrase_after(tokens, v + width, end, v)
        if found is not None and found.kind != "name":
            found = None
    return found
