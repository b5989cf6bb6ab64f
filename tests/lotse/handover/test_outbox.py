"""Cases reach staff without loss: a real SMTP server (aiosmtpd) and a real HTTP webhook
receiver on loopback; both down, retried, delivered once when they are back. Runs on SQLite
and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, select

from lotse.db import session_scope
from lotse.handover.cases import EMAIL, WEBHOOK, CaseContext, Routing, open_case
from lotse.handover.models import DELIVERED, PENDING, OutboxMessage
from lotse.handover.outbox import backoff, deliver_due
from lotse.handover.transports import SmtpTransport, WebhookTransport
from tests.loopback import Mailbox, Receiver, free_port

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver(free_port())
    yield server
    server.server.shutdown()


@pytest.fixture
def smtp_port() -> int:
    return free_port()


def routing(receiver: Receiver) -> Routing:
    return Routing(email_default=("team@wba.example",), email_by_region={"harz": ("west@wba.example",)},
                   webhooks=(receiver.url,))


def transports(smtp_port: int) -> dict:
    return {EMAIL: SmtpTransport("127.0.0.1", smtp_port, "lotse@wba.example", timeout_s=2),
            WEBHOOK: WebhookTransport(timeout_s=2)}


def open_one(engine: Engine, receiver: Receiver, region: str = "halle") -> str:
    with session_scope(engine) as session:
        context = CaseContext("request", region=region, summary="Arbeitslos, Halle, Pflege")
        return open_case(session, context, routing(receiver), now=NOW).reference


def outbox(engine: Engine) -> list[OutboxMessage]:
    with session_scope(engine) as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_reference_numbers_carry_the_year_and_differ(db_engine: Engine, receiver: Receiver):
    references = [open_one(db_engine, receiver) for _ in range(3)]
    assert len(set(references)) == 3 and all(r.startswith("WBA-2026-") for r in references)
    with session_scope(db_engine) as session:
        later = open_case(session, CaseContext("fallback"), Routing(), now=NOW.replace(year=2027))
        assert later.reference.startswith("WBA-2027-") and later.outbox == []


def test_a_case_is_delivered_by_mail_and_webhook_once(db_engine: Engine, receiver: Receiver, smtp_port: int):
    mailbox = Mailbox(smtp_port)
    mailbox.controller.start()
    try:
        reference = open_one(db_engine, receiver)
        report = deliver_due(transports(smtp_port), now=NOW, bind=db_engine)
        assert (report.delivered, report.failed) == (2, 0)
        again = deliver_due(transports(smtp_port), now=NOW + timedelta(hours=2), bind=db_engine)
        assert (again.delivered, again.failed) == (0, 0)
    finally:
        mailbox.controller.stop()
    [(recipients, mail)] = mailbox.messages
    assert recipients == ["team@wba.example"] and reference in mail["Subject"]
    assert "Arbeitslos, Halle, Pflege" in mail.get_payload()
    [(key, body)] = receiver.received
    assert body["reference"] == reference and body["region"] == "halle"
    assert all(m.status == DELIVERED and m.attempts == 1 for m in outbox(db_engine))
    assert key == next(m.key for m in outbox(db_engine) if m.kind == WEBHOOK)


def test_the_region_picks_the_team(db_engine: Engine, receiver: Receiver):
    open_one(db_engine, receiver, region="harz")
    assert [m.target for m in outbox(db_engine) if m.kind == EMAIL] == ["west@wba.example"]


def test_a_team_address_serves_every_district_of_its_agency():
    routing = Routing(email_default=("all@wba.example",), email_by_region={"wba_sued": ("sued@wba.example",)})
    assert routing.targets("halle", "wba_sued") == [(EMAIL, "sued@wba.example")]
    assert routing.targets("harz", "wba_west") == [(EMAIL, "all@wba.example")]


def test_targets_down_nothing_is_lost_and_delivery_resumes(db_engine: Engine, receiver: Receiver,
                                                          smtp_port: int):
    reference = open_one(db_engine, receiver)
    receiver.down = True
    first = deliver_due(transports(smtp_port), now=NOW, bind=db_engine)  # no SMTP server at all
    assert (first.delivered, first.failed) == (0, 2)
    pending = outbox(db_engine)
    assert all(m.status == PENDING and m.attempts == 1 and m.last_error for m in pending)
    assert {m.last_error for m in pending} == {"SMTP: ConnectionRefusedError", "Webhook: HTTP 503"}
    almost = NOW + backoff(1) - timedelta(seconds=1)
    too_early = deliver_due(transports(smtp_port), now=almost, bind=db_engine)
    assert (too_early.delivered, too_early.failed) == (0, 0)
    second = deliver_due(transports(smtp_port), now=NOW + backoff(1), bind=db_engine)
    assert (second.delivered, second.failed) == (0, 2)

    mailbox = Mailbox(smtp_port)
    mailbox.controller.start()
    receiver.down = False
    try:
        later = NOW + backoff(1) + backoff(2)
        back = deliver_due(transports(smtp_port), now=later, bind=db_engine)
        assert (back.delivered, back.failed) == (2, 0)
        next_day = later + timedelta(days=1)
        assert deliver_due(transports(smtp_port), now=next_day, bind=db_engine).delivered == 0
    finally:
        mailbox.controller.stop()
    assert len(mailbox.messages) == 1 and reference in mailbox.messages[0][1]["Subject"]
    assert len(receiver.received) == 1 and receiver.received[0][1]["reference"] == reference
    assert all(m.status == DELIVERED and m.attempts == 3 and m.last_error is None for m in outbox(db_engine))


def test_a_message_claimed_by_another_worker_is_left_alone(db_engine: Engine, receiver: Receiver,
                                                          smtp_port: int):
    open_one(db_engine, receiver)
    with session_scope(db_engine) as session:
        for message in session.scalars(select(OutboxMessage)):
            message.claimed_until = NOW + timedelta(minutes=1)
    assert deliver_due(transports(smtp_port), now=NOW, bind=db_engine).delivered == 0
    assert len(receiver.received) == 0


def test_backoff_grows_and_stays_at_an_hour():
    assert [backoff(n) for n in (1, 2, 3)] == [timedelta(seconds=30), timedelta(minutes=1),
                                              timedelta(minutes=2)]
    assert backoff(7) == backoff(50) == timedelta(hours=1)


def test_staff_see_the_delivery_state(db_engine: Engine, receiver: Receiver, smtp_port: int):
    from lotse.handover.cases import delivery_overview

    reference = open_one(db_engine, receiver)
    receiver.down = True
    deliver_due(transports(smtp_port), now=NOW, bind=db_engine)
    with session_scope(db_engine) as session:
        [line] = delivery_overview(session)
    assert line.startswith(reference) and "halle" in line
    assert "email offen (1 Versuche, zuletzt: SMTP: ConnectionRefusedError)" in line
    assert "Arbeitslos" not in line
