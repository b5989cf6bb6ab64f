"""Course search actions against a real SQLite catalogue (the test session's database)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import actions.courses as course_actions
from actions.cards import fill
from actions.courses import (
    ActionCourseDetail,
    ActionRefineCourses,
    ActionSearchCourses,
    ActionStartCourseSearch,
    ValidateCourseSearchForm,
)
from actions.results import ActionMoreResults
from actions.understanding import ActionUnderstand
from lotse.catalog.importer import import_csv
from lotse.catalog.service import searcher, shown_course
from lotse.schema import init_db
from tests.actions.conftest import responses, run, slot_events
from tests.actions.test_cards import custom_cards, texts_of

HEADER = ("kurs_id;titel;beschreibung;thema;anbieter;ort;plz;lernform;unterrichtszeit;termine;stunden;wochen;"
          "kosten_eur;azav;link")
ROWS = [
    "T1;Altenpflegehelfer/in;Basis;Pflege;Pflegeschule Halle;Halle (Saale);06108;"
    "Präsenz;Vollzeit;01.03.2027;480;16;3200;ja;https://example.org/t1",
    "T2;Pflegehelfer Basiskurs;Basis;Pflege;Pflegeschule Halle;Halle (Saale);06110;"
    "Präsenz;Teilzeit;01.02.2027;200;10;1900;ja;",
    "T3;Praxisanleitung in der Pflege;Anleiten;Pflege;Akademie Merseburg;Merseburg;06217;"
    "Blended;berufsbegleitend;01.04.2027;300;20;2400;nein;",
    "T4;Pflege-Grundkurs online;Basis;Pflege;Online-Akademie;;;Online;Teilzeit;jederzeit;120;8;900;ja;",
    "T5;Umschulung Pflegefachfrau/Pflegefachmann;3 Jahre;Pflege;Pflegeschule Dessau;Dessau-Roßlau;06844;"
    "Präsenz;Vollzeit;01.09.2027;4600;156;;ja;",
    "T6;Betreuungskraft nach § 53c SGB XI;Betreuung;Pflege;Pflegeschule Halle;Halle (Saale);06108;"
    "Präsenz;Teilzeit;15.01.2027;160;8;1500;ja;",
    "T8;Grundlagen der Altenpflegehilfe;Basis;Pflege;Pflegeschule Halle;Halle (Saale);06108;"
    "Präsenz;Teilzeit;01.11.2027;80;4;700;nein;",
    "T7;Gabelstaplerschein;Stapler;Gabelstapler;Logistikschule;Stendal;39576;"
    "Präsenz;Vollzeit;11.01.2027|08.02.2027;16;1;350;ja;",
]


@pytest.fixture(scope="module", autouse=True)
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> None:
    init_db()
    path: Path = tmp_path_factory.mktemp("courses") / "catalogue.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    summary = import_csv(path, source="action-tests")
    assert summary.rejected == []
    searcher.cache_clear()


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(course_actions, "today", lambda: date(2026, 12, 1))


def cards(dispatcher) -> list[dict]:
    return [m for m in dispatcher.messages if m.get("response") == "utter_course_card"]


def search(make_tracker, dispatcher, domain, topic="Pflege", location="Halle", course_format=None):
    tracker = make_tracker(slots={"topic": topic, "location": location, "course_format": course_format})
    return slot_events(run(ActionSearchCourses(), dispatcher, tracker, domain))


def test_search_shows_three_readable_cards_and_remembers_them(make_tracker, dispatcher, domain):
    slots = search(make_tracker, dispatcher, domain)
    assert responses(dispatcher)[0] == "utter_courses_found"
    found = dispatcher.messages[0]
    assert found["total"] == 6 and "25 km um Halle (Saale)" in found["where"]
    shown = cards(dispatcher)
    assert [c["number"] for c in shown] == ["1", "2", "3"]
    first = shown[0]
    assert first["title"] in {"Altenpflegehelfer/in", "Pflegehelfer Basiskurs",
                              "Betreuungskraft nach § 53c SGB XI"}
    assert first["place"] == "Halle (Saale)" or first["place"].endswith("km entfernt")
    assert first["start"].startswith("nächster Start")
    assert first["funding"].startswith("für den Bildungsgutschein zugelassen")
    assert responses(dispatcher)[-1] == "utter_courses_footer"
    assert slots["last_results"] == "courses" and len(slots["course_numbers"]) == 3
    assert slots["course_query"]["place_label"] == "Halle (Saale)" and slots["course_format"] is None


def test_more_results_pages_on_and_numbers_continue(make_tracker, dispatcher, domain):
    first = search(make_tracker, dispatcher, domain)
    more = make_tracker(slots=first)
    dispatcher.messages.clear()
    slots = slot_events(run(ActionMoreResults(), dispatcher, more, domain))
    assert responses(dispatcher)[0] == "utter_courses_more"
    assert [c["number"] for c in cards(dispatcher)] == ["4", "5", "6"]
    assert responses(dispatcher)[-1] == "utter_courses_footer_last"
    assert len(slots["course_numbers"]) == 6 and slots["course_numbers"][:3] == first["course_numbers"]


def test_a_format_said_with_the_search_filters_it(make_tracker, dispatcher, domain):
    slots = search(make_tracker, dispatcher, domain, course_format="online")
    assert [c["title"] for c in cards(dispatcher)] == ["Pflege-Grundkurs online"]
    assert slots["course_query"]["deliveries"] == ["online"]


def refine(make_tracker, dispatcher, domain, previous, text, entities=()):
    tracker = make_tracker(slots=previous, intent="refine_search", text=text, entities=list(entities))
    dispatcher.messages.clear()
    return slot_events(run(ActionRefineCourses(), dispatcher, tracker, domain))


@pytest.mark.parametrize(("text", "entities", "says", "check"), [
    ("nur online", [("course_format", "online")], "nur online",
     lambda c: c.delivery == "online"),
    ("geht das auch in Teilzeit?", [("course_format", "part_time")], "nur Teilzeit",
     lambda c: "part_time" in c.schedule_list),
    ("ab März", [], "Beginn ab 01.03.2027",
     lambda c: c.starts_anytime or max(c.start_date_list) >= date(2027, 3, 1)),
    ("günstiger", [], "höchstens",
     lambda c: c.cost_eur is not None and c.cost_eur <= 700),
    ("nur mit Bildungsgutschein", [("program", "Bildungsgutschein")], "Bildungsgutschein",
     lambda c: c.azav),
    ("lieber in Dessau", [("location", "Dessau")], "rund um Dessau-Roßlau",
     lambda c: c.delivery == "online" or c.town == "Dessau-Roßlau"),
    ("höchstens 2000 Euro", [], "höchstens 2.000 €",
     lambda c: c.cost_eur is not None and c.cost_eur <= 2000),
])
def test_refinements_in_plain_german(make_tracker, dispatcher, domain, text, entities, says, check):
    first = search(make_tracker, dispatcher, domain)
    slots = refine(make_tracker, dispatcher, domain, first, text, entities)
    assert responses(dispatcher)[0] == "utter_refined"
    assert says in dispatcher.messages[0]["changes"]
    shown = [shown_course(i) for i in slots["course_numbers"]]
    assert shown and all(check(c) for c in shown), [c.title for c in shown]


def test_refinements_add_up(make_tracker, dispatcher, domain):
    first = search(make_tracker, dispatcher, domain)
    online = refine(make_tracker, dispatcher, domain, first, "nur online", [("course_format", "online")])
    cheap = refine(make_tracker, dispatcher, domain, {**first, **online}, "höchstens 500 euro")
    assert cheap["course_query"]["deliveries"] == ["online"] and cheap["course_query"]["max_cost"] == 500
    assert responses(dispatcher)[-2:] == ["utter_courses_none", "utter_courses_offer_person"]


def test_a_refinement_not_understood_asks_how(make_tracker, dispatcher, domain):
    first = search(make_tracker, dispatcher, domain)
    refine(make_tracker, dispatcher, domain, first, "hm, so ungefähr")
    assert responses(dispatcher) == ["utter_refine_not_understood"]


def test_refinement_before_any_search(make_tracker, dispatcher, domain):
    refine(make_tracker, dispatcher, domain, {}, "nur online", [("course_format", "online")])
    assert responses(dispatcher) == ["utter_refine_no_search"]


def test_show_me_the_courses_after_the_advice_searches_what_was_told(make_tracker, dispatcher, domain):
    refine(make_tracker, dispatcher, domain, {"topic": "Pflege", "location": "Halle"},
           "dann zeig mir bitte die kurse")
    assert responses(dispatcher)[0] == "utter_courses_found"


@pytest.mark.parametrize(("text", "number", "expect"), [
    ("was kostet der zweite?", 2, "Kosten"),
    ("wann fängt der erste an", 1, "Start"),
    ("wo findet nummer 3 statt", 3, "{town}"),
    ("wie lange dauert der letzte", 3, "Unterrichtsstunden"),
    ("kann ich den ersten mit bildungsgutschein machen", 1, "Bildungsgutschein"),
    ("erzählen Sie mehr über den zweiten", 2, "Kosten"),
])
def test_a_shown_course_can_be_asked_about(make_tracker, dispatcher, domain, text, number, expect):
    first = search(make_tracker, dispatcher, domain)
    course = shown_course(first["course_numbers"][number - 1])
    dispatcher.messages.clear()
    tracker = make_tracker(slots=first, intent="ask_course_detail", text=text)
    run(ActionCourseDetail(), dispatcher, tracker, domain)
    answer = dispatcher.messages[0]["text"]
    expect = expect.format(town=course.town if course.delivery != "online" else "online")
    assert answer.startswith(f"Zu Kurs {number}, „{course.title}“") and expect in answer


def test_asking_about_a_course_not_shown(make_tracker, dispatcher, domain):
    tracker = make_tracker(intent="ask_course_detail", text="der zweite?")
    run(ActionCourseDetail(), dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_no_courses_shown"]
    first = search(make_tracker, dispatcher, domain)
    dispatcher.messages.clear()
    tracker = make_tracker(slots=first, intent="ask_course_detail", text="was kostet der zehnte?")
    run(ActionCourseDetail(), dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_course_detail_which"]


def test_nothing_nearby_widens_the_radius(make_tracker, dispatcher, domain):
    search(make_tracker, dispatcher, domain, topic="Gabelstapler", location="Magdeburg")
    assert responses(dispatcher)[:2] == ["utter_courses_widened", "utter_courses_found"]
    assert dispatcher.messages[0]["to_km"] == "100" and cards(dispatcher)[0]["title"] == "Gabelstaplerschein"


def test_nothing_at_all_suggests_related_topics_and_a_person(make_tracker, dispatcher, domain):
    slots = search(make_tracker, dispatcher, domain, topic="Tiefseetauchen", location="Halle")
    assert responses(dispatcher) == ["utter_courses_none", "utter_courses_offer_person"]
    assert slots["last_results"] is None
    dispatcher.messages.clear()
    search(make_tracker, dispatcher, domain, topic="Lagerlogistik", location="Halle")
    related = [m for m in dispatcher.messages if m.get("response") == "utter_courses_related"]
    assert related and any("Gabelstapler" in b["title"] for b in related[0]["buttons"])


def test_unknown_answers_from_the_intake_are_asked_again(make_tracker, dispatcher, domain):
    tracker = make_tracker(slots={"topic": "unknown", "location": "Halle"})
    events = run(ActionStartCourseSearch(), dispatcher, tracker, domain)
    assert slot_events(events) == {"topic": None}


def test_the_search_form_takes_any_place_with_coordinates(make_tracker, dispatcher, domain):
    tracker = make_tracker(new_slots={"location": "Leipzig"}, active_loop="course_search_form")
    tracker.slots["requested_slot"] = "location"
    slots = slot_events(run(ValidateCourseSearchForm(), dispatcher, tracker, domain))
    assert slots["location"] == "Leipzig" and responses(dispatcher) == []


def test_course_cards_carry_the_fields_of_their_text(make_tracker, dispatcher, domain):
    from rasa_sdk.executor import CollectingDispatcher

    rest = CollectingDispatcher()
    original = make_tracker

    def on_the_widget(**kwargs):
        return original(**kwargs, channel="socketio")

    search(on_the_widget, dispatcher, domain)
    search(make_tracker, rest, domain)
    cards = custom_cards(dispatcher)
    assert len(cards) == 3 and [c["text"] for c in cards] == texts_of(rest, domain, "utter_course_card")
    for payload in cards:
        card = payload["card"]
        assert payload["text"] == fill(domain["responses"]["utter_course_card"][0]["text"], card)


@pytest.mark.parametrize(("text", "intent"), [("online wär mir am liebsten", "nlu_fallback"),
                                              ("präsenz in dessau wär gut", "inform"),
                                              ("frühestens im herbst, davor hab ich keine zeit", "inform")])
def test_a_wish_said_while_courses_are_in_view_narrows_them(make_tracker, dispatcher, domain, text, intent):
    """The intent model cannot tell a wish for the shown list from an answer in the intake;
    with courses in view, the wish narrows them instead of a "Meinten Sie ...?"."""
    first = search(make_tracker, dispatcher, domain)
    places = [("location", "dessau")] if "dessau" in text else []
    tracker = make_tracker(slots=first, intent=intent, text=text, entities=places)
    assert slot_events(run(ActionUnderstand(), dispatcher, tracker, domain))["goal"] == "refine"


@pytest.mark.parametrize(("text", "intent", "goal"), [
    ("ich bin 52 und arbeitslos", "inform", "person"),
    ("online wär mir am liebsten", "out_of_scope", "unclear"),
    ("gibts das auch online? und wer bezahlt das", "inform", "person"),
])
def test_a_situation_or_a_question_after_courses_is_no_refinement(make_tracker, dispatcher, domain,
                                                                   text, intent, goal):
    first = search(make_tracker, dispatcher, domain)
    tracker = make_tracker(slots=first, intent=intent, text=text)
    assert slot_events(run(ActionUnderstand(), dispatcher, tracker, domain))["goal"] == goal


def test_a_wish_without_courses_in_view_is_not_read_as_a_refinement(make_tracker, dispatcher, domain):
    tracker = make_tracker(intent="nlu_fallback", text="online wär mir am liebsten")
    assert slot_events(run(ActionUnderstand(), dispatcher, tracker, domain))["goal"] == "unclear"
