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
