"""The visitor's side of a handover, one function per step the actions take: each owns its
session, decides what a database error means for the visitor, and returns values ready for
the wording (actions/handover.py reads slots, calls one of these and utters).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from lotse.config import get_settings
from lotse.db import session_scope
from lotse.handover.cases import REQUEST, CaseContext, Routing, open_case_from_draft
from lotse.handover.drafts import discard_draft
from lotse.handover.live import queue_if_staffed
from lotse.handover.offer import HandoverOffer, handover_offer, team_of
from lotse.handover.summary import situation_summary, suggestions, transcript
from lotse.knowledge import knowledge
from lotse.offices import directory
from lotse.situation import Situation

logger = logging.getLogger(__name__)


def offer(region: str | None, web_chat: bool, now: datetime) -> HandoverOffer | None:
    """Hotline, call-back, e-mail and live chat as they stand now; None when the database
    cannot be asked (the visitor then gets the hotline and the e-mail address)."""
    try:
        with session_scope() as session:
            return handover_offer(session, region, web_chat, now)
    except SQLAlchemyError:
        logger.exception("could not decide the handover offer")
        return None


def queue_live_chat(conversation_id: str, situation: Situation, slots: Mapping[str, Any]) -> int | None:
    """The waiting live chat's id, or None when nobody of the region's team takes chats."""
    region = slots.get("region")
    summary = situation_summary(situation, slots)
    with session_scope() as session:
        chat = queue_if_staffed(session, conversation_id, region, team_of(region), summary)
        return chat.id if chat else None


def case_context(conversation_id: str, situation: Situation, slots: Mapping[str, Any],
                 events: Iterable[dict[str, Any]]) -> CaseContext:
    """What staff get with a case: the reason, the region's team, the confirmed answers, what
    the visitor was shown and the conversation, all without contact details."""
    region = slots.get("region")
    return CaseContext(
        reason=slots.get("handover_reason") or REQUEST, conversation_id=conversation_id,
        region=region, team=team_of(region), summary=situation_summary(situation, slots),
        suggestions=tuple(suggestions(
            situation, int(slots.get("programmes_shown") or 0), slots.get("program_key"),
            slots.get("course_numbers") or [])),
        transcript=tuple(transcript(events)))


@dataclass(frozen=True)
class OpenedCase:
    """A case as the visitor is told about it."""

    reference: str
    by_phone: bool
    team_name: str
    phone_ending: str
    preferred_time: str


def open_case(context: CaseContext) -> OpenedCase | None:
    """The consented call-back or e-mail answer as a case with a reference number; None when
    there is no complete draft or the database failed (the visitor is told to call or write)."""
    try:
        with session_scope() as session:
            case = open_case_from_draft(session, context, Routing.from_settings(get_settings()))
            if case is None:
                return None
            reference, channel, phone = case.reference, case.channel, case.contact_phone or ""
            preferred, team = case.preferred_time, case.team
    except SQLAlchemyError:
        logger.exception("could not open a case")
        return None
    return OpenedCase(
        reference=reference, by_phone=channel == "phone",
        team_name=directory().office(team).name if team else knowledge().agency.data["name"],
        phone_ending="".join(ch for ch in phone if ch.isdigit())[-3:],
        preferred_time=preferred or knowledge().labels.data["unknown"])


def forget_draft(conversation_id: str) -> None:
    """The request ended before a case: consent and contact details go."""
    with session_scope() as session:
        discard_draft(session, conversation_id)
