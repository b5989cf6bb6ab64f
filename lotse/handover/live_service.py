"""The live chat in the staff console and in the visitor's widget, one transaction per use
case: the open chats, one chat, take over, send, hand back, and the messages the widget
fetches.

A staff member sees only the chats of their own team and those without one (an admin: all);
every use case of a chat checks this, not only the list, since chat ids are counted.

Each change is committed here first, which is what the visitor's widget reads; the outcome
carries the events that Rasa is to be told afterwards (pause, the message, resume), so a Rasa
outage never loses a staff message. Outcomes are JSON-ready: the status and body the console's
script gets.

Error policy: an unknown chat is a 404, another team's a 403 (and logged), a chat that is not
in the right state a 409, an empty message a 400, each with a German message. A database error
is not caught: the transaction is rolled back and the error reaches the web server, which
answers 500 as it always did.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from lotse.clock import as_utc, utcnow
from lotse.config import PROJECT_ROOT
from lotse.db import Database, session_scope
from lotse.domain_files import load_domain
from lotse.handover import live
from lotse.handover.live import ACTIVE, ENDED, EXPIRED, WAITING, LiveChat
from lotse.handover.summary import STAFF_MARK
from lotse.staff.console import Refusal, chosen_team, team_name
from lotse.staff.models import StaffAccount
from lotse.staff.permissions import Scope, scope_of
from lotse.staff.service import Staff

logger = logging.getLogger(__name__)

# How a chat's state reads for staff.
LIVE_STATES = {WAITING: "wartet", ACTIVE: "im Gespräch", ENDED: "beendet",
               EXPIRED: "beendet – es war niemand frei"}
NO_SUCH_CHAT = "Diesen Live-Chat gibt es nicht."
FOREIGN_CHAT = ("Dieser Live-Chat gehört zur {team}. Sie können ihn weder lesen noch übernehmen; "
                "das tut dieses Team.")
TAKEN = "Diesen Chat hat schon {name} übernommen."
NOT_WAITING = "Dieser Chat wartet nicht mehr auf eine Übernahme."
NOT_YOURS = "Dieser Chat ist nicht (mehr) bei Ihnen."
EMPTY = "Bitte schreiben Sie eine Nachricht."
TAKE, SEND, HAND_BACK = "take", "send", "handback"
# Offered when nobody took the chat in time: the call-back and e-mail buttons of the offer of a
# person, as the domain words them (domain/handover.yml), which then need not ask again.
OFFER_WITH_BUTTONS = "utter_handover_offer_closed"


@lru_cache(maxsize=1)
def callback_buttons() -> tuple[dict[str, str], ...]:
    """The buttons of the offer, with the payload as the widget sends it (a response's
    template writes a literal brace twice)."""
    buttons = load_domain(PROJECT_ROOT)["responses"][OFFER_WITH_BUTTONS][0]["buttons"]
    return tuple({"title": b["title"], "payload": b["payload"].replace("{{", "{").replace("}}", "}")}
                 for b in buttons)


@dataclass(frozen=True)
class ChatView:
    """A live chat as the console's pages show it."""

    id: int
    requested_at: datetime
    region: str | None
    status: str
    staff_name: str | None
    summary: str

    @classmethod
    def of(cls, chat: LiveChat) -> ChatView:
        return cls(chat.id, chat.requested_at, chat.region, chat.status, chat.staff_name, chat.summary)

    @property
    def waiting_minutes(self) -> int:
        return max(0, int((utcnow() - as_utc(self.requested_at)).total_seconds() // 60))


@dataclass(frozen=True)
class ChatList:
    scope: Scope
    team: str | None  # the team filter (None: every team the scope permits)
    chats: list[tuple[ChatView, int]]  # with the minutes since the visitor asked


@dataclass(frozen=True)
class ChatPage:
    chat: ChatView
    scope: Scope


@dataclass
class Outcome:
    """What a change in the lotse database led to, and what Rasa is to be told about it."""

    status_code: int
    body: dict[str, Any]
    conversation_id: str | None = None
    events: list[dict[str, Any]] = field(default_factory=list)


def foreign_chat(team: str | None) -> str:
    return FOREIGN_CHAT.format(team=team_name(team))


def _permitted_chat(session: Session, chat_id: int, staff: Staff) -> tuple[LiveChat | None, bool]:
    """The chat and whether the staff member may see and act on it (a refusal is logged)."""
    chat = session.get(LiveChat, chat_id)
    if chat is None:
        return None, False
    allowed = scope_of(session, staff.account_id).permits(chat.team)
    if not allowed:
        logger.warning("live chat %s of team %s refused to %s", chat_id, chat.team, staff.username)
    return chat, allowed


def open_chat_list(bind: Database | None, staff: Staff, asked_team: str | None = None) -> ChatList:
    """The waiting and active chats of the team filter (an admin's choice) the staff member may
    see, the longest waiting first."""
    with session_scope(bind) as session:
        scope = scope_of(session, staff.account_id)
        team = chosen_team(asked_team, scope)
        views = [ChatView.of(chat) for chat in live.open_chats(session, team, scope)]
    return ChatList(scope, team, [(view, view.waiting_minutes) for view in views])


def chat_details(bind: Database | None, staff: Staff, chat_id: int) -> ChatPage | Refusal:
    """One chat for its page (the conversation itself comes from Rasa: chat_state)."""
    with session_scope(bind) as session:
        chat, allowed = _permitted_chat(session, chat_id, staff)
        if chat is None:
            return Refusal(404, NO_SUCH_CHAT)
        if not allowed:
            return Refusal(403, foreign_chat(chat.team))
        return ChatPage(ChatView.of(chat), scope_of(session, staff.account_id))


def _failure(status_code: int, message: str) -> Outcome:
    return Outcome(status_code, {"error": message})


def _staff_event(text: str, name: str | None, at: datetime) -> dict[str, Any]:
    """A bot event marked as written by a person; lotse.handover.summary reads it as staff."""
    return {"event": "bot", "text": text, "metadata": {STAFF_MARK: name or "staff"},
            "timestamp": as_utc(at).timestamp()}


def _control(kind: str) -> dict[str, Any]:
    return {"event": kind, "timestamp": utcnow().timestamp()}


def _state(chat: LiveChat, staff: Staff) -> dict[str, Any]:
    return {"status": chat.status, "status_label": LIVE_STATES.get(chat.status, chat.status),
            "staff_name": chat.staff_name, "mine": chat.staff_id == staff.account_id}


def _take(session: Session, chat: LiveChat, account: StaffAccount, staff: Staff, text: str) -> Outcome:
    already_theirs = chat.status == ACTIVE and chat.staff_id == account.id
    if not live.take_over(session, chat, account):
        return _failure(409, TAKEN.format(name=chat.staff_name) if chat.status == ACTIVE else NOT_WAITING)
    events = [_control("pause")]
    if not already_theirs:
        notice = live.last_notice(session, chat)
        if notice is not None:
            events.append(_staff_event(notice.text, chat.staff_name, notice.created_at))
    # Taking over again (after Rasa was down) only repeats the pause, which is harmless.
    return Outcome(200, _state(chat, staff), chat.conversation_id, events)


def _send(session: Session, chat: LiveChat, account: StaffAccount, staff: Staff, text: str) -> Outcome:
    if not text.strip():
        return _failure(400, EMPTY)
    message = live.send(session, chat, account, text)
    if message is None:
        return _failure(409, NOT_YOURS)
    return Outcome(200, {"message": message.as_json()}, chat.conversation_id,
                   [_staff_event(message.text, message.author, message.created_at)])


def _hand_back(session: Session, chat: LiveChat, account: StaffAccount, staff: Staff, text: str) -> Outcome:
    if chat.staff_id != account.id or chat.status not in (ACTIVE, ENDED):
        return _failure(409, NOT_YOURS)
    events = [_control("resume")]
    notice = live.hand_back(session, chat)
    if notice is not None:
        events.append(_staff_event(notice.text, chat.staff_name, notice.created_at))
    # Handing back an ended chat again (after Rasa was down) only repeats the resume.
    return Outcome(200, _state(chat, staff), chat.conversation_id, events)


CHANGES = {TAKE: _take, SEND: _send, HAND_BACK: _hand_back}


def change_chat(bind: Database | None, staff: Staff, chat_id: int, action: str, text: str = "") -> Outcome:
    """Take over, send (`text`) or hand back; 200 with the events for Rasa, or the refusal."""
    change = CHANGES[action]
    with session_scope(bind) as session:
        chat, allowed = _permitted_chat(session, chat_id, staff)
        account = session.get(StaffAccount, staff.account_id)
        if chat is None or account is None:
            return _failure(404, NO_SUCH_CHAT)
        if not allowed:
            return _failure(403, foreign_chat(chat.team))
        return change(session, chat, account, staff, text)


def chat_state(bind: Database | None, staff: Staff, chat_id: int) -> Outcome:
    """The chat's state for the console's script, with the conversation whose events Rasa has."""
    with session_scope(bind) as session:
        chat, allowed = _permitted_chat(session, chat_id, staff)
        if chat is None:
            return _failure(404, NO_SUCH_CHAT)
        if not allowed:
            return _failure(403, foreign_chat(chat.team))
        return Outcome(200, _state(chat, staff), chat.conversation_id)


def widget_messages(bind: Database | None, conversation_id: str, after: int,
                    wait: timedelta) -> dict[str, Any]:
    """What the visitor's widget gets: the messages after `after` and the live chat's state
    (None: none waiting or active). A chat nobody took within `wait` ends with a notice that
    offers the call-back buttons. The conversation's token is the caller's to check."""
    with session_scope(bind) as session:
        messages = live.messages_for_visitor(session, conversation_id, after, wait, list(callback_buttons()))
        chat = live.current_chat(session, conversation_id)
        return {"messages": [message.as_json() for message in messages],
                "live": chat.status if chat is not None else None}
