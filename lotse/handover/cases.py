"""Opening a case: a reference number the visitor is shown, and the notifications to send."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from lotse.handover.models import DELIVERED, CaseCounter, HandoverCase, OutboxMessage

EMAIL, WEBHOOK = "email", "webhook"


@dataclass(frozen=True)
class Routing:
    """Where the cases of each region go: e-mail addresses and webhook URLs (configuration)."""

    email_default: tuple[str, ...] = ()
    email_by_region: dict[str, tuple[str, ...]] = field(default_factory=dict)
    webhooks: tuple[str, ...] = ()

    def targets(self, region: str | None) -> list[tuple[str, str]]:
        emails = self.email_by_region.get(region or "", ()) or self.email_default
        return [(EMAIL, address) for address in emails] + [(WEBHOOK, url) for url in self.webhooks]


def next_reference(session: Session, year: int) -> str:
    """WBA-<year>-<number>, counting per year; safe when two cases open at the same time
    (one atomic upsert of the year's counter)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (dialect.insert(CaseCounter).values(year=year, last=1)
                 .on_conflict_do_update(index_elements=["year"], set_={"last": CaseCounter.last + 1})
                 .returning(CaseCounter.last))
    number = session.execute(statement).scalar_one()
    return f"WBA-{year}-{number:05d}"


def open_case(session: Session, region: str | None, reason: str, summary: str, routing: Routing,
              now: datetime | None = None) -> HandoverCase:
    """Store a case and one outbox message per target, in the caller's transaction."""
    now = now or datetime.now(timezone.utc)
    case = HandoverCase(reference=next_reference(session, now.year), created_at=now, region=region,
                        reason=reason, summary=summary)
    session.add(case)
    for kind, target in routing.targets(region):
        case.outbox.append(OutboxMessage(kind=kind, target=target, key=uuid.uuid4().hex,
                                         next_attempt_at=now, created_at=now))
    session.flush()
    return case


def delivery_overview(session: Session, limit: int = 50) -> list[str]:
    """The latest cases with the state of each notification, for staff (no contact data)."""
    lines = []
    cases = session.scalars(select(HandoverCase).order_by(HandoverCase.id.desc()).limit(limit))
    for case in cases:
        states = ", ".join(
            f"{m.kind} {'zugestellt' if m.status == DELIVERED else 'offen'}"
            + (f" ({m.attempts} Versuche, zuletzt: {m.last_error})" if m.last_error else "")
            for m in case.outbox) or "keine Empfänger eingerichtet"
        lines.append(f"{case.reference}  {case.created_at:%d.%m.%Y %H:%M}  {case.region or '-'}  "
                     f"{case.status}  {states}")
    return lines
