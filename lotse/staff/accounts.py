"""Staff accounts: creation, password check with argon2, lockout after repeated failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from lotse.clock import as_utc, utcnow
from lotse.staff.models import StaffAccount

MIN_PASSWORD_LENGTH = 12
_hasher = PasswordHasher()
# Verified against when the username is unknown, so that a wrong name takes as long as a
# wrong password and does not reveal which accounts exist.
_DUMMY_HASH = _hasher.hash("no account has this password")


class AccountError(ValueError):
    """A staff account cannot be created as asked; the message says why, in German."""


@dataclass(frozen=True)
class Lockout:
    attempts: int = 5
    minutes: float = 15


@dataclass(frozen=True)
class LoginResult:
    account: StaffAccount | None
    locked_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.account is not None


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
                           password_hash=_hasher.hash(password), team=team)
    session.add(account)
    session.flush()
    return account


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen lang sein")


def set_password(account: StaffAccount, password: str) -> None:
    check_password_strength(password)
    account.password_hash = _hasher.hash(password)
    account.failed_logins, account.locked_until = 0, None


def authenticate(session: Session, username: str, password: str, lockout: Lockout,
                 now: datetime | None = None) -> LoginResult:
    """The account if the password is right and the account is neither locked nor inactive.

    Every wrong password counts; after `lockout.attempts` in a row the account is locked
    for `lockout.minutes`, also against the right password.
    """
    now = now or utcnow()
    account = find_account(session, username)
    if account is None or not account.active:
        _verify(_DUMMY_HASH, password)
        return LoginResult(None)
    if account.locked_until and as_utc(account.locked_until) > now:
        return LoginResult(None, locked_until=as_utc(account.locked_until))
    if not _verify(account.password_hash, password):
        account.failed_logins += 1
        if account.failed_logins >= lockout.attempts:
            account.locked_until, account.failed_logins = now + timedelta(minutes=lockout.minutes), 0
            return LoginResult(None, locked_until=account.locked_until)
        return LoginResult(None)
    account.failed_logins, account.locked_until, account.last_login_at = 0, None, now
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
    return LoginResult(account)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
