from lotse.situation import EMPLOYER, PERSON, Situation, summary_lines


def test_situation_from_slots_drops_skipped_answers():
    situation = Situation.from_slots(PERSON, {
        "employment_status": "unemployed", "location": "Halle (Saale)", "region": "halle",
        "topic": "Pflege", "qualification": "unknown"})
    assert situation.employment_status == "unemployed"
    assert situation.qualification is None
    assert situation.district.name == "Halle (Saale)"


def test_employer_situation_keeps_company_size_as_number():
    situation = Situation.from_slots(EMPLOYER, {"company_size": 40.0, "region": "harz"})
    assert situation.company_size == 40
    assert situation.employment_status is None


def test_outside_region_has_no_district():
    situation = Situation.from_slots(PERSON, {"location": "Leipzig", "region": "outside"})
    assert situation.outside_state and situation.district is None


def test_summary_uses_german_labels_and_marks_skipped_answers():
    lines = summary_lines(PERSON, {"employment_status": "unemployed", "location": "Halle (Saale)",
                                   "topic": "Pflege", "qualification": "unknown"})
    assert lines == ["Ihre berufliche Situation: arbeitslos", "Ihr Ort: Halle (Saale)",
                     "Ihr Thema: Pflege", "Ihr Berufsabschluss: keine Angabe"]


def test_employer_summary_lists_size_place_topic():
    lines = summary_lines(EMPLOYER, {"company_size": 40, "location": "Harz", "topic": "CNC"})
    assert lines[0] == "Zahl der Beschäftigten: 40"
    assert len(lines) == 3


def test_facts_for_the_funding_rules_leave_out_what_is_unknown():
    person = Situation.from_slots(PERSON, {"employment_status": "unemployed", "region": "halle",
                                           "qualification": "unknown"})
    assert person.facts() == {"kind": "person", "employment_status": "unemployed", "in_state": True}
    outside = Situation.from_slots(EMPLOYER, {"company_size": 40, "region": "outside"})
    assert outside.facts() == {"kind": "employer", "company_size": 40, "in_state": False,
                               "employer_agrees": True}


def test_what_follows_from_the_facts_is_not_asked():
    without = Situation.from_slots(PERSON, {"employment_status": "unemployed", "qualification": "none"})
    assert without.facts()["foreign_qualification"] is False
    told = Situation.from_slots(PERSON, {"qualification": "none",
                                         "visitor_facts": {"foreign_qualification": True}})
    assert told.facts()["foreign_qualification"] is True

