"""The shape of the figures: sections of rows, one number per column (None: no figure, e.g.
a share of nothing)."""

from __future__ import annotations

from dataclasses import dataclass

Number = int | float | None


@dataclass(frozen=True)
class Row:
    key: str  # stable for the CSV: a date, an ISO week, a topic, a programme key, ...
    label: str
    values: tuple[Number, ...]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    chart: str = ""  # "line", "bar", "hbar"; "" for a table only
    note: str = ""
