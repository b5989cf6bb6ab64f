"""A conversation store (PostgreSQL, SQLite) that cannot be reached stops the turn.

Rasa 3.6 wraps every tracker store in `FailSafeTrackerStore`: when reading fails, it starts
the conversation afresh (the visitor who has just told their situation is greeted again and
asked from the start); when writing fails, it keeps the conversation in this process's
memory, unredacted, where nothing reads it again. Its log line carries the database error,
SQL and values included.

`apply()` makes both a failure of the turn instead: the log gets the error's type only, and
the visitor the apology with the hotline (action_failures.py). Once the database is back, the
conversation goes on from what was stored.
"""

from __future__ import annotations

import logging

log = logging.getLogger("lotse.rasa")


class ConversationStoreUnavailable(RuntimeError):
    """Raised in place of Rasa's fallback; names only the type of the underlying error."""


def _fail(_store: object, error: Exception) -> None:
    log.error("Gesprächsspeicher nicht erreichbar (%s).", type(error).__name__)
    raise ConversationStoreUnavailable(type(error).__name__) from None


def apply() -> None:
    from rasa.core.tracker_store import FailSafeTrackerStore

    FailSafeTrackerStore.on_tracker_store_error = _fail  # type: ignore[method-assign]
    FailSafeTrackerStore.on_tracker_store_retrieve_error = _fail  # type: ignore[method-assign]
