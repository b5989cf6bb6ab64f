"""The JSON of the Bundesagentur für Arbeit's course search, turned into course records.

Two shapes exist (shared/knowledge/domain-facts.md §3): the older `infosysbub/wbsuche` answer
with `_embedded.termine[]` (one entry per date of an offer, with coordinates) and the mein-NOW
answer (since 2024) with `_embedded.bildungsangebotDTOList[]` (one entry per offer, up to five
`termine`). Dates of one offer at one place become one course with several start dates.
"""

from __future__ import annotations

import html
import math
from collections import defaultdict
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

from lotse.catalog.locate import CoursePlace, locate
from lotse.catalog.records import CourseRecord, ParsedSource, ProviderRecord
from lotse.catalog.values import ValueProblem
from lotse.text import fold

BERLIN = ZoneInfo("Europe/Berlin")
ENTRY = "Eintrag"


def parse_page(payload: dict[str, Any], where: str) -> ParsedSource:
    """Records of one answer page; `where` names the file or URL for rejected entries."""
    embedded = payload.get("_embedded") or {}
    parsed = ParsedSource()
    if "termine" in embedded:
        groups: dict[tuple[str, str], list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        for number, termin in enumerate(embedded["termine"], start=1):
            offer_id = str((termin.get("angebot") or {}).get("id") or "")
            place_id = str((termin.get("adresse") or {}).get("id") or "online")
            groups[(offer_id, place_id)].append((number, termin))
        for (offer_id, place_id), items in groups.items():
            _add(parsed, where, items[0][0], _from_termine, offer_id, place_id, items)
    elif "bildungsangebotDTOList" in embedded:
        for number, offer in enumerate(embedded["bildungsangebotDTOList"], start=1):
            by_place: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for termin in offer.get("termine") or [{}]:
                by_place[fold(((termin.get("adresse") or {}).get("ort")) or "")].append(termin)
            for place_key, termine in by_place.items():
                _add(parsed, where, number, _from_offer, offer, place_key, termine)
    elif payload.get("page", {}).get("totalElements", 0) != 0 or embedded:
        parsed.reject(where, 1, "weder _embedded.termine noch _embedded.bildungsangebotDTOList "
                      "gefunden (ist das eine Antwort der BA-Weiterbildungssuche?)", unit=ENTRY)
    return parsed


def _add(parsed: ParsedSource, where: str, number: int, build: Any, *args: Any) -> None:
    try:
        parsed.add(build(*args), where, number, unit=ENTRY)
    except (ValueProblem, KeyError, TypeError, ValueError) as problem:
        parsed.reject(where, number, f"nicht lesbar: {problem}", unit=ENTRY)


def _from_termine(offer_id: str, place_id: str, items: list[tuple[int, dict[str, Any]]]) -> CourseRecord:
    first = items[0][1]
    offer = first["angebot"]
    provider = offer.get("bildungsanbieter") or {}
    address = first.get("adresse") or {}
    town_entry = address.get("ortStrasse") or {}
    point = address.get("koordinaten") or {}
    place = locate(town_entry.get("name") or "", town_entry.get("plz") or "",
                   point.get("lat"), point.get("lon")) if address else CoursePlace()
    starts = sorted({d for _, t in items if (d := _day(t.get("beginn")))})
    ends = [d for _, t in items if (d := _day(t.get("ende")))]
    certifiers = offer.get("zertifizierer") or []
    return CourseRecord(
        source_id=f"{offer_id}@{place_id}", title=_text(offer.get("titel")),
        description=_text(offer.get("inhalt")),
        provider=_provider(provider, ((provider.get("adresse") or {}).get("ortStrasse") or {}).get("name")),
        delivery=_delivery((first.get("unterrichtsform") or {}).get("id"),
                           (first.get("unterrichtsform") or {}).get("bezeichnung")),
        topic=", ".join(_text(s.get("suchwort")) for s in (offer.get("suchworte") or [])[:3]),
        field=_text((offer.get("bildungsart") or {}).get("bezeichnung")),
        keywords=tuple(_text(s.get("suchwort")) for s in offer.get("suchworte") or []),
        town=place.town, postal_code=place.postal_code, district_key=place.district_key,
        lat=place.lat, lon=place.lon,
        schedules=_schedules((first.get("unterrichtszeit") or {}).get("id"),
                             (first.get("unterrichtszeit") or {}).get("bezeichnung"),
                             bool(first.get("berufsbegleitend"))),
        start_dates=tuple(starts), starts_anytime=bool(first.get("individuellerEinstieg")),
        weeks=_weeks(starts[0], ends[0]) if starts and ends else None,
        cost_eur=_cost(first.get("kostenWert")),
        azav=bool(certifiers) or first.get("foerderung") is True,
        certificate=_text(offer.get("abschlussbezeichnung")) or _text(offer.get("abschlussart")) or None,
        url=first.get("link") or offer.get("link") or None,
        source_updated=_day(first.get("aktualisierungsdatum")),
    )


def _from_offer(offer: dict[str, Any], place_key: str, termine: list[dict[str, Any]]) -> CourseRecord:
    provider = offer.get("bildungsanbieter") or {}
    first = termine[0]
    address = first.get("adresse") or {}
    form = first.get("unterrichtsform") or {}
    delivery = _delivery(form.get("id"), form.get("bezeichnung"))
    place = locate(address.get("ort") or "", address.get("plz") or "") if place_key else CoursePlace()
    if delivery != "online" and place.lat is None:
        raise ValueProblem(f"Ort '{address.get('ort')}' ohne bekannte Koordinaten")
    starts = sorted({d for t in termine if (d := _day(t.get("beginn")))})
    ends = [d for t in termine if (d := _day(t.get("ende")))]
    return CourseRecord(
        source_id=f"{offer['id']}@{place_key or 'online'}", title=_text(offer.get("titel")),
        description=_text(offer.get("inhalt")),
        provider=_provider(provider, (provider.get("adresse") or {}).get("ort")),
        delivery=delivery, field=_text(offer.get("weiterbildungsart")),
        town=place.town, postal_code=place.postal_code, district_key=place.district_key,
        lat=place.lat, lon=place.lon,
        schedules=_schedules((first.get("unterrichtszeit") or {}).get("id"),
                             (first.get("unterrichtszeit") or {}).get("bezeichnung"), False),
        start_dates=tuple(starts), weeks=_weeks(starts[0], ends[0]) if starts and ends else None,
        cost_eur=_cost(first.get("kostenWert")),
        url=f"https://mein-now.de/weiterbildungssuche/angebot/{offer['id']}",
    )


def _provider(entry: dict[str, Any], town: str | None) -> ProviderRecord:
    name = _text(entry.get("name"))
    return ProviderRecord(str(entry.get("id") or fold(name)), name, town, entry.get("homepage") or None)


def _delivery(form_id: Any, label: str | None) -> str:
    """unterrichtsform: 1xx on site, 2xx digital, 3xx combined, 4xx distance learning."""
    if isinstance(form_id, int) and 100 <= form_id < 500:
        return {1: "in_person", 2: "online", 3: "blended", 4: "online"}[form_id // 100]
    key = fold(label or "")
    if any(w in key for w in ("blended", "combined", "hybrid", "kombiniert")):
        return "blended"
    if any(w in key for w in ("online", "virtuell", "digital", "fern", "selbstlern", "coaching")):
        return "online"
    if any(w in key for w in ("praesenz", "seminar", "workshop", "praxis")):
        return "in_person"
    raise ValueProblem(f"Unterrichtsform '{label or form_id}' unbekannt")


def _schedules(time_id: Any, label: str | None, in_service: bool) -> tuple[str, ...]:
    key = fold(label or "")
    values = []
    if time_id == 1 or "vollzeit" in key:
        values.append("full_time")
    if time_id == 2 or "teilzeit" in key:
        values.append("part_time")
    if in_service or "berufsbegleitend" in key:
        values.append("in_service")
    return tuple(values)


def _day(millis: Any) -> date | None:
    if millis in (None, ""):
        return None
    return datetime.fromtimestamp(int(millis) / 1000, BERLIN).date()


def _weeks(start: date, end: date) -> int | None:
    days = (end - start).days
    return max(1, math.ceil((days + 1) / 7)) if days >= 0 else None


def _cost(value: Any) -> float | None:
    """kostenWert is a string; "0.0" also stands for "not given" (e.g. with a voucher), so it
    is read as unknown: the assistant must never call a course free that is not."""
    if value in (None, ""):
        return None
    amount = float(value)
    return amount if amount > 0 else None


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"p", "br", "li", "h1", "h2", "h3", "h4", "div"}:
            self.parts.append(" ")


def _text(value: Any) -> str:
    """Plain text of an HTML fragment of the BA (descriptions come as HTML)."""
    if not value:
        return ""
    parser = _TextOnly()
    parser.feed(str(value))
    parser.close()
    return " ".join(html.unescape("".join(parser.parts)).split())
