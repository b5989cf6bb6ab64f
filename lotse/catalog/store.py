"""Writing imported courses: idempotent upserts by source id, in one transaction.

A re-import of the same data changes nothing; a changed course is updated; a course of the
same source that a complete import no longer contains is marked as withdrawn (and restored
if it comes back). Either all of an import is written or, on any error, nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from lotse.catalog.backends import index_courses
from lotse.catalog.models import Course, Provider
from lotse.catalog.records import CourseRecord, ParsedSource, ProviderRecord, RowError

BATCH = 2000


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    rejected: list[RowError] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The summary in German, one line per count, then every rejected row."""
        out = [f"neu: {self.added}", f"geändert: {self.updated}", f"unverändert: {self.unchanged}",
               f"zurückgezogen: {self.withdrawn}", f"abgelehnt: {len(self.rejected)}"]
        return out + [f"  {error}" for error in self.rejected]


def store(session: Session, source: str, parsed: ParsedSource, complete: bool = True) -> ImportSummary:
    """Upsert the parsed records of `source`; with `complete`, withdraw the ones missing."""
    now = datetime.now(timezone.utc)
    summary = ImportSummary(rejected=list(parsed.errors))
    providers = _provider_ids(session, source, {r.provider.source_id: r.provider for r in parsed.records})
    existing = {row.source_id: row for row in session.execute(
        select(Course.id, Course.source_id, Course.content_hash, Course.withdrawn_at)
        .where(Course.source == source))}
    new_rows: list[dict[str, Any]] = []
    changed_rows: list[dict[str, Any]] = []
    for record in parsed.records:
        digest = record.content_hash()
        old = existing.get(record.source_id)
        if old is not None and old.content_hash == digest and old.withdrawn_at is None:
            summary.unchanged += 1
            continue
        row = _row(record, source, providers[record.provider.source_id], digest, now)
        if old is None:
            new_rows.append({**row, "imported_at": now})
        else:
            changed_rows.append({**row, "id": old.id, "withdrawn_at": None})
    connection = session.connection()
    last_id = session.scalar(select(func.max(Course.id))) or 0
    for start in range(0, len(new_rows), BATCH):
        connection.execute(insert(Course.__table__), new_rows[start:start + BATCH])
    for start in range(0, len(changed_rows), BATCH):
        session.execute(update(Course), changed_rows[start:start + BATCH])
    new_ids = list(session.scalars(select(Course.id).where(Course.id > last_id))) if new_rows else []
    index_courses(connection, new_ids + [row["id"] for row in changed_rows])
    summary.added, summary.updated = len(new_rows), len(changed_rows)
    if complete:
        summary.withdrawn = _withdraw_missing(session, existing, parsed, now)
    return summary


def _withdraw_missing(session: Session, existing: dict[str, Any], parsed: ParsedSource,
                      now: datetime) -> int:
    present = {r.source_id for r in parsed.records} | {e.source_id for e in parsed.errors if e.source_id}
    gone = [{"id": row.id, "withdrawn_at": now, "changed_at": now}
            for source_id, row in existing.items()
            if source_id not in present and row.withdrawn_at is None]
    for start in range(0, len(gone), BATCH):
        session.execute(update(Course), gone[start:start + BATCH])
    return len(gone)


def _provider_ids(session: Session, source: str, wanted: dict[str, ProviderRecord]) -> dict[str, int]:
    """Ids of the providers of this import, creating or updating them as needed."""
    known = {p.source_id: p for p in session.scalars(select(Provider).where(Provider.source == source))}
    for source_id, record in wanted.items():
        provider = known.get(source_id)
        if provider is None:
            provider = Provider(source=source, source_id=source_id)
            session.add(provider)
            known[source_id] = provider
        provider.name, provider.town, provider.website = record.name, record.town, record.website
    session.flush()
    return {source_id: provider.id for source_id, provider in known.items()}


def _row(record: CourseRecord, source: str, provider_id: int, digest: str, now: datetime) -> dict[str, Any]:
    starts = sorted(set(record.start_dates))
    return {
        "source": source, "source_id": record.source_id, "provider_id": provider_id,
        "title": record.title.strip(), "description": record.description.strip(),
        "topic": record.topic, "field": record.field, "keywords": ", ".join(record.keywords),
        "town": record.town, "postal_code": record.postal_code, "district_key": record.district_key,
        "lat": record.lat, "lon": record.lon, "delivery": record.delivery,
        "schedules": ",".join(record.schedules),
        "start_dates": ",".join(d.isoformat() for d in starts),
        "starts_anytime": record.starts_anytime,
        "last_start": None if record.starts_anytime or not starts else starts[-1],
        "hours": record.hours, "weeks": record.weeks, "cost_eur": record.cost_eur,
        "azav": record.azav, "certificate": record.certificate, "url": record.url,
        "source_updated": record.source_updated, "content_hash": digest, "changed_at": now,
        **record.search_columns(),
    }
