"""Teams are permissions: who may see a case or a live chat, every opening recorded, and the
record deleted with its case."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine, func, select

from lotse.db import make_engine, session_scope
from lotse.handover import live
from lotse.handover.access import VIEW, Viewer, case_for, latest_views
from lotse.handover.cases import CaseContext, Routing, close, list_cases, open_case
from lotse.handover.models import CaseView
from lotse.privacy.erasure import erase_case
from lotse.privacy.retention import RetentionPolicy, purge
from lotse.staff.accounts import create_account
from lotse.staff.permissions import Scope, scope_of, set_admin
from lotse.staff.presence import set_available, staff_available

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
SOUTH, NORTH, ADMIN = Scope("wba_sued"), Scope("wba_nord"), Scope(None, admin=True)


def viewer(scope: Scope, username: str = "tschulz") -> Viewer:
    return Viewer(7, username, "Herr Schulz", scope)


def add_cases(engine: Engine) -> dict[str | None, str]:
    with session_scope(engine) as session:
        return {team: open_case(session, CaseContext("request", conversation_id=f"c-{team}", team=team),
                                Routing(), NOW, contact_phone="+49 345 1234567").reference
                for team in ("wba_sued", "wba_nord", None)}


def views(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(CaseView))


def test_a_team_sees_its_own_and_unassigned_cases_and_an_admin_all(db_engine: Engine):
    refs = add_cases(db_engine)
    with session_scope(db_engine) as session:
        def seen(scope: Scope, team: str | None = None) -> set[str]:
            return {case.reference for case in list_cases(session, team, scope=scope)}

        assert seen(NORTH) == {refs["wba_nord"], refs[None]}
        assert seen(NORTH, "wba_sued") == {refs[None]}  # asking for another team shows nothing of it
        assert seen(Scope(None)) == {refs[None]}  # no team and no role: only what has no team
        assert seen(ADMIN) == set(refs.values())
        assert seen(ADMIN, "wba_sued") == {refs["wba_sued"], refs[None]}


def test_opening_is_recorded_and_another_team_is_refused_and_recorded(db_engine: Engine):
    refs = add_cases(db_engine)
    with session_scope(db_engine) as session:
        refused = case_for(session, refs["wba_sued"], viewer(NORTH), VIEW, NOW)
        assert refused.case is not None and not refused.allowed
        claim = case_for(session, refs["wba_sued"], viewer(NORTH), "claim", NOW)
        assert not claim.allowed
        own = case_for(session, refs["wba_nord"], viewer(NORTH), VIEW, NOW)
        assert own.allowed and case_for(session, refs[None], viewer(NORTH), VIEW, NOW).allowed
        assert case_for(session, refs["wba_nord"], viewer(NORTH), "note", NOW).allowed  # not recorded
        assert case_for(session, "WBA-2026-00042", viewer(NORTH), VIEW, NOW).case is None
        assert case_for(session, refs["wba_sued"], viewer(ADMIN, "chefin"), VIEW, NOW).allowed
    with session_scope(db_engine) as session:
        later = NOW + timedelta(minutes=1)
        south = case_for(session, refs["wba_sued"], viewer(SOUTH, "mbecker"), VIEW, later)
        recorded, total = latest_views(session, south.case)
        assert total == 4
        assert [(v.username, v.action, v.granted, v.team) for v in recorded] == [
            ("mbecker", VIEW, True, "wba_sued"), ("chefin", VIEW, True, None),
            ("tschulz", "claim", False, "wba_nord"), ("tschulz", VIEW, False, "wba_nord")]


def test_the_record_of_openings_goes_with_its_case(db_engine: Engine, tmp_path):
    refs = add_cases(db_engine)
    with session_scope(db_engine) as session:
        for reference in refs.values():
            case_for(session, reference, viewer(ADMIN), VIEW, NOW)
            case_for(session, reference, viewer(NORTH), VIEW, NOW)
    assert views(db_engine) == 6
    with session_scope(db_engine) as session:
        assert erase_case(session, refs["wba_sued"], "0345 1234567", NOW)
    assert views(db_engine) == 4
    with session_scope(db_engine) as session:
        close(case_for(session, refs["wba_nord"], viewer(ADMIN), VIEW, NOW).case, NOW)
    tracker = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    try:
        with session_scope(db_engine) as session:
            report = purge(session, tracker, RetentionPolicy(case_days=90), NOW + timedelta(days=91))
    finally:
        tracker.dispose()
    assert report.cases == 1 and views(db_engine) == 2


def test_an_admin_is_a_role_not_an_empty_team(db_engine: Engine):
    with session_scope(db_engine) as session:
        nobody = create_account(session, "ohneteam", "ein-langes-passwort", "Herr Ohne")
        chefin = create_account(session, "chefin", "ein-langes-passwort", "Frau Chefin")
        assert scope_of(session, nobody.id) == Scope(None, admin=False)
        set_admin(session, chefin, True)
        assert scope_of(session, chefin.id) == Scope(None, admin=True)
        set_admin(session, chefin, False)
        assert scope_of(session, chefin.id) == Scope(None, admin=False)
        assert scope_of(session, 4711) == Scope(None)


def test_live_chats_follow_the_team_and_an_admin_counts_as_staffed(db_engine: Engine):
    with session_scope(db_engine) as session:
        south = live.request_chat(session, "c-1", "halle", "wba_sued", "", NOW)
        loose = live.request_chat(session, "c-2", None, None, "", NOW)
        assert [c.id for c in live.open_chats(session, scope=NORTH)] == [loose.id]
        assert [c.id for c in live.open_chats(session, scope=ADMIN)] == [south.id, loose.id]
        nobody = create_account(session, "ohneteam", "ein-langes-passwort", "Herr Ohne")
        set_available(nobody, True, NOW)
        assert not staff_available(session, "wba_sued", NOW)  # no team no longer serves every team
        assert staff_available(session, None, NOW)
        set_admin(session, nobody, True)
        assert staff_available(session, "wba_sued", NOW)
