"""`python -m lotse.cli staff-add` makes every account a team member or an admin, explicitly;
`staff-role` changes it and `staff-list` shows it."""

from __future__ import annotations

import uuid

import pytest

from lotse.cli import main
from lotse.db import session_scope
from lotse.schema import init_db
from lotse.staff.accounts import find_account
from lotse.staff.permissions import Scope, scope_of


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAFF_PASSWORD", "ein-langes-passwort-fuer-die-cli")
    init_db()


def scope(username: str) -> Scope:
    with session_scope() as session:
        return scope_of(session, find_account(session, username).id)


def test_an_account_needs_a_team_or_the_admin_role(capsys: pytest.CaptureFixture[str]):
    name = f"ohne{uuid.uuid4().hex[:8]}"
    assert main(["staff-add", name, "--name", "Herr Ohne"]) == 2
    assert "--team" in capsys.readouterr().err
    with session_scope() as session:
        assert find_account(session, name) is None
    assert main(["staff-add", name, "--name", "Herr Ohne", "--team", "wba_mond"]) == 1


def test_team_member_and_admin_are_created_shown_and_changed(capsys: pytest.CaptureFixture[str]):
    member, admin = f"team{uuid.uuid4().hex[:8]}", f"chef{uuid.uuid4().hex[:8]}"
    assert main(["staff-add", member, "--name", "Frau Becker", "--team", "wba_sued"]) == 0
    assert main(["staff-add", admin, "--name", "Frau Chefin", "--admin"]) == 0
    assert "Administration, alle Weiterbildungsagenturen" in capsys.readouterr().out
    assert scope(member) == Scope("wba_sued") and scope(admin) == Scope(None, admin=True)
    assert main(["staff-role", member, "--admin"]) == 0
    assert scope(member) == Scope("wba_sued", admin=True)
    assert main(["staff-role", member, "--team", "wba_nord"]) == 0
    assert scope(member) == Scope("wba_nord")
    capsys.readouterr()
    assert main(["staff-list"]) == 0
    listed = capsys.readouterr().out
    assert f"{member}  Frau Becker  Team wba_nord" in listed
    assert f"{admin}  Frau Chefin  Administration, alle Weiterbildungsagenturen" in listed


def test_init_db_names_accounts_without_team_or_role(capsys: pytest.CaptureFixture[str]):
    from lotse.staff.accounts import create_account

    name = f"alt{uuid.uuid4().hex[:8]}"
    with session_scope() as session:
        # As earlier versions made an account for "all regions".
        create_account(session, name, "ein-langes-passwort-fuer-die-cli", "Herr Alt")
    assert main(["init-db"]) == 0
    out = capsys.readouterr().out
    assert "Konten ohne Weiterbildungsagentur und ohne Administration" in out and name in out
    assert main(["staff-role", name, "--team", "wba_west"]) == 0
    capsys.readouterr()
    main(["init-db"])
    assert name not in capsys.readouterr().out
