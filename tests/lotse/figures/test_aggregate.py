"""Counting finished conversations from Rasa's store into anonymous counters (lotse.figures),
on SQLite and PostgreSQL: what is counted, that nothing personal is stored, and that every
visit is counted exactly once however often the job runs."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine, select

from lotse.db import session_scope
from lotse.figures.models import ConversationFigure, FiguresProgress
from tests.lotse.figures.conftest import NOW, PERSONAL, SENDERS, count, counters, hello_conversation
from tests.lotse.figures.rasa_events import Conversation, create_events_table

SUED, NORD = ("wba_sued", "saalekreis"), ("wba_nord", "magdeburg")


def test_finished_conversations_are_counted_by_region_and_district(tracker: Engine):
    assert count(tracker) == 3  # Maria, Nord and the greeting; not the empty one nor the one going on
    figures = counters(tracker)
    assert figures[(*SUED, "conversations", "")] == 1
    assert figures[(*SUED, "understood_first", "")] == 1
    assert figures[(*SUED, "messages", "")] == 4
    assert figures[(*SUED, "fallbacks", "")] == 1
    assert figures[(*SUED, "with_fallback", "")] == 1
    assert figures[(*SUED, "handed_over", "")] == 1
    assert figures[(*SUED, "handover_way", "phone")] == 1
    assert figures[(*SUED, "topic", "Pflegefachmann")] == 1  # "Altenpflege" is a synonym of it
    assert figures[(*SUED, "programme", "bildungsgutschein")] == 1

    assert figures[(*NORD, "conversations", "")] == 1
    assert (*NORD, "understood_first", "") not in figures  # "Meinten Sie ...?" at the first message
    assert figures[(*NORD, "fallbacks", "")] == 2
    assert figures[(*NORD, "handover_way", "live_chat")] == 1
    assert figures[(*NORD, "topic", "Gabelstapler")] == 1

    assert figures[(None, None, "conversations", "")] == 1  # the greeting: no place told
    assert figures[(None, None, "understood_first", "")] == 1
    assert sum(n for (_, _, metric, _), n in figures.items() if metric == "conversations") == 3


def test_the_counters_hold_no_text_contact_detail_town_or_conversation_id(tracker: Engine):
    count(tracker)
    with session_scope(tracker) as session:
        stored = [(row.day, row.region, row.district, row.metric, row.value, row.count)
                  for row in session.scalars(select(ConversationFigure))]
        stored.append(tuple(vars(session.get(FiguresProgress, "conversations")).values()))
    dump = repr(stored)
    for secret in (*PERSONAL, *SENDERS, "Magdeburg", "ksdjf"):
        assert secret not in dump
    assert {column.name for column in ConversationFigure.__table__.columns} == {
        "id", "day", "region", "district", "metric", "value", "count"}


def test_a_second_run_adds_nothing_and_a_visit_is_counted_once_it_is_over(tracker: Engine):
    count(tracker)
    before = counters(tracker)
    assert count(tracker) == 0
    assert count(tracker, NOW + timedelta(minutes=5)) == 0  # the last greeting is not over yet
    assert counters(tracker) == before
    assert count(tracker, NOW + timedelta(minutes=30)) == 1  # now it is
    after = counters(tracker)
    assert after[(None, None, "conversations", "")] == before[(None, None, "conversations", "")] + 1
    assert count(tracker, NOW + timedelta(hours=2)) == 0
    assert counters(tracker) == after


def test_a_visitor_who_comes_back_is_a_new_visit_and_carried_slots_count_nothing(tracker: Engine):
    talk = Conversation("wiederkommer", NOW - timedelta(hours=6))
    talk.user("Excel lernen in Halle", "search_course")
    talk.action("action_understand").slot("topic", "Excel").slot("region", "halle")
    talk.reply("action_search_courses", "Ich habe 3 Angebote gefunden.", "utter_courses_found").store(tracker)
    count(tracker)
    first = counters(tracker)
    assert first[("wba_sued", "halle", "topic", "Excel")] == 1

    talk.pause(60 * 8).session_start(carried={"topic": "Excel", "region": "halle"})  # back the next day
    talk.user("Danke!", "thank").reply("action_understand", "Gern geschehen.", "utter_thank").store(tracker)
    count(tracker, NOW + timedelta(hours=10))
    second = counters(tracker)
    assert second[("wba_sued", "halle", "conversations", "")] == 2  # two visits, each counted once
    assert second[("wba_sued", "halle", "topic", "Excel")] == 1  # the carried topic is not asked again
    assert second[("wba_sued", "halle", "messages", "")] == 2


def test_a_visit_counts_on_the_german_day_of_its_first_message(db_engine: Engine):
    create_events_table(db_engine)
    # 23:30 UTC on 30 November is 00:30 on 1 December in Sachsen-Anhalt.
    hello_conversation(NOW.replace(day=30, month=11, hour=23, minute=30), "spaet").store(db_engine)
    count(db_engine, NOW + timedelta(days=1))
    with session_scope(db_engine) as session:
        assert set(session.scalars(select(ConversationFigure.day))) == {date(2026, 12, 1)}


def test_without_rasas_table_nothing_is_counted_and_the_mark_still_moves(db_engine: Engine):
    assert count(db_engine) == 0
    with session_scope(db_engine) as session:
        progress = session.get(FiguresProgress, "conversations")
        until = progress.counted_until.replace(tzinfo=None)
        assert until == (NOW - timedelta(minutes=30)).replace(tzinfo=None)
