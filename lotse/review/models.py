"""Corrections staff made in the conversation review: who, when, what; never the conversation."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from lotse.models import Base, _now


class ReviewCorrection(Base):
    """One visitor sentence with the intent (and marked entities) staff chose for it; the
    same example stands in the review file (lotse.review.review_file)."""

    __tablename__ = "review_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The annotated example as written to the review file: "kurs in [Halle](location)".
    text: Mapped[str] = mapped_column(String(600))
    intent: Mapped[str] = mapped_column(String(100))
    # The day of the visitor's message (not its time: nothing that finds the conversation).
    origin_day: Mapped[date] = mapped_column(Date)
    corrected_by: Mapped[str] = mapped_column(String(200))
    corrected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
