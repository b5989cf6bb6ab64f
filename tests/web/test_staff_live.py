"""A staff member takes over a waiting live chat, writes, and hands back: the visitor's
widget gets the messages from the relay, and Rasa (a real HTTP server on loopback) is paused,
told every staff message, and resumed."""

from __future__ import annotations

from sqlalchemy import Engine
from starlette.testclient import TestClient

from lotse.db import session_scope
from lotse.handover.live import LiveChat
from lotse.staff.accounts import find_account
from tests.web.accounts import browser_of
from tests.web.conftest import ASKED, RASA_TOKEN, RasaStub, csrf_of, relay, wording


def post(client: TestClient, path: str, json: dict | None = None, token: str | None = None):
    headers = {"Accept": "application/json", "X-CSRF-Token": token or csrf_of(client)}
    return client.post(path, json=json or {}, headers=headers)


def test_the_live_page_lists_the_waiting_chat(becker: TestClient, chat_id: int):
    page = becker.get("/staff/live/").text
    assert f'href="/staff/live/{chat_id}"' in page and "wartet" in page and "Halle (Saale)" in page
    chat = becker.get(f"/staff/live/{chat_id}")
    assert chat.status_code == 200 and 'src="/static/staff/live.js"' in chat.text
    assert becker.get("/staff/live/999").status_code == 404


def test_the_events_show_the_visitor_messages_from_rasa(becker: TestClient, chat_id: int, rasa: RasaStub):
    events = becker.get(f"/staff/live/{chat_id}/events").json()
    assert events["status"] == "waiting" and events["staff_name"] is None
    assert events["messages"][0]["who"] == "visitor" and events["messages"][0]["text"] == ASKED
    assert events["messages"][1]["who"] == "assistant"
    assert RASA_TOKEN in rasa.tokens


def test_taking_over_pauses_the_assistant_and_tells_the_visitor(becker: TestClient, chat_id: int,
                                                                rasa: RasaStub):
    response = post(becker, f"/staff/live/{chat_id}/take")
    assert response.status_code == 200 and response.json()["status"] == "active"
    joined = wording()["joined"].format(name="Frau Becker")
    pause, notice = rasa.appended_events()
    assert pause["event"] == "pause"
    assert notice["event"] == "bot" and notice["text"] == joined
    assert notice["metadata"] == {"staff": "Frau Becker"}
    assert relay(becker)["live"] == "active" and relay(becker)["messages"][0]["text"] == joined
    lines = becker.get(f"/staff/live/{chat_id}/events").json()
    assert lines["messages"][-1] == {"who": "staff", "text": joined, "at": lines["messages"][-1]["at"]}
    assert lines["mine"] is True


def test_a_staff_message_reaches_the_visitor_and_rasa(becker: TestClient, chat_id: int, rasa: RasaStub):
    token = csrf_of(becker)
    post(becker, f"/staff/live/{chat_id}/take", token=token)
    seen = relay(becker)["messages"][-1]["id"]
    response = post(becker, f"/staff/live/{chat_id}/send", {"text": "Guten Tag, ich bin Frau Becker."}, token)
    assert response.status_code == 200
    assert rasa.appended_events()[-1] == {"event": "bot", "text": "Guten Tag, ich bin Frau Becker.",
                                          "metadata": {"staff": "Frau Becker"},
                                          "timestamp": rasa.appended_events()[-1]["timestamp"]}
    [message] = relay(becker, seen)["messages"]
    assert message["kind"] == "staff" and message["author"] == "Frau Becker"
    assert message["text"] == "Guten Tag, ich bin Frau Becker."
    assert post(becker, f"/staff/live/{chat_id}/send", {"text": "  "}, token).status_code == 400


def test_a_second_staff_member_of_the_team_gets_409(app, engine: Engine, becker: TestClient, chat_id: int,
                                                    rasa: RasaStub):
    assert post(becker, f"/staff/live/{chat_id}/take").status_code == 200
    with browser_of(app, engine, "hkoch", "Herr Koch", "wba_sued") as koch:
        taken = post(koch, f"/staff/live/{chat_id}/take")
        assert taken.status_code == 409 and "Frau Becker" in taken.json()["error"]
        assert post(koch, f"/staff/live/{chat_id}/send", {"text": "Hallo"}).status_code == 409
        assert post(koch, f"/staff/live/{chat_id}/handback").status_code == 409
    assert len(rasa.appended) == 1


def test_handing_back_resumes_the_assistant(becker: TestClient, chat_id: int, rasa: RasaStub, engine: Engine):
    token = csrf_of(becker)
    post(becker, f"/staff/live/{chat_id}/take", token=token)
    response = post(becker, f"/staff/live/{chat_id}/handback", token=token)
    assert response.status_code == 200 and response.json()["status"] == "ended"
    resume, notice = rasa.appended[-1][1]
    handed_back = wording()["handed_back"].format(name="Frau Becker")
    assert resume["event"] == "resume" and notice["text"] == handed_back and notice["metadata"]["staff"]
    answer = relay(becker)
    assert answer["live"] is None and answer["messages"][-1]["text"] == handed_back
    with session_scope(engine) as session:
        assert session.get(LiveChat, chat_id).ended_at is not None


def test_without_the_csrf_header_nothing_is_taken(becker: TestClient, chat_id: int, rasa: RasaStub):
    response = becker.post(f"/staff/live/{chat_id}/take", headers={"Accept": "application/json"})
    assert response.status_code == 403
    assert post(becker, f"/staff/live/{chat_id}/take", token="falsch").status_code == 403
    assert relay(becker)["live"] == "waiting" and rasa.appended == []


def test_when_rasa_is_down_the_message_still_reaches_the_visitor(becker: TestClient, chat_id: int,
                                                                 rasa: RasaStub):
    token = csrf_of(becker)
    post(becker, f"/staff/live/{chat_id}/take", token=token)
    rasa.down = True
    response = post(becker, f"/staff/live/{chat_id}/send", {"text": "Sind Sie noch da?"}, token)
    assert response.status_code == 502 and "nicht erreichbar" in response.json()["error"]
    assert relay(becker)["messages"][-1]["text"] == "Sind Sie noch da?"
    assert becker.get(f"/staff/live/{chat_id}/events").status_code == 502


def test_presence_is_switched_and_renewed_only_while_on(becker: TestClient, engine: Engine):
    token = csrf_of(becker)
    assert becker.post("/staff/presence", data={"available": "1"}).status_code == 403
    response = becker.post("/staff/presence", data={"csrf_token": token, "available": "1"})
    assert response.status_code == 303
    with session_scope(engine) as session:
        first = find_account(session, "mbecker").available_until
        assert first is not None
    renew = becker.post("/staff/presence", data={"renew": "1"},
                        headers={"X-CSRF-Token": token, "Accept": "application/json"})
    assert renew.json() == {"available": True}
    assert 'data-available="yes"' in becker.get("/staff/live/").text
    becker.post("/staff/presence", data={"csrf_token": token, "available": "0"})
    renew = becker.post("/staff/presence", data={"renew": "1"},
                        headers={"X-CSRF-Token": token, "Accept": "application/json"})
    assert renew.json() == {"available": False}
