"""Word lists the analysis shares, kept as data files so they can be measured and extended.

`REPORTING_VERBS` is read by the quote engine (to find who said a quote) and
by the actor engine (whoever says things is a person or an organisation).
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _read_verbs(path: Path) -> tuple[tuple[str, ...], ...]:
    """One tuple of forms per verb line; comments and blank lines skipped."""
    verbs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            verbs.append(tuple(form.strip().lower() for form in line.split(",") if form.strip()))
    return tuple(verbs)


_VERBS = _read_verbs(DATA / "reporting_verbs.txt")

# Every form of every reporting verb, lowercase; phrasal verbs appear as
# space-separated forms ("pointed out").
REPORTING_VERBS: frozenset[str] = frozenset(form for verb in _VERBS for form in verb)

# Every form of a verb, by its base form ("say" -> say, says, said, saying).
VERB_FORMS: dict[str, tuple[str, ...]] = {verb[0]: verb for verb in _VERBS}

# The base forms ("say", "tweet"): after a singular subject with no auxiliary
# they are nouns ("an early morning tweet"), not verbs.
REPORTING_BASES: frozenset[str] = frozenset(verb[0] for verb in _VERBS) - {
    form for verb in _VERBS for form in verb[1:]
}

# The present participles ("adding", "saying"): a clause they open reports
# the words of the sentence's subject ("Maksad said, adding that ...").
REPORTING_PARTICIPLES: frozenset[str] = frozenset(verb[-1] for verb in _VERBS)
