"""The worker does not die (issue 13): a round survives any exception of one of its jobs
(logged by type and place, never its text), the other jobs still run, the next round delivers,
and the main loop goes on with growing pauses while errors last."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError

from lotse import worker
from lotse.config import Settings, get_settings
from lotse.db import session_scope
from lotse.handover.cases import EMAIL, WEBHOOK, CaseContext, Routing, open_case
from lotse.handover.models import DELIVERED, PENDING, OutboxMessage
from lotse.handover.outbox import deliver_due
from lotse.handover.transports import SmtpTransport
from tests.loopback import Mailbox

SECRET = "Tel 0345 1234567"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return get_settings().replace(tracker_db_url=f"sqlite:///{tmp_path / 'tracker.db'}",
                   outbox_interval_s=5.0, purge_interval_minutes=60.0)


def our_log(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(record.getMessage() for record in caplog.records if record.name.startswith("lotse"))


class Exploding:
    def send(self, message: OutboxMessage, case) -> None:
        raise RuntimeError(f"kaputt bei {case.summary}")


def test_a_round_survives_a_failing_job_and_runs_the_others(settings: Settings, monkeypatch,
                                                             caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.INFO, logger="lotse")
    erasures: list[int] = []

    def broken(ways):
        raise RuntimeError(f"Zustellung an {SECRET} gescheitert")

    monkeypatch.setattr(worker, "deliver_due", broken)
    monkeypatch.setattr(worker, "run_due_deletions", lambda session, tracker: erasures.append(1) or 0)
    assert worker.run_once(settings, {}, purge_now=False) == ["Zustellung"]
    assert erasures == [1]
    logged = our_log(caplog)
    assert "Zustellung fehlgeschlagen (RuntimeError in test_worker.py:" in logged
    assert SECRET not in logged


def test_after_a_database_error_the_next_round_delivers_despite_a_raising_transport(
        db_engine: Engine, settings: Settings, mailbox: Mailbox, monkeypatch,
        caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.INFO, logger="lotse")
    with session_scope(db_engine) as session:
        open_case(session, CaseContext("request", region="halle", summary=SECRET),
                  Routing(email_default=("team@wba.example",), webhooks=("http://127.0.0.1:9/faelle",)),
                  now=datetime.now(timezone.utc))
    ways = {EMAIL: SmtpTransport("127.0.0.1", mailbox.port, "lotse@wba.example", timeout_s=2),
            WEBHOOK: Exploding()}
    monkeypatch.setattr(worker, "erase_due", lambda settings: None)

    def database_gone(ways):
        raise OperationalError("SELECT ...", {"phone": SECRET}, Exception("database is locked"))

    monkeypatch.setattr(worker, "deliver_due", database_gone)
    assert worker.run_once(settings, ways, purge_now=False) == ["Zustellung"]

    monkeypatch.setattr(worker, "deliver_due", lambda ways: deliver_due(ways, bind=db_engine))
    assert worker.run_once(settings, ways, purge_now=False) == []
    with session_scope(db_engine) as session:
        email, webhook = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        assert email.status == DELIVERED
        assert (webhook.status, webhook.last_error) == (PENDING, "Unerwarteter Fehler (RuntimeError)")
    assert len(mailbox.messages) == 1
    logged = our_log(caplog)
    assert "Zustellung fehlgeschlagen (OperationalError in test_worker.py:" in logged
    assert "Zustellung: 1 zugestellt, 1 fehlgeschlagen (neuer Versuch später), 0 aufgegeben" in logged
    assert SECRET not in logged and "kaputt" not in logged and "locked" not in logged


class Stop(BaseException):
    """Ends the endless loop of a test."""


def test_the_main_loop_goes_on_with_growing_pauses(settings: Settings, monkeypatch):
    deliveries, purges, pauses = [], [], []

    def deliver(ways):
        deliveries.append(1)
        if len(deliveries) <= 3:
            raise RuntimeError("kaputt")

    def purge_old(settings):
        purges.append(1)
        if len(purges) == 1:
            raise OperationalError("DELETE ...", {}, Exception("locked"))

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 5:
            raise Stop

    monkeypatch.setattr(worker, "get_settings", lambda: settings)
    monkeypatch.setattr(worker, "init_db", lambda: None)
    monkeypatch.setattr(worker, "deliver", deliver)
    monkeypatch.setattr(worker, "erase_due", lambda settings: None)
    monkeypatch.setattr(worker, "purge_old", purge_old)
    monkeypatch.setattr(worker, "count_figures", lambda settings: None)  # not the project's own database
    monkeypatch.setattr(worker, "time", SimpleNamespace(monotonic=lambda: 1000.0, sleep=sleep))
    with pytest.raises(Stop):
        worker.main()
    assert len(deliveries) == 5
    assert pauses == [5.0, 10.0, 20.0, 5.0, 5.0]
    assert len(purges) == 2  # a failed purge is tried again in the next round, then once an hour


def test_pauses_grow_up_to_a_minute():
    assert [worker.pause(5.0, n) for n in range(8)] == [5.0, 5.0, 10.0, 20.0, 40.0, 60.0, 60.0, 60.0]
    assert worker.pause(0.5, 3) == 4.0 and worker.pause(120.0, 3) == 120.0
