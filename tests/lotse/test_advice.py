from lotse.advice import first_sentence, office_text, programme_facts
from lotse.offices import directory
from lotse.programmes import catalogue


def test_first_sentence_ignores_abbreviations():
    assert first_sentence("Der Antrag geht an die Agentur, z. B. online. Dann") == \
        "Der Antrag geht an die Agentur, z. B. online."
    assert first_sentence("Es gibt ggf. Zuschüsse. Danach mehr.") == "Es gibt ggf. Zuschüsse."
    assert first_sentence("Ohne Punkt") == "Ohne Punkt"


def test_without_a_known_office_the_agency_hotline_is_named():
    assert "0340 50 22 00" in office_text(None)


def test_office_text_gives_only_known_contact_details():
    text = office_text(directory().for_district("harz", "agentur"))
    assert text.startswith("Agentur für Arbeit Sachsen-Anhalt West") and "0800 4 5555 00" in text


def test_programme_facts_of_an_ended_programme_give_date_and_successor():
    facts = programme_facts(catalogue().find("Weiterbildung Direkt"), None)
    assert not facts.active and facts.ended == "26.07.2023" and facts.successor


def test_follow_up_answers_are_read_by_kind():
    from lotse.fact_questions import read_answer

    assert read_answer("age", "ich bin 47", "inform") == 47
    assert read_answer("age", "200", "inform") is None
    assert read_answer("course_azav", "ja", "affirm") is True
    assert read_answer("works_in_state", "nein, in Leipzig", None) is False
    assert read_answer("receives", "Bürgergeld", "inform") == "buergergeld"
    assert read_answer("course_goal", "ich will meister werden", "inform") == "advanced_degree"
    # The longest phrase decides: "kein abschluss" is not a vocational degree.
    assert read_answer("course_goal", "eher ne zusatzsache, kein abschluss", "inform") == "other"
    assert read_answer("course_goal", "motorsägenschein", "inform") == "other"
    assert read_answer("taxable_income_yearly", "ca. 24.000", "inform") == 24000
