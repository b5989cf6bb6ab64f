"""Staff and privacy commands of `python -m lotse.cli`: accounts, retention."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from lotse.config import get_settings


def add_parsers(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("staff-add", help="Konto für den Mitarbeiterbereich anlegen")
    p.add_argument("username", help="Benutzername (Buchstaben, Ziffern, . - _)")
    p.add_argument("--name", required=True, help="Name, den Besucher im Live-Chat sehen, z. B. 'Frau Becker'")
    p.add_argument("--team", help="Weiterbildungsagentur (z. B. wba_sued); ohne: alle Regionen")
    p.set_defaults(run=_staff_add)

    p = commands.add_parser("staff-password", help="Neues Passwort für ein Konto setzen (hebt Sperre auf)")
    p.add_argument("username")
    p.set_defaults(run=_staff_password)

    p = commands.add_parser("staff-disable", help="Konto sperren (alle Anmeldungen enden)")
    p.add_argument("username")
    p.set_defaults(run=_staff_disable)

    p = commands.add_parser("purge", help="Fälle und Gespräche nach Ablauf der Aufbewahrungsfrist löschen")
    p.set_defaults(run=_purge)


def _password() -> str:
    """From STAFF_PASSWORD (scripts, tests) or asked twice without echo."""
    given = os.environ.get("STAFF_PASSWORD")
    if given:
        return given
    first = getpass.getpass("Passwort (mindestens 12 Zeichen): ")
    if first != getpass.getpass("Passwort wiederholen: "):
        raise SystemExit("Die Passwörter stimmen nicht überein.")
    return first


def _staff_add(args: argparse.Namespace) -> int:
    from lotse.db import init_db, session_scope
    from lotse.offices import directory
    from lotse.staff.accounts import AccountError, create_account

    teams = {directory().for_district(d, "wba").key for d in directory().districts()}
    if args.team and args.team not in teams:
        print(f"Unbekannte Weiterbildungsagentur '{args.team}' (bekannt: {', '.join(sorted(teams))}).",
              file=sys.stderr)
        return 1
    init_db()
    try:
        with session_scope() as session:
            create_account(session, args.username, _password(), args.name, args.team)
    except AccountError as error:
        print(f"{error}.", file=sys.stderr)
        return 1
    print(f"Konto '{args.username.strip().lower()}' angelegt.")
    return 0


def _staff_password(args: argparse.Namespace) -> int:
    from lotse.db import session_scope
    from lotse.staff.accounts import AccountError, find_account, set_password

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
    from lotse.db import session_scope
    from lotse.staff.accounts import find_account

    with session_scope() as session:
        account = find_account(session, args.username)
        if account is None:
            print(f"Kein Konto '{args.username}'.", file=sys.stderr)
            return 1
        account.active, account.available_until = False, None
        account.sessions.clear()
    print(f"Konto '{args.username}' gesperrt.")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from lotse.db import session_scope
    from lotse.handover.worker import retention_policy
    from lotse.privacy.conversations import tracker_engine
    from lotse.privacy.retention import purge

    settings = get_settings()
    with session_scope() as session:
        report = purge(session, tracker_engine(settings.tracker_db_url), retention_policy(settings))
    print(report.text())
    return 0
