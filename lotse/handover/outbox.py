"""Delivering the outbox: every due message once, retried with growing pauses while its
target is down, so that a case reaches staff exactly when the target is back.

A message is claimed (compare-and-set on `claimed_until`) before it is sent, so two workers
never send the same message; a worker that dies mid-send loses its claim after the lease and
the message is sent again with the same key (the receiver can drop the repeat).

No single message can stop the others: whatever one raises while it is read, built or sent is
recorded on that message and the next one goes out. A malformed message (a line break meant
for a header, a value the database cannot read back) is given up as FAILED; anything else is
retried with the same growing pauses. The reason stored and logged is our own short text or
the exception's type, never its text, which may quote what it choked on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.errors import MessageError

from sqlalchemy import ColumnElement, Engine, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from lotse.db import session_scope
from lotse.handover.headers import Undeliverable, one_line
from lotse.handover.models import DELIVERED, FAILED, PENDING, OutboxMessage
from lotse.handover.transports import DeliveryFailed, Transport

log = logging.getLogger("lotse.outbox")

# Pause after the 1st, 2nd, ... failed attempt; then every hour, for as long as it takes.
BACKOFF = (timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=5),
           timedelta(minutes=10), timedelta(minutes=30), timedelta(hours=1))
LEASE = timedelta(minutes=2)
BATCH = 50


# Errors of the message itself, which the next attempt would repeat: `Undeliverable` from the
# header checks, the email package's ValueError for a header with a line break, a JSON or date
# column the database cannot read back (ValueError), a malformed message (MessageError).
PERMANENT = (ValueError, MessageError)


def backoff(attempts: int) -> timedelta:
    return BACKOFF[max(1, min(attempts, len(BACKOFF))) - 1]


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0  # tried again later
    given_up: int = 0  # FAILED for good, shown to staff


def failure_reason(error: BaseException) -> str:
    """What staff and the log see about a failed attempt (no personal data)."""
    name = error.__class__.__name__
    if isinstance(error, (DeliveryFailed, Undeliverable)):
        text = str(error)  # our own short texts
    elif isinstance(error, PERMANENT):
        text = f"Nachricht fehlerhaft ({name})"
    elif isinstance(error, SQLAlchemyError):
        text = f"Datenbank: {name}"
    else:
        text = f"Unerwarteter Fehler ({name})"
    return one_line(text)


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
            status = _deliver(message_id, transports, now, bind)
            report.delivered += status == DELIVERED
            report.failed += status == PENDING
            report.given_up += status == FAILED
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


def _deliver(message_id: int, transports: dict[str, Transport], now: datetime, bind: Engine | None) -> str:
    """Send one claimed message and record the outcome; returns its new status."""
    # Read, send outside any transaction (a slow server must not hold a database lock), record.
    attempts = 1
    try:
        with session_scope(bind) as session:
            message = session.get(OutboxMessage, message_id)
            attempts = max(0, message.attempts or 0) + 1
            case = message.case
        if case is None:
            raise Undeliverable("Fall zur Nachricht fehlt")
        transport = transports.get(message.kind)
        if transport is None:
            raise DeliveryFailed(f"kein Versandweg für {message.kind} eingerichtet")
        transport.send(message, case)
    except Exception as error:  # whatever it is, one message must never stop the others
        reason = failure_reason(error)
        if isinstance(error, PERMANENT):
            outcome = {"status": FAILED, "last_error": reason}
            log.warning("Nachricht %d aufgegeben, nicht zustellbar: %s", message_id, reason)
        else:
            outcome = {"last_error": reason, "next_attempt_at": now + backoff(attempts)}
    else:
        outcome = {"status": DELIVERED, "delivered_at": now, "last_error": None}
    with session_scope(bind) as session:
        session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id)
                        .values(attempts=attempts, claimed_until=None, **outcome))
    return str(outcome.get("status", PENDING))
