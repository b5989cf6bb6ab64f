"""Which office is responsible for a visitor, by district, from `knowledge/offices.yml`.

An unknown district (outside Sachsen-Anhalt, or not told) resolves to no office; the
assistant then names the central hotline instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lotse.knowledge import LoadedFile, knowledge

# Programme `apply.office` values → the district's role that is responsible.
ROLE_OF_APPLY_OFFICE = {
    "agentur_fuer_arbeit": "agentur",
    "agentur_arbeitgeber_service": "agentur",
    "jobcenter": "jobcenter",
    "afbg_amt": "afbg_amt",
    "handwerkskammer": "hwk",
}
# Offices responsible state- or nation-wide, whatever the district.
STATEWIDE_OFFICES = {"investitionsbank": "investitionsbank", "f_bb": "f_bb", "sbb": "sbb",
                     "iq_beratung": "iq_landesnetzwerk"}


@dataclass(frozen=True)
class Office:
    key: str
    name: str
    phone: str | None
    phone_employers: str | None
    email: str | None
    web: str | None
    confirmed: bool
    details: dict[str, Any]


class OfficeDirectory:
    def __init__(self, loaded: LoadedFile) -> None:
        self._offices = {key: Office(key, o["name"], o.get("phone"), o.get("phone_employers"),
                                     o.get("email"), o.get("web"), o["confirmed"], o)
                         for key, o in loaded.data["offices"].items()}
        self._districts = loaded.data["districts"]
        for key, office in loaded.data["offices"].items():
            _check_contact_sources(loaded, key, office)
        for district, roles in self._districts.items():
            for role in ("agentur", "jobcenter", "ihk", "hwk", "afbg_amt", "wba"):
                if roles[role] not in self._offices:
                    raise loaded.error(["districts", district, role],
                                       f"Stelle '{roles[role]}' gibt es nicht",
                                       "Bitte einen Schlüssel unter offices eintragen")

    def office(self, key: str) -> Office:
        return self._offices[key]

    def for_district(self, district: str | None, role: str) -> Office | None:
        """The office of a role (agentur, jobcenter, ihk, hwk, afbg_amt, wba) in a district."""
        roles = self._districts.get(district or "")
        return self._offices[roles[role]] if roles else None

    def for_application(self, apply_office: str, district: str | None) -> Office | None:
        """Where a programme is applied for, for a visitor of this district (None: unknown)."""
        if apply_office in STATEWIDE_OFFICES:
            return self._offices.get(STATEWIDE_OFFICES[apply_office])
        role = ROLE_OF_APPLY_OFFICE.get(apply_office)
        return self.for_district(district, role) if role else None

    def districts(self) -> list[str]:
        return list(self._districts)

    def teams(self) -> list[Office]:
        """The Weiterbildungsagenturen of the districts, by key: the teams of the staff
        console, which cases and live chats are routed to."""
        keys = sorted({roles["wba"] for roles in self._districts.values()})
        return [self._offices[key] for key in keys]


@lru_cache(maxsize=1)
def directory() -> OfficeDirectory:
    return OfficeDirectory(knowledge().offices)


# Contact details a visitor acts on; each must name the source that states it.
CONTACT_DETAILS = ("address", "phone", "phone_employers", "email")


def _check_contact_sources(loaded: LoadedFile, key: str, office: dict[str, Any]) -> None:
    """An address, phone number or e-mail address is shown only with a source that states it
    (`contact_sources`, one of the office's `sources`); never from memory."""
    urls = {source["url"] for source in office.get("sources") or []}
    named = office.get("contact_sources") or {}
    for detail in CONTACT_DETAILS:
        if not office.get(detail):
            continue
        if named.get(detail) not in urls:
            raise loaded.error(["offices", key, detail],
                               f"'{detail}' von '{key}' hat keine Quelle",
                               f"Bitte unter contact_sources.{detail} die URL der Quelle (aus sources) "
                               f"eintragen, die diese Angabe belegt, oder die Angabe auf null setzen")
