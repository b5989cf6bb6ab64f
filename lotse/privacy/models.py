"""Erasure requests waiting to be carried out (see lotse.privacy.conversations)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from lotse.models import Base, _now


class DeletionRequest(Base):
    """Delete a conversation's stored events once `due_at` has passed; the row goes with it."""

    __tablename__ = "deletion_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(128), index=True)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ErasureAttempt(Base):
    """A failed try of the erasure form (reference and contact that do not match), kept for a
    day per visitor (a keyed hash of the address, never the address itself) so that nobody can
    try out references and phone numbers with a new conversation for every two attempts."""

    __tablename__ = "erasure_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_key: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
