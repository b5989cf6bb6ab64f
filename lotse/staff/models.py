"""Tables of the staff console: accounts, their roles and their sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lotse.models import Base, _now


class StaffAccount(Base):
    """A staff member who may use the console (created with `python -m lotse.cli staff-add`)."""

    __tablename__ = "staff_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    # How visitors see them in the live chat ("Frau Becker"); staff choose it themselves.
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    # The Weiterbildungsagentur they work for (offices.yml key, e.g. wba_sued). What they may
    # see follows from it and from a StaffRole (lotse.staff.permissions); None alone is no team.
    team: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # No longer used: failed logins are counted in login_throttle (lotse.staff.throttle).
    # Kept so that existing databases and their NOT NULL column still fit the model.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Until when they take live chats (renewed while their console is open).
    available_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    sessions: Mapped[list[StaffSession]] = relationship(
        back_populates="account", cascade="all, delete-orphan")


class StaffSession(Base):
    """A login. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    account: Mapped[StaffAccount] = relationship(back_populates="sessions")


class StaffRole(Base):
    """A role beyond the account's team; today only "admin": sees and works on the cases and
    live chats of every team. Its own table, so that older databases gain it without a new
    column, and so that no account is an admin by leaving a field empty."""

    __tablename__ = "staff_roles"

    account_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id", ondelete="CASCADE"),
                                            primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
