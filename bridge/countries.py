"""Country names as exports write them -> ISO 3166-1 alpha-2 codes.

pycountry's names (official, common, alpha-3 codes) and their translations
in the languages CRM exports come in most, plus the few aliases ISO lacks.
"""

from __future__ import annotations

import functools
import gettext

import pycountry

LANGUAGES = ("de", "fr", "es", "pt", "it", "nl")
# Names in daily use that ISO 3166 does not list ("Korea" stays ambiguous)
ALIASES = {
    "uk": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "holland": "NL",
}


@functools.cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    languages = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in LANGUAGES
    ]
    for country in pycountry.countries:
        spelled = {country.alpha_3, country.name}
        spelled |= {getattr(country, a, None) for a in ("official_name", "common_name")}
        spelled |= {lang.gettext(country.name) for lang in languages}
        for name in filter(None, spelled):
            names.setdefault(name.casefold(), country.alpha_2)
    names.update(ALIASES)
    return names


def country_code(text: str) -> str | None:
    """``"USA"``, ``"Deutschland"``, ``"UK"`` -> ``"US"``, ``"DE"``, ``"GB"``."""
    return _names().get(" ".join(text.split()).casefold())
