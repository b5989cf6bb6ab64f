"""The visitor's widget fetches the live chat messages of its conversation: a chat nobody
took in time ends with the offer of a call-back; malformed ids and parameters are refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from lotse.clock import utcnow
from lotse.db import session_scope
from lotse.handover.live import request_chat
from tests.web.conftest import CONVERSATION, conversation_headers, relay, wording


def test_a_chat_nobody_took_offers_a_call_back(client: TestClient, engine: Engine):
    with session_scope(engine) as session:
        request_chat(session, CONVERSATION, "halle", "wba_sued", "", now=utcnow() - timedelta(minutes=6))
    answer = relay(client)
    [notice] = answer["messages"]
    assert answer["live"] is None and notice["kind"] == "notice"
    assert notice["text"] == wording()["nobody_free"]
    assert [b["title"] for b in notice["buttons"]] == ["Rückruf vereinbaren", "Antwort per E-Mail"]
    assert notice["buttons"][0]["payload"] == '/request_human{"contact_channel":"phone"}'
    assert relay(client, notice["id"])["messages"] == []


def test_a_waiting_chat_is_reported_as_waiting(client: TestClient, chat_id: int):
    assert relay(client) == {"messages": [], "live": "waiting"}


@pytest.mark.parametrize("conversation", ["mit leerzeichen", "a" * 129, "semi;colon", "ümlaut"])
def test_the_relay_rejects_a_bad_conversation_id(client: TestClient, conversation: str):
    response = client.get(f"/chat/{conversation}/messages", headers=conversation_headers(conversation))
    assert response.status_code == 404 and response.headers["cache-control"] == "no-store"


def test_the_relay_rejects_a_bad_after_parameter(client: TestClient):
    assert client.get(f"/chat/{CONVERSATION}/messages", params={"after": "x"},
                      headers=conversation_headers()).status_code == 400
