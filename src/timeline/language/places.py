"""Countries, demonyms and capitals from the ``countryinfo`` dataset, plus the prose
country codes ("U.S.", "UK") and organisation words of ``timeline/data/actor_patterns.json``:
the one place these facts are loaded, for names here and actors in ``timeline.entities``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Places:
    countries: dict[str, str]  # lower-case surface -> country name
    demonyms: dict[str, str]  # lower-case demonym -> country name
    capitals: dict[str, str]  # lower-case capital -> capital as written
    known_orgs: dict[str, str]  # lower-case -> as written
    org_heads: frozenset[str]  # "Ministry", "Bank", ... as written


@cache
def actor_patterns() -> dict:
    return json.loads(
        resources.files("timeline.data").joinpath("actor_patterns.json").read_text("utf-8")
    )


@cache
def places() -> Places:
    from countryinfo import all_countries  # a data package; loaded once, on first use

    countries: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for country in all_countries():
        info = country.info()
        name = info.get("name")
        if not name:
            continue
        iso = info.get("ISO") or {}
        codes = {iso.get("alpha2"), iso.get("alpha3")}
        for alias in [name, *(info.get("altSpellings") or [])]:
            if alias and alias not in codes and alias.isascii():
                countries.setdefault(alias.lower(), name)
        if info.get("demonym"):
            demonyms.setdefault(info["demonym"].lower(), name)
        capital = info.get("capital") or []
        for city in [capital] if isinstance(capital, str) else capital:
            capitals.setdefault(city.lower(), city)
    patterns = actor_patterns()
    for code, name in patterns["country_codes_in_prose"].items():
        countries[code.lower()] = name
    return Places(
        countries=countries,
        demonyms=demonyms,
        capitals=capitals,
        known_orgs={o.lower(): o for o in patterns["known_organisations"]},
        org_heads=frozenset(patterns["organisation_heads"]),
    )
