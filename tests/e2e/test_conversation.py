"""The real servers answer over the REST channel, the socket.io channel and the web."""

from __future__ import annotations

import uuid

import requests
import socketio

from lotse.knowledge import knowledge
from tests.e2e.talk import new_conversation, say, texts


def test_greeting_answers_in_german_with_buttons(servers):
    messages = say(servers, uuid.uuid4().hex, "Hallo")
    assert "Weiterbildungslotse" in texts(messages)
    assert any(m.get("buttons") for m in messages)


def test_situation_in_one_sentence_is_not_asked_again_and_is_confirmed(servers):
    sender = uuid.uuid4().hex
    first = texts(say(servers, sender, "ich bin arbeitslos in halle und will in die pflege"))
    assert "Berufsabschluss" in first
    assert "berufliche Situation" not in first and "Wo wohnen" not in first
    summary = texts(say(servers, sender, '/inform{"qualification":"vocational"}'))
    assert "Ihre berufliche Situation: arbeitslos" in summary
    assert "Ihr Ort: Halle (Saale)" in summary
    assert "Ihr Thema: pflege" in summary.replace("Pflege", "pflege")
    done = texts(say(servers, sender, "/affirm"))
    # An advisor asks an unemployed visitor about the benefit first, then the course goal.
    assert "Vielen Dank" in done and "Eine Frage noch" in done and "Arbeitslosengeld" in done
    second = texts(say(servers, sender, "Arbeitslosengeld"))
    assert "Berufsabschluss führen" in second
    advice = texts(say(servers, sender, "Berufsabschluss"))
    assert "Bildungsgutschein" in advice and "Weiterbildungsgeld" in advice and "Stand:" in advice
    assert "Agentur für Arbeit Sachsen-Anhalt Süd" in advice
    plan = texts(say(servers, sender, "/ask_next_steps"))
    assert plan.startswith("Ihr Weg") and "1. " in plan


def test_a_programme_is_explained_by_name_and_an_ended_one_corrected(servers):
    sender = uuid.uuid4().hex
    answer = texts(say(servers, sender, "Was ist ein Bildungsgutschein?"))
    assert "Bildungsgutschein" in answer and "Stand:" in answer
    ended = texts(say(servers, sender, "gibt es die Bildungsprämie noch?"))
    assert "gibt es nicht mehr" in ended


def test_question_in_the_middle_is_answered_and_the_intake_resumes(servers):
    sender = uuid.uuid4().hex
    say(servers, sender, "/request_guidance")
    answer = texts(say(servers, sender, "/ask_contact"))
    assert knowledge().agency.data["hotline"]["value"] in answer
    assert "berufliche Situation" in answer


def test_socketio_channel_delivers_replies(servers):
    """Rasa 3.6.21 with python-socketio >= 5.10 never delivers socket.io replies (rasa#13027)."""
    client = socketio.Client()
    replies: list[dict] = []
    client.on("bot_uttered", lambda data: replies.append(data))
    session_id, token = new_conversation(servers)
    client.connect(servers["rasa"], socketio_path="/socket.io", wait_timeout=20)
    try:
        client.emit("session_request", {"session_id": session_id, "token": token})
        client.sleep(1)
        client.emit("user_uttered", {"message": "Hallo", "session_id": session_id})
        for _ in range(60):
            if replies:
                break
            client.sleep(0.5)
    finally:
        client.disconnect()
    assert replies and "Weiterbildungslotse" in replies[0]["text"]


def test_http_api_needs_the_token(servers):
    sender = uuid.uuid4().hex
    say(servers, sender, "Hallo")
    url = f"{servers['rasa']}/conversations/{sender}/tracker"
    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, params={"token": servers["token"]}, timeout=10).status_code == 200


def test_web_serves_the_visitor_page_and_the_staff_area(servers):
    page = requests.get(servers["web"] + "/", timeout=10)
    assert page.status_code == 200 and 'lang="de"' in page.text
    assert requests.get(servers["web"] + "/staff/", timeout=10).status_code == 200


def test_course_search_pages_refines_and_answers_about_a_course(servers):
    sender = uuid.uuid4().hex
    found = texts(say(servers, sender, "Gibt es Schweißkurse in Magdeburg?"))
    assert "passende Angebote zu" in found and "\n1. " in f"\n{found}" and "Demo-Katalog" in found
    assert "Schwei" in found and ("km entfernt" in found or "· Magdeburg\n" in found)
    more = texts(say(servers, sender, "/more_results"))
    assert more.startswith("Weitere Angebote, ab Nummer 4") and "\n4. " in more
    refined = texts(say(servers, sender, "erst ab März bitte"))
    assert refined.startswith("Ich habe die Suche angepasst: Beginn ab 01.03.")
    assert "\n1. " in refined and "nächster Start" in refined
    detail = texts(say(servers, sender, "was kostet der zweite?"))
    assert detail.startswith("Zu Kurs 2, „") and "Kosten" in detail
