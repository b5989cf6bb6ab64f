"""A visitor's right to erasure: their conversation, contact details and case.

From the conversation itself everything of it is deleted at once. A case opened in an
earlier conversation is deleted by its reference number together with the phone number or
e-mail address given for it, so that nobody deletes someone else's case by guessing numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from lotse.clock import utcnow
from lotse.handover.cases import find_case
from lotse.handover.contact import ContactDetail, read_contact
from lotse.handover.drafts import discard_draft
from lotse.handover.live import LiveChat, LiveMessage
from lotse.handover.models import HandoverCase
from lotse.privacy.conversations import delete_conversations
from lotse.privacy.models import DeletionRequest

# Rasa finishes the turn in which the visitor asked before its conversation is deleted.
DELETION_DELAY = timedelta(seconds=10)


@dataclass(frozen=True)
class Erased:
    cases: tuple[str, ...] = ()


def forget_conversation(session: Session, conversation_id: str, now: datetime | None = None) -> None:
    """"Verlauf löschen" in the widget: the conversation, its unfinished contact details and
    live chat go; a case opened from it stays (it has its own copy, and the visitor was told)."""
    now = now or utcnow()
    discard_draft(session, conversation_id)
    session.execute(delete(LiveMessage).where(LiveMessage.conversation_id == conversation_id))
    session.execute(delete(LiveChat).where(LiveChat.conversation_id == conversation_id))
    session.add(DeletionRequest(conversation_id=conversation_id, due_at=now + DELETION_DELAY, created_at=now))


def erase_conversation(session: Session, conversation_id: str, now: datetime | None = None) -> Erased:
    """Delete the conversation's cases, draft and live chat now; its stored events shortly."""
    cases = list(session.scalars(select(HandoverCase).where(HandoverCase.conversation_id == conversation_id)))
    references = tuple(case.reference for case in cases)
    for case in cases:
        session.delete(case)
    forget_conversation(session, conversation_id, now)
    return Erased(references)


def contact_matches(case: HandoverCase, given: ContactDetail) -> bool:
    if given.channel == "phone":
        return case.contact_phone == given.value
    return (case.contact_email or "").casefold() == given.value.casefold()


def erase_case(session: Session, reference: str, contact_text: str, now: datetime | None = None) -> bool:
    """Delete the case and its conversation if the contact detail is the one given for it."""
    case = find_case(session, reference)
    given = read_contact(contact_text)
    if case is None or not isinstance(given, ContactDetail) or not contact_matches(case, given):
        return False
    if case.conversation_id:
        erase_conversation(session, case.conversation_id, now)
    else:
        session.delete(case)
    return True


def run_due_deletions(session: Session, tracker: Engine, now: datetime | None = None) -> int:
    """Carry out the erasure requests that are due; returns how many conversations."""
    now = now or utcnow()
    due = list(session.scalars(select(DeletionRequest).where(DeletionRequest.due_at <= now)))
    if not due:
        return 0
    delete_conversations(tracker, sorted({request.conversation_id for request in due}))
    for request in due:
        session.delete(request)
    return len({request.conversation_id for request in due})
