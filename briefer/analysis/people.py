"""Given and family names, from the person providers of the `faker` package (all locales).

Faker keeps, per locale, the given names most common there (from census and
civil-registry statistics), which is what telling "Bill Gates" (a person)
from "Judicial Watch" (an organisation) needs. Only names written in Latin
letters are kept, since the articles are in English.
"""

from __future__ import annotations

import importlib
import pkgutil

from briefer.analysis.tables import table

_GIVEN = ("first_names", "first_names_male", "first_names_female")
_FAMILY = ("last_names",)


@table
def given_names() -> frozenset[str]:
    return _names(_GIVEN)


@table
def family_names() -> frozenset[str]:
    return _names(_FAMILY)


def _names(attributes: tuple[str, ...]) -> frozenset[str]:
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in attributes:
            value = next(
                (k.__dict__[attribute] for k in provider.__mro__ if attribute in k.__dict__), None
            )
            if isinstance(value, (list, tuple, dict, set, frozenset)):
                names.update(n for n in value if isinstance(n, str) and n.isascii() and n.isalpha())
    return frozenset(n for n in names if n[:1].isupper())


def is_given_name(word: str) -> bool:
    return word in given_names()


def is_family_name(word: str) -> bool:
    """ "King", "Bishop": a title word that is also a common surname."""
    return word in family_names()
