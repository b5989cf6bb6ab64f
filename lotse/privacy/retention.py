"""Retention: what is deleted when (`python -m lotse.cli purge`, and the worker hourly).

Periods are configuration (CASE_RETENTION_DAYS, OPEN_CASE_RETENTION_DAYS,
CONVERSATION_RETENTION_DAYS), to be set by the agency with its data protection officer.
The anonymous intake figures hold no personal data and are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, or_, select
from sqlalchemy.orm import Session

from lotse.clock import utcnow
from lotse.config import Settings
from lotse.handover.live import LiveChat, LiveMessage
from lotse.handover.models import ContactDraft, HandoverCase
from lotse.privacy.conversations import delete_idle_conversations
from lotse.privacy.erasure import run_due_deletions
from lotse.staff.sessions import purge_sessions

# A call-back the visitor never finished: its consent and contact details go after a day.
DRAFT_LIFETIME = timedelta(days=1)


@dataclass(frozen=True)
class RetentionPolicy:
    case_days: int = 90
    open_case_days: int = 365
    conversation_days: int = 30

    @classmethod
    def from_settings(cls, settings: Settings) -> RetentionPolicy:
        return cls(settings.case_retention_days, settings.open_case_retention_days,
                   settings.conversation_retention_days)


@dataclass(frozen=True)
class PurgeReport:
    cases: int
    drafts: int
    live_chats: int
    conversations: int
    erased_conversations: int
    sessions: int

    def text(self) -> str:
        return (f"Gelöscht: {self.cases} Fälle, {self.drafts} unvollständige Kontaktangaben, "
                f"{self.live_chats} Live-Chats, {self.conversations} Gespräche nach Ablauf der Frist, "
                f"{self.erased_conversations} Gespräche auf Wunsch, {self.sessions} abgelaufene Anmeldungen.")


def purge(session: Session, tracker: Engine, policy: RetentionPolicy,
          now: datetime | None = None) -> PurgeReport:
    now = now or utcnow()
    expired_cases = list(session.scalars(select(HandoverCase).where(or_(
        HandoverCase.closed_at < now - timedelta(days=policy.case_days),
        HandoverCase.created_at < now - timedelta(days=policy.open_case_days)))))
    for case in expired_cases:
        session.delete(case)
    drafts = session.execute(
        delete(ContactDraft).where(ContactDraft.created_at < now - DRAFT_LIFETIME)).rowcount
    conversation_cutoff = now - timedelta(days=policy.conversation_days)
    old_chats = select(LiveChat.id).where(LiveChat.requested_at < conversation_cutoff)
    session.execute(delete(LiveMessage).where(LiveMessage.chat_id.in_(old_chats)))
    chats = session.execute(delete(LiveChat).where(LiveChat.requested_at < conversation_cutoff)).rowcount
    erased = run_due_deletions(session, tracker, now)
    conversations = delete_idle_conversations(tracker, conversation_cutoff)
    return PurgeReport(len(expired_cases), drafts or 0, chats or 0, conversations, erased,
                       purge_sessions(session, now))
