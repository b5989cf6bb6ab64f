"""How often one visitor may try the erasure form, across conversations.

The form's own limit (two wrong answers, then the e-mail address) holds per conversation; a
new conversation would start it afresh. Here failed tries are counted per visitor for a day:
by the key the socket.io channel derives from the visitor's address (rasa_addons), or by the
conversation where there is none (the internal REST channel).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from lotse.clock import utcnow
from lotse.conversation_token import CLIENT_METADATA_KEY, client_key
from lotse.privacy.models import ErasureAttempt

FAILED_TRIES_PER_DAY = 5
WINDOW = timedelta(days=1)
__all__ = ["CLIENT_METADATA_KEY", "client_key", "may_try", "record_failure"]


def may_try(session: Session, key: str, now: datetime | None = None,
            limit: int = FAILED_TRIES_PER_DAY) -> bool:
    """Whether this visitor has tries left today."""
    since = (now or utcnow()) - WINDOW
    failed = session.scalar(select(func.count()).select_from(ErasureAttempt)
                            .where(ErasureAttempt.client_key == key, ErasureAttempt.at > since))
    return int(failed or 0) < limit


def record_failure(session: Session, key: str, now: datetime | None = None) -> None:
    """Count a failed try; tries older than a day are forgotten."""
    now = now or utcnow()
    session.execute(delete(ErasureAttempt).where(ErasureAttempt.at <= now - WINDOW))
    session.add(ErasureAttempt(client_key=key, at=now))
