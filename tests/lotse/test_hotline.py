"""Whether the hotline is staffed is said only when the known facts decide it."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from lotse.handover.offer import hotline_note
from lotse.hotline import (
    AFTER_CLOSING,
    BEFORE_OPENING,
    HOLIDAY,
    NOT_A_DAY,
    OPEN,
    SUNDAY,
    UNKNOWN,
    hotline_status,
    public_holiday,
)

BERLIN = ZoneInfo("Europe/Berlin")
FULL = {"periods": [{"days": ["Mo", "Di", "Mi", "Do"], "opens": "07:30", "closes": "16:00"},
                    {"days": ["Fr"], "opens": "07:30", "closes": "12:00"}],
        "closed_on_sundays_and_holidays": {"value": True, "confirmed": True}, "confirmed": True}
# What agency.yml says today (the tests of the shipped file are in test_knowledge.py): only the
# opening time is known.
OPENING_ONLY = {"periods": [{"days": None, "opens": "07:30", "closes": None}],
                "closed_on_sundays_and_holidays": {"value": True, "confirmed": False}, "confirmed": False}


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def test_with_only_the_opening_time_known_the_hotline_is_neither_open_nor_closed_by_day():
    status = hotline_status(at(2026, 12, 1, 10), OPENING_ONLY)  # Tuesday: "ab 7:30", no closing time
    assert status.staffed is None and status.reason == UNKNOWN


def test_before_the_known_opening_time_it_is_not_staffed_yet():
    status = hotline_status(at(2026, 12, 1, 6, 45), OPENING_ONLY)
    assert status.staffed is False and status.reason == BEFORE_OPENING
    assert hotline_note(status) == "Die Hotline ist voraussichtlich erst ab 7:30 Uhr besetzt."


def test_sundays_and_public_holidays_of_sachsen_anhalt_are_not_staffed():
    assert hotline_status(at(2026, 12, 6, 10), OPENING_ONLY).reason == SUNDAY
    reformation = hotline_status(at(2026, 10, 31, 10), OPENING_ONLY)  # a Saturday, but a holiday in ST
    assert reformation.staffed is False and reformation.reason == HOLIDAY
    assert "Reformationstag" in hotline_note(reformation)
    assert public_holiday(at(2026, 1, 6, 12).date()) == "Heilige Drei Könige"
    assert public_holiday(at(2026, 11, 18, 12).date()) is None  # Buß- und Bettag: only Saxony


def test_with_full_hours_open_and_closed_are_decided():
    assert hotline_status(at(2026, 12, 1, 10), FULL).reason == OPEN
    assert hotline_status(at(2026, 12, 4, 13), FULL).reason == AFTER_CLOSING  # Friday afternoon
    assert hotline_status(at(2026, 12, 5, 10), FULL).reason == NOT_A_DAY  # Saturday
    assert hotline_note(hotline_status(at(2026, 12, 1, 10), FULL)) == "Die Hotline ist jetzt besetzt."


def test_time_is_judged_in_german_local_time():
    # 06:00 UTC in December is 07:00 in Berlin: before opening, although 06:00 < 07:30 either way;
    # 06:45 UTC is 07:45 local: open.
    assert hotline_status(datetime(2026, 12, 1, 6, 45, tzinfo=timezone.utc), FULL).reason == OPEN
    assert hotline_status(datetime(2026, 7, 1, 5, 45, tzinfo=timezone.utc), FULL).reason == OPEN  # CEST
