"""The call-back form's steps on the conversation's contact draft (lotse.handover.drafts), each
in a transaction of its own: the form's slots keep only markers, the details live here."""

from __future__ import annotations

from lotse.db import session_scope
from lotse.handover import drafts
from lotse.handover.contact import ContactDetail


def start(conversation_id: str, consent_text: str) -> None:
    """A new draft with the consent wording the visitor is shown (kept with the case)."""
    with session_scope() as session:
        drafts.start_draft(session, conversation_id, consent_text)


def answer_consent(conversation_id: str, given: bool) -> bool:
    """Whether consent is now on record; without it the draft and anything in it go."""
    with session_scope() as session:
        if given and drafts.record_consent(session, conversation_id):
            return True
        drafts.discard_draft(session, conversation_id)
        return False


def record_contact(conversation_id: str, detail: ContactDetail) -> None:
    with session_scope() as session:
        drafts.record_contact(session, conversation_id, detail)


def record_name(conversation_id: str, name: str) -> None:
    with session_scope() as session:
        drafts.record_name(session, conversation_id, name)


def record_preferred_time(conversation_id: str, preferred: str | None) -> None:
    with session_scope() as session:
        drafts.record_preferred_time(session, conversation_id, preferred)
