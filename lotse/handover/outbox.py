"""Delivering the outbox: every due message once, retried with growing pauses while its
target is down, so that a case reaches staff exactly when the target is back.

A message is claimed (compare-and-set on `claimed_until`) before it is sent, so two workers
never send the same message; a worker that dies mid-send loses its claim after the lease and
the message is sent again with the same key (the receiver can drop the repeat).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import ColumnElement, Engine, or_, select, update

from lotse.db import session_scope
from lotse.handover.models import DELIVERED, PENDING, OutboxMessage
from lotse.handover.transports import DeliveryFailed, Transport

# Pause after the 1st, 2nd, ... failed attempt; then every hour, for as long as it takes.
BACKOFF = (timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=5),
           timedelta(minutes=10), timedelta(minutes=30), timedelta(hours=1))
LEASE = timedelta(minutes=2)
BATCH = 50


def backoff(attempts: int) -> timedelta:
    return BACKOFF[min(attempts, len(BACKOFF)) - 1]


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0


def deliver_due(transports: dict[str, Transport], now: datetime | None = None,
                bind: Engine | None = None) -> DeliveryReport:
    """Try every message that is due now; returns how many went out and how many failed."""
    now = now or datetime.now(timezone.utc)
    report = DeliveryReport()
    with session_scope(bind) as session:
        due = list(session.scalars(
            select(OutboxMessage.id)
            .where(OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now, _unclaimed(now))
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(BATCH)))
    for message_id in due:
        if _claim(message_id, now, bind):
            delivered = _deliver(message_id, transports, now, bind)
            report.delivered += delivered
            report.failed += not delivered
    return report


def _unclaimed(now: datetime) -> ColumnElement[bool]:
    return or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now)


def _claim(message_id: int, now: datetime, bind: Engine | None) -> bool:
    with session_scope(bind) as session:
        claimed = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.status == PENDING, _unclaimed(now))
            .values(claimed_until=now + LEASE))
        return claimed.rowcount == 1


def _deliver(message_id: int, transports: dict[str, Transport], now: datetime, bind: Engine | None) -> bool:
    # Read, send outside any transaction (a slow server must not hold a database lock), record.
    with session_scope(bind) as session:
        message = session.get(OutboxMessage, message_id)
        case = message.case
    attempts = message.attempts + 1
    try:
        transport = transports.get(message.kind)
        if transport is None:
            raise DeliveryFailed(f"kein Versandweg für {message.kind} eingerichtet")
        transport.send(message, case)
    except DeliveryFailed as error:
        outcome = {"last_error": str(error)[:300], "next_attempt_at": now + backoff(attempts)}
    else:
        outcome = {"status": DELIVERED, "delivered_at": now, "last_error": None}
    with session_scope(bind) as session:
        session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id)
                        .values(attempts=attempts, claimed_until=None, **outcome))
    return outcome.get("status") == DELIVERED
