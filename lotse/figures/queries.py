"""The figures a staff member may see: their region's beside the agency's totals; an admin
sees every region side by side (or one they choose) and the totals.

Everything is read as sums per region (and per district where a region's own districts are
shown): the counters of lotse.figures.models, the confirmed intakes (lotse.models) and the
cases (team, district, status and times only, never a reference or a line of text).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lotse.clock import as_utc
from lotse.figures.models import CONVERSATIONS, CONVERSATIONS_PROGRESS, ConversationFigure, FiguresProgress
from lotse.figures.period import Period
from lotse.handover.models import HandoverCase
from lotse.models import IntakeRecord
from lotse.offices import directory
from lotse.staff.permissions import Scope

TOTAL, NO_REGION = "total", "none"
TOTAL_TITLE, NO_REGION_TITLE = "Sachsen-Anhalt gesamt", "ohne Region"
ByRegion = dict[str | None, int]


@dataclass(frozen=True)
class Column:
    """A column of every table: a Weiterbildungsagentur (its key), NO_REGION or TOTAL."""

    key: str
    title: str

    @property
    def region(self) -> str | None:
        return None if self.key == NO_REGION else self.key


@dataclass(frozen=True)
class CaseFacts:
    team: str | None
    district: str | None
    status: str
    created_at: datetime
    claimed_at: datetime | None


@dataclass
class Counts:
    """What the database holds for the period, by region (a team key; None: none)."""

    metrics: dict[tuple[str, str], ByRegion] = field(default_factory=lambda: defaultdict(dict))
    per_day: dict[date, ByRegion] = field(default_factory=lambda: defaultdict(dict))
    # Conversations, confirmed intakes and new cases per district (None: not told).
    districts: dict[str, dict[str | None, int]] = field(default_factory=lambda: defaultdict(dict))
    intakes: ByRegion = field(default_factory=dict)
    cases: list[CaseFacts] = field(default_factory=list)


def columns_for(scope: Scope, team: str | None) -> tuple[Column, ...]:
    """Own region and totals; an admin: the chosen region, or all of them and what has none."""
    teams = [office.key for office in directory().teams()]
    if scope.admin:
        shown = [team] if team in teams else [*teams, NO_REGION]
    else:
        shown = [scope.team] if scope.team in teams else []
    return (*(Column(key, _title(key)) for key in shown), Column(TOTAL, TOTAL_TITLE))


def _title(key: str) -> str:
    return NO_REGION_TITLE if key == NO_REGION else directory().office(key).name


def visible_districts(columns: tuple[Column, ...]) -> list[str | None]:
    """The districts whose own figures the columns show: those of the regions shown (and the
    unknown one where "ohne Region" is shown); the totals show none by themselves."""
    regions = {column.region for column in columns if column.key != TOTAL}
    keys: list[str | None] = [key for key in directory().districts() if _team_of(key) in regions]
    return [*keys, None] if None in regions else keys


def _team_of(district: str | None) -> str | None:
    office = directory().for_district(district, "wba") if district else None
    return office.key if office else None


def read_counts(session: Session, period: Period) -> Counts:
    counts = Counts()
    in_period = (ConversationFigure.day >= period.start, ConversationFigure.day <= period.end)
    total = func.sum(ConversationFigure.count)
    for metric, value, region, number in session.execute(
            select(ConversationFigure.metric, ConversationFigure.value, ConversationFigure.region, total)
            .where(*in_period)
            .group_by(ConversationFigure.metric, ConversationFigure.value, ConversationFigure.region)):
        counts.metrics[(metric, value)][region] = int(number)
    conversations = (*in_period, ConversationFigure.metric == CONVERSATIONS)
    for day, region, number in session.execute(
            select(ConversationFigure.day, ConversationFigure.region, total).where(*conversations)
            .group_by(ConversationFigure.day, ConversationFigure.region)):
        counts.per_day[day][region] = int(number)
    for district, number in session.execute(
            select(ConversationFigure.district, total).where(*conversations)
            .group_by(ConversationFigure.district)):
        counts.districts["conversations"][district] = int(number)
    _read_intakes(session, period, counts)
    _read_cases(session, period, counts)
    return counts


def counted_until(session: Session) -> datetime | None:
    progress = session.get(FiguresProgress, CONVERSATIONS_PROGRESS)
    return as_utc(progress.counted_until) if progress else None


def _read_intakes(session: Session, period: Period, counts: Counts) -> None:
    for district, number in session.execute(
            select(IntakeRecord.region, func.count())
            .where(IntakeRecord.created_at >= period.utc_start, IntakeRecord.created_at < period.utc_end)
            .group_by(IntakeRecord.region)):
        counts.districts["intakes"][district] = int(number)
        region = _team_of(district)
        counts.intakes[region] = counts.intakes.get(region, 0) + int(number)


def _read_cases(session: Session, period: Period, counts: Counts) -> None:
    rows = session.execute(
        select(HandoverCase.team, HandoverCase.region, HandoverCase.status, HandoverCase.created_at,
               HandoverCase.claimed_at)
        .where(HandoverCase.created_at >= period.utc_start, HandoverCase.created_at < period.utc_end))
    counts.cases = [CaseFacts(*row) for row in rows]
    for case in counts.cases:
        per_district = counts.districts["cases"]
        per_district[case.district] = per_district.get(case.district, 0) + 1


def spread(by_region: ByRegion, columns: tuple[Column, ...]) -> tuple[int, ...]:
    """One number per column; the totals count every region, also those not shown."""
    return tuple(sum(by_region.values()) if column.key == TOTAL else by_region.get(column.region, 0)
                 for column in columns)
