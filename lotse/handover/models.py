"""Tables of the handover: cases, their reference numbers, and the outbox that delivers them.

A case is committed before anybody is notified; notifications are rows of the outbox in the
same transaction, delivered afterwards by `lotse.handover.outbox`. So a failing mail server
or webhook never loses a case, and staff can see what was delivered.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lotse.models import Base, _now

PENDING, DELIVERED = "pending", "delivered"


class CaseCounter(Base):
    """The last reference number given out per year (WBA-2026-00042)."""

    __tablename__ = "case_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class HandoverCase(Base):
    __tablename__ = "handover_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    region: Mapped[str | None] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    summary: Mapped[str] = mapped_column(Text, default="")

    outbox: Mapped[list[OutboxMessage]] = relationship(back_populates="case", order_by="OutboxMessage.id")


class OutboxMessage(Base):
    """One notification of a case to one target (an e-mail address or a webhook URL)."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("handover_cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(500))
    # A stable key per message: the Message-ID of the e-mail and the webhook's
    # Idempotency-Key, so that a receiver can drop a repeat after a crash mid-delivery.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    # Until when a worker holds the message; another worker leaves it alone until then.
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(300))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    case: Mapped[HandoverCase] = relationship(back_populates="outbox")
