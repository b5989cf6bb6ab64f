"""The staff console's use cases around a login, each in one transaction of its own: who a
session's cookie belongs to, logging out, and the availability for live chats. (Logging in is
lotse.staff.login.attempt_login, which keeps the password check out of any transaction.)

Error policy: a database error is not caught here. The transaction is rolled back and the
error reaches the web server, which answers 500 as it always did; no half-done change stays.
"""

from __future__ import annotations

from dataclasses import dataclass

from lotse.db import Database, session_scope
from lotse.staff.models import StaffAccount
from lotse.staff.presence import is_available, set_available
from lotse.staff.sessions import SessionPolicy, close_session, csrf_matches, session_for


@dataclass(frozen=True)
class Staff:
    """The logged-in staff member, read once per request (no open database session)."""

    account_id: int
    username: str
    display_name: str
    team: str | None
    csrf_token: str
    available: bool


def staff_of_session(bind: Database | None, token: str, policy: SessionPolicy,
                     given_csrf: str | None) -> tuple[Staff | None, bool]:
    """The session's staff member (its idle time renewed) and whether `given_csrf` is the
    session's CSRF token; (None, False) for an unknown, expired or idle session."""
    with session_scope(bind) as session:
        login = session_for(session, token, policy)
        if login is None:
            return None, False
        account = login.account
        staff = Staff(account.id, account.username, account.display_name, account.team,
                      login.csrf_token, is_available(account))
        return staff, csrf_matches(login, given_csrf)


def log_out(bind: Database | None, token: str | None) -> None:
    """End the session of this cookie token everywhere (nothing happens without one)."""
    with session_scope(bind) as session:
        close_session(session, token)


def switch_presence(bind: Database | None, account_id: int, renew: bool, available: bool) -> bool:
    """Switch availability for live chats, or renew it (`renew`, the page's script) only while
    it is still on: a tab left open must not switch it back on after the staff member switched
    it off. Returns whether the account is available now (False for an unknown account)."""
    with session_scope(bind) as session:
        account = session.get(StaffAccount, account_id)
        if account is None:
            return False
        if renew:
            if is_available(account):
                set_available(account, True)
        else:
            set_available(account, available)
        return is_available(account)
