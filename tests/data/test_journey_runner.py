"""The journey runner's own rules: how expectations match, what counts as a dead end, how the
visitor answers, and that every journey file is well-formed."""

from __future__ import annotations

from collections import Counter

from tests.journeys.run import QUESTION_KEYS, Exchange, _answer, check, found, load_journeys, repeated_replies

ANSWER_KEYS = {
    "employment_status",
    "location",
    "topic",
    "qualification",
    "company_size",
    "confirm",
    "course_goal",
    "receives",
    "age",
    "months_employed",
    "works_in_state",
    "employer_agrees",
    "course_hours",
    "course_azav",
    "foreign_qualification",
    "taxable_income_yearly",
    "plans_founding",
    "income_monthly_gross",
    "consent",
    "contact",
    "name",
    "time",
    "reference",
    "erasure_contact",
}


def test_expectations_match_from_the_start_of_a_word_with_alternatives_and_patterns():
    assert found("Bildungsgutschein", "Der BILDUNGSGUTSCHEIN  hilft")
    assert not found("Bildungsprämie", "die Weiterbildungsprämie")
    assert found("Gabelstapler", "Gabelstaplerschein in Halle")
    assert found("Jobcenter Halle (Saale) | Agentur für Arbeit", "Zuständig: Agentur für Arbeit Süd")
    assert found("re:WBA-\\d{4}-\\d{5}", "Ihr Fall WBA-2026-00042")
    assert not found("re:WBA-\\d{4}-\\d{5}", "Ihr Fall WBA-26-1")


def test_the_same_reply_three_times_in_a_row_is_a_dead_end_twice_is_not():
    assert repeated_replies(["a", "b", "b", "c"]) == []
    assert len(repeated_replies(["x", "b", "b", "B "])) == 1


def test_the_visitor_answers_from_the_list_in_turn_and_otherwise_does_not_know():
    answers = {"qualification": ["hab koch gelernt", "ausbildung"], "location": "zeitz"}
    assert _answer(answers, "qualification", 0) == "hab koch gelernt"
    assert _answer(answers, "qualification", 5) == "ausbildung"
    assert _answer(answers, "location", 3) == "zeitz"
    assert _answer(answers, "age", 0) == "weiß ich nicht"


def test_a_journey_fails_on_what_was_not_said_said_or_asked_again():
    exchanges = [Exchange("hallo", [{"text": "Ich bin nicht sicher, ob ich Sie richtig verstehe"}])]
    problems = check(
        {
            "first_reply": {"never": ["nicht sicher, ob ich Sie richtig verstehe"]},
            "mentions": ["Bildungsgutschein"],
            "not_asked": ["location"],
        },
        exchanges,
        Counter({"location": 1}),
    )
    assert len(problems) == 3


def test_every_journey_file_is_well_formed():
    journeys = load_journeys()
    assert len(journeys) >= 60
    form_keys = {key for keys in QUESTION_KEYS.values() for key in keys.values()}
    assert form_keys <= ANSWER_KEYS
    for journey in journeys:
        assert journey["turns"] and journey["expect"], journey["journey"]
        assert set(journey.get("answers") or {}) <= ANSWER_KEYS, journey["journey"]
        assert set(journey["expect"].get("not_asked") or []) <= ANSWER_KEYS, journey["journey"]
