"""Import of the CSV files staff export from their tools (columns: docs/catalogue.md).

Semicolon or comma separated, UTF-8 (with or without BOM). A row that cannot be read is
rejected with its line and reason; the others are imported.
"""

from __future__ import annotations

import csv
from pathlib import Path

from lotse.catalog.locate import locate
from lotse.catalog.records import CourseRecord, ParsedSource, ProviderRecord
from lotse.catalog.values import (
    ValueProblem,
    parse_date,
    parse_delivery,
    parse_number,
    parse_schedules,
    parse_starts,
    parse_whole,
    parse_yes_no,
)
from lotse.text import fold

REQUIRED_COLUMNS = ("kurs_id", "titel", "anbieter", "lernform")
OPTIONAL_COLUMNS = (
    "anbieter_id", "beschreibung", "thema", "berufsfeld", "stichworte", "ort", "plz",
    "breitengrad", "laengengrad", "unterrichtszeit", "termine", "stunden", "wochen", "kosten_eur",
    "azav", "abschluss", "link", "aktualisiert",
)


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (missing columns, not CSV)."""


def read_csv(path: Path) -> ParsedSource:
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    if not lines:
        raise ImportFileError(f"{path}: die Datei ist leer")
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.DictReader(lines, delimiter=delimiter)
    columns = [fold(c).replace(" ", "_") for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"Spalten fehlen: {', '.join(missing)}")
        if unknown:
            problems.append(f"unbekannte Spalten: {', '.join(unknown)}")
        raise ImportFileError(f"{path}, Zeile 1: {'; '.join(problems)}. Erlaubte Spalten: "
                              f"{', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)} (siehe docs/catalogue.md)")
    reader.fieldnames = columns
    parsed = ParsedSource()
    for row in reader:
        line = reader.line_num
        values = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if None in row:
            parsed.reject(str(path), line, "mehr Felder als Spalten (Trennzeichen im Text? "
                          "Bitte Text in Anführungszeichen setzen)", values.get("kurs_id"))
            continue
        try:
            parsed.add(_record(values), str(path), line)
        except ValueProblem as problem:
            parsed.reject(str(path), line, str(problem), values.get("kurs_id"))
    return parsed


def _record(v: dict[str, str]) -> CourseRecord:
    starts, anytime = parse_starts(v.get("termine", "")) if v.get("termine") else ((), False)
    place = locate(v.get("ort", ""), v.get("plz", ""), v.get("breitengrad", ""), v.get("laengengrad", ""))
    delivery = parse_delivery(v["lernform"])
    if delivery != "online" and place.unknown_name:
        raise ValueProblem(f"Ort '{place.unknown_name}' unbekannt: "
                           "bitte PLZ oder Breiten-/Längengrad angeben")
    return CourseRecord(
        source_id=v["kurs_id"], title=v["titel"], description=v.get("beschreibung", ""),
        provider=ProviderRecord(v.get("anbieter_id") or fold(v["anbieter"]), v["anbieter"], place.town),
        delivery=delivery, topic=v.get("thema", ""), field=v.get("berufsfeld", ""),
        keywords=tuple(k.strip() for k in v.get("stichworte", "").split(",") if k.strip()),
        town=place.town, postal_code=place.postal_code, district_key=place.district_key,
        lat=place.lat, lon=place.lon,
        schedules=parse_schedules(v.get("unterrichtszeit", "")), start_dates=starts,
        starts_anytime=anytime, hours=parse_whole(v.get("stunden", ""), "Stunden"),
        weeks=parse_whole(v.get("wochen", ""), "Wochen"),
        cost_eur=parse_number(v.get("kosten_eur", ""), "Kosten"),
        azav=parse_yes_no(v.get("azav", ""), "AZAV"), certificate=v.get("abschluss") or None,
        url=v.get("link") or None,
        source_updated=parse_date(v["aktualisiert"]) if v.get("aktualisiert") else None,
    )
