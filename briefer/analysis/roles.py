"""Who an actor is, in the document's own words: titles and appositives.

"Iranian President Ebrahim Raisi", "Palestinian Islamic Jihad leader Ziad
al-Nakhleh", "Doug London, a former CIA chief of station who ...", "the leader
of Lebanese Hezbollah, Hassan Nasrallah," and "A Hamas leader, Khaled Mashal,".
"""

from __future__ import annotations

from briefer.analysis.kinds import appositive_head
from briefer.analysis.names import Run, Token
from briefer.analysis.wordlists import words

_HONORIFICS = {"mr", "mrs", "ms", "miss", "mr.", "mrs.", "ms."}
_DETERMINERS = {"a", "an", "the"}
_CLAUSE_END = {",", ".", ";", ":", "(", ")", "—", "–", "!", "?", "“", "”", '"'}
_RELATIVE = {"who", "which", "that", "whose", "whom", "said", "says", "told"}
_MODIFIERS = {"former", "then", "late", "acting", "current", "incoming", "outgoing", "top"}
_ADJECTIVE_ENDINGS = ("al", "ial", "ic", "ary", "ian", "ive", "ent", "ior", "time")
MAX_ROLE_WORDS = 16


def roles(run: Run, text: str, tokens: list[Token]) -> list[str]:
    found = [r for r in (_title(run, text, tokens), _before(run, text, tokens)) if r]
    found.extend(r for r in (_after(run, text, tokens), _lead_in(run, text, tokens)) if r)
    return found


def _title(run: Run, text: str, tokens: list[Token]) -> str | None:
    if not run.title or run.title.lower() in _HONORIFICS:
        return None
    start = text.find(run.title, max(0, run.start - len(run.title) - 2))
    k = run.first - 1
    while k >= 0 and tokens[k].start >= start:
        k -= 1
    if k >= 0 and tokens[k].lower in _MODIFIERS:
        return f"{tokens[k].text} {run.title}"
    return run.title


def _before(run: Run, text: str, tokens: list[Token]) -> str | None:
    """A lowercase role right before the name, with what qualifies it."""
    if run.title or run.first == 0:
        return None
    k = run.first - 1
    if tokens[k].cap or tokens[k].lower not in words("person_titles"):
        return None
    start = k
    while start > 0 and run.first - start < 7:
        t = tokens[start - 1]
        lower = t.lower
        if lower in _DETERMINERS or lower in _CLAUSE_END or lower in {"and", "or", "with", "by"}:
            break
        if not (
            t.cap
            or lower in _MODIFIERS
            or lower in words("person_titles")
            or lower.endswith(_ADJECTIVE_ENDINGS)
        ):
            break
        start -= 1
    return text[tokens[start].start : tokens[k].end]


def _after(run: Run, text: str, tokens: list[Token]) -> str | None:
    """ ", a former CIA chief of station who ...": up to the end of the clause."""
    k = run.last + 1
    if k + 1 >= len(tokens) or tokens[k].text != ",":
        return None
    if appositive_head(tokens, k + 1) is None:
        return None
    first = k + 1 + (tokens[k + 1].lower in _DETERMINERS)
    end = first
    while (
        end < len(tokens)
        and (tokens[end].text not in _CLAUSE_END or _abbreviation_stop(tokens, end))
        and tokens[end].lower not in _RELATIVE
        and end - first < MAX_ROLE_WORDS
    ):
        end += 1
    if end == first or end - first >= MAX_ROLE_WORDS:
        return None
    return text[tokens[first].start : tokens[end - 1].end]


def _abbreviation_stop(tokens: list[Token], k: int) -> bool:
    """The full stop of "George W." or "Mr." inside a phrase, not the end of one."""
    before = tokens[k - 1] if k > 0 else None
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    return (
        tokens[k].text == "."
        and before is not None
        and (len(before.text) == 1 or before.lower in {"mr", "mrs", "ms", "dr", "sen", "rep"})
        and after is not None
        and after.cap
    )


def _lead_in(run: Run, text: str, tokens: list[Token]) -> str | None:
    """ "the leader of Lebanese Hezbollah, Hassan Nasrallah," -> the phrase before."""
    k = run.first - 1
    after = tokens[run.last + 1] if run.last + 1 < len(tokens) else None
    if k < 1 or tokens[k].text != "," or (after is not None and after.text not in {",", "."}):
        return None
    start = k - 1
    while start > 0 and tokens[start - 1].text not in _CLAUSE_END and k - start < MAX_ROLE_WORDS:
        start -= 1
    if tokens[start].lower not in _DETERMINERS:
        return None
    if appositive_head(tokens, start) != "person":
        return None
    return text[tokens[start + 1].start : tokens[k - 1].end]
