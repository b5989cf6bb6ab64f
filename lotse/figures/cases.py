"""Figures of the cases: how many per status, and how long until staff took them.

Read off the cases still stored (lotse.figures.queries.CaseFacts: team, status and times,
no reference): a case is deleted after its retention period, and its figures with it.
"""

from __future__ import annotations

from statistics import median

from lotse.clock import as_utc
from lotse.figures.queries import TOTAL, ByRegion, CaseFacts, Column, spread
from lotse.figures.table import Number, Row
from lotse.handover.models import CASE_STATES, OPEN
from lotse.knowledge import knowledge

# Time until a case is taken: upper bounds in hours and their labels.
CLAIM_BANDS = ((1, "unter 1 Stunde"), (4, "1 bis unter 4 Stunden"), (24, "4 bis unter 24 Stunden"),
               (72, "1 bis unter 3 Tage"), (float("inf"), "3 Tage und länger"))
NOT_CLAIMED = "noch nicht übernommen"


def by_team(cases: list[CaseFacts]) -> ByRegion:
    out: ByRegion = {}
    for case in cases:
        out[case.team] = out.get(case.team, 0) + 1
    return out


def case_states(cases: list[CaseFacts], columns: tuple[Column, ...]) -> list[Row]:
    labels = knowledge().handover.data["staff"]["status"]
    return [Row(state, labels.get(state, state),
                spread(by_team([case for case in cases if case.status == state]), columns))
            for state in CASE_STATES]


def hours_until_claimed(case: CaseFacts) -> float | None:
    if case.claimed_at is None:
        return None
    return max(0.0, (as_utc(case.claimed_at) - as_utc(case.created_at)).total_seconds() / 3600)


def median_hours(cases: list[CaseFacts], columns: tuple[Column, ...]) -> tuple[Number, ...]:
    """Per column: the median time until a case was taken, in hours (None: none taken)."""
    out: list[Number] = []
    for column in columns:
        mine = cases if column.key == TOTAL else [case for case in cases if case.team == column.region]
        hours = [h for case in mine if (h := hours_until_claimed(case)) is not None]
        out.append(round(median(hours), 1) if hours else None)
    return tuple(out)


def claim_bands(cases: list[CaseFacts], columns: tuple[Column, ...]) -> list[Row]:
    bands: list[list[CaseFacts]] = [[] for _ in CLAIM_BANDS]
    for case in cases:
        hours = hours_until_claimed(case)
        if hours is not None:
            bands[next(i for i, (bound, _) in enumerate(CLAIM_BANDS) if hours < bound)].append(case)
    waiting = [case for case in cases if case.claimed_at is None and case.status == OPEN]
    rows = [Row(f"band_{i}", label, spread(by_team(bands[i]), columns))
            for i, (_, label) in enumerate(CLAIM_BANDS)]
    return [*rows, Row("waiting", NOT_CLAIMED, spread(by_team(waiting), columns))]
