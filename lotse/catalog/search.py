"""Course search: full text with German in mind, filters, and a ranking that weighs
relevance, distance and the next start date.

The database finds candidates through its index (SQLite FTS5 or PostgreSQL full text with
trigrams, see `backends.py`); the ranking below is the same for every database, so that
both give the same answers.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from lotse.catalog.backends import Filters, backend_for
from lotse.catalog.geo import distance_km
from lotse.catalog.models import Course
from lotse.catalog.topics import IndexWords, TermGroup, TopicVocabulary, topic_vocabulary
from lotse.text import fold

CANDIDATES = 150
SYNONYM_FACTOR = 0.85
TOPIC_BONUS = 0.5
DEFAULT_RADIUS_KM = 25
WEIGHT_RELEVANCE, WEIGHT_DISTANCE, WEIGHT_START = 0.6, 0.25, 0.15
NEUTRAL = 0.5
START_HORIZON_DAYS = 365
INDEX_WORDS_TTL_S = 300.0


@dataclass(frozen=True)
class CourseQuery:
    """What to look for. Place = coordinates with a label; no place = the whole catalogue."""

    text: str
    place_label: str | None = None
    lat: float | None = None
    lon: float | None = None
    radius_km: float = DEFAULT_RADIUS_KM
    deliveries: tuple[str, ...] = ()
    schedules: tuple[str, ...] = ()
    earliest_start: date | None = None
    azav_only: bool = False
    max_weeks: int | None = None
    max_cost: float | None = None

    @property
    def has_place(self) -> bool:
        return self.lat is not None and self.lon is not None

    def changed(self, **changes: Any) -> CourseQuery:
        return replace(self, **changes)

    def to_slot(self) -> dict[str, Any]:
        """A JSON-safe dict for the conversation's memory (slot)."""
        data = {k: v for k, v in self.__dict__.items() if v not in (None, (), False)}
        if self.earliest_start:
            data["earliest_start"] = self.earliest_start.isoformat()
        for key in ("deliveries", "schedules"):
            if key in data:
                data[key] = list(data[key])
        return data

    @classmethod
    def from_slot(cls, data: dict[str, Any]) -> CourseQuery:
        values = dict(data)
        if values.get("earliest_start"):
            values["earliest_start"] = date.fromisoformat(values["earliest_start"])
        for key in ("deliveries", "schedules"):
            values[key] = tuple(values.get(key) or ())
        return cls(**{k: v for k, v in values.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Hit:
    course_id: int
    score: float
    distance_km: float | None
    next_start: date | None


@dataclass
class SearchResult:
    query: CourseQuery
    groups: list[TermGroup]
    hits: list[Hit] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.hits)


class CourseSearch:
    """Searches one database; keeps the catalogue's words for typo correction a while."""

    def __init__(self, engine: Engine, vocabulary: TopicVocabulary | None = None,
                 backend: str | None = None) -> None:
        self.engine = engine
        self.vocabulary = vocabulary or topic_vocabulary()
        self.backend = backend_for(engine, backend)
        self._index_words: tuple[float, IndexWords] | None = None

    def index_words(self, session: Session) -> IndexWords:
        now = time.monotonic()
        if self._index_words is None or now - self._index_words[0] > INDEX_WORDS_TTL_S:
            words: set[str] = set()
            rows = session.execute(select(Course.search_title, Course.search_topic)
                                   .where(Course.withdrawn_at.is_(None)))
            for title, topic in rows:
                words.update(title.split())
                words.update(topic.split())
            self._index_words = (now, IndexWords(words))
        return self._index_words[1]

    def search(self, session: Session, query: CourseQuery, today: date) -> SearchResult:
        groups = self.vocabulary.analyse(query.text, self.index_words(session))
        result = SearchResult(query, groups)
        if not groups:
            return result
        filters = Filters.of(query)
        rows = self.backend.candidates(session, groups, filters, CANDIDATES)
        rank = Ranker(groups, query, today)
        hits = [hit for row in rows if (hit := rank(tuple(row))) is not None]
        hits.sort(key=lambda h: (-h.score, h.distance_km if h.distance_km is not None else 1e9,
                                 h.course_id))
        result.hits = hits
        return result

    @staticmethod
    def courses(session: Session, ids: list[int]) -> list[Course]:
        """The courses of these ids, in this order (withdrawn ones included)."""
        found = {c.id: c for c in session.scalars(select(Course).where(Course.id.in_(ids)))}
        return [found[i] for i in ids if i in found]


@dataclass(frozen=True)
class GroupPattern:
    """A term group compiled for fast checks: the visitor's own word, then its synonyms."""

    own: re.Pattern[str]
    own_at_start: re.Pattern[str]
    any: re.Pattern[str]
    any_at_start: re.Pattern[str]
    topic: re.Pattern[str] | None

    @classmethod
    def of(cls, group: TermGroup) -> GroupPattern:
        own = "|".join(map(re.escape, group.alternatives[:group.own_count]))
        every = "|".join(map(re.escape, group.alternatives))
        topic = re.compile(f"(?:^| ){re.escape(fold(group.topic.name))}(?:$| )") if group.topic else None
        return cls(re.compile(own), re.compile(f"(?:^| )(?:{own})"), re.compile(every),
                   re.compile(f"(?:^| )(?:{every})"), topic)


def relevance(title: str, topic: str, patterns: list[GroupPattern]) -> float:
    """0..1 for a candidate the database found (every group matches somewhere): best in the
    title at a word start, then anywhere in the title, then in topic or keywords, least in the
    description only; a synonym counts a little less than the visitor's own word."""
    total = 0.0
    for pattern in patterns:
        if pattern.own_at_start.search(title):
            score = 4.0
        elif pattern.own.search(title):
            score = 3.0
        elif pattern.any_at_start.search(title):
            score = 4.0 * SYNONYM_FACTOR
        elif pattern.any.search(title):
            score = 3.0 * SYNONYM_FACTOR
        elif pattern.own.search(topic):
            score = 2.0
        elif pattern.any.search(topic):
            score = 2.0 * SYNONYM_FACTOR
        else:
            score = 1.0  # not in title or topic: the database found it in the description
        if pattern.topic is not None and pattern.topic.search(topic):
            score += TOPIC_BONUS  # the course is filed under the very topic asked for
        total += score
    return total / ((4.0 + TOPIC_BONUS) * len(patterns))


class Ranker:
    """Scores candidates (rows of backends.ROW_COLUMNS) for one query; None = not a hit
    (outside the radius, or every start date is over)."""

    def __init__(self, groups: list[TermGroup], query: CourseQuery, today: date) -> None:
        self.patterns = [GroupPattern.of(g) for g in groups]
        self.query = query
        self.from_day = max(today, query.earliest_start or today)
        self.from_iso = self.from_day.isoformat()

    def __call__(self, row: Any) -> Hit | None:
        course_id, title, topic, lat, lon, delivery, start_dates, anytime = row
        query = self.query
        distance = None
        if lat is not None and query.has_place:
            distance = distance_km(query.lat, query.lon, lat, lon)
        if delivery == "online":
            distance_score = NEUTRAL
        elif query.has_place:
            if distance is None or distance > query.radius_km:
                return None
            distance_score = 1.0 - distance / query.radius_km
        else:
            distance_score = NEUTRAL
        next_start = None
        if anytime:
            start_score = 1.0
        elif not start_dates:
            start_score = 0.3
        else:
            upcoming = next((d for d in start_dates.split(",") if d >= self.from_iso), None)
            if upcoming is None:
                return None  # every date is over
            next_start = date.fromisoformat(upcoming)
            days = (next_start - self.from_day).days
            start_score = max(0.0, 1.0 - max(0, days - 30) / START_HORIZON_DAYS)
        rel = relevance(title, topic, self.patterns)
        score = WEIGHT_RELEVANCE * rel + WEIGHT_DISTANCE * distance_score + WEIGHT_START * start_score
        return Hit(course_id, round(score, 6), distance, next_start)
