"""Teams are permissions: a staff member sees and works on the cases and live chats of their
own Weiterbildungsagentur and those without one (region unknown, so nobody's and therefore
everybody's); an admin sees all.

An admin is an account with the role "admin" (a StaffRole row, given with
`python -m lotse.cli staff-add --admin` or `staff-role --admin`), never an account whose team
was left empty: an account without team and without role sees only what has no team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, true
from sqlalchemy.orm import Session

from lotse.clock import utcnow
from lotse.staff.models import StaffAccount, StaffRole

ADMIN = "admin"


@dataclass(frozen=True)
class Scope:
    """What one staff member may see and act on."""

    team: str | None
    admin: bool = False

    def permits(self, team: str | None) -> bool:
        return self.admin or team is None or team == self.team

    def clause(self, column: Any, chosen: str | None = None) -> Any:
        """A WHERE clause on a `team` column: what the scope permits, narrowed to the team
        `chosen` in a list's filter (and, there too, what has no team)."""
        conditions = []
        if chosen:
            conditions.append(or_(column == chosen, column.is_(None)))
        if not self.admin:
            conditions.append(or_(column == self.team, column.is_(None)) if self.team else column.is_(None))
        return and_(*conditions) if conditions else true()


# No restriction: for the command line and the domain's own jobs, never for a console request.
EVERYTHING = Scope(team=None, admin=True)


def scope_of(session: Session, account_id: int) -> Scope:
    """The scope of an account as it is now (a role given or taken counts at the next request);
    an unknown account may see only what has no team."""
    account = session.get(StaffAccount, account_id)
    if account is None:
        return Scope(team=None)
    role = session.get(StaffRole, account_id)
    return Scope(team=account.team, admin=role is not None and role.role == ADMIN)


def accounts_with_scopes(session: Session) -> list[tuple[StaffAccount, Scope]]:
    """Every account with what it may see, by user name (for `python -m lotse.cli staff-list`)."""
    admins = set(session.scalars(select(StaffRole.account_id).where(StaffRole.role == ADMIN)))
    accounts = session.scalars(select(StaffAccount).order_by(StaffAccount.username))
    return [(account, Scope(account.team, account.id in admins)) for account in accounts]


def set_admin(session: Session, account: StaffAccount, admin: bool, now: datetime | None = None) -> None:
    role = session.get(StaffRole, account.id)
    if admin and role is None:
        session.add(StaffRole(account_id=account.id, role=ADMIN, granted_at=now or utcnow()))
    elif not admin and role is not None:
        session.delete(role)
    session.flush()
