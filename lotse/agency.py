"""The agency's own facts (contact, hours, partners), phrased for the assistant's answers."""

from __future__ import annotations

from datetime import date
from typing import Any

from lotse.hotline import WEEKDAYS
from lotse.knowledge import knowledge

GERMAN_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                 "September", "Oktober", "November", "Dezember")


def stand(as_of: str) -> str:
    """'Stand: Juli 2021' for an ISO date."""
    day = date.fromisoformat(as_of)
    return f"Stand: {GERMAN_MONTHS[day.month - 1]} {day.year}"


def _period_text(period: dict[str, Any]) -> str | None:
    days = period.get("days") or []
    order = [WEEKDAYS.index(day) for day in days]
    consecutive = len(days) > 2 and order == list(range(order[0], order[0] + len(days)))
    days_text = f"{days[0]}–{days[-1]} " if consecutive else (", ".join(days) + " " if days else "")
    opens = period["opens"].lstrip("0") if period.get("opens") else None
    closes = period["closes"].lstrip("0") if period.get("closes") else None
    if opens and closes:
        return f"{days_text}{opens}–{closes} Uhr"
    if opens:
        return f"{days_text}ab {opens} Uhr"
    return None


def hours_text(hours: dict[str, Any]) -> str:
    """What is known of the hotline hours, and nothing more ("ab 7:30 Uhr")."""
    parts = [text for text in map(_period_text, hours["periods"]) if text]
    return ", ".join(parts) if parts else knowledge().labels.data["hours_unknown"]


def contact() -> dict[str, str]:
    """Hotline, e-mail, website and hours, each as the assistant may state it."""
    agency = knowledge().agency.data
    oldest = min(agency[k]["as_of"] for k in ("hotline", "email", "hotline_hours"))
    return {
        "hotline": agency["hotline"]["value"],
        "email": agency["email"]["value"],
        "website": agency["website"]["value"],
        "hours": hours_text(agency["hotline_hours"]),
        "stand": stand(oldest),
    }


def about() -> dict[str, str]:
    """Who the agency is, for `ask_agency`."""
    agency = knowledge().agency.data
    partners = agency["partners"]["value"]
    return {
        "name": agency["name"],
        "partners": ", ".join(partners[:-1]) + " und " + partners[-1],
        "offer": agency["offer"]["value"],
        "regions": agency["regions"]["value"],
    }


def nationwide_advice() -> dict[str, str]:
    """Where visitors outside Sachsen-Anhalt get advice."""
    advice = knowledge().agency.data["nationwide_advice"]
    return {
        "name": advice["name"],
        "phone": advice["phone_employees"],
        "phone_employers": advice["phone_employers"],
        "hours": advice["hours"],
    }
