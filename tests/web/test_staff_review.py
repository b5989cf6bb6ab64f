"""Staff review stored conversations (masked, filtered, by region) and correct what the model
misunderstood; the correction lands in the review file, or is refused with the reason."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Engine, Float, Integer, MetaData, String, Table, Text, select
from starlette.testclient import TestClient

from lotse.clock import LOCAL_TIME, today
from lotse.config import Settings
from lotse.db import make_engine, session_scope
from lotse.privacy.models import DeletionRequest
from lotse.review.models import ReviewCorrection
from lotse.review.review_file import read_examples
from lotse.review.training_data import held_out_texts, training_examples
from tests.web.conftest import csrf_of
from web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
DAY = datetime.combine(today() - timedelta(days=3), time(10, 0), tzinfo=LOCAL_TIME)
DATE = DAY.date().isoformat()
MISUNDERSTOOD = "conv-misunderstood-7f3a"
UNDERSTOOD = "conv-understood-21bc"
HALLE = "conv-halle-9d0e"
ODD = "hab da so nen zettel vom amt gekriegt mit weiterbildung drauf was heisst das"

_metadata = MetaData()
# Rasa 3.6's SQLTrackerStore table, as Rasa creates it.
RASA_EVENTS = Table("events", _metadata, Column("id", Integer, primary_key=True),
                    Column("sender_id", String(255)), Column("type_name", String(255)),
                    Column("timestamp", Float), Column("intent_name", String(255)),
                    Column("action_name", String(255)), Column("data", Text))


def user(text: str, intent: str, confidence: float, minute: int, **entities: str) -> dict[str, Any]:
    return {"event": "user", "timestamp": DAY.timestamp() + 60 * minute, "text": text,
            "parse_data": {"intent": {"name": intent, "confidence": confidence},
                           "entities": [{"entity": k, "value": v} for k, v in entities.items()]}}


def bot(text: str, minute: int) -> dict[str, Any]:
    return {"event": "bot", "timestamp": DAY.timestamp() + 60 * minute + 1, "text": text, "data": {}}


def action(name: str, minute: int) -> dict[str, Any]:
    return {"event": "action", "timestamp": DAY.timestamp() + 60 * minute + 1, "name": name}


def slot(name: str, value: Any, minute: int) -> dict[str, Any]:
    return {"event": "slot", "timestamp": DAY.timestamp() + 60 * minute + 1, "name": name, "value": value}


CONVERSATIONS = {
    MISUNDERSTOOD: [
        user(ODD, "nlu_fallback", 0.31, 0),
        action("action_two_stage_fallback", 0),
        bot("Das habe ich nicht verstanden.", 0),
        user("mein name ist kevin becker, meine nummer 0171 2345678", "inform", 0.52, 1),
        bot("Danke.", 1),
    ],
    UNDERSTOOD: [
        user("wo kann ich euch anrufen", "ask_contact", 0.97, 3),
        action("action_contact", 3),
        bot("Sie erreichen uns unter der Hotline.", 3),
    ],
    HALLE: [
        user("ich suche einen staplerkurs in halle", "search_course", 0.93, 5, location="halle"),
        slot("region", "halle", 5),
        slot("contact_channel", "phone", 5),
        action("action_open_case", 6),
        bot("Ihr Fall hat die Referenznummer WBA-2026-ABCDEF.", 6),
    ],
}


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    _metadata.create_all(engine)
    with engine.begin() as connection:
        for sender, events in CONVERSATIONS.items():
            for event in events:
                connection.execute(RASA_EVENTS.insert().values(
                    sender_id=sender, type_name=event["event"], timestamp=event["timestamp"],
                    data=json.dumps(event)))
    yield engine
    engine.dispose()


@pytest.fixture
def review_settings(settings: Settings, tracker: Engine, tmp_path: Path) -> Settings:
    return settings.replace(tracker_db_url=str(tracker.url), review_file=tmp_path / "review.yml",
                               model_path=tmp_path / "none.tar.gz", review_confidence_threshold=0.6)


@pytest.fixture
def app(engine: Engine, review_settings: Settings):
    return create_app(bind=engine, settings=review_settings)


def handles(page: str) -> list[str]:
    return re.findall(r'href="/staff/gespraeche/([0-9a-f]{20})"', page)


def first_handle(client: TestClient, query: str = "") -> str:
    found = handles(client.get(f"/staff/gespraeche{query}").text)
    assert len(found) == 1
    return found[0]


def test_a_misunderstood_conversation_is_listed_masked_and_without_its_id(becker: TestClient):
    everything = becker.get("/staff/gespraeche")
    assert everything.status_code == 200
    assert len(handles(everything.text)) == 3  # Frau Becker's team is Halle's (wba_sued)
    handle = first_handle(becker, "?missverstanden=1")
    page = becker.get(f"/staff/gespraeche/{handle}").text
    assert ODD in page
    assert "nicht verstanden" in page and "nlu_fallback" in page and "31 %" in page
    assert "kevin" not in page.lower() and "0171" not in page and "2345678" not in page
    assert "[Name entfernt]" in page and "[Telefonnummer entfernt]" in page
    for conversation_id in CONVERSATIONS:
        assert conversation_id not in everything.text and conversation_id not in page


def test_filters_narrow_the_list(becker: TestClient):
    assert len(handles(becker.get("/staff/gespraeche?uebergeben=1").text)) == 1
    assert len(handles(becker.get("/staff/gespraeche?absicht=ask_contact").text)) == 1
    assert len(handles(becker.get("/staff/gespraeche?region=halle").text)) == 1
    next_day = (DAY.date() + timedelta(days=1)).isoformat()
    assert len(handles(becker.get(f"/staff/gespraeche?von={next_day}").text)) == 0
    assert len(handles(becker.get(f"/staff/gespraeche?von={DATE}&bis={DATE}").text)) == 3
    # Without a date the last two weeks; an empty "von" (the form sent) means every day.
    assert len(handles(becker.get("/staff/gespraeche?von=").text)) == 3


def test_another_region_s_team_does_not_see_the_conversation(becker: TestClient, schulz: TestClient):
    halle = first_handle(becker, "?region=halle")
    assert len(handles(schulz.get("/staff/gespraeche").text)) == 2  # the two without a region
    assert schulz.get(f"/staff/gespraeche/{halle}").status_code == 404


def test_a_conversation_whose_erasure_is_pending_is_gone(becker: TestClient, engine: Engine):
    handle = first_handle(becker, "?missverstanden=1")
    with session_scope(engine) as session:
        session.add(DeletionRequest(conversation_id=MISUNDERSTOOD, due_at=DAY))
    assert becker.get(f"/staff/gespraeche/{handle}").status_code == 404
    assert handle not in becker.get("/staff/gespraeche").text


def correct(client: TestClient, handle: str, number: int, sentence: str, intent: str, *marks: tuple[str, str],
            csrf: bool = True):
    data = {"nummer": str(number), "satz": sentence, "absicht": intent}
    if csrf:
        data["csrf_token"] = csrf_of(client)
    for row, (text, entity) in enumerate(marks, start=1):
        data[f"markiert_{row}"], data[f"angabe_{row}"] = text, entity
    return client.post(f"/staff/gespraeche/{handle}/korrektur", data=data)


def test_a_correction_is_written_to_the_review_file_and_recorded(becker: TestClient, engine: Engine,
                                                                  review_settings: Settings):
    handle = first_handle(becker, "?missverstanden=1")
    answer = correct(becker, handle, 1, ODD + " in halle", "request_guidance", ("halle", "location"))
    assert answer.status_code == 303
    written = review_settings.review_file.read_text(encoding="utf-8")
    assert f"- text: \"{ODD} in [halle](location)\"" in written
    assert f"# Nachricht vom {DATE}" in written
    assert MISUNDERSTOOD not in written and "Becker" not in written
    assert read_examples(review_settings.review_file)[0].intent == "request_guidance"
    with session_scope(engine) as session:
        stored = session.scalars(select(ReviewCorrection)).one()
        assert (stored.intent, stored.corrected_by) == ("request_guidance", "Frau Becker")
    # Without a trained model every correction is still to be trained.
    assert "in [halle](location)" in becker.get("/staff/gespraeche/korrekturen").text


def test_corrections_that_would_harm_the_training_are_refused_with_the_reason(becker: TestClient,
                                                                               review_settings: Settings):
    handle = first_handle(becker, "?missverstanden=1")
    intent, example, _ = next(training_examples(ROOT))
    other = "greet" if intent != "greet" else "goodbye"
    refused = correct(becker, handle, 1, example.replace("[", "").split("](")[0], other)
    assert refused.status_code == 400 and "Ein Satz darf nur unter einer Absicht stehen" in refused.text
    held_out = next(t for t in held_out_texts(ROOT) if len(t.split()) > 4 and "[" not in t)
    refused = correct(becker, handle, 1, held_out, "ask_funding")
    assert refused.status_code == 400 and "Testsätze dürfen nicht ins Training" in refused.text
    refused = correct(becker, handle, 2, "mein name ist [Name entfernt]", "inform")
    assert refused.status_code == 400 and "ohne Klammern" in refused.text
    refused = correct(becker, handle, 1, ODD, "request_guidance", ("köln", "location"))
    assert refused.status_code == 400 and "„köln“ steht nicht im Satz" in refused.text
    assert correct(becker, handle, 1, ODD, "gibt_es_nicht").status_code == 400
    # The same sentence under a second intent, through the review file itself.
    assert correct(becker, handle, 1, ODD, "request_guidance").status_code == 303
    refused = correct(becker, handle, 1, ODD, "ask_funding")
    assert refused.status_code == 400 and "steht schon unter „request_guidance“" in refused.text
    assert len(read_examples(review_settings.review_file)) == 1


def test_a_visitor_s_markup_is_shown_as_text(becker: TestClient, tracker: Engine):
    event = user("<script>alert(1)</script> <img src=x onerror=alert(2)>", "nlu_fallback", 0.2, 9)
    with tracker.begin() as connection:
        connection.execute(RASA_EVENTS.insert().values(sender_id="conv-markup", type_name="user",
                                                       timestamp=event["timestamp"], data=json.dumps(event)))
    pages = [becker.get("/staff/gespraeche").text]
    pages += [becker.get(f"/staff/gespraeche/{h}").text for h in handles(pages[0])]
    assert all("<script>alert" not in page and "<img src=x" not in page for page in pages)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in page for page in pages)


def test_an_overlong_sentence_is_refused(becker: TestClient, review_settings: Settings):
    handle = first_handle(becker, "?missverstanden=1")
    refused = correct(becker, handle, 1, "wer zahlt das " * 40, "ask_funding")
    assert refused.status_code == 400 and "länger als 500 Zeichen" in refused.text
    assert not review_settings.review_file.exists()


def test_a_correction_needs_the_session_s_csrf_token(becker: TestClient, review_settings: Settings):
    handle = first_handle(becker, "?missverstanden=1")
    assert correct(becker, handle, 1, ODD, "request_guidance", csrf=False).status_code == 403
    assert not review_settings.review_file.exists()


def test_the_review_needs_a_login(client: TestClient):
    assert client.get("/staff/gespraeche").status_code in (302, 303)
    assert client.post("/staff/gespraeche/abc/korrektur", data={}).status_code in (302, 303, 403)
