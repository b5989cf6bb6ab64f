import pytest

from lotse.vocabulary import normalize


@pytest.mark.parametrize(("text", "value"), [
    ("arbeitslos", "unemployed"),
    ("Arbeitslos", "unemployed"),
    ("arbeitlos", "unemployed"),
    ("ich bin seit zwei jahren arbeitslos", "unemployed"),
    ("unemployed", "unemployed"),
    ("Kurzarbeit", "short_time"),
    ("selbstständig", "self_employed"),
    ("selbststaendig", "self_employed"),
    ("elternzeit", "returner"),
    ("azubi", "in_training"),
])
def test_employment_status_words_map_to_canonical_values(text, value):
    assert normalize("employment_status", text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("Meister", "advanced"),
    ("meisterbrief", "advanced"),
    ("Bachelor", "academic"),
    ("kein abschluss", "none"),
    ("Berufsausbildung", "vocational"),
])
def test_qualification_words_map_to_canonical_values(text, value):
    assert normalize("qualification", text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("ort", "location"), ("Wohnort", "location"), ("status", "employment_status"),
    ("thema", "topic"), ("abschluss", "qualification"),
])
def test_field_names_map_to_slots(text, value):
    assert normalize("field", text) == value


def test_unrelated_text_maps_to_nothing():
    assert normalize("employment_status", "ja") is None
    assert normalize("qualification", "blau") is None
