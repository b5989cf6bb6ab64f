"""Where a course takes place: town, postal code and coordinates resolved to a district."""

from __future__ import annotations

from dataclasses import dataclass

from lotse.catalog.values import ValueProblem
from lotse.places import place_index


@dataclass(frozen=True)
class CoursePlace:
    town: str | None = None
    postal_code: str | None = None
    district_key: str | None = None
    lat: float | None = None
    lon: float | None = None
    # A town name given without coordinates that the place knowledge does not know.
    unknown_name: str | None = None


def locate(town: str, postal_code: str = "", lat: str | float | None = "",
           lon: str | float | None = "") -> CoursePlace:
    """Resolve a course's place; given coordinates win over the ones of the town."""
    town, postal_code = (town or "").strip(), (postal_code or "").strip()
    point = _given_point(lat, lon)
    if not town and not postal_code:
        return CoursePlace(lat=point[0], lon=point[1]) if point else CoursePlace()
    index = place_index()
    found = index.resolve(postal_code).place if postal_code else None
    named = index.resolve(town).place if town else None
    if named and named.in_state and found and found.district and named.district \
            and named.district.key != found.district.key:
        named = None  # a namesake elsewhere in the state: trust the postal code's district
    place = named or found
    district = (found.district if found and found.district else None) or (place.district if place else None)
    if point is None and place is not None and place.has_coordinates:
        point = (place.lat, place.lon)
    return CoursePlace(
        town=town or (place.name if place else None), postal_code=postal_code or None,
        district_key=district.key if district else None,
        lat=point[0] if point else None, lon=point[1] if point else None,
        unknown_name=town if point is None else None,
    )


def _given_point(lat: str | float | None, lon: str | float | None) -> tuple[float, float] | None:
    if lat in (None, "") or lon in (None, ""):
        return None
    try:
        point = float(str(lat).replace(",", ".")), float(str(lon).replace(",", "."))
    except ValueError as exc:
        raise ValueProblem(f"Koordinaten '{lat}', '{lon}' sind keine Zahlen") from exc
    if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        raise ValueProblem(f"Koordinaten '{lat}', '{lon}' liegen nicht auf der Erde")
    return point
