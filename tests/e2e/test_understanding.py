"""Understanding whole messages with the real servers: other languages, typos, the question
asked, and facts of the first message carried to the advice. Sentences written for these
tests, not taken from the evaluation files."""

from __future__ import annotations

import uuid

import requests

from lotse.knowledge import knowledge
from tests.e2e.talk import say, texts


def parse(servers, text: str) -> dict:
    reply = requests.post(
        f"{servers['rasa']}/model/parse", params={"token": servers["token"]}, json={"text": text}, timeout=60
    )
    reply.raise_for_status()
    return reply.json()


def test_an_english_message_gets_an_english_answer_with_the_ways_to_a_person(servers):
    answer = texts(
        say(servers, uuid.uuid4().hex, "Hi, could you tell me how I can find a welding course here?")
    )
    assert "only in German" in answer
    assert knowledge().agency.data["hotline"]["value"] in answer and "@" in answer


def test_a_message_in_cyrillic_is_recognised_as_another_language(servers):
    parsed = parse(servers, "Добрый день, подскажите, пожалуйста, где найти курсы")
    assert parsed["intent"]["name"] == "other_language"
    assert {"entity": "language", "value": "ru"}.items() <= parsed["entities"][-1].items()


def test_learners_german_stays_german(servers):
    parsed = parse(servers, "ich bin aus eritrea, habe gelernt schneider, was kann ich machen in deutschland")
    assert parsed["intent"]["name"] != "other_language"


def test_typos_and_missing_umlauts_are_understood_like_the_clean_sentence(servers):
    clean = parse(servers, "Wer bezahlt meine Weiterbildung?")["intent"]["name"]
    sloppy = parse(servers, "wer bezalt meine weiterbilung")["intent"]["name"]
    assert clean == sloppy == "ask_funding"


def test_a_situation_that_asks_who_pays_goes_to_the_advice(servers):
    sender = uuid.uuid4().hex
    first = texts(
        say(
            servers,
            sender,
            "ich arbeite seit 11 jahren als verkäuferin in bernburg, bin 46 und "
            "möchte mich in richtung buchhaltung weiterbilden. wer zahlt sowas?",
        )
    )
    assert "passende Angebote" not in first and "nicht sicher" not in first
    assert "Wie ist Ihre berufliche Situation" not in first and "Wo wohnen" not in first
    reply = first
    for _ in range(3):
        if "richtig verstanden" in reply:
            break
        reply = texts(say(servers, sender, "buchhaltung" if "lernen" in reply else "hab verkäuferin gelernt"))
    assert "Alter: 46" in reply and "Bernburg" in reply


def test_a_meister_wish_brings_the_aufstiegs_bafoeg(servers):
    sender = uuid.uuid4().hex
    say(
        servers,
        sender,
        "ich bin elektroniker in dessau, angestellt, und will meinen meister machen. "
        "gibt es dafür förderung?",
    )
    say(servers, sender, "Berufsausbildung")
    advice = texts(say(servers, sender, "ja"))
    if "Eine Frage noch" in advice:
        advice = texts(say(servers, sender, "weiß ich nicht"))
    cards = advice.split("Nach Ihren Angaben")[-1].split("Beträge und Regeln")[0]
    assert "Aufstiegs-BAföG" in cards
    # § 22 Abs. 1a SGB III: a Meister course is the Aufstiegs-BAföG's, not § 82's.
    assert cards.split("Frage:", 1)[-1].strip().startswith("Aufstiegs-BAföG")
    assert "Der Arbeitgeber trägt" not in advice


def test_an_employee_of_52_in_a_company_of_120_is_told_100_percent_with_the_soll_caveat(servers):
    sender = uuid.uuid4().hex
    first = ("bin 52 und arbeite als maschinenführer in einer druckerei in halle mit 120 beschäftigten, "
             "gelernt hab ich drucker. wer zahlt mir eine weiterbildung?")
    reply = texts(say(servers, sender, first))
    for _ in range(6):
        if "Nach Ihren Angaben" in reply:
            break
        if "richtig verstanden" in reply:
            reply = texts(say(servers, sender, "ja"))
        elif "Berufsabschluss führen" in reply:
            reply = texts(say(servers, sender, "kurs ohne abschluss"))
        else:
            reply = texts(say(servers, sender, "weiß ich nicht"))
    assert "Sie sind 52: Die Agentur übernimmt in der Regel 100 % der Lehrgangskosten" in reply
    assert "Soll-Regel" in reply and "Der Arbeitgeber trägt 50 %" not in reply
