"""Anonymous figures of confirmed intakes."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lotse.models import IntakeRecord
from lotse.situation import Situation

# Company size bands as the funding rules will need them; exact headcounts are not stored.
SIZE_BANDS = ((1, 9, "1-9"), (10, 49, "10-49"), (50, 249, "50-249"), (250, 499, "250-499"))


def size_band(size: int | None) -> str | None:
    if size is None:
        return None
    return next((label for low, high, label in SIZE_BANDS if low <= size <= high), "500+")


def record_intake(session: Session, situation: Situation) -> IntakeRecord:
    """Store a confirmed situation without anything that identifies the visitor."""
    record = IntakeRecord(
        kind=situation.kind,
        employment_status=situation.employment_status,
        region=situation.region,
        qualification=situation.qualification,
        company_size_band=size_band(situation.company_size),
    )
    session.add(record)
    session.flush()
    return record


def intakes_by_region(session: Session) -> dict[str | None, int]:
    rows = session.execute(select(IntakeRecord.region, func.count()).group_by(IntakeRecord.region))
    return {region: count for region, count in rows}
