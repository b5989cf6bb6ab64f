"""The review's list of conversations, newest first, and one conversation by its handle."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session

from lotse.clock import LOCAL_TIME, today
from lotse.review.events import EVENTS, conversations, erased_ids
from lotse.review.transcript import ReviewedConversation, handle_of, reviewed

PAGE_SIZE = 50
# Without a date chosen the list shows the last two weeks (reading every stored conversation
# would take long once there are many).
DEFAULT_DAYS = 14


@dataclass(frozen=True)
class ReviewFilter:
    """What staff narrowed the list to; every field empty shows everything."""

    since: date | None = None
    until: date | None = None
    misunderstood: bool = False
    handed_over: bool = False
    region: str | None = None
    intent: str | None = None

    def keeps(self, conversation: ReviewedConversation) -> bool:
        return ((not self.misunderstood or conversation.misunderstood)
                and (not self.handed_over or conversation.handover is not None)
                and (not self.region or conversation.region == self.region)
                and (not self.intent or self.intent in conversation.intents))


@dataclass(frozen=True)
class Reviewer:
    """Who reads: the key of the handles, the confidence threshold, and which conversations
    their scope permits (by the conversation's region)."""

    key: str
    threshold: float
    permits: Callable[[str | None], bool]


def _day_start(day: date) -> datetime:
    """Midnight of a German day."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_TIME)


def default_since() -> date:
    return today() - timedelta(days=DEFAULT_DAYS - 1)


def review_list(engine: Engine, session: Session, wanted: ReviewFilter,
                reviewer: Reviewer) -> list[ReviewedConversation]:
    """The conversations the filter keeps and the reviewer may see, newest first."""
    since = _day_start(wanted.since) if wanted.since else None
    until = _day_start(wanted.until + timedelta(days=1)) if wanted.until else None
    erased = erased_ids(session)
    found = []
    for conversation_id, events in conversations(engine, since, until).items():
        if conversation_id in erased:
            continue
        conversation = reviewed(conversation_id, events, reviewer.key, reviewer.threshold)
        if conversation and wanted.keeps(conversation) and reviewer.permits(conversation.region):
            found.append(conversation)
    return sorted(found, key=lambda c: c.last, reverse=True)


def find(engine: Engine, session: Session, handle: str, reviewer: Reviewer) -> ReviewedConversation | None:
    """The conversation behind a handle, if it exists, is not being erased and is permitted."""
    if not inspect(engine).has_table("events"):
        return None
    with engine.connect() as connection:
        senders = connection.scalars(select(EVENTS.c.sender_id).distinct())
        conversation_id = next((s for s in senders if handle_of(s, reviewer.key) == handle), None)
    if conversation_id is None or conversation_id in erased_ids(session):
        return None
    events = conversations(engine, only={conversation_id}).get(conversation_id, [])
    conversation = reviewed(conversation_id, events, reviewer.key, reviewer.threshold)
    if conversation is None or not reviewer.permits(conversation.region):
        return None
    return conversation
