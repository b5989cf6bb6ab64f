"""Questions about one shown course: "was kostet der zweite?", "wo ist der letzte?"."""

from __future__ import annotations

import re
from datetime import date

from lotse.catalog import cards
from lotse.catalog.geo import distance_km
from lotse.catalog.models import Course
from lotse.text import fold

ORDINALS = {
    "erste": 1, "ersten": 1, "erster": 1, "erstes": 1, "obere": 1, "oberen": 1, "oberste": 1,
    "eins": 1, "zweite": 2, "zweiten": 2, "zweiter": 2, "zweites": 2, "zweitn": 2, "mittlere": 2,
    "mittleren": 2, "zwei": 2, "dritte": 3, "dritten": 3, "dritter": 3, "drittes": 3, "drei": 3,
    "vierte": 4, "vierten": 4, "vier": 4, "fuenfte": 5, "fuenften": 5, "funfte": 5, "funften": 5,
    "fuenf": 5, "funf": 5, "sechste": 6, "sechsten": 6, "sechs": 6,
}
LAST = ("letzte", "letzten", "letzter", "letztes", "untere", "unteren", "unterste")
_NUMBER = re.compile(r"(?:nummer|nr|kurs|angebot|platz)?\s*(\d{1,2})\b\.?")
# Which detail a question is about: the first topic whose word stem occurs in it.
ASPECTS = (
    ("cost", ("kost", "preis", "teuer", "billig", "guenstig", "gunstig", "euro", "bezahl")),
    ("funding", ("gutschein", "azav", "foerder", "forder", "zertifiziert", "zugelassen")),
    ("certificate", ("abschluss", "zertifikat", "pruefung", "prufung", "bekomm")),
    ("start", ("wann", "beginn", "start", "anfang", "faengt", "fangt", "termin", "datum", "los")),
    ("duration", ("lange", "dauer", "stunden", "wochen", "monate")),
    ("place", ("wo ", "ort", "weit", "entfern", "adresse", "stadt", "hinfahren")),
    ("provider", ("wer ", "anbieter", "traeger", "trager", "veranstalter", "bietet")),
    ("format", ("online", "praesenz", "prasenz", "teilzeit", "vollzeit", "berufsbegleitend", "abends",
                "uhrzeit", "zeiten")),
    ("link", ("anmeld", "link", "buchen", "webseite", "website", "internetseite", "url", "melde")),
)


def position(text: str, shown: int) -> int | None:
    """The card number a question refers to (1-based), or None if it names none."""
    folded = fold(text)
    words = folded.split()
    if any(w in LAST for w in words):
        return shown or None
    for word in words:
        if word in ORDINALS:
            return ORDINALS[word]
    match = _NUMBER.search(folded)
    return int(match.group(1)) if match else (1 if shown == 1 else None)


def aspect(text: str) -> str:
    """The detail asked about; stems count only at the start of a word ("zweiten" is no "weit")."""
    folded = f" {fold(text)} "
    for name, stems in ASPECTS:
        if any(f" {stem}" in folded for stem in stems):
            return name
    return "all"


def answer(course: Course, number: int, text: str, today: date,
           origin: tuple[float, float] | None = None) -> list[str]:
    """Lines that answer the question about `course` (shown as card `number`); `origin` is
    the place searched around, for the distance."""
    distance = None
    if origin and course.lat is not None and course.lon is not None:
        distance = distance_km(origin[0], origin[1], course.lat, course.lon)
    head = cards.course_labels()["detail_head"].format(number=number, title=course.title)
    which = aspect(text)
    parts = {
        "cost": [cards.cost_text(course), cards.funding_text(course)],
        "funding": [cards.funding_text(course), cards.cost_text(course)],
        "certificate": [cards.certificate_text(course)],
        "start": [cards.start_text(course, None, today)],
        "duration": [cards.duration_text(course)],
        "place": [cards.place_text(course, distance)],
        "provider": [cards.course_labels()["provider"].format(provider=course.provider.name)],
        "format": [cards.format_text(course)],
        "link": [cards.link_text(course)],
    }
    if which == "all":
        lines = [course.description] if course.description else []
        lines += [cards.format_text(course), cards.start_text(course, None, today),
                  cards.duration_text(course), cards.cost_text(course), cards.funding_text(course),
                  cards.certificate_text(course), cards.link_text(course)]
        return [head, *lines]
    return [head, *parts[which]]
