"""The conversation review in the staff console, one transaction per use case: the list of
stored conversations, one conversation, a correction that becomes a training example, and
the corrections no trained model contains yet. Also the two rules the pages go by: which
conversations a reviewer may read (their scope, by the conversation's region and its team),
and the intents a correction may choose, with their German labels.

Error policy: a conversation that is gone, being erased or of another region is a 404 with
one message (nothing tells which); a correction that would harm the training is refused with
its reason (400), and nothing of it is recorded. A database error is not caught: the
transaction is rolled back and the error reaches the web server, which answers 500 as it
always did.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from lotse.clock import LOCAL_TIME
from lotse.config import Settings
from lotse.db import Database, session_scope
from lotse.handover.offer import team_of
from lotse.knowledge import knowledge
from lotse.privacy.conversations import tracker_engine
from lotse.review.corrections import OUT_OF_SCOPE, CorrectionRefused, Mark, Project, correct, not_yet_trained
from lotse.review.listing import Reviewer, ReviewFilter, find, review_list
from lotse.review.model_file import trained_at
from lotse.review.transcript import ReviewedConversation
from lotse.staff.console import Refusal
from lotse.staff.permissions import Scope, scope_of
from lotse.staff.service import Staff

logger = logging.getLogger(__name__)

NOT_FOUND = "Dieses Gespräch gibt es nicht (mehr): Es wurde gelöscht, oder es gehört zu einer anderen Region."
# The choice for a message that is about nothing the assistant offers.
OUT_OF_SCOPE_LABEL = "außerhalb des Themas"


@dataclass(frozen=True)
class ReviewListing:
    scope: Scope
    conversations: list[ReviewedConversation]  # newest first, all of them (the page shows a part)
    intents: list[tuple[str, str]]  # the filter's choice: intent_choices


@dataclass(frozen=True)
class ConversationReview:
    scope: Scope
    conversation: ReviewedConversation
    intents: list[tuple[str, str]]  # what a correction may choose: intent_choices
    entities: list[str]  # what a correction may mark


@dataclass(frozen=True)
class CorrectionForm:
    """What staff sent to correct a visitor message: the message's number in the conversation,
    the sentence to learn, its intent and the marked entities."""

    handle: str
    number: str
    sentence: str
    intent: str
    marks: list[Mark]


@dataclass(frozen=True)
class PendingCorrection:
    text: str
    intent: str
    origin_day: date
    corrected_by: str
    corrected_at: datetime


@dataclass(frozen=True)
class PendingCorrections:
    scope: Scope
    trained: datetime | None  # when the running model was trained (None: no readable model)
    corrections: list[PendingCorrection]  # newest first


def project_of(settings: Settings) -> Project:
    return Project(settings.project_dir, settings.review_file)


def intent_choices(project: Project) -> list[tuple[str, str]]:
    """(intent, German label) for the correction's choice, "außerhalb des Themas" last."""
    labels = knowledge().intent_labels.data
    choices = [(i, f"{labels.get(i, i)} ({i})") for i in sorted(project.intents()) if i != OUT_OF_SCOPE]
    return [*choices, (OUT_OF_SCOPE, f"{OUT_OF_SCOPE_LABEL} ({OUT_OF_SCOPE})")]


def reviewer_for(scope: Scope, settings: Settings) -> Reviewer:
    """A reviewer reads the conversations whose region belongs to a team their scope permits
    (a conversation without region: everybody's)."""
    return Reviewer(settings.conversation_signing_key, settings.review_confidence_threshold,
                    lambda region: scope.permits(team_of(region)))


def review_listing(bind: Database | None, staff: Staff, settings: Settings,
                   wanted: ReviewFilter) -> ReviewListing:
    """The stored conversations the filter keeps and the staff member may read."""
    with session_scope(bind) as session:
        scope = scope_of(session, staff.account_id)
        found = review_list(tracker_engine(settings.tracker_db_url), session, wanted,
                            reviewer_for(scope, settings))
    return ReviewListing(scope, found, intent_choices(project_of(settings)))


def review_conversation(bind: Database | None, staff: Staff, settings: Settings,
                        handle: str) -> ConversationReview | Refusal:
    """One conversation by its handle, with what a correction of it may choose."""
    with session_scope(bind) as session:
        scope = scope_of(session, staff.account_id)
        conversation = find(tracker_engine(settings.tracker_db_url), session, handle,
                            reviewer_for(scope, settings))
    if conversation is None:
        return Refusal(404, NOT_FOUND)
    project = project_of(settings)
    return ConversationReview(scope, conversation, intent_choices(project), project.entities())


def record_correction(bind: Database | None, staff: Staff, settings: Settings,
                      sent: CorrectionForm) -> Refusal | None:
    """Correct a visitor message of the conversation: into the review file and recorded with
    the staff member's name. None when done; else the refusal (404: no such message to read;
    400: the correction refused, with the reason)."""
    try:
        with session_scope(bind) as session:
            reviewer = reviewer_for(scope_of(session, staff.account_id), settings)
            conversation = find(tracker_engine(settings.tracker_db_url), session, sent.handle, reviewer)
            number = int(sent.number) if sent.number.isdigit() else None
            turn = conversation.visitor_message(number) if conversation and number is not None else None
            if turn is None or turn.at is None:
                return Refusal(404, NOT_FOUND)
            day = turn.at.astimezone(LOCAL_TIME).date()
            correction = correct(session, project_of(settings), sent.sentence, sent.intent, sent.marks, day,
                                 staff.display_name)
            logger.info("review correction %s by %s: intent %s", correction.id, staff.username,
                        correction.intent)
    except CorrectionRefused as refused:  # the transaction is rolled back: nothing recorded
        return Refusal(400, str(refused))
    return None


def pending_corrections(bind: Database | None, staff: Staff, settings: Settings) -> PendingCorrections:
    """The corrections made after the running model (settings.model_path) was trained."""
    trained = trained_at(settings.model_path)
    with session_scope(bind) as session:
        scope = scope_of(session, staff.account_id)
        pending = [PendingCorrection(c.text, c.intent, c.origin_day, c.corrected_by, c.corrected_at)
                   for c in not_yet_trained(session, trained)]
    return PendingCorrections(scope, trained, pending)
