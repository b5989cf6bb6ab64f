from lotse.advice import first_sentence, office_text, programme_facts
from lotse.knowledge import knowledge
from lotse.offices import directory
from lotse.programmes import catalogue


def test_first_sentence_ignores_abbreviations():
    assert first_sentence("Der Antrag geht an die Agentur, z. B. online. Dann") == \
        "Der Antrag geht an die Agentur, z. B. online."
    assert first_sentence("Es gibt ggf. Zuschüsse. Danach mehr.") == "Es gibt ggf. Zuschüsse."
    assert first_sentence("Ohne Punkt") == "Ohne Punkt"


def test_without_a_known_office_the_agency_hotline_is_named():
    assert knowledge().agency.data["hotline"]["value"] in office_text(None)


def test_office_text_gives_only_known_contact_details():
    west = knowledge().offices.data["offices"]["agentur_west"]
    text = office_text(directory().for_district("harz", "agentur"))
    assert text.startswith(west["name"]) and west["phone"] in text


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


def _card_of(facts, key):
    from lotse.advice import cards
    from lotse.funding import advise

    return next(c for c in cards(advise(facts, catalogue()), "magdeburg") if c.key == key)


EMPLOYEE_120 = {"kind": "person", "employment_status": "employed", "qualification": "vocational",
                "in_state": True, "company_size": 120}


def test_the_card_says_what_applies_to_this_visitor_not_the_whole_table():
    card = _card_of({**EMPLOYEE_120, "age": 52}, "beschaeftigtenfoerderung")
    assert card.payments[0].startswith("Ihr Betrieb hat 120 Beschäftigte und Sie sind 52: Die Agentur "
                                       "übernimmt in der Regel 100 % der Lehrgangskosten.")
    assert "Soll-Regel" in card.payments[0]
    assert not any("Der Arbeitgeber trägt 50 %" in p for p in card.payments) and not card.depends_on


def test_a_fact_that_would_change_the_amount_is_named_on_the_card_and_asked_first():
    from lotse.funding import advise

    card = _card_of(EMPLOYEE_120, "beschaeftigtenfoerderung")
    assert "Ihr Betrieb hat 120 Beschäftigte: Der Arbeitgeber trägt 50 %" in card.payments[0]
    assert "Alter (ab 45 Jahren)" in card.depends_on
    assert advise(EMPLOYEE_120, catalogue()).next_question.fact == "age"
    # Under 50 staff the Agentur pays all anyway: the age changes nothing there.
    assert not _card_of({**EMPLOYEE_120, "company_size": 30}, "beschaeftigtenfoerderung").depends_on


def test_a_meister_course_is_explained_as_the_aufstiegs_bafoeg_s_not_paragraph_82():
    from lotse.funding import assess

    facts = {**EMPLOYEE_120, "course_goal": "advanced_degree"}
    result = assess(catalogue().get("beschaeftigtenfoerderung"), facts)
    assert not result.fits and not result.may_fit
    assert any("statt dessen das Aufstiegs-BAföG" in reason for reason in result.unmet)
    open_goal = assess(catalogue().get("beschaeftigtenfoerderung"), EMPLOYEE_120)
    assert any("Meister" in reason for reason in open_goal.open)


def test_without_the_company_size_the_card_says_the_amount_depends_on_it_and_asks_it():
    from lotse.fact_questions import read_answer
    from lotse.funding import advise

    employee = {key: value for key, value in EMPLOYEE_120.items() if key != "company_size"}
    card = _card_of(employee, "beschaeftigtenfoerderung")
    assert card.depends_on.startswith("Wie viel übernommen wird, hängt noch ab von: der Größe Ihres Betriebs")
    assert advise(employee, catalogue()).next_question.fact == "company_size"
    assert read_answer("company_size", "so um die 120 kollegen", "inform") == 120


def test_an_employer_is_not_asked_the_age_of_its_staff():
    from lotse.funding import advise

    question = advise({"kind": "employer", "in_state": True, "company_size": 120}, catalogue()).next_question
    assert question is None or question.fact != "age"


def test_the_buergergeldbonus_ended_on_28_march_2024_and_courses_begun_keep_it():
    facts = programme_facts(catalogue().get("buergergeldbonus"), None)
    assert not facts.active and facts.ended == "28.03.2024"
    assert "bis zu ihrem Ende weiter" in facts.summary
