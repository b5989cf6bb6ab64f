"""Anonymous figures of confirmed intakes."""

from __future__ import annotations

import logging

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from lotse.db import session_scope
from lotse.models import IntakeRecord
from lotse.situation import Situation

logger = logging.getLogger(__name__)

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


def count_intake(situation: Situation) -> None:
    """The confirmed intake into the figures, in a transaction of its own: anonymous figures
    must never cost the visitor the conversation, so a database error is only logged."""
    try:
        with session_scope() as session:
            record_intake(session, situation)
    except SQLAlchemyError:
        logger.exception("could not record an intake in the figures")


def intakes_by_region(session: Session) -> dict[str | None, int]:
    rows = session.execute(select(IntakeRecord.region, func.count()).group_by(IntakeRecord.region))
    return {region: count for region, count in rows}
