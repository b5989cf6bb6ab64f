"""Live takeover over the real servers: a visitor in the web chat (a real socket.io client)
asks for a person; a staff member logs into the console, takes over, writes; the message
reaches the visitor, the visitor's reply reaches the console, and the hand-back lets the
assistant answer again."""

from __future__ import annotations

import pytest

from tests.e2e.talk import Console, Visitor, texts, wait_for


@pytest.fixture
def visitor(servers):
    person = Visitor(servers)
    yield person
    person.close()


def test_staff_take_over_write_read_and_hand_back(servers, visitor):
    console = Console(servers["web"])
    console.login()
    assert console.post("/staff/presence", data={"available": "1"}).status_code in (200, 303)

    assert "Weiterbildungslotse" in texts(visitor.say("Hallo"))
    offer = visitor.say("Ich möchte mit einem Menschen sprechen")
    assert any(
        "Jetzt im Chat" in b["title"] for m in offer for b in m.get("quick_replies", m.get("buttons", []))
    )
    queued = visitor.say('/request_human{"contact_channel":"chat"}')
    assert "Bitte bleiben Sie in diesem Chat" in texts(queued)
    assert any(m.get("live_chat", {}).get("status") == "waiting" for m in queued)  # for the widget

    [chat_id] = wait_for(console.waiting_chats)
    assert console.post(f"/staff/live/{chat_id}/take").status_code == 200
    joined = wait_for(visitor.staff_messages)
    assert joined[0]["text"].startswith("Frau Becker von der Weiterbildungsagentur ist jetzt für Sie da")

    hello = "Guten Tag, hier ist Frau Becker. Wobei kann ich Ihnen helfen?"
    assert console.post(f"/staff/live/{chat_id}/send", json={"text": hello}).status_code == 200
    [message] = wait_for(visitor.staff_messages)
    assert (message["kind"], message["author"], message["text"]) == ("staff", "Frau Becker", hello)

    question = "Ich suche einen Schweißkurs in Halle, wer bezahlt den?"
    assert visitor.say(question, expect_reply=False) == []  # the assistant is paused
    seen = wait_for(lambda: [m for m in console.conversation(chat_id) if m["text"] == question])
    assert seen and seen[0]["who"] == "visitor"
    whole = console.conversation(chat_id)
    assert any(m["who"] == "staff" and m["text"] == hello for m in whole)

    assert console.post(f"/staff/live/{chat_id}/handback").status_code == 200
    [back] = wait_for(visitor.staff_messages)
    assert "wieder mit dem digitalen Assistenten" in back["text"]
    assert "Weiterbildungslotse" in texts(visitor.say("Hallo"))  # the assistant answers again
