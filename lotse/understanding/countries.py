"""Names of other countries and their languages in German, from the Unicode CLDR data that the
Babel package ships (no download, no hand-made list): "aus kasachstan", "diplom auf russisch",
"ein syrisches zeugnis" tell of a qualification from abroad."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

HOME_COUNTRY, HOME_LANGUAGE = "DE", "de"
# CLDR territories that are not countries (unions, pseudo regions).
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
_ADJECTIVE_ENDINGS = ("", "e", "es", "er", "en", "em")


@lru_cache(maxsize=1)
def foreign_country_names() -> tuple[str, ...]:
    """German names of every other country ("Syrien", "Ukraine", "Kasachstan", ...)."""
    territories = Locale("de").territories
    return tuple(
        sorted(
            name.lower()
            for code, name in territories.items()
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES and code != HOME_COUNTRY
        )
    )


@lru_cache(maxsize=1)
def foreign_language_adjectives() -> tuple[str, ...]:
    """'russisch', 'russisches', 'arabischen' ... for the languages with a two-letter code."""
    languages = Locale("de").languages
    stems = {
        name.lower()
        for code, name in languages.items()
        if len(code) == 2 and code != HOME_LANGUAGE and " " not in name and name.endswith("isch")
    }
    return tuple(sorted(f"{stem}{ending}" for stem in stems for ending in _ADJECTIVE_ENDINGS))


def foreign_place_words() -> tuple[str, ...]:
    """Country names and 'auf <language>' phrases."""
    languages = {a for a in foreign_language_adjectives() if a.endswith("isch")}
    return (*foreign_country_names(), *(f"auf {language}" for language in sorted(languages)))
