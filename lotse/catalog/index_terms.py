"""What the SQLite full-text index stores per course, besides its words.

Filters a visitor sets most (the place, the start) are indexed as terms too, so that the
index intersects them with the text in one pass instead of the database joining thousands
of text matches against a table afterwards:

- `parts`: every tail of the long title and topic words ("altenpflegehelfer" → …,
  "pflegehelfer", …), so that a prefix query `pfleg*` finds the word inside a compound;
- `cells`: the grid cell of the course's place (about 20 × 20 km), or `online`;
- `months`: the months in which it starts (`m202703`), `anytime`, or `nodates`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

LAT_STEP, LON_STEP = 0.2, 0.3
MIN_PART = 4
ONLINE, ANYTIME, NO_DATES = "online", "anytime", "nodates"


def cell(lat: float, lon: float) -> str:
    return f"g{math.floor(lat / LAT_STEP)}x{math.floor(lon / LON_STEP)}"


def cells_around(box: tuple[float, float, float, float]) -> list[str]:
    """Every cell that touches the box (min_lat, max_lat, min_lon, max_lon)."""
    min_lat, max_lat, min_lon, max_lon = box
    rows = range(math.floor(min_lat / LAT_STEP), math.floor(max_lat / LAT_STEP) + 1)
    cols = range(math.floor(min_lon / LON_STEP), math.floor(max_lon / LON_STEP) + 1)
    return [f"g{r}x{c}" for r in rows for c in cols]


def month(day: date) -> str:
    return f"m{day.year}{day.month:02d}"


def months_from(first: date, count: int) -> list[str]:
    out, year, number = [], first.year, first.month
    for _ in range(count):
        out.append(f"m{year}{number:02d}")
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return out


def parts(texts: Iterable[str]) -> str:
    """The tails of every word longer than MIN_PART letters, from the second letter on."""
    tails = []
    for text in texts:
        for word in text.split():
            tails += [word[i:] for i in range(1, len(word) - MIN_PART + 1)]
    return " ".join(tails)


def document(title: str, topic: str, body: str, lat: float | None, lon: float | None, delivery: str,
             start_dates: str, starts_anytime: bool) -> tuple[str, str, str, str, str]:
    """(words, parts, body, cells, months) of one course for the index."""
    where = ONLINE if delivery == "online" or lat is None or lon is None else cell(lat, lon)
    if starts_anytime:
        when = ANYTIME
    elif start_dates:
        when = " ".join(sorted({month(date.fromisoformat(d)) for d in start_dates.split(",")}))
    else:
        when = NO_DATES
    return f"{title} {topic}", parts((title, topic)), body, where, when
