"""A staff member and a case: may they see it, and the record of who opened it when.

Every opening of a case page is recorded, and so is every refused attempt to open or change
a case of another team (a CaseView with `granted` False); the case page lists them. A
permitted change (claim, note, close) is not recorded here: notes and "Bearbeitet von" show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lotse.clock import utcnow
from lotse.handover.cases import find_case
from lotse.handover.models import CaseView, HandoverCase
from lotse.staff.permissions import Scope

VIEW = "view"
# How many openings the case page lists (the newest); the count says how many there are.
SHOWN_VIEWS = 50


@dataclass(frozen=True)
class Viewer:
    """Who is asking, as the console knows them, and what they may see."""

    account_id: int
    username: str
    display_name: str
    scope: Scope


@dataclass(frozen=True)
class CaseAccess:
    """The case of a reference (None: there is none) and whether the viewer may use it."""

    case: HandoverCase | None
    allowed: bool


def case_for(session: Session, reference: str, viewer: Viewer, action: str = VIEW,
             now: datetime | None = None) -> CaseAccess:
    """The case for `action` by `viewer`; an opening (VIEW) and any refusal are recorded."""
    case = find_case(session, reference)
    if case is None:
        return CaseAccess(None, False)
    allowed = viewer.scope.permits(case.team)
    if action == VIEW or not allowed:
        record(session, case, viewer, action, allowed, now)
    return CaseAccess(case, allowed)


def record(session: Session, case: HandoverCase, viewer: Viewer, action: str, granted: bool,
           now: datetime | None = None) -> CaseView:
    # Set from the view's side, so that a much-read case's views are not all loaded for this.
    view = CaseView(case=case, account_id=viewer.account_id, username=viewer.username,
                    display_name=viewer.display_name, team=viewer.scope.team, action=action, granted=granted,
                    viewed_at=now or utcnow())
    session.add(view)
    session.flush()
    return view


def latest_views(session: Session, case: HandoverCase,
                 limit: int = SHOWN_VIEWS) -> tuple[list[CaseView], int]:
    """The newest openings and refusals first, and how many there are in all."""
    views = list(session.scalars(select(CaseView).where(CaseView.case_id == case.id)
                                 .order_by(CaseView.viewed_at.desc(), CaseView.id.desc()).limit(limit)))
    total = session.scalar(select(func.count()).select_from(CaseView).where(CaseView.case_id == case.id))
    return views, total or 0
