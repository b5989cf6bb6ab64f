"""What the console shows of a staff member's permissions (lotse.staff.permissions): the
team filter of the lists, the role in the header, and the German refusals (403).

Another team's case or live chat answers 403, not 404: staff are logged-in colleagues, the
reference usually comes from a caller, and "belongs to the Weiterbildungsagentur Nord" tells
them where to send that caller; the attempt is recorded on the case.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from starlette.datastructures import QueryParams

from lotse.handover.access import Viewer
from lotse.offices import directory
from lotse.staff.permissions import Scope, scope_of
from web.pages import team_name
from web.staff_auth import Staff

ALL_TEAMS = "alle"
FOREIGN_CASE = ("Dieser Fall gehört zur {team}. Sie können ihn weder öffnen noch bearbeiten; bitte "
                "verweisen Sie an dieses Team. Ihr Zugriffsversuch wurde beim Fall vermerkt.")
FOREIGN_CHAT = ("Dieser Live-Chat gehört zur {team}. Sie können ihn weder lesen noch übernehmen; "
                "das tut dieses Team.")


def viewer_of(session: Session, staff: Staff) -> Viewer:
    """The staff member with their permissions as the database has them now."""
    return Viewer(staff.account_id, staff.username, staff.display_name, scope_of(session, staff.account_id))


def chosen_team(params: QueryParams, scope: Scope) -> str | None:
    """The team filter of a list: an admin chooses (default: their own team, if any, else all);
    everybody else sees their own team. None means no narrowing beyond the scope."""
    if not scope.admin:
        return scope.team
    asked = params.get("team")
    if asked == ALL_TEAMS:
        return None
    if asked in {office.key for office in directory().teams()}:
        return asked
    return scope.team


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


def foreign_case(team: str | None) -> str:
    return FOREIGN_CASE.format(team=team_name(team))


def foreign_chat(team: str | None) -> str:
    return FOREIGN_CHAT.format(team=team_name(team))
