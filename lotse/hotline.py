"""Whether the agency's hotline is staffed right now, decided only from known facts.

The periods come from `knowledge/agency.yml`, the public holidays of Sachsen-Anhalt from the
`holidays` package. What cannot be decided (the agency published no closing time, no days)
stays undecided: the assistant then gives the number with what is known of the hours,
instead of calling the hotline open or closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

import holidays

from lotse.clock import as_local
from lotse.knowledge import knowledge

WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
STATE = "ST"

# Why the hotline is or may be (not) staffed; each has its wording in knowledge/handover.yml.
OPEN, UNKNOWN = "open", "unknown"
SUNDAY, HOLIDAY, BEFORE_OPENING, AFTER_CLOSING, NOT_A_DAY = (
    "sunday", "holiday", "before_opening", "after_closing", "not_a_day")


@dataclass(frozen=True)
class Period:
    days: tuple[str, ...] | None
    opens: time | None
    closes: time | None

    def may_apply(self, day: str) -> bool:
        return self.days is None or day in self.days

    def surely_open(self, day: str, now: time) -> bool:
        return (self.days is not None and day in self.days and self.opens is not None
                and self.closes is not None and self.opens <= now < self.closes)

    def surely_closed(self, now: time) -> bool:
        return (self.opens is not None and now < self.opens) or (
            self.closes is not None and now >= self.closes)


@dataclass(frozen=True)
class HotlineStatus:
    """`staffed` is None when the known facts do not decide it."""

    staffed: bool | None
    reason: str
    holiday: str | None = None
    opens: time | None = None
    confirmed: bool = False


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def periods(hours: dict[str, Any]) -> tuple[Period, ...]:
    return tuple(Period(tuple(p["days"]) if p.get("days") else None, _time(p.get("opens")),
                        _time(p.get("closes"))) for p in hours["periods"])


@lru_cache(maxsize=8)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("DE", subdiv=STATE, years=year, language="de")


def public_holiday(day: date) -> str | None:
    """The name of the public holiday of Sachsen-Anhalt on that day, if any."""
    return _holidays(day.year).get(day)


def hotline_status(now: datetime, hours: dict[str, Any] | None = None) -> HotlineStatus:
    """Staffed, not staffed, or undecided at `now` (any time zone; judged in local time)."""
    hours = hours or knowledge().agency.data["hotline_hours"]
    confirmed = bool(hours.get("confirmed"))
    local = as_local(now)
    day, clock = WEEKDAYS[local.weekday()], local.time()
    closed_rule = hours["closed_on_sundays_and_holidays"]
    if closed_rule["value"]:
        rule_confirmed = confirmed and bool(closed_rule["confirmed"])
        if day == "So":
            return HotlineStatus(False, SUNDAY, confirmed=rule_confirmed)
        name = public_holiday(local.date())
        if name:
            return HotlineStatus(False, HOLIDAY, holiday=name, confirmed=rule_confirmed)
    today = [p for p in periods(hours) if p.may_apply(day)]
    if not today:
        return HotlineStatus(False, NOT_A_DAY, confirmed=confirmed)
    if any(p.surely_open(day, clock) for p in today):
        return HotlineStatus(True, OPEN, confirmed=confirmed)
    if all(p.surely_closed(clock) for p in today):
        openings = [p.opens for p in today if p.opens is not None and clock < p.opens]
        if openings:
            return HotlineStatus(False, BEFORE_OPENING, opens=min(openings), confirmed=confirmed)
        return HotlineStatus(False, AFTER_CLOSING, confirmed=confirmed)
    return HotlineStatus(None, UNKNOWN, confirmed=confirmed)
