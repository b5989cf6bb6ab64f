"""The figures as CSV for the pilot's report to other regions.

One row per number ("long" form: period, section, row, column, value), so that the files of
several regions and periods can be put below each other and pivoted in Excel or
LibreOffice. Separated by ";" with decimal commas and a byte order mark, as German Excel
opens a double-clicked file correctly.
"""

from __future__ import annotations

import csv
import io

from lotse.figures.report import Figures
from lotse.figures.table import Number

BOM = "\ufeff"
HEADERS = ("Von", "Bis", "Bereich", "Merkmal", "Schlüssel", "Spalte", "Wert")


def csv_text(figures: Figures) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    start, end = figures.period.start.isoformat(), figures.period.end.isoformat()
    for section in figures.sections:
        for row in section.rows:
            for header, value in zip(section.headers, row.values, strict=True):
                writer.writerow((start, end, section.title, row.label, row.key, header, number_text(value)))
    return BOM + out.getvalue()


def number_text(value: Number) -> str:
    """German notation without thousands separators: 1234, 12,5; empty for no figure."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def file_name(figures: Figures) -> str:
    regions = [column.key for column in figures.columns[:-1]]
    shown = f"-{regions[0]}" if len(regions) == 1 else ""
    return (f"weiterbildungslotse-zahlen{shown}-{figures.period.start.isoformat()}"
            f"-bis-{figures.period.end.isoformat()}.csv")
