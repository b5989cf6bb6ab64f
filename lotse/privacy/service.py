"""The visitor's erasure requests, one function per use, each in a transaction of its own:
"Verlauf löschen" in the widget (web/relay.py), "Löschen Sie meine Daten" in the chat and an
earlier case by its reference (actions/privacy.py).

Error policy: a database error is not caught: the transaction is rolled back, nothing is half
deleted, and the error reaches the caller (the web server answers 500, Rasa the action's error).
"""

from __future__ import annotations

from enum import Enum

from lotse.db import Database, session_scope
from lotse.privacy.erasure import erase_case, erase_conversation, forget_conversation
from lotse.privacy.erasure_limit import may_try, record_failure


def clear_widget_history(bind: Database | None, conversation_id: str) -> None:
    """"Verlauf löschen": the conversation, its unfinished contact details and live chat go; a
    case opened from it stays (the caller checks the conversation's token)."""
    with session_scope(bind) as session:
        forget_conversation(session, conversation_id)


def erase_visitor_data(conversation_id: str) -> list[str]:
    """"Löschen Sie meine Daten": this conversation's cases and contact details now, its messages
    shortly; the references of the cases that went (the visitor is told them)."""
    with session_scope() as session:
        return list(erase_conversation(session, conversation_id).cases)


class CaseErasure(Enum):
    ERASED = "erased"
    MISMATCH = "mismatch"  # reference and contact detail do not belong together
    LIMITED = "limited"  # too many failed tries today from this visitor, in any conversation


def erase_case_by_reference(visitor: str, conversation_id: str, reference: str,
                            contact_text: str) -> CaseErasure:
    """An earlier case, when its reference and the contact detail given for it fit together;
    then this conversation goes too. A mismatch counts against the visitor's tries."""
    with session_scope() as session:
        if not may_try(session, visitor):
            return CaseErasure.LIMITED
        if erase_case(session, reference, contact_text):
            erase_conversation(session, conversation_id)
            return CaseErasure.ERASED
        record_failure(session, visitor)
        return CaseErasure.MISMATCH
