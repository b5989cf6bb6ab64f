"""The production profile on loopback for `make test-scale` (scripts/stack.py): PostgreSQL,
Redis, two Rasa instances and two action servers behind nginx, the web process and the
worker, with a real SMTP server as the team's mailbox."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import STAFF_PASSWORD, STAFF_USER, TEAM_MAILBOX
from tests.loopback import Mailbox

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from stack import Stack  # noqa: E402


@pytest.fixture(scope="session")
def mailbox() -> Iterator[Mailbox]:
    with Mailbox.running() as box:
        yield box


@pytest.fixture(scope="session")
def stack(mailbox: Mailbox) -> Iterator[Stack]:
    running = Stack(smtp_port=mailbox.port, extra_env={
        "STAFF_PASSWORD": STAFF_PASSWORD, "HANDOVER_EMAIL_WBA_SUED": TEAM_MAILBOX,
        # A ticket of an instance that died mid-turn blocks its conversation this long.
        "TICKET_LOCK_LIFETIME": "10"})
    running.start()
    try:
        running.cli("staff-add", STAFF_USER, "--name", "Frau Becker", "--team", "wba_sued")
        yield running
    except BaseException:
        print(running.logs())
        raise
    finally:
        running.stop()


@pytest.fixture
def servers(stack: Stack) -> dict[str, str]:
    """The stack as the end-to-end helpers address it: the public side of nginx for the web
    process and the chat socket."""
    return {"rasa": stack.public, "web": stack.public}
