"""A deterministic demo catalogue: realistic course types in real towns of Sachsen-Anhalt,
offered by fictional providers whose names all start with "Demo-".

`make run` loads it into an empty database so that the assistant can be tried out; the
cards of demo courses say plainly that they are invented (lotse/catalog/cards.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, func, select

from lotse.catalog.cards import DEMO_SOURCE
from lotse.catalog.models import Course
from lotse.catalog.records import CourseRecord, ParsedSource, ProviderRecord
from lotse.catalog.store import ImportSummary
from lotse.db import session_scope
from lotse.knowledge import knowledge

DATA_FILE = Path(__file__).with_name("demo_courses.yml")
SEED = 20261125
PROVIDER_KINDS = ("Demo-Bildungswerk", "Demo-Akademie", "Demo-Schulungszentrum",
                  "Demo-Institut für Weiterbildung", "Demo-Berufsbildungszentrum", "Demo-Fachschule",
                  "Demo-Technikum",
                  "Demo-Qualifizierungsgesellschaft")
SEAT_WEIGHT = 25


@dataclass(frozen=True)
class DemoTown:
    name: str
    district_key: str
    postal_code: str | None
    lat: float
    lon: float


@lru_cache(maxsize=1)
def course_types() -> list[dict[str, Any]]:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    types = []
    for area in data["fields"]:
        share = area["weight"] / len(area["course_types"])
        types += [{**t, "field": area["name"], "weight": share} for t in area["course_types"]]
    return types


def towns() -> tuple[list[DemoTown], list[float]]:
    """Every town of the place knowledge; district seats weigh more (more providers there)."""
    places = knowledge().places.data
    out, weights = [], []
    for district in places["districts"]:
        point = district["coordinates"]
        out.append(DemoTown(district["seat"], district["key"], (district["postal_codes"] or [None])[0],
                            point["lat"], point["lon"]))
        weights.append(SEAT_WEIGHT)
    for town in places["towns"]:
        point = town["coordinates"]
        out.append(DemoTown(town["name"], town["district"], (town.get("postal_codes") or [None])[0],
                            point["lat"], point["lon"]))
        weights.append(1)
    return out, weights


def generate(count: int, base: date, seed: int = SEED) -> ParsedSource:
    rng = random.Random(seed)
    types = course_types()
    type_weights = [t["weight"] for t in types]
    places, place_weights = towns()
    parsed = ParsedSource()
    chosen_types = rng.choices(types, type_weights, k=count)
    chosen_places = rng.choices(places, place_weights, k=count)
    for number, (kind, town) in enumerate(zip(chosen_types, chosen_places, strict=True), start=1):
        parsed.add(_course(rng, number, kind, town, base), "demo", number, unit="Kurs")
    return parsed


def _course(rng: random.Random, number: int, kind: dict[str, Any], town: DemoTown,
            base: date) -> CourseRecord:
    provider_kind = PROVIDER_KINDS[rng.randrange(len(PROVIDER_KINDS))]
    provider = ProviderRecord(f"{provider_kind}|{town.name}", f"{provider_kind} {town.name}", town.name)
    delivery = rng.choice(kind["delivery"])
    schedules = tuple(s for s in kind["schedule"] if rng.random() < 0.6) or (rng.choice(kind["schedule"]),)
    hours = _between(rng, kind["hours"], 8)
    weeks = _between(rng, kind["weeks"], 1)
    cost = _between(rng, kind["cost_eur"], 10)
    anytime = delivery == "online" and rng.random() < 0.5
    starts = () if anytime else _starts(rng, base, weeks)
    where = "online" if delivery == "online" else f"in {town.name}"
    return CourseRecord(
        source_id=f"demo-{number:05d}", title=kind["title"],
        description=f"{kind['description']} Demo-Angebot {where}.",
        provider=provider, delivery=delivery, topic=kind["topic"], field=kind["field"],
        keywords=tuple(kind.get("keywords") or ()), town=town.name, postal_code=town.postal_code,
        district_key=town.district_key, lat=town.lat, lon=town.lon, schedules=schedules,
        start_dates=starts, starts_anytime=anytime, hours=hours, weeks=weeks, cost_eur=float(cost),
        azav=rng.random() < kind["azav_share"], certificate=kind.get("certificate"), url=None,
        source_updated=base,
    )


def _between(rng: random.Random, bounds: list[int], step: int) -> int:
    low, high = bounds
    value = rng.uniform(low, high)
    return max(low, int(round(value / step) * step)) if high > low else low


def _starts(rng: random.Random, base: date, weeks: int) -> tuple[date, ...]:
    """A few start dates within the next year; long courses start less often."""
    per_year = 2 if weeks > 26 else 4 if weeks > 4 else 8
    first = base + timedelta(days=rng.randrange(7, 120))
    gap = 365 // per_year
    return tuple(first + timedelta(days=i * gap) for i in range(rng.randint(1, per_year)))


def load_demo_catalogue(count: int = 65_000, only_if_empty: bool = False, bind: Engine | None = None,
                        base: date | None = None) -> ImportSummary | None:
    """Store the demo catalogue (as source "demo"); with `only_if_empty`, only into an empty one."""
    from lotse.catalog.importer import write

    if only_if_empty:
        with session_scope(bind) as session:
            if session.scalar(select(func.count()).select_from(Course)):
                return None
    return write(DEMO_SOURCE, generate(count, base or date.today()), complete=True, bind=bind)
