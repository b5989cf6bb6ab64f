"""Staff commands of `python -m lotse.cli`: accounts, their team and role.

Every account is either a team member (`--team wba_sued`: that team's cases and live chats,
and those without region) or an admin (`--admin`: all); `staff-add` asks for one of them, so
that nobody becomes an admin by leaving something out (lotse.staff.permissions).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from lotse.db import session_scope
from lotse.offices import directory
from lotse.schema import init_db
from lotse.staff.accounts import AccountError, create_account, find_account, set_password
from lotse.staff.permissions import accounts_with_scopes, scope_of, set_admin


def add_parsers(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("staff-add", help="Konto für den Mitarbeiterbereich anlegen")
    p.add_argument("username", help="Benutzername (Buchstaben, Ziffern, . - _)")
    p.add_argument("--name", required=True, help="Name, den Besucher im Live-Chat sehen, z. B. 'Frau Becker'")
    p.add_argument("--team", help="Weiterbildungsagentur (z. B. wba_sued): deren Fälle und Live-Chats "
                                  "und die ohne Region")
    p.add_argument("--admin", action="store_true",
                   help="Administration: Fälle und Live-Chats aller Weiterbildungsagenturen")
    p.set_defaults(run=_staff_add)

    p = commands.add_parser("staff-role", help="Team oder Administration eines Kontos ändern (ohne Angabe: "
                                               "anzeigen)")
    p.add_argument("username")
    p.add_argument("--team", help="Weiterbildungsagentur (z. B. wba_sued); ohne --admin endet die "
                                  "Administration")
    p.add_argument("--admin", action="store_true", help="Administration: alle Weiterbildungsagenturen")
    p.set_defaults(run=_staff_role)

    p = commands.add_parser("staff-list", help="Konten mit Team, Rolle und Zustand anzeigen")
    p.set_defaults(run=_staff_list)

    p = commands.add_parser("staff-password", help="Neues Passwort für ein Konto setzen (hebt Sperre auf)")
    p.add_argument("username")
    p.set_defaults(run=_staff_password)

    p = commands.add_parser("staff-disable", help="Konto sperren (alle Anmeldungen enden)")
    p.add_argument("username")
    p.set_defaults(run=_staff_disable)


def _password() -> str:
    """From STAFF_PASSWORD (scripts, tests) or asked twice without echo."""
    given = os.environ.get("STAFF_PASSWORD")
    if given:
        return given
    first = getpass.getpass("Passwort (mindestens 12 Zeichen): ")
    if first != getpass.getpass("Passwort wiederholen: "):
        raise SystemExit("Die Passwörter stimmen nicht überein.")
    return first


def _known_team(team: str | None) -> bool:
    """Whether `team` is empty or a Weiterbildungsagentur of knowledge/offices.yml (else says so)."""

    teams = {directory().for_district(d, "wba").key for d in directory().districts()}
    if team and team not in teams:
        print(f"Unbekannte Weiterbildungsagentur '{team}' (bekannt: {', '.join(sorted(teams))}).",
              file=sys.stderr)
        return False
    return True


def role_line(team: str | None, admin: bool) -> str:
    """An account's permissions in German, as the commands print them."""
    if admin:
        return "Administration, alle Weiterbildungsagenturen" + (f" (eigenes Team: {team})" if team else "")
    return f"Team {team}" if team else "ohne Team: nur Fälle und Live-Chats ohne Region"


def unassigned_accounts_note() -> str | None:
    """Accounts with neither team nor admin role (made by earlier versions, where that meant
    "all regions"): they now see only what has no team, so `init-db` names them."""

    with session_scope() as session:
        names = [account.username for account, scope in accounts_with_scopes(session)
                 if account.active and not scope.admin and not scope.team]
    if not names:
        return None
    return (f"Konten ohne Weiterbildungsagentur und ohne Administration (sehen nur Fälle ohne Region): "
            f"{', '.join(names)}. Zuordnen mit: python -m lotse.cli staff-role NAME --team wba_sued "
            f"(oder --admin).")


def _staff_add(args: argparse.Namespace) -> int:

    if not args.team and not args.admin:
        print("Bitte geben Sie --team <Weiterbildungsagentur> (z. B. --team wba_sued) oder --admin an.",
              file=sys.stderr)
        return 2
    if not _known_team(args.team):
        return 1
    init_db()
    try:
        with session_scope() as session:
            account = create_account(session, args.username, _password(), args.name, args.team)
            set_admin(session, account, args.admin)
    except AccountError as error:
        print(f"{error}.", file=sys.stderr)
        return 1
    print(f"Konto '{args.username.strip().lower()}' angelegt: {role_line(args.team, args.admin)}.")
    return 0


def _staff_role(args: argparse.Namespace) -> int:

    if not _known_team(args.team):
        return 1
    init_db()
    with session_scope() as session:
        account = find_account(session, args.username)
        if account is None:
            print(f"Kein Konto '{args.username}'.", file=sys.stderr)
            return 1
        if args.team or args.admin:
            account.team = args.team or account.team
            set_admin(session, account, args.admin)
        scope = scope_of(session, account.id)
        print(f"Konto '{account.username}': {role_line(scope.team, scope.admin)}.")
    return 0


def _staff_list(args: argparse.Namespace) -> int:

    init_db()
    with session_scope() as session:
        lines = [f"{account.username}  {account.display_name}  {role_line(scope.team, scope.admin)}"
                 + ("" if account.active else " – gesperrt")
                 for account, scope in accounts_with_scopes(session)]
    print("\n".join(lines) if lines else "Noch keine Konten.")
    return 0


def _staff_password(args: argparse.Namespace) -> int:

    try:
        with session_scope() as session:
            account = find_account(session, args.username)
            if account is None:
                print(f"Kein Konto '{args.username}'.", file=sys.stderr)
                return 1
            set_password(account, _password())
            account.sessions.clear()
    except AccountError as error:
        print(f"{error}.", file=sys.stderr)
        return 1
    print("Passwort gesetzt; bestehende Anmeldungen sind beendet.")
    return 0


def _staff_disable(args: argparse.Namespace) -> int:

    with session_scope() as session:
        account = find_account(session, args.username)
        if account is None:
            print(f"Kein Konto '{args.username}'.", file=sys.stderr)
            return 1
        account.active, account.available_until = False, None
        account.sessions.clear()
    print(f"Konto '{args.username}' gesperrt.")
    return 0
