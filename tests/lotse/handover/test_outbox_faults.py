"""Issue 13, written as the attack: forged cases and outbox rows with a line break for a mail
header (region, reference, recipient, key) or with values the database cannot read back.
Each one is given up with a reason that quotes nothing of it, delivery never raises, and the
next, valid message of the same round reaches a real SMTP server (aiosmtpd). A transport that
raises something unexpected is retried later, like a target that is down. SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, select, text

from lotse.db import session_scope
from lotse.handover.cases import EMAIL, WEBHOOK, CaseContext, Routing, delivery_overview, open_case
from lotse.handover.models import DELIVERED, FAILED, PENDING, HandoverCase, OutboxMessage
from lotse.handover.outbox import DeliveryReport, backoff, deliver_due
from lotse.handover.transports import SmtpTransport, WebhookTransport
from tests.loopback import Mailbox, Receiver, free_port

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)
TEAM = "team@wba.example"
# What a forged value smuggles in after its line break; it must show up nowhere.
SMUGGLED = "Bcc: a@evil.ex"
SUMMARY = "Arbeitslos in Halle, Tel 0345 1234567"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver(free_port())
    yield server
    server.server.shutdown()


def smtp(mailbox: Mailbox) -> SmtpTransport:
    return SmtpTransport("127.0.0.1", mailbox.port, "lotse@wba.example", timeout_s=2)


TO_TEAM = Routing(email_default=(TEAM,))


def open_one(engine: Engine, routing: Routing = TO_TEAM, region: str = "halle") -> int:
    with session_scope(engine) as session:
        case = open_case(session, CaseContext("request", region=region, summary=SUMMARY), routing, now=NOW)
        return case.id


def forge(engine: Engine, case_id: int, change: Callable[[HandoverCase, OutboxMessage], None]) -> None:
    with session_scope(engine) as session:
        case = session.get(HandoverCase, case_id)
        change(case, case.outbox[0])


def outbox(engine: Engine) -> list[OutboxMessage]:
    with session_scope(engine) as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def our_log(caplog: pytest.LogCaptureFixture) -> str:
    """What this project logged (the test's SMTP server logs the mails it receives)."""
    return "\n".join(record.getMessage() for record in caplog.records if record.name.startswith("lotse"))


def reference_of(engine: Engine, case_id: int) -> str:
    with session_scope(engine) as session:
        return session.get(HandoverCase, case_id).reference


FORGERIES: dict[str, tuple[Callable[[HandoverCase, OutboxMessage], None], str]] = {
    "region": (lambda case, message: setattr(case, "region", f"halle\r\n{SMUGGLED}"),
               "Region: Zeilenumbruch oder Steuerzeichen"),
    "region, Unicode line separator": (
        lambda case, message: setattr(case, "region", f"halle\u2028{SMUGGLED}"),
        "Region: Zeilenumbruch oder Steuerzeichen"),
    "reference": (lambda case, message: setattr(case, "reference", f"WBA\n{SMUGGLED}"),
                  "Referenz: Zeilenumbruch oder Steuerzeichen"),
    "recipient": (lambda case, message: setattr(message, "target", f"{TEAM}\n{SMUGGLED}"),
                  "Empfängeradresse ungültig"),
    "second recipient": (lambda case, message: setattr(message, "target", f"{TEAM}, a@evil.ex"),
                         "Empfängeradresse ungültig"),
    "message key": (lambda case, message: setattr(message, "key", f"k\r\n{SMUGGLED}"),
                    "Nachrichtenschlüssel ungültig"),
}


@pytest.mark.parametrize("field", FORGERIES)
def test_a_forged_header_value_is_given_up_and_the_next_case_delivered(
        db_engine: Engine, mailbox: Mailbox, caplog: pytest.LogCaptureFixture, field: str):
    change, reason = FORGERIES[field]
    forged = open_one(db_engine)
    forge(db_engine, forged, change)
    valid = open_one(db_engine)
    caplog.set_level(logging.DEBUG, logger="lotse")

    report = deliver_due({EMAIL: smtp(mailbox)}, now=NOW, bind=db_engine)  # does not raise

    assert report == DeliveryReport(delivered=1, failed=0, given_up=1)
    given_up, delivered = outbox(db_engine)
    assert (given_up.status, given_up.attempts, given_up.last_error) == (FAILED, 1, reason)
    assert given_up.claimed_until is None and delivered.status == DELIVERED
    [(recipients, mail)] = mailbox.messages
    assert recipients == [TEAM] and reference_of(db_engine, valid) in mail["Subject"]
    assert "evil" not in mail.as_string()
    logged = our_log(caplog)
    assert SMUGGLED not in logged and "evil" not in logged and SUMMARY not in logged
    assert f"Nachricht {given_up.id} aufgegeben, nicht zustellbar: {reason}" in logged
    # Given up for good: never tried again.
    later = NOW + timedelta(days=3)
    assert deliver_due({EMAIL: smtp(mailbox)}, now=later, bind=db_engine) == DeliveryReport()
    assert len(mailbox.messages) == 1


def test_staff_see_the_message_given_up_with_its_reason(db_engine: Engine, mailbox: Mailbox):
    from lotse.handover.cases import delivery_state

    forged = open_one(db_engine, region=f"halle\r\n{SMUGGLED}\x1b[2J")
    deliver_due({EMAIL: smtp(mailbox)}, now=NOW, bind=db_engine)
    with session_scope(db_engine) as session:
        [line] = delivery_overview(session)
        case_page = delivery_state(session.get(HandoverCase, forged))
    assert case_page == [
        "email nicht zustellbar (1 Versuche, zuletzt: Region: Zeilenumbruch oder Steuerzeichen)"]
    assert case_page[0] in line and SUMMARY not in line
    assert "\n" not in line and "\r" not in line and "\x1b" not in line  # one line in the console


def test_a_forged_webhook_message_is_given_up_and_the_next_delivered(db_engine: Engine, receiver: Receiver):
    forged = open_one(db_engine, Routing(webhooks=(receiver.url,)))
    forge(db_engine, forged, lambda case, message: setattr(message, "key", "k\r\nX-Evil: 1"))
    valid = open_one(db_engine, Routing(webhooks=(receiver.url,)))
    report = deliver_due({WEBHOOK: WebhookTransport(timeout_s=2)}, now=NOW, bind=db_engine)
    assert report == DeliveryReport(delivered=1, given_up=1)
    assert outbox(db_engine)[0].last_error == "Nachrichtenschlüssel ungültig"
    [(_, body)] = receiver.received
    assert body["reference"] == reference_of(db_engine, valid)


class Exploding:
    """A transport that fails in a way nobody foresaw, quoting the case in its error."""

    def __init__(self, error: type[Exception]) -> None:
        self.error = error

    def send(self, message: OutboxMessage, case: HandoverCase) -> None:
        raise self.error(f"kaputt bei {case.summary}")


def test_an_unexpected_error_is_retried_later_and_the_others_go_on(
        db_engine: Engine, mailbox: Mailbox, receiver: Receiver, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG, logger="lotse")
    open_one(db_engine, Routing(email_default=(TEAM,), webhooks=(receiver.url,)))
    report = deliver_due({WEBHOOK: Exploding(RuntimeError), EMAIL: smtp(mailbox)}, now=NOW, bind=db_engine)
    assert report == DeliveryReport(delivered=1, failed=1)
    email, webhook = outbox(db_engine)
    assert email.status == DELIVERED and len(mailbox.messages) == 1
    assert (webhook.status, webhook.attempts, webhook.last_error) == (
        PENDING, 1, "Unerwarteter Fehler (RuntimeError)")
    assert SUMMARY not in our_log(caplog) and "kaputt" not in our_log(caplog)
    # Retried with the usual pauses; delivered once the transport works.
    real = {WEBHOOK: WebhookTransport(timeout_s=2), EMAIL: smtp(mailbox)}
    assert deliver_due(real, now=NOW + backoff(1) - timedelta(seconds=1), bind=db_engine) == DeliveryReport()
    assert deliver_due(real, now=NOW + backoff(1), bind=db_engine) == DeliveryReport(delivered=1)
    assert len(receiver.received) == 1 and outbox(db_engine)[1].attempts == 2


def test_a_value_error_of_a_transport_gives_the_message_up_without_quoting_it(db_engine: Engine,
                                                                              mailbox: Mailbox):
    open_one(db_engine)
    assert deliver_due({EMAIL: Exploding(ValueError)}, now=NOW, bind=db_engine) == DeliveryReport(given_up=1)
    [message] = outbox(db_engine)
    assert (message.status, message.last_error) == (FAILED, "Nachricht fehlerhaft (ValueError)")


def test_rows_the_database_cannot_read_back_are_given_up(db_engine: Engine, mailbox: Mailbox):
    if db_engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL checks types and foreign keys when the row is written")
    unreadable, orphan, valid = open_one(db_engine), open_one(db_engine), open_one(db_engine)
    with db_engine.begin() as connection:
        connection.execute(text("UPDATE handover_cases SET created_at = 'Tel 0345 1234567' WHERE id = :id"),
                           {"id": unreadable})
        connection.execute(text("UPDATE outbox_messages SET case_id = 4711 WHERE case_id = :id"),
                           {"id": orphan})
    report = deliver_due({EMAIL: smtp(mailbox)}, now=NOW, bind=db_engine)
    assert report == DeliveryReport(delivered=1, given_up=2)
    reasons = [message.last_error for message in outbox(db_engine)]
    assert reasons == ["Nachricht fehlerhaft (ValueError)", "Fall zur Nachricht fehlt", None]
    [(_, mail)] = mailbox.messages
    assert reference_of(db_engine, valid) in mail["Subject"]


def test_backoff_stands_odd_attempt_counts():
    assert backoff(0) == backoff(-5) == backoff(1) == timedelta(seconds=30)
