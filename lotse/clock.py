"""Time as the agency sees it: stored in UTC, shown in German local time.

SQLite hands back datetimes without a zone; they are UTC, as everything is stored.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/Berlin")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def today() -> date:
    """Today's date in Sachsen-Anhalt (a programme's last day is a German date)."""
    return utcnow().astimezone(LOCAL_TIME).date()


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def as_local(moment: datetime) -> datetime:
    return as_utc(moment).astimezone(LOCAL_TIME)


def local_text(moment: datetime) -> str:
    """'01.12.2026, 14:05 Uhr'"""
    return f"{as_local(moment):%d.%m.%Y, %H:%M} Uhr"
