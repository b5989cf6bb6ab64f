"""The lock store that serialises the messages of one conversation: Redis when `REDIS_URL` is
set (several Rasa instances), else Rasa's in-process store (one instance).

Configured in endpoints.yml (`lock_store: type: rasa_addons.lock_store.LotseLockStore`), so
that the production profile is chosen by the environment alone.

Two weak spots of Rasa 3.6's `RedisLockStore` are closed here:

- Its tickets are read, changed and written back in separate calls. Two instances taking a
  ticket for the same conversation at the same moment can both write, and one ticket is
  lost: two messages of one visitor are then processed at once. And an instance that finishes
  can delete the lock just after another has added its ticket; that one then fails with
  "Could not acquire lock". Here every change is one Redis transaction (WATCH/MULTI, retried
  when another instance changed the lock in between), and the lock is deleted only when it
  is still empty inside that transaction.
- When Redis cannot be reached, every message fails. Here a message that finds Redis away is
  locked by the instance itself (messages of one conversation that reach this instance are
  still serialised; nginx keeps a visitor's socket on one instance), and the log says so once,
  until Redis answers again. One message's lock stays in the store where its ticket was taken.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections.abc import AsyncGenerator, Callable
from contextlib import asynccontextmanager
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

log = logging.getLogger("lotse.rasa")
KEY_PREFIX = "lotse:lock:"
# Seconds Redis may take to answer before a message is locked by the instance itself.
SOCKET_TIMEOUT_S = float(os.environ.get("REDIS_SOCKET_TIMEOUT_S") or 2)
# A lock whose instance died is gone from Redis after this long at the latest.
KEY_SECONDS = int(LOCK_LIFETIME) * 2 + 60


def redis_client(url: str) -> Any:
    """A client that reconnects once, at once, when a connection broke (Redis restarted)."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    broken = [redis.exceptions.ConnectionError, redis.exceptions.TimeoutError]
    return redis.Redis.from_url(url, socket_timeout=SOCKET_TIMEOUT_S, socket_connect_timeout=SOCKET_TIMEOUT_S,
                                retry=Retry(NoBackoff(), 1), retry_on_error=broken)


class AtomicRedisLockStore(LockStore):
    """Ticket locks in Redis, each change one transaction."""

    def __init__(self, client: Any) -> None:
        super().__init__()
        self.red = client

    def _key(self, conversation_id: str) -> str:
        return KEY_PREFIX + conversation_id

    def _change(self, conversation_id: str, change: Callable[[TicketLock], Any]) -> Any:
        """Read the lock (a new one if there is none), apply `change`, write it back, or delete
        it when no ticket is left, in one transaction; returns what `change` returned."""
        key = self._key(conversation_id)
        outcome: list[Any] = []

        def transaction(pipe: Any) -> None:
            outcome.clear()
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else TicketLock(conversation_id)
            outcome.append(change(lock))
            lock.remove_expired_tickets()
            pipe.multi()
            if lock.tickets:
                pipe.set(key, lock.dumps(), ex=KEY_SECONDS)
            else:
                pipe.delete(key)

        self.red.transaction(transaction, key)
        return outcome[0]

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            yield await self._wait_for_turn(conversation_id, ticket, lock_lifetime, wait_time_in_seconds)
        finally:
            self.cleanup(conversation_id, ticket)

    async def _wait_for_turn(self, conversation_id: str, ticket: int, lifetime: float,
                             wait_seconds: float) -> TicketLock:
        """Until `ticket` is served. A waiting ticket is renewed at every look: in Rasa's own
        loop it expires as fast as the one it waits for, so a message waiting for the ticket of
        an instance that died fails the moment that ticket expires."""
        def renew(lock: TicketLock) -> TicketLock | None:
            lock.remove_expired_tickets()
            mine = next((t for t in lock.tickets if t.number == ticket), None)
            if mine is None:
                return None
            if lock.is_locked(ticket):
                mine.expires = time.time() + lifetime
            return lock

        while True:
            lock = self._change(conversation_id, renew)
            if lock is None:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            if not lock.is_locked(ticket):
                return lock
            await asyncio.sleep(wait_seconds)

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        raw = self.red.get(self._key(conversation_id))
        return TicketLock.from_dict(json.loads(raw)) if raw else None

    def delete_lock(self, conversation_id: str) -> None:
        self.red.delete(self._key(conversation_id))

    def save_lock(self, lock: TicketLock) -> None:
        self.red.set(self._key(lock.conversation_id), lock.dumps(), ex=KEY_SECONDS)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))
        except Exception as error:  # noqa: BLE001 - as Rasa's own issue_ticket
            raise LockError(f"Error while acquiring lock. Error:\n{type(error).__name__}") from error

    def update_lock(self, conversation_id: str) -> None:
        self._change(conversation_id, lambda lock: None)  # expired tickets go in _change

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket; the lock goes only if nobody else holds one at that moment. A
        Redis that went away meanwhile is no failure of the turn: the ticket expires."""
        import redis

        try:
            self.finish_serving(conversation_id, ticket_number)
        except redis.exceptions.RedisError as error:
            log.warning("Sperre nicht freigegeben (%s); sie läuft von selbst ab.", type(error).__name__)


class LotseLockStore(LockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None, redis_url: str | None = None) -> None:
        super().__init__()
        url = redis_url if redis_url is not None else os.environ.get("REDIS_URL", "")
        self.local = InMemoryLockStore()
        self.shared = AtomicRedisLockStore(redis_client(url)) if url else None
        self._redis_down = False

    def _store(self) -> LockStore:
        """Where the next message's ticket is taken: Redis if it answers, else this instance."""
        if self.shared is None:
            return self.local
        import redis

        try:
            self.shared.red.ping()
        except redis.exceptions.RedisError as error:
            if not self._redis_down:
                log.error("Redis nicht erreichbar (%s): diese Instanz sperrt Gespräche vorerst selbst.",
                          type(error).__name__)
                self._redis_down = True
            return self.local
        if self._redis_down:
            log.warning("Redis wieder erreichbar: Gespräche werden wieder über Redis gesperrt.")
            self._redis_down = False
        return self.shared

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1) -> AsyncGenerator[TicketLock, None]:
        async with self._store().lock(conversation_id, lock_lifetime, wait_time_in_seconds) as ticket_lock:
            yield ticket_lock

    # The single operations, for whatever else in Rasa asks the store directly.

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        return self._store().get_lock(conversation_id)

    def delete_lock(self, conversation_id: str) -> None:
        self._store().delete_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        self._store().save_lock(lock)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return self._store().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        self._store().update_lock(conversation_id)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._store().finish_serving(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._store().cleanup(conversation_id, ticket_number)
