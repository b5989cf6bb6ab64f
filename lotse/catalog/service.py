"""The course search as the conversation uses it: a page of cards, widening when nothing is
near, related topics when nothing is found at all, and answers about a shown course."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from sqlalchemy import Engine

from lotse.catalog.cards import CourseCard, card
from lotse.catalog.models import Course
from lotse.catalog.search import CourseQuery, CourseSearch, SearchResult
from lotse.db import engine, session_scope
from lotse.numbers import german_decimal
from lotse.places import resolve_place

PAGE_SIZE = 3
WIDER_RADII_KM = (50, 100)


@dataclass
class CoursePage:
    query: CourseQuery
    total: int
    offset: int
    cards: list[CourseCard] = field(default_factory=list)
    widened_from_km: float | None = None
    suggestions: list[str] = field(default_factory=list)

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.cards) < self.total

    @property
    def demo(self) -> bool:
        return any(c.demo for c in self.cards)

    def lines(self) -> list[str]:
        widened = f" (Umkreis erweitert auf {german_decimal(self.query.radius_km)} km)"
        head = f"{self.total} Treffer" + (widened if self.widened_from_km else "")
        out = [head]
        for item in self.cards:
            out += ["", item.text()]
        if self.suggestions:
            out.append("Verwandte Themen: " + ", ".join(self.suggestions))
        return out


@lru_cache(maxsize=4)
def searcher(bind: Engine | None = None) -> CourseSearch:
    return CourseSearch(bind or engine())


def query_for_place(text: str, place_text: str | None, radius_km: float = 25) -> CourseQuery:
    """A query around the named place (when it is known and has coordinates)."""
    if place_text:
        place = resolve_place(place_text).place
        if place is not None and place.has_coordinates:
            return CourseQuery(text, place.label, place.lat, place.lon, radius_km)
    return CourseQuery(text)


def _search(query: CourseQuery, today: date, bind: Engine | None) -> SearchResult:
    with session_scope(bind) as session:
        return searcher(bind).search(session, query, today)


def search_page(query: CourseQuery, today: date, offset: int = 0, size: int = PAGE_SIZE,
                widen: bool = True, bind: Engine | None = None) -> CoursePage:
    """One page of results; with `widen`, a first search without hits nearby looks farther."""
    result = _search(query, today, bind)
    widened_from = None
    if widen and offset == 0 and result.total == 0 and query.has_place:
        for radius in (r for r in WIDER_RADII_KM if r > query.radius_km):
            wider = _search(query.changed(radius_km=radius), today, bind)
            if wider.total:
                result, widened_from = wider, query.radius_km
                break
    page = CoursePage(result.query, result.total, offset, widened_from_km=widened_from)
    hits = result.hits[offset:offset + size]
    with session_scope(bind) as session:
        courses = CourseSearch.courses(session, [h.course_id for h in hits])
        pairs = zip(courses, hits, strict=True)
        page.cards = [card(offset + i + 1, c, h, today) for i, (c, h) in enumerate(pairs)]
    if result.total == 0:
        page.suggestions = related_topics(result)
    return page


def related_topics(result: SearchResult, bind: Engine | None = None) -> list[str]:
    vocabulary = searcher(bind).vocabulary
    names: list[str] = []
    for group in result.groups:
        if group.topic:
            names += [t.name for t in vocabulary.related(group.topic)]
    return list(dict.fromkeys(names))[:4]


def shown_courses(course_ids: list[int], bind: Engine | None = None) -> list[Course]:
    """The courses of these ids in this order, in one query (withdrawn ones included)."""
    with session_scope(bind) as session:
        return CourseSearch.courses(session, course_ids)


def shown_course(course_id: int, bind: Engine | None = None) -> Course | None:
    found = shown_courses([course_id], bind)
    return found[0] if found else None
