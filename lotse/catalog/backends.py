"""How each database finds candidate courses: its own full-text index, same filters.

- SQLite: an FTS5 table with the trigram tokenizer over the folded title, topic and
  description (external content, kept in step by triggers); a term matches anywhere in a
  word, which is what German compounds need; candidates ordered by bm25.
- PostgreSQL: a GIN trigram index (pg_trgm) for the same substring matching, and a weighted
  `german` tsvector whose ts_rank orders the candidates.
- LIKE: no index at all; the baseline of `make bench` and the way for words shorter than
  three letters, which trigram indexes cannot look up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, and_, bindparam, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from lotse.catalog.geo import bounding_box
from lotse.catalog.index_terms import MIN_PART, ONLINE, cells_around, document
from lotse.catalog.models import Course
from lotse.catalog.topics import TermGroup

ROW_COLUMNS = (Course.id, Course.search_title, Course.search_topic, Course.lat, Course.lon,
               Course.delivery, Course.start_dates, Course.starts_anytime)


@dataclass(frozen=True)
class Filters:
    """The hard conditions of a query (lotse.catalog.search.CourseQuery) for the database;
    the circle around the place as a box (the exact distance is checked when ranking)."""

    query: Any
    box: tuple[float, float, float, float] | None = None

    @classmethod
    def of(cls, query: Any) -> Filters:
        box = bounding_box(query.lat, query.lon, query.radius_km) if query.has_place else None
        return cls(query, box)

    def clauses(self) -> list[Any]:
        out: list[Any] = [Course.withdrawn_at.is_(None)]
        if self.query.deliveries:
            out.append(Course.delivery.in_(self.query.deliveries))
        if self.query.schedules:
            out.append(or_(*(Course.schedules.contains(s) for s in self.query.schedules)))
        if self.query.earliest_start:
            out.append(or_(Course.last_start >= self.query.earliest_start, Course.last_start.is_(None)))
        if self.query.azav_only:
            out.append(Course.azav.is_(True))
        if self.query.max_weeks is not None:
            out.append(Course.weeks <= self.query.max_weeks)
        if self.query.max_cost is not None:
            out.append(Course.cost_eur <= self.query.max_cost)
        if self.box:
            min_lat, max_lat, min_lon, max_lon = self.box
            out.append(or_(Course.delivery == "online",
                           and_(Course.lat.between(min_lat, max_lat), Course.lon.between(min_lon, max_lon))))
        return out


class Backend(Protocol):
    name: str

    def candidates(self, session: Session, groups: list[TermGroup], filters: Filters,
                   limit: int) -> list[Any]: ...


class LikeBackend:
    """Substring matching without an index (baseline, and words under three letters)."""

    name = "like"

    def candidates(self, session: Session, groups: list[TermGroup], filters: Filters,
                   limit: int) -> list[Any]:
        haystack = Course.search_title + " " + Course.search_topic + " " + Course.search_body
        matches = [or_(*(haystack.contains(a, autoescape=True) for a in g.alternatives)) for g in groups]
        stmt = select(*ROW_COLUMNS).where(*matches, *filters.clauses()).order_by(Course.id).limit(limit)
        return list(session.execute(stmt))


def _fts_string(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _fts_alternative(value: str, own: bool, title_only: bool) -> str:
    """A phrase as it stands; a word of four letters or more also inside compounds (prefix of a
    word or of a word's tail); shorter words only as whole words ("IT" is not "Italienisch").
    The visitor's own word is looked for in the description too, synonyms only in title,
    topic and keywords (they are many, and a description mentions much in passing)."""
    in_body = own and not title_only
    if " " in value or len(value) < MIN_PART:
        return ("{words body}" if in_body else "{words}") + f" : {_fts_string(value)}"
    return ("{words parts body}" if in_body else "{words parts}") + f" : {_fts_string(value)} *"


def _needed(group: TermGroup) -> list[tuple[str, bool]]:
    """(alternative, is the visitor's own word) without those that contain another one as a
    part: "deutsch" already finds whatever "deutschkur" or "deutsch als zweitsprache" would."""
    items = [(a, i < group.own_count) for i, a in enumerate(group.alternatives)]
    words = [a for a, _ in items if " " not in a and len(a) >= MIN_PART]
    return [(a, own) for a, own in items
            if own or not any(w != a and w in a for w in words)]


def _text_match(groups: list[TermGroup], title_only: bool) -> str:
    return " AND ".join(
        "(" + " OR ".join(_fts_alternative(a, own, title_only) for a, own in _needed(g)) + ")"
        for g in groups)


class SqliteFtsBackend:
    """FTS5 (unicode61) over words, word tails, description, place cells and start months.

    The index finds the matches (with a near place as cells), the courses are fetched by id
    and filtered. When there are more than `limit`, the ones that match in title, topic or
    keywords come first. Ranking every match with bm25 cost more than the whole rest of a
    search, so the finer ranking is left to lotse.catalog.search.
    """

    name = "sqlite-fts5"
    MAX_CELLS = 12

    def candidates(self, session: Session, groups: list[TermGroup], filters: Filters,
                   limit: int) -> list[Any]:
        scope = ""
        if filters.box:
            cells = cells_around(filters.box)
            # A wide circle covers most of this small state: then the cells narrow nothing.
            if len(cells) <= self.MAX_CELLS:
                scope = " AND cells : (" + " OR ".join([*cells, ONLINE]) + ")"
        where, params = _sqlite_filters(filters)
        columns = ", ".join(c.name for c in ROW_COLUMNS)
        select_matches = (f"SELECT {columns} FROM courses WHERE id IN "
                          "(SELECT rowid FROM course_fts WHERE course_fts MATCH ?) AND " + where)
        connection = session.connection()
        everything = _text_match(groups, False) + scope
        rows = list(connection.exec_driver_sql(select_matches + " LIMIT ?", (everything, *params, limit + 1)))
        if len(rows) <= limit:
            return rows
        better = _text_match(groups, True) + scope
        in_title = list(connection.exec_driver_sql(select_matches + " LIMIT ?", (better, *params, limit)))
        return _merge(in_title, rows, limit)


def _merge(first: list[Any], then: list[Any], limit: int) -> list[Any]:
    seen = {row[0] for row in first}
    return (first + [row for row in then if row[0] not in seen])[:limit]


def _sqlite_filters(filters: Filters) -> tuple[str, list[Any]]:
    """The filters as SQLite SQL. Written out rather than built by SQLAlchemy: a search runs
    this on every message, and building the statement cost as much as running it. The same
    filters for the other databases: `Filters.clauses`; tests run both on the same cases."""
    parts, params = ["withdrawn_at IS NULL"], []
    if filters.query.deliveries:
        parts.append(f"delivery IN ({', '.join('?' * len(filters.query.deliveries))})")
        params += filters.query.deliveries
    if filters.query.schedules:
        parts.append("(" + " OR ".join("instr(schedules, ?) > 0" for _ in filters.query.schedules) + ")")
        params += filters.query.schedules
    if filters.query.earliest_start:
        parts.append("(last_start >= ? OR last_start IS NULL)")
        params.append(filters.query.earliest_start.isoformat())
    if filters.query.azav_only:
        parts.append("azav = 1")
    if filters.query.max_weeks is not None:
        parts.append("weeks <= ?")
        params.append(filters.query.max_weeks)
    if filters.query.max_cost is not None:
        parts.append("cost_eur <= ?")
        params.append(filters.query.max_cost)
    if filters.box:
        parts.append("(delivery = 'online' OR (lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?))")
        params += filters.box
    return " AND ".join(parts), params


TITLE_TOPIC = "(courses.search_title || ' ' || courses.search_topic)"


class PostgresBackend:
    """Title, topic and keywords through a pg_trgm GIN index (substring matching, for German
    compounds); the visitor's own word also in the description through the weighted `german`
    tsvector (prefix query on the stem). Candidates as in SQLite: all, or when there are more
    than `limit`, the ones matching in title, topic or keywords first."""

    name = "postgresql-fts"

    def candidates(self, session: Session, groups: list[TermGroup], filters: Filters,
                   limit: int) -> list[Any]:
        everything = and_(*(_pg_group(g, title_only=False) for g in groups))
        rows = list(session.execute(select(*ROW_COLUMNS).where(everything, *filters.clauses())
                                    .limit(limit + 1)))
        if len(rows) <= limit:
            return rows
        better = and_(*(_pg_group(g, title_only=True) for g in groups))
        in_title = list(session.execute(select(*ROW_COLUMNS).where(better, *filters.clauses()).limit(limit)))
        return _merge(in_title, rows, limit)


def _pg_group(group: TermGroup, title_only: bool) -> Any:
    title_topic = literal_column(TITLE_TOPIC)
    vector = literal_column("courses.search_vector")
    parts = []
    for alternative, own in _needed(group):
        pattern = "%" + alternative.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        parts.append(title_topic.ilike(pattern, escape="\\"))
        if own and not title_only:
            words = alternative.split()
            query = " <-> ".join(words) if len(words) > 1 else f"{alternative}:*"
            parts.append(vector.op("@@")(func.to_tsquery("german", query)))
    return or_(*parts)


def backend_for(engine: Engine, name: str | None = None) -> Backend:
    if name == "like":
        return LikeBackend()
    if engine.dialect.name == "sqlite":
        return SqliteFtsBackend()
    if engine.dialect.name == "postgresql":
        return PostgresBackend()
    return LikeBackend()


# The index is written by `index_courses` in the same transaction as the courses (the place
# cells and start months are computed in Python, lotse/catalog/index_terms.py).
SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS course_fts USING fts5(words, parts, body, cells, months, "
    "tokenize='unicode61 remove_diacritics 2', prefix='3')",
)

# What the statements here add beside the models' tables (left out of the schema comparison).
SEARCH_INDEX_NAMES = ("course_fts", "search_vector", "ix_courses_search_vector", "ix_courses_title_trgm")

POSTGRES_DDL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE courses ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('german', search_title), 'A') || "
    "setweight(to_tsvector('german', search_topic), 'B') || "
    "setweight(to_tsvector('german', search_body), 'C')) STORED",
    "CREATE INDEX IF NOT EXISTS ix_courses_search_vector ON courses USING gin (search_vector)",
    f"CREATE INDEX IF NOT EXISTS ix_courses_title_trgm ON courses USING gin ({TITLE_TOPIC} gin_trgm_ops)",
)


def index_courses(connection: Connection, ids: list[int]) -> None:
    """(Re)write the SQLite full-text entries of these courses (PostgreSQL's indexes follow
    the table by themselves)."""
    if connection.dialect.name != "sqlite" or not ids:
        return
    source = Course.__table__.c
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        connection.execute(text("DELETE FROM course_fts WHERE rowid IN :ids")
                           .bindparams(bindparam("ids", expanding=True)), {"ids": chunk})
        rows = connection.execute(select(
            source.id, source.search_title, source.search_topic, source.search_body, source.lat, source.lon,
            source.delivery, source.start_dates, source.starts_anytime).where(source.id.in_(chunk)))
        connection.exec_driver_sql(
            "INSERT INTO course_fts(rowid, words, parts, body, cells, months) VALUES (?, ?, ?, ?, ?, ?)",
            [(row.id, *document(*row[1:])) for row in rows])


def install_search_index(engine: Engine) -> None:
    """Create the full-text index of this database if it is missing."""
    statements = {"sqlite": SQLITE_DDL, "postgresql": POSTGRES_DDL}.get(engine.dialect.name, ())
    with engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)


