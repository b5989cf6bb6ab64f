"""The tables of the figures: anonymous counters and how far the counting has got.

A counter row says "on this day, in this district, this many visits had this property". It
holds no conversation id (not even hashed), no text and no place below the district, so it
may be kept when the retention job deletes the conversations it was counted from.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from lotse.models import Base

# What a counter counts (`metric`); `value` says which one where there are several.
CONVERSATIONS = "conversations"  # visits with at least one visitor message
UNDERSTOOD_FIRST = "understood_first"  # ... whose first message was understood
MESSAGES = "messages"  # visitor messages
FALLBACKS = "fallbacks"  # ... answered with "Meinten Sie ...?" or "bitte anders sagen"
WITH_FALLBACK = "with_fallback"  # visits with at least one of those
HANDED_OVER = "handed_over"  # visits that reached a person (a case or a live chat)
HANDOVER_WAY = "handover_way"  # value: one of HANDOVER_WAYS
TOPIC = "topic"  # value: a topic name of knowledge/topics.yml, or OTHER_TOPIC
PROGRAMME = "programme"  # value: a programme key of knowledge/programmes.yml
METRICS = (CONVERSATIONS, UNDERSTOOD_FIRST, MESSAGES, FALLBACKS, WITH_FALLBACK, HANDED_OVER,
           HANDOVER_WAY, TOPIC, PROGRAMME)

PHONE_CASE, EMAIL_CASE, LIVE_CHAT = "phone", "email", "live_chat"
HANDOVER_WAYS = (PHONE_CASE, EMAIL_CASE, LIVE_CHAT)
# A topic the visitor wrote that knowledge/topics.yml does not know: never the words themselves.
OTHER_TOPIC = "other"


class ConversationFigure(Base):
    """One anonymous counter: day (German local date of the visit's first message), the
    Weiterbildungsagentur and district (None: not told or outside Sachsen-Anhalt), what was
    counted and how often."""

    __tablename__ = "conversation_figures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    region: Mapped[str | None] = mapped_column(String(32))
    district: Mapped[str | None] = mapped_column(String(64))
    metric: Mapped[str] = mapped_column(String(24))
    value: Mapped[str] = mapped_column(String(100), default="")
    count: Mapped[int] = mapped_column(Integer, default=0)


# The one progress mark so far: Rasa's conversations.
CONVERSATIONS_PROGRESS = "conversations"


class FiguresProgress(Base):
    """Up to which moment the visits of Rasa's store are counted: every visit whose last
    event lies before `counted_until` is in the counters, every later one is not."""

    __tablename__ = "figures_progress"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    counted_until: Mapped[datetime] = mapped_column(DateTime(timezone=True))
