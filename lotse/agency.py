"""The agency's own facts (contact, hours, partners), phrased for the assistant's answers."""

from __future__ import annotations

from datetime import date
from typing import Any

from lotse.knowledge import knowledge

GERMAN_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                 "September", "Oktober", "November", "Dezember")


def stand(as_of: str) -> str:
    """'Stand: Juli 2021' for an ISO date."""
    day = date.fromisoformat(as_of)
    return f"Stand: {GERMAN_MONTHS[day.month - 1]} {day.year}"


def hours_text(hours: dict[str, Any]) -> str:
    """What is known of the hotline hours, and nothing more ("ab 7:30 Uhr")."""
    days = f"{hours['days'][0]}–{hours['days'][-1]} " if hours.get("days") else ""
    opens = hours["opens"].lstrip("0") if hours.get("opens") else None
    closes = hours["closes"].lstrip("0") if hours.get("closes") else None
    if opens and closes:
        return f"{days}{opens}–{closes} Uhr"
    if opens:
        return f"{days}ab {opens} Uhr"
    return knowledge().labels.data["hours_unknown"]


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
