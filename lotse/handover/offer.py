"""What the assistant offers when a person is needed: the hotline while it is (or may be)
staffed, always a call-back or an e-mail answer, and the live chat while staff take chats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from lotse.agency import contact
from lotse.clock import utcnow
from lotse.config import Settings
from lotse.hotline import HotlineStatus, hotline_status
from lotse.knowledge import knowledge
from lotse.offices import directory
from lotse.staff.presence import staff_available


@dataclass(frozen=True)
class HandoverOffer:
    hotline: HotlineStatus
    hotline_note: str
    live_chat: bool

    @property
    def hotline_may_be_staffed(self) -> bool:
        return self.hotline.staffed is not False


def team_of(region: str | None) -> str | None:
    """The Weiterbildungsagentur (offices.yml key) responsible for a district."""
    office = directory().for_district(region, "wba") if region else None
    return office.key if office else None


def hotline_note(status: HotlineStatus) -> str:
    wording = knowledge().handover.data["hotline_status"]
    opens = status.opens.strftime("%H:%M").lstrip("0") if status.opens else ""
    return wording[status.reason].format(maybe="" if status.confirmed else wording["maybe"],
                                         holiday=status.holiday or "", opens=opens)


def handover_offer(session: Session, region: str | None, web_chat: bool,
                   now: datetime | None = None) -> HandoverOffer:
    now = now or utcnow()
    status = hotline_status(now)
    live = web_chat and staff_available(session, team_of(region), now)
    return HandoverOffer(status, hotline_note(status), live)


def consent_text(channel: str, settings: Settings) -> str:
    """The consent question for a call-back ("phone") or an e-mail answer ("email")."""
    consent = knowledge().handover.data["consent"]
    return " ".join(consent["text"].split()).format(
        way=consent["ways"][channel], retention_days=settings.case_retention_days,
        max_days=settings.open_case_retention_days, email=contact()["email"])
