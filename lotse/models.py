"""Database tables of the domain core."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def _now() -> datetime:
    return datetime.now(timezone.utc)


class IntakeRecord(Base):
    """One confirmed intake, anonymous: no conversation id, no free text, no contact data.

    Staff use these figures to see who comes with which need from which district.
    """

    __tablename__ = "intake_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    employment_status: Mapped[str | None] = mapped_column(String(32))
    region: Mapped[str | None] = mapped_column(String(64), index=True)
    qualification: Mapped[str | None] = mapped_column(String(32))
    company_size_band: Mapped[str | None] = mapped_column(String(16))
