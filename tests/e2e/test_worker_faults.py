"""Issue 13 against the real worker process: forged cases and outbox rows with a line break for
a mail header, written straight into the database as an attacker of the action server (or of
the database) would leave them. The worker gives them up with a reason, stays alive, and
delivers the next, valid case to the team's mailbox (a real SMTP server); nothing forged or
personal reaches its log or any mail."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from lotse.db import make_engine, session_scope
from lotse.handover.cases import CaseContext, Routing, open_case
from lotse.handover.models import DELIVERED, FAILED, HandoverCase, OutboxMessage
from tests.e2e.conftest import ROOT, TEAM_MAILBOX
from tests.e2e.talk import wait_for

SMUGGLED = "Bcc: a@evil.ex"
SUMMARY = "Vom Angreifer erfunden, Tel 0345 7654321"
TO_TEAM = Routing(email_default=(TEAM_MAILBOX,))


@pytest.fixture(scope="module")
def database(servers) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{servers['database']}")
    yield engine
    engine.dispose()


def worker_alive(servers) -> bool:
    """Whether the worker process of these servers runs (not exited, not a zombie)."""
    wanted = f"DATABASE_URL=sqlite:///{servers['database']}".encode()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            proc = Path("/proc", pid)
            if b"lotse.worker" not in proc.joinpath("cmdline").read_bytes():
                continue
            if wanted not in proc.joinpath("environ").read_bytes().split(b"\0"):
                continue
            state = proc.joinpath("stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X"):
            return True
    return False


def add_case(session: Session, summary: str = "Arbeitslos, Halle, Pflege", forge_region: str | None = None,
             forge_target: str | None = None) -> tuple[int, str]:
    """A case with one e-mail to the team, as open_case stores it; the forged values overwrite
    its region or the recipient of its outbox row, in the same transaction."""
    case = open_case(session, CaseContext("request", region="halle", team="wba_sued", summary=summary),
                     TO_TEAM, now=datetime.now(timezone.utc))
    if forge_region is not None:
        case.region = forge_region
    if forge_target is not None:
        case.outbox[0].target = forge_target
    session.flush()
    return case.outbox[0].id, case.reference


def open_one(engine: Engine, summary: str = "Arbeitslos, Halle, Pflege", **forged: str) -> tuple[int, str]:
    with session_scope(engine) as session:
        return add_case(session, summary, **forged)


def message(engine: Engine, message_id: int) -> OutboxMessage:
    with session_scope(engine) as session:
        return session.get(OutboxMessage, message_id)


def mails_about(mailbox, reference: str) -> list:
    return [mail for recipients, mail in mailbox.messages if reference in str(mail["Subject"])]


def test_a_forged_region_is_given_up_and_the_worker_delivers_the_next_case(servers, mailbox, database):
    assert worker_alive(servers)
    forged_id, forged_reference = open_one(database, SUMMARY, forge_region=f"halle\r\n{SMUGGLED}")
    forged = wait_for(lambda: (m := message(database, forged_id)).status == FAILED and m, seconds=30)
    assert forged and forged.last_error == "Region: Zeilenumbruch oder Steuerzeichen"
    assert worker_alive(servers)

    valid_id, valid_reference = open_one(database)
    assert wait_for(lambda: mails_about(mailbox, valid_reference), seconds=30)
    assert message(database, valid_id).status == DELIVERED
    assert worker_alive(servers) and not mails_about(mailbox, forged_reference)


def test_forged_and_valid_messages_in_one_round(servers, mailbox, database):
    with session_scope(database) as session:  # one commit: the worker finds all four at once
        forged = [add_case(session, SUMMARY, forge_region=f"halle\n{SMUGGLED}"),
                  add_case(session, SUMMARY, forge_target=f"{TEAM_MAILBOX}\r\n{SMUGGLED}"),
                  add_case(session, SUMMARY, forge_target=f"{TEAM_MAILBOX}, a@evil.ex")]
        valid_id, valid_reference = add_case(session)
    assert wait_for(lambda: mails_about(mailbox, valid_reference), seconds=30)
    assert wait_for(lambda: all(message(database, m).status == FAILED for m, _ in forged), seconds=30)
    reasons = [message(database, m).last_error for m, _ in forged]
    assert reasons == ["Region: Zeilenumbruch oder Steuerzeichen", "Empfängeradresse ungültig",
                       "Empfängeradresse ungültig"]
    assert message(database, valid_id).status == DELIVERED and worker_alive(servers)


def test_staff_see_the_given_up_messages_and_nothing_leaked(servers, mailbox, database):
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{servers['database']}")
    overview = subprocess.run([sys.executable, "-m", "lotse.cli", "cases"], cwd=ROOT, env=env, check=True,
                              capture_output=True, text=True).stdout
    with session_scope(database) as session:
        given_up = list(session.scalars(
            select(HandoverCase.reference).join(HandoverCase.outbox)
            .where(OutboxMessage.status == FAILED, HandoverCase.summary == SUMMARY)))
    assert given_up
    for reference in given_up:
        [line] = [line for line in overview.splitlines() if line.startswith(reference)]
        assert "email nicht zustellbar (1 Versuche, zuletzt: " in line and SUMMARY not in line
    worker_log = Path(servers["workdir"], "worker.log").read_text()
    assert worker_log.count("aufgegeben, nicht zustellbar") >= len(given_up)
    for secret in ("evil", SUMMARY, "0345", *given_up):
        assert secret not in worker_log
    for _, mail in mailbox.messages:
        assert "evil" not in mail.as_string() and SUMMARY not in mail.as_string()
    assert "Traceback" not in worker_log and worker_alive(servers)
