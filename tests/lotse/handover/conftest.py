"""A real SMTP server (aiosmtpd on loopback) as the team's mailbox, per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.loopback import Mailbox, free_port


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox(free_port())
    box.controller.start()
    yield box
    box.controller.stop()
