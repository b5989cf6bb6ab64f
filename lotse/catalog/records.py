"""A course as every importer delivers it, before it is stored.

Importers turn their source's rows into `CourseRecord`s or into `RowError`s that name the
file, the line and what to fix; the store only ever sees records that passed `check()`.
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass, field, fields
from datetime import date

from lotse.catalog.models import DELIVERIES, SCHEDULES
from lotse.text import fold

MAX_TITLE = 500


@dataclass(frozen=True)
class ProviderRecord:
    source_id: str
    name: str
    town: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class CourseRecord:
    source_id: str
    title: str
    provider: ProviderRecord
    delivery: str
    description: str = ""
    topic: str = ""
    field: str = ""
    keywords: tuple[str, ...] = ()
    town: str | None = None
    postal_code: str | None = None
    district_key: str | None = None
    lat: float | None = None
    lon: float | None = None
    schedules: tuple[str, ...] = ()
    start_dates: tuple[date, ...] = ()
    starts_anytime: bool = False
    hours: int | None = None
    weeks: int | None = None
    cost_eur: float | None = None
    azav: bool = False
    certificate: str | None = None
    url: str | None = None
    source_updated: date | None = None

    def check(self) -> str | None:
        """What is wrong with this record, in German for the import report; None if fine."""
        if not self.source_id.strip():
            return "Kurs-ID fehlt"
        if not self.title.strip():
            return "Titel fehlt"
        if len(self.title) > MAX_TITLE:
            return f"Titel ist länger als {MAX_TITLE} Zeichen"
        if not self.provider.name.strip():
            return "Anbieter fehlt"
        if self.delivery not in DELIVERIES:
            return f"Lernform '{self.delivery}' unbekannt"
        if any(s not in SCHEDULES for s in self.schedules):
            return f"Unterrichtszeit '{','.join(self.schedules)}' unbekannt"
        if self.delivery != "online" and (self.lat is None or self.lon is None):
            return "Ort fehlt oder ist unbekannt (nötig für Präsenz- und Blended-Kurse)"
        for name, value in (("Stunden", self.hours), ("Wochen", self.weeks), ("Kosten", self.cost_eur)):
            if value is not None and value < 0:
                return f"{name} dürfen nicht negativ sein"
        if self.url and not self.url.startswith(("https://", "http://")):
            return "Link muss mit https:// beginnen"
        return None

    def content_hash(self) -> str:
        """A fingerprint of everything stored, so that a re-import can tell "unchanged"."""
        values = [astuple(self.provider) if f.name == "provider" else getattr(self, f.name)
                  for f in fields(self)]
        return hashlib.sha256(repr(values).encode("utf-8")).hexdigest()

    def search_columns(self) -> dict[str, str]:
        """The folded texts the search indexes: title; topic, field and keywords; description."""
        return {
            "search_title": fold(self.title),
            "search_topic": fold(" ".join([self.topic, self.field, *self.keywords])),
            "search_body": fold(self.description),
        }


@dataclass(frozen=True)
class RowError:
    """A rejected row: where it is and why, so that staff can fix it in their export."""

    file: str
    line: int
    reason: str
    # The id of the course in the rejected row, if it could be read: such a course is kept
    # as it is (not withdrawn) until its row is fixed.
    source_id: str | None = None
    # What `line` counts: lines of a CSV file, entries of a JSON page.
    unit: str = "Zeile"

    def __str__(self) -> str:
        return f"{self.file}, {self.unit} {self.line}: {self.reason}"


@dataclass
class ParsedSource:
    """What an importer read from one source: good records and rejected rows."""

    records: list[CourseRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # Where each accepted record came from: (file, line, unit).
    _origins: dict[str, tuple[str, int, str]] = field(default_factory=dict)

    def add(self, record: CourseRecord, file: str, line: int, unit: str = "Zeile") -> None:
        problem = record.check()
        if not problem and record.source_id in self._origins:
            first_file, first_line, first_unit = self._origins[record.source_id]
            problem = (f"Kurs-ID {record.source_id} kommt doppelt vor "
                       f"(zuerst {first_file}, {first_unit} {first_line})")
        if problem:
            self.reject(file, line, problem, record.source_id, unit)
            return
        self._origins[record.source_id] = (file, line, unit)
        self.records.append(record)

    def reject(self, file: str, line: int, reason: str, source_id: str | None = None,
               unit: str = "Zeile") -> None:
        self.errors.append(RowError(file, line, reason, source_id or None, unit))

    def extend(self, other: ParsedSource) -> None:
        """Add another page or file; a course already read is rejected where it repeats."""
        self.errors.extend(other.errors)
        for record in other.records:
            self.add(record, *other._origins[record.source_id])
