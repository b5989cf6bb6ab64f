"""The consent and contact details of a call-back while the form still asks for them.

Kept in the assistant's database, keyed by the conversation, so that Rasa's slots (and
with them its tracker store) only ever hold markers such as "on_file".
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import delete
from sqlalchemy.orm import Session

from lotse.handover.contact import ContactDetail
from lotse.handover.models import EMAIL_ANSWER, PHONE, ContactDraft


def start_draft(session: Session, conversation_id: str, consent_text: str,
                now: datetime | None = None) -> ContactDraft:
    """A fresh draft for a new request; what an earlier, unfinished one held is dropped."""
    discard_draft(session, conversation_id)
    draft = ContactDraft(conversation_id=conversation_id, consent_text=consent_text,
                         created_at=now or datetime.now(timezone.utc))
    session.add(draft)
    session.flush()
    return draft


def draft_of(session: Session, conversation_id: str) -> ContactDraft | None:
    return session.get(ContactDraft, conversation_id)


def record_consent(session: Session, conversation_id: str, now: datetime | None = None) -> bool:
    """Note that the visitor agreed to the text they were shown; False if none was shown."""
    draft = draft_of(session, conversation_id)
    if draft is None or not draft.consent_text:
        return False
    draft.consent_at = now or datetime.now(timezone.utc)
    return True


def _consented(session: Session, conversation_id: str) -> ContactDraft | None:
    """The draft, if the visitor agreed: no detail is kept without consent."""
    draft = draft_of(session, conversation_id)
    return draft if draft is not None and draft.consent_at is not None else None


def record_contact(session: Session, conversation_id: str, detail: ContactDetail) -> bool:
    draft = _consented(session, conversation_id)
    if draft is not None:
        draft.phone = detail.value if detail.channel == PHONE else None
        draft.email = detail.value if detail.channel == EMAIL_ANSWER else None
    return draft is not None


def record_name(session: Session, conversation_id: str, name: str | None) -> bool:
    draft = _consented(session, conversation_id)
    if draft is not None:
        draft.name = name
    return draft is not None


def record_preferred_time(session: Session, conversation_id: str, preferred: str | None) -> bool:
    draft = _consented(session, conversation_id)
    if draft is not None:
        draft.preferred_time = preferred
    return draft is not None


def discard_draft(session: Session, conversation_id: str) -> None:
    session.execute(delete(ContactDraft).where(ContactDraft.conversation_id == conversation_id))
