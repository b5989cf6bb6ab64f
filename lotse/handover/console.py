"""The cases in the staff console, one transaction per use case: the overview with its filters
and the search by reference number, one case with everything the visitor told, and what
staff do with it (claim, note, close, reopen).

The rules are lotse.handover.cases'; who may see a case, and the record of every opening,
lotse.handover.access'. What these functions return are plain values (no database rows), for
the page as it is.

Error policy: another team's case is refused with 403 and the attempt recorded on the case
(staff are colleagues; the message tells them where to send the caller); an unknown reference
is a 404. A database error is not caught: the transaction is rolled back and the error reaches
the web server, which answers 500 as it always did.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from lotse.db import Database, session_scope
from lotse.handover import cases
from lotse.handover.access import VIEW, Viewer, case_for, latest_views
from lotse.handover.models import CASE_STATES, CLOSED, HandoverCase
from lotse.staff.console import Refusal, chosen_team, team_name
from lotse.staff.permissions import Scope, scope_of
from lotse.staff.service import Staff

logger = logging.getLogger(__name__)

NO_SUCH_CASE = "Kein Fall mit dieser Referenznummer."
FOREIGN_CASE = ("Dieser Fall gehört zur {team}. Sie können ihn weder öffnen noch bearbeiten; bitte "
                "verweisen Sie an dieses Team. Ihr Zugriffsversuch wurde beim Fall vermerkt.")

# What staff do with a case (the form's action), with the text of a note where there is one.
CASE_ACTIONS: dict[str, Callable[[HandoverCase, Staff, str], bool]] = {
    "claim": lambda case, staff, text: cases.claim(case, staff.display_name),
    "note": lambda case, staff, text: cases.add_note(case, staff.display_name, text),
    "close": lambda case, staff, text: cases.close(case),
    "reopen": lambda case, staff, text: cases.reopen(case),
}

Plain = TypeVar("Plain")


@dataclass(frozen=True)
class CaseRow:
    """A case as the overview lists it."""

    reference: str
    created_at: datetime
    team: str | None
    reason: str
    channel: str | None
    status: str
    assigned_to: str | None


@dataclass(frozen=True)
class CaseList:
    """The overview: the cases of the filter, or the case a reference number found."""

    scope: Scope
    team: str | None  # the team filter (None: every team the scope permits)
    status: str | None  # the status filter (None: every case not yet closed)
    cases: list[CaseRow]
    found: str | None = None  # the reference of the case searched for; then no list


@dataclass(frozen=True)
class CaseFacts:
    """One case with everything the visitor told (contact details included)."""

    reference: str
    created_at: datetime
    team: str | None
    region: str | None
    reason: str
    status: str
    closed_at: datetime | None
    assigned_to: str | None
    summary: str
    suggestions: list[str]
    transcript: list[dict[str, Any]]
    channel: str | None
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None
    preferred_time: str | None
    consent_text: str | None
    consent_at: datetime | None


@dataclass(frozen=True)
class NoteLine:
    author: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class ViewLine:
    """An opening of the case, or a refused attempt (`granted` False) with its action."""

    display_name: str
    username: str
    team: str | None
    action: str
    granted: bool
    viewed_at: datetime


@dataclass(frozen=True)
class CasePage:
    case: CaseFacts
    deliveries: list[str]
    notes: list[NoteLine]
    views: list[ViewLine]  # the newest first, at most access.SHOWN_VIEWS
    view_count: int
    scope: Scope

    @property
    def closed(self) -> bool:
        return self.case.status == CLOSED


def _plain(kind: type[Plain], row: object) -> Plain:
    """The row's values for the fields of a plain dataclass."""
    return kind(**{field.name: getattr(row, field.name) for field in fields(kind)})


def _viewer(session: Session, staff: Staff) -> Viewer:
    """The staff member with their permissions as the database has them now."""
    return Viewer(staff.account_id, staff.username, staff.display_name, scope_of(session, staff.account_id))


def foreign_case(team: str | None) -> str:
    return FOREIGN_CASE.format(team=team_name(team))


def case_overview(bind: Database | None, staff: Staff, reference: str = "", status: str | None = None,
                  asked_team: str | None = None) -> CaseList:
    """The cases of the status (an unknown one counts as none) and team filter (an admin's
    choice) the staff member may see; with a reference number, the case it names if there
    is one (another team's too: its page answers 403 and records the attempt)."""
    wanted = status if status in CASE_STATES else None
    with session_scope(bind) as session:
        scope = scope_of(session, staff.account_id)
        team = chosen_team(asked_team, scope)
        found = cases.find_case(session, reference) if reference else None
        if found is not None:
            return CaseList(scope, team, wanted, [], found.reference)
        rows = [_plain(CaseRow, case) for case in cases.list_cases(session, team, wanted, scope=scope)]
        return CaseList(scope, team, wanted, rows)


def case_details(bind: Database | None, staff: Staff, reference: str) -> CasePage | Refusal:
    """One case, its notifications, notes and openings; the opening itself is recorded."""
    with session_scope(bind) as session:
        viewer = _viewer(session, staff)
        access = case_for(session, reference, viewer, VIEW)
        case = access.case
        if case is None:
            return Refusal(404, NO_SUCH_CASE)
        if not access.allowed:
            logger.warning("case %s of team %s: view refused to %s", case.reference, case.team,
                           staff.username)
            return Refusal(403, foreign_case(case.team))
        views, view_count = latest_views(session, case)
        return CasePage(_plain(CaseFacts, case), cases.delivery_state(case),
                        [_plain(NoteLine, note) for note in case.notes],
                        [_plain(ViewLine, view) for view in views], view_count, viewer.scope)


def act_on_case(bind: Database | None, staff: Staff, reference: str, action: str,
                text: str = "") -> str | Refusal:
    """Apply one of CASE_ACTIONS (`text`: a note's); the case's reference, or the refusal (the
    attempt on another team's case is recorded)."""
    if action not in CASE_ACTIONS:
        raise ValueError(f"unknown case action: {action}")
    with session_scope(bind) as session:
        access = case_for(session, reference, _viewer(session, staff), action)
        case = access.case
        if case is None:
            return Refusal(404, NO_SUCH_CASE)
        if not access.allowed:
            logger.warning("case %s of team %s: %s refused to %s", case.reference, case.team, action,
                           staff.username)
            return Refusal(403, foreign_case(case.team))
        CASE_ACTIONS[action](case, staff, text)
        logger.info("case %s: %s by %s", case.reference, action, staff.username)
        return case.reference
