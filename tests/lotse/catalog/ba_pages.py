"""Pages in the shape of the BA course search answers (domain-facts.md §3.2 and §3.3)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def millis(day: str) -> int:
    return int(datetime.fromisoformat(day).replace(tzinfo=BERLIN).timestamp() * 1000)


def termin(termin_id: int, offer_id: int, title: str, town: str, plz: str, lat: float, lon: float,
           begin: str | None = "2027-02-01", cost: str | None = "1450.0", **extra: Any) -> dict[str, Any]:
    entry = {
        "id": termin_id,
        "unterrichtsform": {"id": 101, "bezeichnung": "Präsenzveranstaltung"},
        "unterrichtszeit": {"id": 2, "bezeichnung": "Teilzeit"},
        "dauer": {"id": 4, "bezeichnung": "mehr als 1 Monat bis 3 Monate"},
        "angebot": {
            "id": offer_id, "titel": title,
            "inhalt": "<h4>Inhalte</h4><p>Grundlagen &amp; Praxis. <b>Mit Prüfung.</b></p>",
            "abschlussart": "<p>Trägerinternes Zertifikat</p>", "abschlussbezeichnung": None,
            "link": "https://anbieter.example/kurs",
            "bildungsanbieter": {"id": 281771, "name": "Beispiel-Bildung GmbH", "homepage": "https://anbieter.example",
                                 "adresse": {"ortStrasse": {"plz": plz, "name": town}}},
            "bildungsart": {"id": 104, "bezeichnung": "Fortbildung/Qualifizierung"},
            "zertifizierer": [{"id": 34, "name": "DQS GmbH"}],
            "suchworte": [{"suchwort": "Pflege"}, {"suchwort": "Betreuung"}],
        },
        "adresse": {"id": 4000000 + int(plz), "strasse": "Hauptstraße 1",
                    "ortStrasse": {"id": 1, "plz": plz, "name": town,
                                   "land": {"bundeslandCode": "SAN", "name": "Sachsen-Anhalt"}},
                    "koordinaten": {"lat": lat, "lon": lon}},
        "kostenWert": cost, "kostenWaehrung": "EUR", "foerderung": True,
        "beginn": millis(begin) if begin else None, "ende": millis("2027-04-30") if begin else None,
        "individuellerEinstieg": False, "berufsbegleitend": False,
        "aktualisierungsdatum": millis("2026-10-01"), "link": None,
    }
    entry.update(extra)
    return entry


def termine_page(entries: list[dict[str, Any]], number: int = 0, total_pages: int = 1) -> dict[str, Any]:
    return {"_embedded": {"termine": entries},
            "page": {"size": 20, "totalElements": len(entries), "totalPages": total_pages, "number": number}}


def now_offer(offer_id: int, title: str, town: str, plz: str,
              form: str = "Präsenzveranstaltung") -> dict[str, Any]:
    """An offer in the mein-NOW list shape (one entry per offer, up to five dates)."""
    return {"id": offer_id, "titel": title, "inhalt": "Kursinhalt",
            "weiterbildungsart": "Anpassungsweiterbildung",
            "anzahlTermine": 2,
            "bildungsanbieter": {"name": "Muster-Akademie", "adresse": {"ort": town, "plz": plz}},
            "termine": [{"id": offer_id * 10 + i, "dauer": "3 Monate", "kostenWert": "2100.0",
                         "unterrichtszeit": {"bezeichnung": "Vollzeit"},
                         "unterrichtsform": {"bezeichnung": form},
                         "adresse": {"ort": town, "plz": plz},
                         "beginn": millis(day), "ende": None}
                        for i, day in enumerate(("2027-03-01", "2027-06-01"))]}


def now_page(offers: list[dict[str, Any]], number: int = 0, total_pages: int = 1) -> dict[str, Any]:
    return {"_embedded": {"bildungsangebotDTOList": offers},
            "page": {"size": 20, "totalElements": len(offers), "totalPages": total_pages, "number": number}}
