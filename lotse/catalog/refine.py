"""Refinements in plain German on the last results: "nur online", "lieber in Halle",
"ab März", "Teilzeit", "günstiger", "kürzer", "nur mit Bildungsgutschein", "näher".

Each recognised wish changes one filter of the query; what changed is reported back so that
the assistant can say what it understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from lotse.catalog.cards import euro, german_date
from lotse.catalog.models import Course
from lotse.catalog.search import CourseQuery
from lotse.catalog.service import query_for_place
from lotse.knowledge import knowledge
from lotse.numbers import german_decimal, parse_count, with_digits
from lotse.places import resolve_place
from lotse.text import fold, lower_umlauts
from lotse.vocabulary import vocabulary

# course_format entity value → (deliveries, schedules) filter.
FORMAT_FILTERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "online": (("online",), ()),
    "in_person": (("in_person", "blended"), ()),
    "part_time": ((), ("part_time",)),
    "full_time": ((), ("full_time",)),
    "in_service": ((), ("in_service", "part_time")),
}


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    """The phrases of knowledge/refinement.yml, folded as the visitor's text is."""
    data = knowledge().refinement.data
    words: dict[str, Any] = {key: tuple(fold(w) for w in data[key])
                             for key in ("cheaper", "free", "shorter", "closer", "farther", "anywhere",
                                         "funded", "next_year")}
    words["months"] = {fold(word): month for word, month in {**data["months"], **data["seasons"]}.items()}
    return words


_EURO = re.compile(r"(\d[\d.]*)\s*(?:euro|eur|€)|(?:max(?:imal)?|hoechstens|hochstens|unter|bis)\s+"
                   r"(\d[\d.]*)(?![\d.]|\s*(?:woche|monat|tag|km|kilo|stund))")
_KM = re.compile(r"(\d+)\s*(?:km|kilometer)")
_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})?")
_DURATION = re.compile(r"(\d+)\s*(woche|wochen|monat|monate|monaten|tag|tage|tagen)\b")
MIN_RADIUS_KM = 5


@dataclass
class Refinement:
    query: CourseQuery
    changes: list[str] = field(default_factory=list)

    @property
    def understood(self) -> bool:
        return bool(self.changes)


def apply(query: CourseQuery, text: str, formats: list[str], place_text: str | None,
          shown: list[Course], today: date) -> Refinement:
    """The query with every wish found in `text` (and in the entities) applied."""
    folded = f" {fold(text)} "
    digits = " ".join(lower_umlauts(with_digits(text)).split())
    result = Refinement(query)
    _formats(result, formats or _formats_in(text))
    _place(result, folded, place_text, digits)
    _start(result, folded, text, today)
    _cost(result, folded, digits, shown)
    _length(result, folded, digits, shown)
    if any(w in folded for w in _words()["funded"]):
        result.query = result.query.changed(azav_only=True)
        result.changes.append("azav")
    return result


def _formats_in(text: str) -> list[str]:
    found = vocabulary("course_format").normalize(text)
    return [found] if found else []


def _formats(result: Refinement, formats: list[str]) -> None:
    for value in formats:
        if value not in FORMAT_FILTERS:
            continue
        deliveries, schedules = FORMAT_FILTERS[value]
        if deliveries:
            result.query = result.query.changed(deliveries=deliveries)
        if schedules:
            result.query = result.query.changed(schedules=schedules)
        result.changes.append(f"format:{value}")


def _place(result: Refinement, folded: str, place_text: str | None, digits: str) -> None:
    if place_text:
        place = resolve_place(place_text).place
        if place is not None and place.has_coordinates:
            result.query = result.query.changed(place_label=place.label, lat=place.lat, lon=place.lon)
            result.changes.append("place")
    if any(w in folded for w in _words()["anywhere"]):
        result.query = result.query.changed(place_label=None, lat=None, lon=None)
        result.changes.append("anywhere")
        return
    km = _KM.search(digits)
    if km and result.query.has_place:
        result.query = result.query.changed(radius_km=max(MIN_RADIUS_KM, int(km.group(1))))
        result.changes.append("radius")
    elif any(w in folded for w in _words()["closer"]) and result.query.has_place:
        result.query = result.query.changed(radius_km=max(MIN_RADIUS_KM, result.query.radius_km / 2))
        result.changes.append("radius")
    elif any(w in folded for w in _words()["farther"]) and result.query.has_place:
        result.query = result.query.changed(radius_km=result.query.radius_km * 2)
        result.changes.append("radius")


def _start(result: Refinement, folded: str, text: str, today: date) -> None:
    day = None
    explicit = _DATE.search(text)
    if explicit:
        year = int(explicit.group(3)) if explicit.group(3) else today.year
        year = year + 2000 if year < 100 else year
        try:
            day = date(year, int(explicit.group(2)), int(explicit.group(1)))
        except ValueError:
            day = None
        if day and not explicit.group(3) and day < today:
            day = date(today.year + 1, day.month, day.day)
    if day is None:
        month = next((m for word, m in _words()["months"].items() if f" {word} " in folded), None)
        if month:
            year = today.year if month > today.month else today.year + 1
            day = date(year, month, 1)
    if day is None and any(w in folded for w in _words()["next_year"]):
        day = date(today.year + 1, 1, 1)
    if day is not None:
        result.query = result.query.changed(earliest_start=day)
        result.changes.append("start")


def _cost(result: Refinement, folded: str, digits: str, shown: list[Course]) -> None:
    amount = _EURO.search(digits)
    if any(w in folded for w in _words()["free"]):
        result.query = result.query.changed(max_cost=0.0)
    elif amount:
        value = parse_count(amount.group(1) or amount.group(2))
        if value is None:
            return
        result.query = result.query.changed(max_cost=float(value))
    elif any(w in folded for w in _words()["cheaper"]):
        costs = [c.cost_eur for c in shown if c.cost_eur]
        if not costs:
            return
        result.query = result.query.changed(max_cost=min(costs) - 0.01)
    else:
        return
    result.changes.append("cost")


def _length(result: Refinement, folded: str, digits: str, shown: list[Course]) -> None:
    duration = _DURATION.search(digits)
    if duration:
        number, unit = int(duration.group(1)), duration.group(2)
        weeks = number * 4 + number // 3 if unit.startswith("monat") else \
            max(1, number // 5) if unit.startswith("tag") else number
        result.query = result.query.changed(max_weeks=weeks)
    elif any(w in folded for w in _words()["shorter"]):
        weeks = [c.weeks for c in shown if c.weeks]
        if not weeks or min(weeks) <= 1:
            return
        result.query = result.query.changed(max_weeks=min(weeks) - 1)
    else:
        return
    result.changes.append("length")


def query_from_situation(topic: str, location: str | None, formats: list[str]) -> CourseQuery:
    """The first query of a search: topic and place from the conversation, formats said."""
    query = query_for_place(topic, location)
    refined = Refinement(query)
    _formats(refined, formats)
    return refined.query


def describe(query: CourseQuery, changes: list[str]) -> list[str]:
    """What changed, in German, for "Ich habe die Suche angepasst: …"."""
    labels = knowledge().labels.data["courses"]
    out = []
    for change in changes:
        if change.startswith("format:"):
            out.append(labels["change_format"].format(format=labels[change.split(":")[1]]))
        elif change == "place":
            out.append(labels["change_place"].format(place=query.place_label))
        elif change == "radius":
            out.append(labels["change_radius"].format(km=german_decimal(query.radius_km)))
        elif change == "anywhere":
            out.append(labels["change_anywhere"])
        elif change == "start" and query.earliest_start:
            out.append(labels["change_start"].format(date=german_date(query.earliest_start)))
        elif change == "cost" and query.max_cost is not None:
            out.append(labels["change_cost_free"] if query.max_cost == 0
                       else labels["change_cost"].format(cost=euro(int(query.max_cost))))
        elif change == "length" and query.max_weeks is not None:
            out.append(labels["change_length"].format(weeks=query.max_weeks))
        elif change == "azav":
            out.append(labels["change_azav"])
    return out


def where_text(query: CourseQuery) -> str:
    labels = knowledge().labels.data["courses"]
    if not query.has_place:
        return labels["where_anywhere"]
    return labels["where_place"].format(km=german_decimal(query.radius_km), place=query.place_label)
