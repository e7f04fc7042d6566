"""Whether a written name is a man's or a woman's, so "she said" skips past "Doug London".

Given names come from the person providers of the `faker` package (all
locales, Latin letters only), which list the common male and female given
names of each country from census statistics. A name listed for both (Jamie,
Kerry) says nothing; neither does an unknown one. Honorifics settle it first.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Literal

from briefer.analysis.tables import table

Gender = Literal["male", "female"]

_HONORIFICS: dict[str, Gender] = {
    "mr": "male",
    "mr.": "male",
    "mrs": "female",
    "mrs.": "female",
    "ms": "female",
    "ms.": "female",
    "miss": "female",
}


@table
def _given_names() -> tuple[frozenset[str], frozenset[str]]:
    """(male, female) given names, each without the names the other also lists."""
    import faker.providers.person as person

    male: set[str] = set()
    female: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute, names in (("first_names_male", male), ("first_names_female", female)):
            value = getattr(provider, attribute, None)
            if isinstance(value, (list, tuple, dict, set, frozenset)):
                names.update(n for n in value if isinstance(n, str) and n.isascii() and n.isalpha())
    return frozenset(male - female), frozenset(female - male)


def gender_of(name: str) -> Gender | None:
    """The gender a written name points to: its honorific ("Mrs. Clinton"), else the
    given name of a full name ("Doug London"). A lone surname says nothing, as
    many are given names too (Clinton, Kelly)."""
    words = name.split()
    if not words:
        return None
    honorific = _HONORIFICS.get(words[0].lower())
    if honorific or len(words) < 2:
        return honorific
    male, female = _given_names()
    if words[0] in male:
        return "male"
    if words[0] in female:
        return "female"
    return None
