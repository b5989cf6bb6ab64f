"""The error policy of the console's and the widget's use cases: a database error is not
swallowed. The service's transaction is rolled back (nothing half done stays) and the error
reaches the web server, which answers 500 "Internal Server Error", as the routes did when they
opened the session themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from starlette.testclient import TestClient

from lotse.config import Settings
from lotse.db import make_engine, session_scope
from lotse.figures.service import staff_figures
from lotse.handover import cases, live
from lotse.handover.console import act_on_case, case_details, case_overview
from lotse.handover.live import LiveChat, LiveMessage
from lotse.handover.live_service import (
    TAKE,
    change_chat,
    chat_details,
    chat_state,
    open_chat_list,
    widget_messages,
)
from lotse.privacy.service import clear_widget_history
from lotse.review.listing import ReviewFilter
from lotse.review.service import (
    CorrectionForm,
    pending_corrections,
    record_correction,
    review_conversation,
    review_listing,
)
from lotse.staff.accounts import find_account
from lotse.staff.service import Staff, log_out, staff_of_session, switch_presence
from lotse.staff.sessions import SessionPolicy
from tests.web.conftest import CONVERSATION, PASSWORD, conversation_headers, csrf_of, log_in
from tests.web.test_staff_cases import add_case

STAFF = Staff(1, "mbecker", "Frau Becker", "wba_sued", "csrf", False)
REFERENCE = "WBA-2026-K7M3QX"
SERVER_ERROR = "Internal Server Error"

Call = Callable[[Engine, Settings], Any]
CALLS: dict[str, Call] = {
    "staff_of_session": lambda db, s: staff_of_session(db, "token", SessionPolicy(), None),
    "log_out": lambda db, s: log_out(db, "token"),
    "switch_presence": lambda db, s: switch_presence(db, 1, False, True),
    "case_overview": lambda db, s: case_overview(db, STAFF),
    "case_details": lambda db, s: case_details(db, STAFF, REFERENCE),
    "act_on_case": lambda db, s: act_on_case(db, STAFF, REFERENCE, "claim"),
    "open_chat_list": lambda db, s: open_chat_list(db, STAFF),
    "chat_details": lambda db, s: chat_details(db, STAFF, 1),
    "change_chat": lambda db, s: change_chat(db, STAFF, 1, TAKE),
    "chat_state": lambda db, s: chat_state(db, STAFF, 1),
    "widget_messages": lambda db, s: widget_messages(db, CONVERSATION, 0, timedelta(minutes=5)),
    "clear_widget_history": lambda db, s: clear_widget_history(db, CONVERSATION),
    "staff_figures": lambda db, s: staff_figures(db, STAFF),
    "review_listing": lambda db, s: review_listing(db, STAFF, s, ReviewFilter()),
    "review_conversation": lambda db, s: review_conversation(db, STAFF, s, "0" * 20),
    "record_correction": lambda db, s: record_correction(db, STAFF, s, CorrectionForm("0" * 20, "1", "Satz",
                                                                                      "greet", [])),
    "pending_corrections": lambda db, s: pending_corrections(db, STAFF, s),
}


@pytest.fixture
def no_tables(tmp_path: Path) -> Iterator[Engine]:
    """A database that answers every query with an error (it has no tables)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def quiet_settings(settings: Settings, tmp_path: Path) -> Settings:
    return settings.replace(tracker_db_url=f"sqlite:///{tmp_path / 'tracker.db'}",
                            review_file=tmp_path / "review.yml", model_path=tmp_path / "none.tar.gz")


def drop(engine: Engine, table: str) -> None:
    with engine.begin() as connection:
        connection.execute(text(f"DROP TABLE {table}"))


def refuse_updates(engine: Engine, table: str, column: str) -> None:
    """From now on the database refuses to change `column` of `table` (as a full disk would)."""
    with engine.begin() as connection:
        connection.execute(text(f"CREATE TRIGGER refused_{column} BEFORE UPDATE OF {column} ON {table} "
                                "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"))


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_database_error_reaches_the_caller(name: str, no_tables: Engine, quiet_settings: Settings):
    with pytest.raises(SQLAlchemyError):
        CALLS[name](no_tables, quiet_settings)


def test_a_failed_take_over_leaves_the_chat_waiting(engine: Engine, chat_id: int):
    drop(engine, "live_messages")  # the join notice cannot be written after the chat was taken
    with pytest.raises(SQLAlchemyError):
        change_chat(engine, STAFF, chat_id, TAKE)
    with session_scope(engine) as session:
        chat = session.get(LiveChat, chat_id)
        assert (chat.status, chat.staff_id) == ("waiting", None)


def test_a_failed_forgetting_deletes_nothing(engine: Engine, chat_id: int):
    with session_scope(engine) as session:
        live.take_over(session, session.get(LiveChat, chat_id), find_account(session, "mbecker"))
    drop(engine, "deletion_requests")  # the erasure request is the last thing written
    with pytest.raises(SQLAlchemyError):
        clear_widget_history(engine, CONVERSATION)
    with session_scope(engine) as session:
        assert session.get(LiveChat, chat_id) is not None
        assert session.scalar(select(func.count()).select_from(LiveMessage)) == 1


def case_state(engine: Engine, reference: str) -> tuple[str, str | None]:
    with session_scope(engine) as session:
        case = cases.find_case(session, reference)
        return case.status, case.assigned_to


def test_a_case_change_that_fails_is_not_kept(engine: Engine):
    reference = add_case(engine, "wba_sued", "halle")
    refuse_updates(engine, "handover_cases", "assigned_to")
    with pytest.raises(SQLAlchemyError):
        act_on_case(engine, STAFF, reference, "claim")
    assert case_state(engine, reference) == ("open", None)


def test_a_presence_that_cannot_be_stored_stays_off(engine: Engine):
    refuse_updates(engine, "staff_accounts", "available_until")
    with pytest.raises(SQLAlchemyError):
        switch_presence(engine, STAFF.account_id, False, True)
    assert switch_presence(engine, STAFF.account_id, True, False) is False


@pytest.fixture
def server(app) -> Iterator[TestClient]:
    """A logged-in browser of a server that answers an unexpected error as production does."""
    with TestClient(app, follow_redirects=False, raise_server_exceptions=False) as browser:
        assert log_in(browser, "mbecker", PASSWORD).status_code == 303
        yield browser


def answers_500(response: Any) -> bool:
    return response.status_code == 500 and response.text == SERVER_ERROR


@pytest.mark.parametrize(("table", "path"), [
    ("handover_cases", "/staff/"),
    ("live_chats", "/staff/live/"),
    ("live_chats", "/staff/live/1"),
    ("live_chats", "/staff/live/1/events"),
    ("conversation_figures", "/staff/zahlen"),
    ("conversation_figures", "/staff/zahlen.csv"),
    ("deletion_requests", "/staff/gespraeche"),
    ("review_corrections", "/staff/gespraeche/korrekturen"),
    ("staff_sessions", "/staff/"),
])
def test_a_page_whose_database_fails_answers_500(server: TestClient, engine: Engine, table: str, path: str):
    drop(engine, table)
    assert answers_500(server.get(path))


def test_case_pages_whose_database_fails_answer_500(server: TestClient, engine: Engine):
    reference = add_case(engine, "wba_sued", "halle")
    token = csrf_of(server)
    drop(engine, "case_notes")
    assert answers_500(server.post(f"/staff/cases/{reference}/note", data={"csrf_token": token, "text": "x"}))
    drop(engine, "case_views")
    assert answers_500(server.get(f"/staff/cases/{reference}"))


def test_live_chat_changes_whose_database_fails_answer_500(server: TestClient, engine: Engine, chat_id: int):
    headers = {"Accept": "application/json", "X-CSRF-Token": csrf_of(server)}
    drop(engine, "live_messages")
    assert answers_500(server.post(f"/staff/live/{chat_id}/take", json={}, headers=headers))


def test_messages_of_a_taken_chat_whose_database_fails_answer_500(server: TestClient, engine: Engine,
                                                                  chat_id: int):
    headers = {"Accept": "application/json", "X-CSRF-Token": csrf_of(server)}
    assert server.post(f"/staff/live/{chat_id}/take", json={}, headers=headers).status_code == 200
    drop(engine, "live_messages")
    assert answers_500(server.post(f"/staff/live/{chat_id}/send", json={"text": "Hallo"}, headers=headers))
    assert answers_500(server.post(f"/staff/live/{chat_id}/handback", json={}, headers=headers))


def test_presence_and_a_claim_whose_database_fails_answer_500(server: TestClient, engine: Engine):
    reference = add_case(engine, "wba_sued", "halle")
    token = csrf_of(server)
    refuse_updates(engine, "staff_accounts", "available_until")
    assert answers_500(server.post("/staff/presence", data={"csrf_token": token, "available": "1"}))
    refuse_updates(engine, "handover_cases", "assigned_to")
    assert answers_500(server.post(f"/staff/cases/{reference}/claim", data={"csrf_token": token}))
    assert case_state(engine, reference) == ("open", None)


def test_the_widget_s_requests_whose_database_fails_answer_500(app, engine: Engine):
    drop(engine, "live_chats")
    with TestClient(app, raise_server_exceptions=False) as widget:
        assert answers_500(widget.get(f"/chat/{CONVERSATION}/messages", headers=conversation_headers()))
        assert answers_500(widget.post(f"/chat/{CONVERSATION}/forget", headers=conversation_headers()))
