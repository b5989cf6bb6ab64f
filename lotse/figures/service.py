"""The figures a staff member asks for on /staff/zahlen (and its CSV), in one transaction:
anonymous counts only (lotse.figures.report); a team sees its region beside the agency's
totals, an admin every region or the one chosen.

Error policy: a period that cannot be read is the default period (lotse.figures.period). A
database error is not caught: the transaction is rolled back and the error reaches the web
server, which answers 500 as it always did.
"""

from __future__ import annotations

from dataclasses import dataclass

from lotse.db import Database, session_scope
from lotse.figures.period import parse_period
from lotse.figures.report import Figures, figures_for
from lotse.staff.console import chosen_team
from lotse.staff.permissions import Scope, scope_of
from lotse.staff.service import Staff


@dataclass(frozen=True)
class StaffFigures:
    figures: Figures
    scope: Scope
    team: str | None  # the team filter (None: every region the scope permits)


def staff_figures(bind: Database | None, staff: Staff, asked_team: str | None = None,
                  start: str | None = None, end: str | None = None) -> StaffFigures:
    """The figures of the period from `start` to `end` (ISO dates as typed; the default period
    where they cannot be read) for the team filter (an admin's choice) the staff member may see."""
    with session_scope(bind) as session:
        scope = scope_of(session, staff.account_id)
        team = chosen_team(asked_team, scope)
        figures = figures_for(session, scope, team, parse_period(start, end))
    return StaffFigures(figures, scope, team)
