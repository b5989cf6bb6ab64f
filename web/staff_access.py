"""What the console shows of a staff member's permissions (lotse.staff.permissions): the
team filter of the lists and the role in the header. The filter's rule and the German
refusals (403) are the services' (lotse.staff.console and the services that use it).

Another team's case or live chat answers 403, not 404: staff are logged-in colleagues, the
reference usually comes from a caller, and "belongs to the Weiterbildungsagentur Nord" tells
them where to send that caller; the attempt is recorded on the case.
"""

from __future__ import annotations

from typing import Any

from lotse.offices import directory
from lotse.staff.console import ALL_TEAMS
from lotse.staff.permissions import Scope
from web.pages import team_name


def role_text(scope: Scope) -> str:
    """The role as the header shows it."""
    if scope.admin:
        return "Administration (alle Weiterbildungsagenturen)"
    if scope.team:
        return team_name(scope.team)
    return "ohne Weiterbildungsagentur"


def list_context(scope: Scope, team: str | None) -> dict[str, Any]:
    """What the team filter (_team_filter.html) and the header need."""
    return {"admin": scope.admin, "own_team": scope.team, "role": role_text(scope),
            "teams": directory().teams(), "team": team or ALL_TEAMS}
