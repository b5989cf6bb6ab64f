"""The live chat queue: one staff member takes a chat, writes, hands back; a chat nobody
takes ends with an offer of a call-back."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine

from lotse.db import session_scope
from lotse.handover import live
from lotse.staff.accounts import create_account

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
WAIT = timedelta(minutes=5)
BUTTONS = [{"title": "Rückruf vereinbaren", "payload": "/request_human"}]


def staff(session, username: str, name: str):
    return create_account(session, username, "ein-langes-passwort", name, "wba_sued")


def test_a_chat_is_taken_by_one_staff_member_who_writes_and_hands_back(db_engine: Engine):
    with session_scope(db_engine) as session:
        becker, koch = staff(session, "becker", "Frau Becker"), staff(session, "koch", "Herr Koch")
        chat = live.request_chat(session, "c-1", "halle", "wba_sued", "arbeitslos, Halle", NOW)
        assert live.request_chat(session, "c-1", "halle", "wba_sued", "", NOW).id == chat.id
        assert [c.id for c in live.open_chats(session, "wba_sued")] == [chat.id]
        assert live.take_over(session, chat, becker, NOW) and not live.take_over(session, chat, koch, NOW)
        assert live.send(session, chat, koch, "Hallo", NOW) is None
        assert live.send(session, chat, becker, "  Guten Tag, hier ist Frau Becker. ", NOW).text == (
            "Guten Tag, hier ist Frau Becker.")
        live.hand_back(session, chat, NOW)
        messages = live.messages_for_visitor(session, "c-1", 0, WAIT, BUTTONS, NOW)
        assert [(m.kind, m.author) for m in messages] == [("notice", None), ("staff", "Frau Becker"),
                                                          ("notice", None)]
        assert messages[0].text.startswith("Frau Becker von der Weiterbildungsagentur ist jetzt für Sie da")
        assert "wieder mit dem digitalen Assistenten" in messages[2].text
        assert live.messages_for_visitor(session, "c-1", messages[1].id, WAIT, BUTTONS, NOW) == [messages[2]]
        assert live.current_chat(session, "c-1") is None


def test_a_chat_nobody_takes_ends_with_the_offer_of_a_call_back(db_engine: Engine):
    with session_scope(db_engine) as session:
        live.request_chat(session, "c-2", None, None, "", NOW)
        assert live.messages_for_visitor(session, "c-2", 0, WAIT, BUTTONS, NOW + timedelta(minutes=4)) == []
        [notice] = live.messages_for_visitor(session, "c-2", 0, WAIT, BUTTONS, NOW + WAIT)
        assert "niemand im Chat frei" in notice.text and notice.buttons == BUTTONS
        assert live.messages_for_visitor(session, "c-2", 0, WAIT, BUTTONS, NOW + 2 * WAIT) == [notice]
        assert live.open_chats(session) == []
