"""Conversations of several visitors in a Rasa-shaped store on each database kind, one of them
full of personal data that must never reach the figures."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, func, select

from lotse.db import session_scope
from lotse.figures.aggregate import count_new_visits
from lotse.figures.models import ConversationFigure
from tests.lotse.figures.rasa_events import Conversation, create_events_table

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
IDLE = timedelta(minutes=30)
NAME, PHONE, EMAIL, TOWN = "Maria Schulze", "0345 1234567", "maria.schulze@example.de", "Landsberg"
REFERENCE = "WBA-2026-K7M3QX"
FIRST_MESSAGE = f"Hallo, ich bin {NAME} aus {TOWN}, Tel {PHONE}, {EMAIL} – ich will Altenpflege lernen"
PERSONAL = (NAME, "Maria", "Schulze", PHONE, "1234567", EMAIL, TOWN, REFERENCE, "Altenpflege in Landsberg",
            "asdf qwer", "Gabelstaplerkurs")
SENDERS = ("maria-3f9c2a7e", "nord-77b1", "hallo-0c3d", "nur-offen-9a9a", "noch-aktiv-5e5e")


def marias_conversation(start: datetime) -> Conversation:
    """Saalekreis (Weiterbildungsagentur Süd): understood at once, a programme, one "Meinten
    Sie ...?", then a call-back with her number."""
    talk = Conversation(SENDERS[0], start).user(FIRST_MESSAGE, "request_guidance").action("action_understand")
    talk.slot("topic", "Altenpflege in Landsberg").slot("location", TOWN).slot("region", "saalekreis")
    talk.reply("action_start_intake", f"Gut, {NAME}: Sie möchten Altenpflege lernen.",
               "utter_intake_intro_person")
    talk.user("Was ist der Bildungsgutschein?", "ask_program")
    talk.reply("action_program_info", "Der Bildungsgutschein ...", "utter_programme_info",
               program_key="bildungsgutschein")
    talk.user("asdf qwer Schulze", "nlu_fallback").action("action_understand")
    talk.action("action_two_stage_fallback")
    talk.bot("Meinten Sie ...?", "utter_did_you_mean").action("action_listen")
    talk.user(f"Rückruf bitte unter {PHONE}", "request_human").action("callback_form")
    talk.slot("contact_channel", "phone").slot("contact_detail", "on_file").action("action_open_case")
    for slot in ("contact_channel", "handover_consent", "contact_detail"):
        talk.slot(slot, None)
    talk.slot("case_reference", REFERENCE)
    talk.bot(f"Ihr Fall {REFERENCE}: Wir rufen Sie unter ...567 an.", "utter_case_opened_phone")
    return talk.action("action_listen")


def nord_conversation(start: datetime) -> Conversation:
    """Magdeburg (Nord): not understood twice at first, then a course topic and the live chat."""
    talk = Conversation(SENDERS[1], start).user("ksdjf", "nlu_fallback").action("action_understand")
    talk.action("action_two_stage_fallback").bot("Meinten Sie ...?", "utter_did_you_mean")
    talk.action("action_listen")
    talk.user("/out_of_scope", "out_of_scope").action("action_two_stage_fallback")
    talk.bot("Bitte sagen Sie es anders.", "utter_ask_rephrase").action("action_listen")
    talk.user("Ich suche einen Gabelstaplerkurs in Magdeburg", "search_course").action("action_understand")
    talk.slot("topic", "Gabelstapler").slot("location", "Magdeburg").slot("region", "magdeburg")
    talk.reply("action_search_courses", "Ich habe 12 Angebote gefunden.", "utter_courses_found")
    talk.user("Kann ich mit einem Menschen schreiben?", "request_human").action("action_request_live_chat")
    talk.bot("Einen Moment bitte.", "utter_live_chat_waiting")
    talk.bot(None, custom={"data": {"live_chat": {"status": "waiting", "chat": 7}}})
    return talk.slot("handover_reason", "request").action("action_listen")


def hello_conversation(start: datetime, sender: str = SENDERS[2]) -> Conversation:
    """No place told: a greeting only."""
    return Conversation(sender, start).user("Hallo", "greet").reply("action_understand", "Guten Tag!",
                                                                    "utter_greet")


def store_conversations(engine: Engine) -> None:
    create_events_table(engine)
    marias_conversation(NOW - timedelta(hours=3)).store(engine)
    nord_conversation(NOW - timedelta(hours=2)).store(engine)
    hello_conversation(NOW - timedelta(hours=2)).store(engine)
    Conversation(SENDERS[3], NOW - timedelta(hours=2)).store(engine)  # the widget opened, nothing said
    hello_conversation(NOW - timedelta(minutes=20), SENDERS[4]).store(engine)  # not over yet


@pytest.fixture
def tracker(db_engine: Engine) -> Engine:
    """The application's database with Rasa's table beside it (as in a PostgreSQL set-up)."""
    store_conversations(db_engine)
    return db_engine


def count(engine: Engine, now: datetime = NOW) -> int:
    with session_scope(engine) as session:
        return count_new_visits(session, engine, IDLE, now)


def counters(engine: Engine) -> Counter[tuple[str | None, str | None, str, str]]:
    """(region, district, metric, value) → sum over the days."""
    with session_scope(engine) as session:
        rows = session.execute(
            select(ConversationFigure.region, ConversationFigure.district, ConversationFigure.metric,
                   ConversationFigure.value, func.sum(ConversationFigure.count))
            .group_by(ConversationFigure.region, ConversationFigure.district, ConversationFigure.metric,
                      ConversationFigure.value))
        return Counter({(region, district, metric, value): int(number)
                        for region, district, metric, value, number in rows})
