import pytest

from lotse.places import resolve_place


@pytest.mark.parametrize(("text", "district"), [
    ("Halle", "halle"),
    ("halle saale", "halle"),
    ("in Magdeburg", "magdeburg"),
    ("magdeburch", "magdeburg"),
    ("Weißenfels", "burgenlandkreis"),
    ("weissenfels", "burgenlandkreis"),
    ("koethen", "anhalt_bitterfeld"),
    ("Köthen (Anhalt)", "anhalt_bitterfeld"),
    ("Lutherstadt Wittenberg", "wittenberg"),
    ("wittenberg", "wittenberg"),
    ("Landkreis Harz", "harz"),
    ("im saalekreis", "saalekreis"),
    ("Wernigerode", "harz"),
    ("schoenebeck", "salzlandkreis"),
    ("Dessau", "dessau_rosslau"),
    ("06108", "halle"),
    ("ich wohne in 39104", "magdeburg"),
    ("38820", "harz"),
    ("nein, ich meinte Magdeburg", "magdeburg"),
])
def test_place_in_sachsen_anhalt_resolves_to_its_district(text, district):
    place = resolve_place(text).place
    assert place is not None and place.in_state
    assert place.district is not None and place.district.key == district


@pytest.mark.parametrize(("text", "state"), [
    ("Leipzig", "Sachsen"),
    ("berlin", "Berlin"),
    ("Erfurt", "Thüringen"),
    ("hannover", "Niedersachsen"),
])
def test_place_outside_the_state_is_recognised_with_its_state(text, state):
    place = resolve_place(text).place
    assert place is not None and not place.in_state
    assert place.state == state


def test_postal_code_of_another_state_is_outside():
    place = resolve_place("04109").place
    assert place is not None and not place.in_state


def test_postal_code_in_two_districts_is_ambiguous():
    resolution = resolve_place("06120")
    assert resolution.is_ambiguous
    assert {c.district.key for c in resolution.candidates} == {"halle", "saalekreis"}


def test_unknown_text_resolves_to_nothing():
    assert resolve_place("xqzv blubb").place is None
    assert resolve_place("ja").place is None


def test_town_label_names_its_district():
    place = resolve_place("Wernigerode").place
    assert place.label == "Wernigerode (Harz)"
