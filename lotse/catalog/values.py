"""Reading the values staff and sources write: German dates, numbers, yes/no, formats."""

from __future__ import annotations

import re
from datetime import date, datetime

from lotse.text import fold

DELIVERY_WORDS = {
    "praesenz": "in_person", "prasenz": "in_person", "vor ort": "in_person", "in person": "in_person",
    "in_person": "in_person", "online": "online", "digital": "online", "fernunterricht": "online",
    "blended": "blended", "blended learning": "blended", "kombiniert": "blended", "hybrid": "blended",
}
SCHEDULE_WORDS = {
    "vollzeit": "full_time", "full_time": "full_time", "teilzeit": "part_time", "part_time": "part_time",
    "berufsbegleitend": "in_service", "in_service": "in_service", "nebenberuflich": "in_service",
}
YES = {"ja", "j", "yes", "true", "1", "x", "wahr"}
NO = {"nein", "n", "no", "false", "0", "", "falsch"}
ANYTIME = {"jederzeit", "laufend", "fortlaufend", "regelmaessig", "individuell", "anytime"}
_SEPARATORS = re.compile(r"\s*[|;,/]\s*|\s+und\s+")


class ValueProblem(ValueError):
    """A value that cannot be read; the message says what was expected (German)."""


def parse_delivery(text: str) -> str:
    key = fold(text)
    if key in DELIVERY_WORDS:
        return DELIVERY_WORDS[key]
    raise ValueProblem(f"Lernform '{text}' unbekannt (erlaubt: Präsenz, Online, Blended)")


def parse_schedules(text: str) -> tuple[str, ...]:
    values = []
    for raw in _SEPARATORS.split(text.strip()):
        part = fold(raw)
        if not part:
            continue
        if part not in SCHEDULE_WORDS:
            raise ValueProblem(f"Unterrichtszeit '{part}' unbekannt (erlaubt: Vollzeit, Teilzeit, "
                               "berufsbegleitend)")
        values.append(SCHEDULE_WORDS[part])
    return tuple(dict.fromkeys(values))


def parse_date(text: str) -> date:
    text = text.strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueProblem(f"Datum '{text}' nicht lesbar (Form TT.MM.JJJJ oder JJJJ-MM-TT)")


def parse_starts(text: str) -> tuple[tuple[date, ...], bool]:
    """Start dates, and whether the course starts any time ("jederzeit")."""
    if fold(text) in ANYTIME:
        return (), True
    parts = [p for p in re.split(r"\s*[|;,]\s*", text.strip()) if p]
    return tuple(sorted(parse_date(p) for p in parts)), False


def parse_number(text: str, what: str) -> float | None:
    """German or plain numbers: "1.250,50", "1250.50", "1250 €"; empty = unknown."""
    cleaned = text.replace("€", "").replace("EUR", "").replace(" ", "").strip()
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        value = float(cleaned)
    except ValueError as exc:
        raise ValueProblem(f"{what} '{text}' ist keine Zahl") from exc
    if value < 0:
        raise ValueProblem(f"{what} '{text}' ist negativ")
    return value


def parse_whole(text: str, what: str) -> int | None:
    value = parse_number(text, what)
    return None if value is None else round(value)


def parse_yes_no(text: str, what: str) -> bool:
    key = fold(text)
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValueProblem(f"{what} '{text}' muss ja oder nein sein")
