"""A real SMTP server (aiosmtpd on loopback) as the team's mailbox, per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.loopback import Mailbox


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with Mailbox.running() as box:
        yield box
