"""The use cases behind the console's and the widget's routes, called as the routes call
them: each opens its own transaction and hands back plain values (no database rows), which
stay readable after the transaction is over."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from lotse.config import Settings
from lotse.db import session_scope
from lotse.figures.service import staff_figures
from lotse.handover.console import (
    NO_SUCH_CASE,
    CaseFacts,
    CaseRow,
    NoteLine,
    ViewLine,
    act_on_case,
    case_details,
    case_overview,
)
from lotse.handover.live import LiveChat, LiveMessage
from lotse.handover.live_service import (
    NO_SUCH_CHAT,
    SEND,
    TAKE,
    ChatView,
    change_chat,
    chat_details,
    open_chat_list,
    widget_messages,
)
from lotse.handover.models import CaseView
from lotse.privacy.service import clear_widget_history
from lotse.review.corrections import OUT_OF_SCOPE, Project
from lotse.review.service import OUT_OF_SCOPE_LABEL, intent_choices, reviewer_for
from lotse.staff.accounts import create_account, find_account
from lotse.staff.console import ALL_TEAMS, Refusal, chosen_team, team_name
from lotse.staff.permissions import Scope, set_admin
from lotse.staff.service import Staff, log_out, staff_of_session, switch_presence
from lotse.staff.sessions import SessionPolicy, open_session
from tests.web.conftest import CONVERSATION
from tests.web.test_staff_cases import add_case

ROOT = Path(__file__).resolve().parents[2]
NORTH = "Weiterbildungsagentur Sachsen-Anhalt Nord"


def staff_of(engine: Engine, username: str) -> Staff:
    with session_scope(engine) as session:
        account = find_account(session, username)
        return Staff(account.id, account.username, account.display_name, account.team, "csrf", False)


@pytest.fixture
def south(engine: Engine) -> Staff:
    return staff_of(engine, "mbecker")


@pytest.fixture
def north(engine: Engine) -> Staff:
    return staff_of(engine, "tschulz")


@pytest.fixture
def admin(engine: Engine) -> Staff:
    with session_scope(engine) as session:
        account = create_account(session, "admin", "ein-langes-admin-passwort", "Frau Admin", None)
        set_admin(session, account, True)
    return staff_of(engine, "admin")


@pytest.fixture
def south_case(engine: Engine) -> str:
    return add_case(engine, "wba_sued", "halle", channel="phone", contact_phone="0345 1234567")


def views_of(engine: Engine) -> list[tuple[str, str, bool]]:
    with session_scope(engine) as session:
        views = session.scalars(select(CaseView).order_by(CaseView.id))
        return [(view.username, view.action, view.granted) for view in views]


# --- the team filter and the names of teams ------------------------------------------------

def test_only_an_admin_chooses_the_team_of_a_list():
    assert chosen_team("wba_nord", Scope("wba_sued")) == "wba_sued"
    assert chosen_team(ALL_TEAMS, Scope(None)) is None
    admin = Scope("wba_sued", admin=True)
    assert chosen_team("wba_nord", admin) == "wba_nord"
    assert chosen_team(ALL_TEAMS, admin) is None
    assert chosen_team("irgendwas", admin) == "wba_sued" and chosen_team(None, admin) == "wba_sued"


def test_a_team_is_named_as_staff_read_it():
    assert team_name("wba_nord") == NORTH
    assert team_name(None) == "–" and team_name("unbekannt") == "unbekannt"


# --- sessions and presence ------------------------------------------------------------------

def test_a_session_token_names_its_staff_member_and_checks_the_csrf_token(engine: Engine):
    policy = SessionPolicy()
    with session_scope(engine) as session:
        token, login = open_session(session, find_account(session, "mbecker"), policy)
        csrf = login.csrf_token
    staff, csrf_ok = staff_of_session(engine, token, policy, csrf)
    assert staff is not None and csrf_ok
    assert (staff.username, staff.display_name, staff.team, staff.csrf_token) == (
        "mbecker", "Frau Becker", "wba_sued", csrf)
    assert staff_of_session(engine, token, policy, "falsch") == (staff, False)
    assert staff_of_session(engine, token, policy, None) == (staff, False)
    assert staff_of_session(engine, "unbekannt", policy, csrf) == (None, False)
    log_out(engine, token)
    assert staff_of_session(engine, token, policy, csrf) == (None, False)
    log_out(engine, None)  # without a cookie nothing happens


def test_presence_is_switched_and_a_renewal_never_switches_it_on(engine: Engine, south: Staff):
    assert switch_presence(engine, south.account_id, renew=True, available=False) is False
    assert switch_presence(engine, south.account_id, renew=False, available=True) is True
    assert switch_presence(engine, south.account_id, renew=True, available=False) is True
    assert switch_presence(engine, south.account_id, renew=False, available=False) is False
    assert switch_presence(engine, 999_999, renew=False, available=True) is False


# --- cases -------------------------------------------------------------------------------

def test_the_overview_lists_plain_rows_of_the_own_team(engine: Engine, south: Staff, north: Staff,
                                                       south_case: str):
    listed = case_overview(engine, south, status="kaputt", asked_team="wba_nord")
    assert (listed.team, listed.status, listed.found) == ("wba_sued", None, None)
    assert [row.reference for row in listed.cases] == [south_case]
    assert isinstance(listed.cases[0], CaseRow) and listed.cases[0].channel == "phone"
    assert case_overview(engine, north).cases == []


def test_a_reference_number_is_found_as_typed_even_of_another_team(engine: Engine, north: Staff,
                                                                    south_case: str):
    found = case_overview(engine, north, reference=south_case.lower())
    assert found.found == south_case and found.cases == []
    assert views_of(engine) == []  # a search records nothing; the page does


def test_the_case_page_is_plain_values_and_the_opening_is_recorded(engine: Engine, south: Staff,
                                                                   south_case: str):
    assert act_on_case(engine, south, south_case, "note", "Rückruf vereinbart") == south_case
    page = case_details(engine, south, south_case)
    assert isinstance(page.case, CaseFacts) and page.case.contact_phone == "0345 1234567"
    assert [type(n) for n in page.notes] == [NoteLine] and page.notes[0].text == "Rückruf vereinbart"
    assert [type(v) for v in page.views] == [ViewLine] and page.view_count == 1
    assert page.deliveries == ["email offen"] and not page.closed and page.scope == Scope("wba_sued")
    assert views_of(engine) == [("mbecker", "view", True)]


def test_another_team_s_case_is_refused_and_the_attempt_recorded(engine: Engine, north: Staff,
                                                                 south_case: str):
    refusal = case_details(engine, north, south_case)
    assert refusal == Refusal(403, refusal.message) and "Süd" in refusal.message
    assert act_on_case(engine, north, south_case, "close") == refusal
    assert views_of(engine) == [("tschulz", "view", False), ("tschulz", "close", False)]
    assert case_details(engine, north, "WBA-2026-AAAAAA") == Refusal(404, NO_SUCH_CASE)
    assert act_on_case(engine, north, "WBA-2026-AAAAAA", "claim") == Refusal(404, NO_SUCH_CASE)


def test_an_unknown_action_is_no_use_case_and_records_nothing(engine: Engine, south: Staff, south_case: str):
    with pytest.raises(ValueError):
        act_on_case(engine, south, south_case, "delete")
    assert views_of(engine) == []


def test_claim_close_and_reopen(engine: Engine, south: Staff, admin: Staff, south_case: str):
    assert act_on_case(engine, south, south_case, "claim") == south_case
    assert act_on_case(engine, admin, south_case, "close") == south_case
    page = case_details(engine, admin, south_case)
    assert page.closed and page.case.assigned_to == "Frau Becker" and page.case.closed_at is not None
    act_on_case(engine, south, south_case, "reopen")
    assert case_details(engine, south, south_case).case.status == "in_progress"


# --- live chats ---------------------------------------------------------------------------

def test_the_open_chats_and_one_chat_are_plain_values(engine: Engine, south: Staff, north: Staff,
                                                      chat_id: int):
    listed = open_chat_list(engine, south)
    [(chat, minutes)] = listed.chats
    assert isinstance(chat, ChatView) and chat.id == chat_id and minutes == 0 and listed.team == "wba_sued"
    assert open_chat_list(engine, north).chats == []
    page = chat_details(engine, south, chat_id)
    assert page.chat.summary == "Ziel: Umschulung" and page.chat.region == "halle"
    assert chat_details(engine, south, 999) == Refusal(404, NO_SUCH_CHAT)
    refusal = chat_details(engine, north, chat_id)
    assert refusal.status_code == 403 and "Süd" in refusal.message


def test_a_change_is_committed_with_the_events_rasa_is_to_get(engine: Engine, south: Staff, north: Staff,
                                                              chat_id: int):
    assert change_chat(engine, north, chat_id, TAKE).status_code == 403
    assert change_chat(engine, south, chat_id, SEND, "Hallo").status_code == 409
    taken = change_chat(engine, south, chat_id, TAKE)
    assert taken.status_code == 200 and taken.body["mine"] and taken.conversation_id == CONVERSATION
    assert [event["event"] for event in taken.events] == ["pause", "bot"]
    empty = change_chat(engine, south, chat_id, SEND, "   ")
    assert (empty.status_code, empty.body) == (400, {"error": "Bitte schreiben Sie eine Nachricht."})
    sent = change_chat(engine, south, chat_id, SEND, "Guten Tag")
    assert sent.body["message"]["text"] == "Guten Tag"
    assert sent.events[0]["metadata"] == {"staff": "Frau Becker"}
    with session_scope(engine) as session:
        assert session.get(LiveChat, chat_id).staff_name == "Frau Becker"


def test_the_widget_gets_its_messages_and_a_waiting_chat_ends_after_the_wait(engine: Engine,
                                                                             chat_id: int):
    waiting = widget_messages(engine, CONVERSATION, 0, timedelta(minutes=5))
    assert waiting == {"messages": [], "live": "waiting"}
    ended = widget_messages(engine, CONVERSATION, 0, timedelta(0))
    assert ended["live"] is None and [button["title"] for button in ended["messages"][0]["buttons"]] == [
        "Rückruf vereinbaren", "Antwort per E-Mail"]
    assert widget_messages(engine, CONVERSATION, ended["messages"][0]["id"], timedelta(0))["messages"] == []


def test_forgetting_deletes_the_conversation_s_live_chat(engine: Engine, south: Staff, chat_id: int):
    change_chat(engine, south, chat_id, TAKE)
    clear_widget_history(engine, CONVERSATION)
    with session_scope(engine) as session:
        assert session.get(LiveChat, chat_id) is None
        assert session.scalar(select(func.count()).select_from(LiveMessage)) == 0


# --- figures and review -------------------------------------------------------------------

def test_a_team_member_s_figures_are_their_region_and_an_admin_chooses(engine: Engine, south: Staff,
                                                                       admin: Staff):
    own = staff_figures(engine, south, asked_team=ALL_TEAMS, start="2026-03-02", end="2026-03-08")
    assert own.team == "wba_sued" and not own.scope.admin
    assert (own.figures.period.start.isoformat(), own.figures.period.end.isoformat()) == ("2026-03-02",
                                                                                          "2026-03-08")
    assert staff_figures(engine, admin, asked_team=ALL_TEAMS).team is None
    assert staff_figures(engine, admin, asked_team="wba_nord", start="kaputt").team == "wba_nord"


def test_a_reviewer_reads_the_regions_of_their_team_and_those_without(settings: Settings):
    south = reviewer_for(Scope("wba_sued"), settings)
    assert south.permits("halle") and south.permits(None) and not south.permits("stendal")
    nobody_s = reviewer_for(Scope(None), settings)
    assert nobody_s.permits(None) and not nobody_s.permits("halle")
    assert reviewer_for(Scope(None, admin=True), settings).permits("stendal")
    settings = settings.replace(review_confidence_threshold=0.42)
    assert reviewer_for(Scope("wba_sued"), settings).threshold == 0.42


def test_the_intent_choices_are_labelled_and_out_of_scope_comes_last(tmp_path: Path):
    choices = intent_choices(Project(ROOT, tmp_path / "review.yml"))
    keys = [key for key, _ in choices]
    assert keys[-1] == OUT_OF_SCOPE and choices[-1][1] == f"{OUT_OF_SCOPE_LABEL} ({OUT_OF_SCOPE})"
    assert keys[:-1] == sorted(keys[:-1]) and OUT_OF_SCOPE not in keys[:-1] and "nlu_fallback" not in keys
    assert all(label.endswith(f"({key})") for key, label in choices)
