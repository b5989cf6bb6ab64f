"""Staff accounts: creation, and the password check with argon2.

Every check costs about the same time and memory (argon2: ~64 MiB, ~0.1 s): for a name
without an account, and for an account whose logins wait (lotse.staff.throttle), the typed
password is checked against a dummy hash, so that the answer's timing says nothing about
which accounts exist or wait. At most as many checks run at once as the machine has cores
(a burst queues instead of taking memory without bound), and the durations of the last
checks are kept, so that a refusal made without any check can take as long (lotse.staff.login).
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from lotse.staff.models import StaffAccount
from lotse.staff.throttle import USER, clear

MIN_PASSWORD_LENGTH = 12
_hasher = PasswordHasher()
_HASHING = threading.BoundedSemaphore(max(2, os.cpu_count() or 2))


class _Durations:
    """The durations of the last password checks (seconds, queueing included)."""

    def __init__(self, size: int = 31) -> None:
        self._lock = threading.Lock()
        self._values: deque[float] = deque(maxlen=size)

    def add(self, seconds: float) -> None:
        with self._lock:
            self._values.append(seconds)

    def median(self) -> float:
        with self._lock:
            values = sorted(self._values)
        return values[len(values) // 2] if values else 0.1


_durations = _Durations()
_started = time.perf_counter()
# Checked against when there is no account to check, so that this takes as long as a real check.
_DUMMY_HASH = _hasher.hash("no account has this password")
_durations.add(time.perf_counter() - _started)  # a first estimate until real checks are made


class AccountError(ValueError):
    """A staff account cannot be created as asked; the message says why, in German."""


def find_account(session: Session, username: str) -> StaffAccount | None:
    return session.scalar(select(StaffAccount).where(StaffAccount.username == username.strip().lower()))


def create_account(session: Session, username: str, password: str, display_name: str,
                   team: str | None = None) -> StaffAccount:
    username = username.strip().lower()
    if not username or not username.replace(".", "").replace("-", "").replace("_", "").isalnum():
        raise AccountError("Der Benutzername darf nur Buchstaben, Ziffern, Punkt, - und _ enthalten")
    if find_account(session, username):
        raise AccountError(f"Den Benutzernamen '{username}' gibt es schon")
    check_password_strength(password)
    account = StaffAccount(username=username, display_name=display_name.strip() or username,
                           password_hash=hash_password(password), team=team)
    session.add(account)
    session.flush()
    return account


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen lang sein")


def set_password(account: StaffAccount, password: str) -> None:
    """A new password; logins that wait after failed attempts may start again at once."""
    check_password_strength(password)
    account.password_hash = hash_password(password)
    session = object_session(account)
    if session is not None:
        clear(session, USER, account.username)


def hash_password(password: str) -> str:
    with _HASHING:
        return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; with no hash (no account, or its logins wait) a check
    against the dummy hash, as long as a real one, and False."""
    started = time.perf_counter()
    try:
        with _HASHING:
            return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
    finally:
        _durations.add(time.perf_counter() - started)


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def typical_check_seconds() -> float:
    """The median duration of the last password checks."""
    return _durations.median()
