"""The live chat: a visitor waits for a person, a staff member takes over, writes, and hands
back to the assistant.

Messages from staff (and the notices around them) are rows here, which the visitor's widget
fetches from the web process; Rasa's socket.io push is not used for them because it reaches
only the process that holds the visitor's socket. Pausing and resuming the assistant and
recording staff messages in the conversation happen through Rasa's HTTP API (web/rasa_api.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from lotse.clock import as_utc, utcnow
from lotse.knowledge import knowledge
from lotse.models import Base, _now
from lotse.staff.models import StaffAccount
from lotse.staff.permissions import EVERYTHING, Scope
from lotse.staff.presence import staff_available

WAITING, ACTIVE, ENDED, EXPIRED = "waiting", "active", "ended", "expired"
STAFF, NOTICE = "staff", "notice"
MAX_MESSAGE_LENGTH = 2000


class LiveChat(Base):
    __tablename__ = "live_chats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(128), index=True)
    region: Mapped[str | None] = mapped_column(String(64))
    team: Mapped[str | None] = mapped_column(String(32), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=WAITING, index=True)
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id"))
    staff_name: Mapped[str | None] = mapped_column(String(100))
    taken_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LiveMessage(Base):
    """A message for the visitor's chat window: from staff, or a notice of the live chat."""

    __tablename__ = "live_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("live_chats.id"), index=True)
    conversation_id: Mapped[str] = mapped_column(String(128), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    author: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "author": self.author, "text": self.text,
                "buttons": self.buttons or [], "at": as_utc(self.created_at).isoformat()}


def _wording() -> dict[str, str]:
    return knowledge().handover.data["live_chat"]


def chat_name(account: StaffAccount) -> str:
    return account.display_name or _wording()["staff_default_name"]


def current_chat(session: Session, conversation_id: str) -> LiveChat | None:
    """The conversation's live chat that is waiting or active, if any."""
    return session.scalar(select(LiveChat).where(LiveChat.conversation_id == conversation_id,
                                                 LiveChat.status.in_((WAITING, ACTIVE)))
                          .order_by(LiveChat.id.desc()).limit(1))


def request_chat(session: Session, conversation_id: str, region: str | None, team: str | None,
                 summary: str, now: datetime | None = None) -> LiveChat:
    """Put the visitor in the queue (once: asking again keeps their place)."""
    chat = current_chat(session, conversation_id)
    if chat is None:
        chat = LiveChat(conversation_id=conversation_id, region=region, team=team, summary=summary,
                        status=WAITING, requested_at=now or utcnow())
        session.add(chat)
        session.flush()
    return chat


def queue_if_staffed(session: Session, conversation_id: str, region: str | None, team: str | None,
                     summary: str, now: datetime | None = None) -> LiveChat | None:
    """Queue the visitor while someone of the team takes live chats; None when nobody does."""
    if not staff_available(session, team, now):
        return None
    return request_chat(session, conversation_id, region, team, summary, now)


def open_chats(session: Session, team: str | None = None, scope: Scope = EVERYTHING) -> list[LiveChat]:
    """Waiting and active chats, the longest waiting first; a team sees its own and those
    whose region is unknown, and `scope` leaves out what the staff member may not see."""
    query = (select(LiveChat).where(LiveChat.status.in_((WAITING, ACTIVE)), scope.clause(LiveChat.team, team))
             .order_by(LiveChat.requested_at))
    return list(session.scalars(query))


def take_over(session: Session, chat: LiveChat, account: StaffAccount, now: datetime | None = None) -> bool:
    """The staff member takes the chat; False when someone else already has it."""
    if chat.status == ACTIVE and chat.staff_id == account.id:
        return True
    if chat.status != WAITING:
        return False
    now = now or utcnow()
    chat.status, chat.staff_id, chat.staff_name, chat.taken_at = ACTIVE, account.id, chat_name(account), now
    _notice(session, chat, _wording()["joined"].format(name=chat.staff_name), now)
    return True


def send(session: Session, chat: LiveChat, account: StaffAccount, text: str,
         now: datetime | None = None) -> LiveMessage | None:
    """A staff message for the visitor; None when the chat is not theirs or the text empty."""
    text = text.strip()[:MAX_MESSAGE_LENGTH]
    if chat.status != ACTIVE or chat.staff_id != account.id or not text:
        return None
    message = LiveMessage(chat_id=chat.id, conversation_id=chat.conversation_id, kind=STAFF,
                          author=chat.staff_name, text=text, created_at=now or utcnow())
    session.add(message)
    session.flush()
    return message


def hand_back(session: Session, chat: LiveChat, now: datetime | None = None) -> LiveMessage | None:
    """End the live chat; the assistant answers again."""
    if chat.status != ACTIVE:
        return None
    now = now or utcnow()
    chat.status, chat.ended_at = ENDED, now
    return _notice(session, chat, _wording()["handed_back"].format(name=chat.staff_name), now)


def last_notice(session: Session, chat: LiveChat) -> LiveMessage | None:
    """The chat's latest notice (after take_over: the join notice), so that the console can
    record the very text the visitor saw in Rasa's conversation too."""
    query = select(LiveMessage).where(LiveMessage.chat_id == chat.id, LiveMessage.kind == NOTICE)
    return session.scalar(query.order_by(LiveMessage.id.desc()).limit(1))


def messages_for_visitor(session: Session, conversation_id: str, after: int, wait: timedelta,
                         buttons: list[dict[str, str]], now: datetime | None = None) -> list[LiveMessage]:
    """The messages after `after` for the visitor's window. A chat that nobody took within
    `wait` ends here with a notice offering a call-back (`buttons`)."""
    now = now or utcnow()
    chat = current_chat(session, conversation_id)
    if chat is not None and chat.status == WAITING and as_utc(chat.requested_at) + wait <= now:
        chat.status, chat.ended_at = EXPIRED, now
        _notice(session, chat, _wording()["nobody_free"], now, buttons)
    return list(session.scalars(select(LiveMessage).where(LiveMessage.conversation_id == conversation_id,
                                                          LiveMessage.id > after)
                                .order_by(LiveMessage.id)))


def _notice(session: Session, chat: LiveChat, text: str, now: datetime,
            buttons: list[dict[str, str]] | None = None) -> LiveMessage:
    message = LiveMessage(chat_id=chat.id, conversation_id=chat.conversation_id, kind=NOTICE, text=text,
                          buttons=buttons or [], created_at=now)
    session.add(message)
    session.flush()
    return message
