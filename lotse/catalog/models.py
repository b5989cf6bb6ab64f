"""Tables of the course catalogue.

A course comes from one source (a staff CSV export, the Bundesagentur's course search, the
demo generator) and is identified there by its source id; importing the same source again
updates it in place. Courses are never deleted by an import, only marked as withdrawn, so
that a conversation that showed one can still answer about it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lotse.models import Base, _now

DELIVERIES = ("in_person", "online", "blended")
SCHEDULES = ("full_time", "part_time", "in_service")


class Provider(Base):
    __tablename__ = "providers"
    __table_args__ = (UniqueConstraint("source", "source_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    town: Mapped[str | None] = mapped_column(String(120))
    website: Mapped[str | None] = mapped_column(String(500))

    courses: Mapped[list[Course]] = relationship(back_populates="provider")


class Course(Base):
    __tablename__ = "courses"
    # No indexes for the search filters (place, start, AZAV): the full-text index finds the
    # candidates, then they are fetched by id; another index would tempt SQLite's planner to
    # scan through it instead (lotse/catalog/backends.py).
    __table_args__ = (UniqueConstraint("source", "source_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[str] = mapped_column(String(64))
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"), index=True)

    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str] = mapped_column(String(200), default="")
    field: Mapped[str] = mapped_column(String(120), default="")
    keywords: Mapped[str] = mapped_column(Text, default="")

    town: Mapped[str | None] = mapped_column(String(120))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    district_key: Mapped[str | None] = mapped_column(String(64), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)

    delivery: Mapped[str] = mapped_column(String(16))
    # Comma-separated subset of SCHEDULES.
    schedules: Mapped[str] = mapped_column(String(64), default="")
    # Comma-separated ISO dates, ascending; empty when the course starts any time.
    start_dates: Mapped[str] = mapped_column(Text, default="")
    starts_anytime: Mapped[bool] = mapped_column(Boolean, default=False)
    # The last start date (for "starts on or after"), NULL when it starts any time.
    last_start: Mapped[date | None] = mapped_column(Date)
    hours: Mapped[int | None] = mapped_column(Integer)
    weeks: Mapped[int | None] = mapped_column(Integer)
    cost_eur: Mapped[float | None] = mapped_column(Numeric(10, 2, asdecimal=False))
    azav: Mapped[bool] = mapped_column(Boolean, default=False)
    certificate: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(1000))
    source_updated: Mapped[date | None] = mapped_column(Date)

    # Folded copies (lower case, umlauts written out) that the search indexes.
    search_title: Mapped[str] = mapped_column(Text, default="")
    search_topic: Mapped[str] = mapped_column(Text, default="")
    search_body: Mapped[str] = mapped_column(Text, default="")

    content_hash: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    provider: Mapped[Provider] = relationship(back_populates="courses", lazy="joined")

    @property
    def schedule_list(self) -> list[str]:
        return [s for s in self.schedules.split(",") if s]

    @property
    def start_date_list(self) -> list[date]:
        return [date.fromisoformat(d) for d in self.start_dates.split(",") if d]

    def next_start(self, today: date) -> date | None:
        """The first start on or after `today`; None if none is left (or it starts any time)."""
        return next((d for d in self.start_date_list if d >= today), None)
