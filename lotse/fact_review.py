"""The staff's review list: every amount, rule, date and contact the assistant states, with
its source, "Stand" and whether it is confirmed, and the programmes that end soon.

`python -m lotse.cli facts` prints it as a table or writes it as CSV; `check-knowledge` names
what needs a look (programmes ending within 90 days, a "Stand" older than two years).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from datetime import date
from typing import IO, Any

from lotse.knowledge import Knowledge
from lotse.programmes import Programme, ProgrammeCatalogue

RESEARCH_FILE = "shared/knowledge/domain-facts.md"
ENDING_WITHIN_DAYS = 90
STALE_AFTER_YEARS = 2


@dataclass(frozen=True)
class FactRow:
    """One stated fact, as staff review it."""

    kind: str          # Betrag, Regel, Datum, Kontakt
    where: str         # "programmes.yml › bildungsgutschein › Leistung 3"
    text: str
    source: str
    stand: str         # ISO date
    confirmed: bool


def _programme_rows(programme: Programme) -> Iterator[FactRow]:
    entry = programme.entry
    where = f"programmes.yml › {programme.key}"
    first_source = entry["sources"][0]["url"]

    def row(kind: str, part: str, text: str, ref: str | None, confirmed: bool) -> FactRow:
        source = f"{RESEARCH_FILE} {ref}; {first_source}" if ref else first_source
        return FactRow(kind, f"{where} › {part}", text, source, entry["as_of"], confirmed)

    for i, pay in enumerate(entry.get("pays") or [], 1):
        yield row("Betrag", f"Leistung {i}", pay["text"], pay.get("ref"), bool(pay.get("confirmed", True)))
    for i, condition in enumerate(programme.conditions, 1):
        yield row("Regel", f"Bedingung {i}", condition["reason"], condition.get("ref"), entry["confirmed"])
    for i, check in enumerate(entry.get("checks") or [], 1):
        yield row("Regel", f"Prüfpunkt {i}", check["text"], check.get("ref"), entry["confirmed"])
    for i, exclusion in enumerate(entry.get("excluded_by") or [], 1):
        yield row("Regel", f"Ausschluss {i}", exclusion["reason"], exclusion.get("ref"), entry["confirmed"])
    for name in ("valid_from", "valid_until", "ended"):
        if entry.get(name):
            yield row("Datum", name, entry[name], None, entry["confirmed"])
    yield row("Kontakt", "Antrag", entry["apply"]["how"], None, entry["confirmed"])


def _office_rows(knowledge: Knowledge) -> Iterator[FactRow]:
    data = knowledge.offices.data
    for key, office in data["offices"].items():
        named = office.get("contact_sources") or {}
        for detail in ("address", "phone", "phone_employers", "email", "web"):
            if office.get(detail):
                source = named.get(detail) or office["sources"][0]["url"]
                yield FactRow("Kontakt", f"offices.yml › {key} › {detail}", str(office[detail]), source,
                              data["as_of"], office["confirmed"])


def _agency_rows(knowledge: Knowledge) -> Iterator[FactRow]:
    for key, fact in knowledge.agency.data.items():
        if isinstance(fact, dict) and "source" in fact and "as_of" in fact:
            text = str(fact.get("value") or fact.get("periods") or key)
            yield FactRow("Kontakt", f"agency.yml › {key}", text, fact["source"]["url"], fact["as_of"],
                          bool(fact.get("confirmed", True)))


def fact_rows(knowledge: Knowledge, catalogue: ProgrammeCatalogue) -> list[FactRow]:
    rows = [row for programme in catalogue.programmes.values() for row in _programme_rows(programme)]
    return [*rows, *_office_rows(knowledge), *_agency_rows(knowledge)]


def ending_soon(catalogue: ProgrammeCatalogue, day: date, days: int = ENDING_WITHIN_DAYS) -> list[Programme]:
    """Programmes still offered on `day` that end within `days`."""
    return [p for p in catalogue.programmes.values() if p.ends_within(days, day)]


def stale(rows: list[FactRow], day: date, years: int = STALE_AFTER_YEARS) -> list[FactRow]:
    """Facts whose "Stand" is more than `years` before `day`."""
    limit = _years_before(day, years)
    return [row for row in rows if date.fromisoformat(row.stand) < limit]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


HEADERS = ("Art", "Wo", "Angabe", "Quelle", "Stand", "bestätigt")


def write_csv(rows: list[FactRow], out: IO[str]) -> None:
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADERS)
    for row in rows:
        values: list[Any] = list(astuple(row))
        values[-1] = "ja" if row.confirmed else "nein"
        writer.writerow(values)


def table_lines(rows: list[FactRow], width: int = 70) -> list[str]:
    """A plain-text table: one line per fact, the text shortened to `width` characters."""
    lines = [f"{'Stand':<10}  {'bestätigt':<9}  {'Art':<7}  {'Angabe':<{width}}  Wo / Quelle"]
    for row in rows:
        text = row.text if len(row.text) <= width else row.text[: width - 1] + "…"
        lines.append(f"{row.stand:<10}  {'ja' if row.confirmed else 'nein':<9}  {row.kind:<7}  "
                     f"{text:<{width}}  {row.where} · {row.source}")
    return lines

