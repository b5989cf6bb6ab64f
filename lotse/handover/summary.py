"""What staff read first in a case: the visitor's situation, what the assistant suggested,
and the conversation, so that nobody asks the visitor again."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import Any

from lotse.advice import cards
from lotse.catalog.service import shown_courses
from lotse.fact_questions import question_for
from lotse.funding import advise
from lotse.programmes import catalogue
from lotse.redaction import redact_events, redact_text
from lotse.situation import Situation, summary_lines, told_facts

VISITOR, ASSISTANT, STAFF = "visitor", "assistant", "staff"
# The metadata key that marks a bot event as written by a person (lotse.handover.live_service
# writes it with the staff member's chat name).
STAFF_MARK = "staff"


def situation_summary(situation: Situation, slots: Mapping[str, Any]) -> str:
    """The confirmed answers, then the advisor's follow-up facts, one per line; without
    contact details (a slot of this turn may still hold what the visitor typed)."""
    return redact_text(_situation_lines(situation, slots))


def _situation_lines(situation: Situation, slots: Mapping[str, Any]) -> str:
    if not slots.get("situation_confirmed"):
        return "Die Angaben zur Situation wurden nicht bestätigt; siehe Gesprächsverlauf."
    lines = summary_lines(situation.kind, slots)
    told = told_facts(slots)
    for fact, value in situation.extra_facts.items():
        if fact in told:
            continue
        question = question_for(fact)
        if question is not None and value is not None:
            lines.append(f"{question.label}: {question.answer_text(value)}")
    return "\n".join(lines)


def suggestions(situation: Situation, programmes_shown: int, explained: str | None,
                course_ids: Iterable[int]) -> list[str]:
    """The programmes and courses the visitor was shown, as lines for staff."""
    lines = []
    if programmes_shown:
        shown = cards(advise(situation.facts(), catalogue()), situation.district_key)[:programmes_shown]
        lines += [f"Förderung: {card.name} ({'passt' if card.fits else 'kommt in Frage'})" for card in shown]
    programme = catalogue().programmes.get(explained or "")
    if programme is not None and not any(programme.name in line for line in lines):
        lines.append(f"Förderung erklärt: {programme.name}")
    ids = list(course_ids)
    for course in shown_courses(ids) if ids else []:
        lines.append(f"Kurs: {course.title}, {course.provider.name} ({course.town or 'online'}), "
                     f"Katalog-Nr. {course.id}")
    return lines


def transcript(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The messages of the current session without contact details, whoever wrote them (the
    visitor, the assistant, staff); a button the visitor pressed shows as its title. What
    staff see of a conversation (case, live chat) and what a case keeps come from here."""
    events = list(events)
    starts = [i for i, e in enumerate(events) if e.get("event") == "session_started"]
    session = redact_events(events[starts[-1]:] if starts else events)
    lines: list[dict[str, Any]] = []
    buttons: dict[str, str] = {}
    for event in session:
        kind, text = event.get("event"), (event.get("text") or "").strip()
        if kind == "bot":
            text = text or card_text(event.get("data") or {})
            offered = (event.get("data") or {}).get("buttons") or []
            buttons = {b.get("payload"): b.get("title") for b in offered}
            who = STAFF if (event.get("metadata") or {}).get(STAFF_MARK) else ASSISTANT
        elif kind == "user":
            who = VISITOR
            if text.startswith("/"):
                text = f"[{buttons[text]}]" if text in buttons else ""
        else:
            continue
        if text:
            lines.append({"who": who, "text": text, "at": _iso(event.get("timestamp"))})
    return lines


def card_text(data: dict[str, Any]) -> str:
    """The text form of a card the widget was sent (actions/cards.py), for those who read text."""
    custom = data.get("custom")
    payload = custom.get("data") if isinstance(custom, dict) else None
    text = payload.get("text") if isinstance(payload, dict) else None
    return text.strip() if isinstance(text, str) else ""


def _iso(timestamp: float | None) -> str | None:
    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat() if timestamp else None
