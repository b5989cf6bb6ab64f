"""The period the figures cover: German calendar days, weeks as ISO weeks (Monday first)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from lotse.clock import LOCAL_TIME, today

DEFAULT_WEEKS = 12
# More days than this would make a table nobody reads; the CSV of three years still opens.
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # the last day, included

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]

    @property
    def weeks(self) -> list[tuple[int, int]]:
        """The ISO weeks (year, week) the period touches, in order."""
        return list(dict.fromkeys(day.isocalendar()[:2] for day in self.days))

    @property
    def utc_start(self) -> datetime:
        return _local_midnight(self.start)

    @property
    def utc_end(self) -> datetime:
        """The moment after the last day."""
        return _local_midnight(self.end + timedelta(days=1))

    def text(self) -> str:
        return f"{self.start:%d.%m.%Y} bis {self.end:%d.%m.%Y}"


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), LOCAL_TIME).astimezone(timezone.utc)


def default_period(until: date | None = None) -> Period:
    """The last DEFAULT_WEEKS weeks, the current one included, from their Monday."""
    end = until or today()
    monday = end - timedelta(days=end.weekday()) - timedelta(weeks=DEFAULT_WEEKS - 1)
    return Period(monday, end)


def parse_period(start: str | None, end: str | None, until: date | None = None) -> Period:
    """The period a form asks for (ISO dates); what is missing or wrong is the default's."""
    default = default_period(until)
    first, last = _date(start) or default.start, _date(end) or default.end
    if first > last:
        first, last = last, first
    if (last - first).days >= MAX_DAYS:
        first = last - timedelta(days=MAX_DAYS - 1)
    return Period(first, last)


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def week_key(year: int, week: int) -> str:
    return f"{year}-W{week:02d}"


def week_label(year: int, week: int) -> str:
    return f"KW {week}/{year}"
