"""What the staff console's services share: the team filter of its lists, the name of a team
as staff read it, and the refusal a service answers with instead of a page.

No database here: the services (lotse.handover.console, lotse.handover.live_service,
lotse.review.service, lotse.figures.service) open their own session and use these.
"""

from __future__ import annotations

from dataclasses import dataclass

from lotse.offices import directory
from lotse.staff.permissions import Scope

# The team filter's choice "every team" (only an admin has it).
ALL_TEAMS = "alle"


@dataclass(frozen=True)
class Refusal:
    """A request the service refused: the HTTP status and the German message for staff."""

    status_code: int
    message: str


def chosen_team(asked: str | None, scope: Scope) -> str | None:
    """The team filter of a list: an admin chooses (default: their own team, if any, else all);
    everybody else sees their own team. None means no narrowing beyond the scope."""
    if not scope.admin:
        return scope.team
    if asked == ALL_TEAMS:
        return None
    if asked in {office.key for office in directory().teams()}:
        return asked
    return scope.team


def team_name(key: str | None) -> str:
    """A Weiterbildungsagentur (offices.yml key) by its name; '–' for none, the key if unknown."""
    if not key:
        return "–"
    try:
        return directory().office(key).name
    except KeyError:
        return key
