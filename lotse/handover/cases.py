"""Opening a case: a reference number the visitor is shown, everything they already told,
and the notifications to send; and what staff do with it (claim, note, close).

Who of the staff may see a case is lotse.staff.permissions' (a Scope); lotse.handover.access
checks it and records every opening.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lotse.clock import local_text
from lotse.config import Settings
from lotse.handover.drafts import discard_draft, draft_of
from lotse.handover.headers import one_line
from lotse.handover.models import (
    CLOSED,
    DELIVERY_LABELS,
    IN_PROGRESS,
    OPEN,
    CaseNote,
    HandoverCase,
    OutboxMessage,
)
from lotse.handover.references import canonical_reference, new_reference
from lotse.staff.permissions import EVERYTHING, Scope

EMAIL, WEBHOOK = "email", "webhook"

# Why a case was opened (labels for staff in knowledge/handover.yml).
REQUEST, FALLBACK, ADVISOR, UNSURE = "request", "fallback", "advisor", "unsure"
REASONS = (REQUEST, FALLBACK, ADVISOR, UNSURE)


@dataclass(frozen=True)
class Routing:
    """Where the cases of each region go: e-mail addresses and webhook URLs (configuration).

    Addresses may be given per district (`harz`) or per Weiterbildungsagentur (`wba_west`);
    the district wins.
    """

    email_default: tuple[str, ...] = ()
    email_by_region: dict[str, tuple[str, ...]] = field(default_factory=dict)
    webhooks: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: Settings) -> Routing:
        return cls(settings.handover_email, settings.handover_email_by_region, settings.handover_webhooks)

    def targets(self, region: str | None, team: str | None = None) -> list[tuple[str, str]]:
        emails = (self.email_by_region.get(region or "") or self.email_by_region.get(team or "")
                  or self.email_default)
        return [(EMAIL, address) for address in emails] + [(WEBHOOK, url) for url in self.webhooks]


@dataclass(frozen=True)
class CaseContext:
    """What the conversation knows when a case is opened (no contact details: see drafts)."""

    reason: str
    conversation_id: str | None = None
    region: str | None = None
    team: str | None = None
    summary: str = ""
    suggestions: tuple[str, ...] = ()
    transcript: tuple[dict[str, Any], ...] = ()


# Drawing a reference that exists already is unlikely (about 28 million per year); after this
# many in a row something else is wrong.
REFERENCE_ATTEMPTS = 20


class NoFreeReference(RuntimeError):
    """No unused reference was drawn in REFERENCE_ATTEMPTS attempts."""


def unused_reference(session: Session, year: int) -> str:
    """A random reference (lotse.handover.references) that no case has yet. Two cases opened
    at the same moment with the same draw are still refused by the column's unique index."""
    for _ in range(REFERENCE_ATTEMPTS):
        reference = new_reference(year)
        if session.scalar(select(HandoverCase.id).where(HandoverCase.reference == reference)) is None:
            return reference
    raise NoFreeReference(f"no unused reference for {year} after {REFERENCE_ATTEMPTS} attempts")


def open_case(session: Session, context: CaseContext, routing: Routing, now: datetime | None = None,
              **contact: Any) -> HandoverCase:
    """Store a case and one outbox message per target, in the caller's transaction.

    `contact` holds the columns of the visitor's consent and contact details, if any.
    """
    now = now or datetime.now(timezone.utc)
    case = HandoverCase(
        reference=unused_reference(session, now.year), created_at=now, updated_at=now,
        region=context.region, team=context.team, reason=context.reason, summary=context.summary,
        suggestions=list(context.suggestions), transcript=list(context.transcript),
        conversation_id=context.conversation_id, status=OPEN, **contact)
    session.add(case)
    for kind, target in routing.targets(context.region, context.team):
        case.outbox.append(OutboxMessage(kind=kind, target=target, key=uuid.uuid4().hex,
                                         next_attempt_at=now, created_at=now))
    session.flush()
    return case


def open_case_from_draft(session: Session, context: CaseContext, routing: Routing,
                         now: datetime | None = None) -> HandoverCase | None:
    """The case of a call-back or e-mail answer, with the consent and contact details the
    form collected; None when there is no consented draft with a contact detail."""
    draft = draft_of(session, context.conversation_id or "")
    if draft is None or draft.consent_at is None or not (draft.phone or draft.email):
        return None
    case = open_case(session, context, routing, now, channel="phone" if draft.phone else "email",
                     contact_phone=draft.phone, contact_email=draft.email, contact_name=draft.name,
                     preferred_time=draft.preferred_time, consent_text=draft.consent_text,
                     consent_at=draft.consent_at)
    discard_draft(session, draft.conversation_id)
    return case


def find_case(session: Session, reference: str) -> HandoverCase | None:
    """The case of a reference as a person typed or read it out (any case, spaces, dashes);
    None for a reference whose check character does not fit, without looking it up."""
    canonical = canonical_reference(reference)
    if canonical is None:
        return None
    return session.scalar(select(HandoverCase).where(HandoverCase.reference == canonical))


def list_cases(session: Session, team: str | None = None, status: str | None = None,
               limit: int = 200, scope: Scope = EVERYTHING) -> list[HandoverCase]:
    """Newest first; `status` None means every case not yet closed. A team sees its own cases
    and those whose region is unknown, so that none is left without a team; `scope` leaves
    out what the staff member may not see, whatever `team` asks for."""
    query = (select(HandoverCase).where(scope.clause(HandoverCase.team, team))
             .order_by(HandoverCase.created_at.desc()).limit(limit))
    query = query.where(HandoverCase.status == status) if status else query.where(
        HandoverCase.status != CLOSED)
    return list(session.scalars(query))


# A note is for what was agreed, not for documents.
NOTE_MAX = 5000


def claim(case: HandoverCase, staff: str, now: datetime | None = None) -> bool:
    """The staff member takes the case; a closed case must be reopened first."""
    if case.status == CLOSED:
        return False
    case.assigned_to, case.status = staff, IN_PROGRESS
    case.updated_at = now or datetime.now(timezone.utc)
    case.claimed_at = case.claimed_at or case.updated_at
    return True


def add_note(case: HandoverCase, author: str, text: str, now: datetime | None = None) -> bool:
    text = text.strip()[:NOTE_MAX]
    if not text:
        return False
    now = now or datetime.now(timezone.utc)
    case.notes.append(CaseNote(author=author, text=text, created_at=now))
    case.updated_at = now
    return True


def close(case: HandoverCase, now: datetime | None = None) -> bool:
    if case.status == CLOSED:
        return False
    now = now or datetime.now(timezone.utc)
    case.status, case.closed_at, case.updated_at = CLOSED, now, now
    return True


def reopen(case: HandoverCase, now: datetime | None = None) -> bool:
    if case.status != CLOSED:
        return False
    case.status, case.closed_at = (IN_PROGRESS if case.assigned_to else OPEN), None
    case.updated_at = now or datetime.now(timezone.utc)
    return True


def delivery_state(case: HandoverCase) -> list[str]:
    """One line per notification: delivered, pending or given up (not deliverable), with
    attempts and the last error."""
    return [f"{m.kind} {DELIVERY_LABELS.get(m.status, 'offen')}"
            + (f" ({m.attempts} Versuche, zuletzt: {m.last_error})" if m.last_error else "")
            for m in case.outbox]


def delivery_overview(session: Session, limit: int = 50) -> list[str]:
    """The latest cases with the state of each notification, for staff (no contact data)."""
    lines = []
    cases = session.scalars(select(HandoverCase).order_by(HandoverCase.id.desc()).limit(limit))
    for case in cases:
        states = ", ".join(delivery_state(case)) or "keine Empfänger eingerichtet"
        lines.append(f"{case.reference}  {local_text(case.created_at)}  {one_line(case.region or '-', 64)}  "
                     f"{case.status}  {states}")
    return lines
