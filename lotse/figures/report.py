"""The figures as sections of a table, one column per region shown and one for the totals:
what /staff/zahlen shows (each section as a chart and a table) and its CSV holds.

Labels are German, as staff and the pilot's report read them; a topic is the name of
knowledge/topics.yml, a programme its name in knowledge/programmes.yml.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from lotse.figures import models as m
from lotse.figures.cases import by_team, case_states, claim_bands, median_hours
from lotse.figures.period import Period, week_key, week_label
from lotse.figures.queries import (
    ByRegion,
    Column,
    Counts,
    columns_for,
    counted_until,
    read_counts,
    spread,
    visible_districts,
)
from lotse.figures.table import Number, Row, Section
from lotse.knowledge import knowledge
from lotse.places import place_index
from lotse.programmes import catalogue
from lotse.staff.permissions import Scope

WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
TOP = 10
DISTRICT_HEADERS = ("Gespräche", "bestätigte Angaben", "neue Fälle")
UNKNOWN_DISTRICT = "ohne Angabe oder außerhalb Sachsen-Anhalts"
CASES_NOTE = ("Gezählt sind die Fälle, die im Zeitraum eingingen und noch gespeichert sind "
              "(Fälle werden nach ihrer Aufbewahrungsfrist gelöscht).")


@dataclass(frozen=True)
class Figures:
    period: Period
    columns: tuple[Column, ...]
    sections: tuple[Section, ...]
    # Conversations are counted once they are over: up to this moment (None: not yet).
    counted_until: datetime | None = None


def figures_for(session: Session, scope: Scope, team: str | None, period: Period) -> Figures:
    """What this staff member may see (`team`: an admin's choice; None: all regions)."""
    columns = columns_for(scope, team)
    counts = read_counts(session, period)
    headers = tuple(column.title for column in columns)

    def section(key: str, title: str, rows: list[Row], chart: str = "", note: str = "") -> Section:
        return Section(key, title, headers, tuple(rows), chart, note)

    return Figures(period, columns, sections=(
        section("overview", "Überblick", _overview(counts, columns)),
        section("days", "Gespräche je Tag", _days(counts, columns, period), "line"),
        section("weeks", "Gespräche je Kalenderwoche", _weeks(counts, columns, period), "bar"),
        section("handover", "Übergaben an einen Menschen nach Weg", _ways(counts, columns), "bar"),
        section("topics", f"Die {TOP} häufigsten Themen", _ranked(counts, columns, m.TOPIC, _topic), "hbar"),
        section("programmes", f"Die {TOP} meistgefragten Förderprogramme",
                _ranked(counts, columns, m.PROGRAMME, _programme), "hbar"),
        Section("districts", "Landkreise und kreisfreie Städte", DISTRICT_HEADERS,
                tuple(_districts(counts, columns)), "hbar"),
        section("cases", "Fälle nach Status", case_states(counts.cases, columns), "bar", CASES_NOTE),
        section("claim", "Zeit bis zur Übernahme eines Falls", claim_bands(counts.cases, columns), "bar",
                CASES_NOTE),
    ), counted_until=counted_until(session))


def _metric(counts: Counts, columns: tuple[Column, ...], metric: str, value: str = "") -> tuple[int, ...]:
    return spread(counts.metrics.get((metric, value), {}), columns)


def _share(part: tuple[int, ...], whole: tuple[int, ...]) -> tuple[Number, ...]:
    return tuple(round(100 * p / w, 1) if w else None for p, w in zip(part, whole, strict=True))


def _overview(counts: Counts, columns: tuple[Column, ...]) -> list[Row]:
    conversations = _metric(counts, columns, m.CONVERSATIONS)
    messages = _metric(counts, columns, m.MESSAGES)
    return [
        Row("conversations", "Gespräche", conversations),
        Row("understood_first", "beim ersten Satz verstanden (%)",
            _share(_metric(counts, columns, m.UNDERSTOOD_FIRST), conversations)),
        Row("messages", "Nachrichten der Besucherinnen und Besucher", messages),
        Row("fallbacks", "davon nicht verstanden (%)",
            _share(_metric(counts, columns, m.FALLBACKS), messages)),
        Row("with_fallback", "Gespräche mit mindestens einem Nichtverstehen (%)",
            _share(_metric(counts, columns, m.WITH_FALLBACK), conversations)),
        Row("handed_over", "an einen Menschen übergeben (%)",
            _share(_metric(counts, columns, m.HANDED_OVER), conversations)),
        Row("intakes", "bestätigte Angaben zur Situation", spread(counts.intakes, columns)),
        Row("cases", "neue Fälle", spread(by_team(counts.cases), columns)),
        Row("claim_median", "Zeit bis zur Übernahme eines Falls, Median (Stunden)",
            median_hours(counts.cases, columns)),
    ]


def _days(counts: Counts, columns: tuple[Column, ...], period: Period) -> list[Row]:
    return [Row(day.isoformat(), f"{WEEKDAYS[day.weekday()]} {day:%d.%m.%Y}",
                spread(counts.per_day.get(day, {}), columns)) for day in period.days]


def _weeks(counts: Counts, columns: tuple[Column, ...], period: Period) -> list[Row]:
    weeks: dict[tuple[int, int], ByRegion] = defaultdict(dict)
    for day, by_region in counts.per_day.items():
        week = weeks[day.isocalendar()[:2]]
        for region, number in by_region.items():
            week[region] = week.get(region, 0) + number
    return [Row(week_key(*week), week_label(*week), spread(weeks.get(week, {}), columns))
            for week in period.weeks]


def _ways(counts: Counts, columns: tuple[Column, ...]) -> list[Row]:
    labels = {**knowledge().handover.data["staff"]["channels"], m.LIVE_CHAT: "Live-Chat"}
    return [Row(way, labels.get(way, way), _metric(counts, columns, m.HANDOVER_WAY, way))
            for way in m.HANDOVER_WAYS]


def _ranked(counts: Counts, columns: tuple[Column, ...], metric: str,
            label: Callable[[str], str]) -> list[Row]:
    """The TOP values: by the one region shown, else by the totals."""
    by = 0 if len(columns) <= 2 else len(columns) - 1
    rows = [Row(value, label(value), spread(by_region, columns))
            for (name, value), by_region in counts.metrics.items() if name == metric]
    rows = [row for row in rows if row.values[by]]
    return sorted(rows, key=lambda row: (-(row.values[by] or 0), row.label))[:TOP]


def _topic(value: str) -> str:
    return "anderes Thema (nicht in der Themenliste)" if value == m.OTHER_TOPIC else value


def _programme(key: str) -> str:
    programme = catalogue().programmes.get(key)
    return programme.name if programme else key


def _districts(counts: Counts, columns: tuple[Column, ...]) -> list[Row]:
    kinds = ("conversations", "intakes", "cases")
    return [Row(key or "", place_index().district(key).name if key else UNKNOWN_DISTRICT,
                tuple(counts.districts[kind].get(key, 0) for kind in kinds))
            for key in visible_districts(columns)]
