"""Tables of the handover: cases, their notes, who opened them, the outbox that delivers
them, and the contact details of a call-back that is still being asked for.

A case is committed before anybody is notified; notifications are rows of the outbox in the
same transaction, delivered afterwards by `lotse.handover.outbox`. So a failing mail server
or webhook never loses a case, and staff can see what was delivered.

Contact details never pass through Rasa's slots: the form's validation writes them into a
`ContactDraft` keyed by the conversation, and opening the case moves them into the case.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lotse.models import Base, _now

# The states of an outbox message. FAILED is final: the message itself is malformed (e.g. a
# forged case with a line break for a header), so it is given up instead of retried; staff see
# it with its reason (`last_error`). A target that is down leaves a message PENDING.
PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
DELIVERY_LABELS = {PENDING: "offen", DELIVERED: "zugestellt", FAILED: "nicht zustellbar"}
# The states of a case as staff work on it.
OPEN, IN_PROGRESS, CLOSED = "open", "in_progress", "closed"
CASE_STATES = (OPEN, IN_PROGRESS, CLOSED)
# How the visitor wants to hear back.
PHONE, EMAIL_ANSWER = "phone", "email"


class CaseCounter(Base):
    """The last reference number given out per year (WBA-2026-00042), from the time when
    references were counted. No longer written (see lotse.handover.references); kept so that
    older databases keep a known schema."""

    __tablename__ = "case_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class HandoverCase(Base):
    """What a visitor asked the agency for, with everything they already told the assistant."""

    __tablename__ = "handover_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    # The visitor's district (a key of knowledge/places.yml) and its Weiterbildungsagentur.
    region: Mapped[str | None] = mapped_column(String(64), index=True)
    team: Mapped[str | None] = mapped_column(String(32), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=OPEN, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    # The programmes and courses the assistant suggested, as lines for staff.
    suggestions: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The conversation as [{"who": "visitor"|"assistant"|"staff", "text": ..., "at": iso}],
    # with contact details replaced (they are in the fields below).
    transcript: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    conversation_id: Mapped[str | None] = mapped_column(String(128), index=True)
    channel: Mapped[str | None] = mapped_column(String(16))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_name: Mapped[str | None] = mapped_column(String(100))
    preferred_time: Mapped[str | None] = mapped_column(String(100))
    # The consent exactly as the visitor was asked, and when they agreed.
    consent_text: Mapped[str | None] = mapped_column(Text)
    consent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    assigned_to: Mapped[str | None] = mapped_column(String(64))
    # When a staff member first took the case (for the figures: time until a case is taken).
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)

    outbox: Mapped[list[OutboxMessage]] = relationship(
        back_populates="case", order_by="OutboxMessage.id", cascade="all, delete-orphan")
    notes: Mapped[list[CaseNote]] = relationship(
        back_populates="case", order_by="CaseNote.id", cascade="all, delete-orphan")
    # Deleted with the case (retention, erasure): the ORM deletes them, and the foreign key
    # does so too where a bulk delete bypasses the ORM.
    views: Mapped[list[CaseView]] = relationship(
        back_populates="case", order_by="CaseView.id", cascade="all, delete-orphan")


class CaseNote(Base):
    """A staff member's note on a case (what was agreed on the phone, ...)."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("handover_cases.id"), index=True)
    author: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    case: Mapped[HandoverCase] = relationship(back_populates="notes")


class CaseView(Base):
    """One opening of a case by a staff member, or a refused attempt to open or change it:
    who (as they were named then) and when. Shown on the case, kept as long as the case."""

    __tablename__ = "case_views"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("handover_cases.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(100))
    # The staff member's team at the time (None: none, or an admin without one).
    team: Mapped[str | None] = mapped_column(String(32))
    # "view" for an opening of the case page, else the refused action (claim, note, ...).
    action: Mapped[str] = mapped_column(String(16))
    granted: Mapped[bool] = mapped_column(Boolean, default=True)
    viewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)

    case: Mapped[HandoverCase] = relationship(back_populates="views")


class ContactDraft(Base):
    """The consent and contact details of a call-back while the form still asks for them.

    Deleted when the case is opened, when the visitor stops or deletes their data, and by
    the retention job after a day at the latest.
    """

    __tablename__ = "contact_drafts"

    conversation_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    consent_text: Mapped[str | None] = mapped_column(Text)
    consent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    name: Mapped[str | None] = mapped_column(String(100))
    preferred_time: Mapped[str | None] = mapped_column(String(100))


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
