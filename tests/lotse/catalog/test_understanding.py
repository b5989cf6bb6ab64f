"""How the search reads what visitors write: query words, refinements, questions about a
shown course, and the values of import files."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from lotse.catalog import detail
from lotse.catalog.refine import apply, describe
from lotse.catalog.search import CourseQuery
from lotse.catalog.topics import IndexWords, TopicVocabulary
from lotse.catalog.values import ValueProblem, parse_number, parse_schedules, parse_starts

VOCABULARY = TopicVocabulary({
    "generic_words": ["kurs", "kurse", "lehrgang", "weiterbildung", "ich", "suche", "einen", "in"],
    "topics": [
        {"name": "Gabelstapler", "synonyms": ["Stapler", "Staplerschein"], "related": ["Lagerlogistik"]},
        {"name": "Lagerlogistik", "synonyms": ["Lager"]},
        {"name": "Berufskraftfahrer", "synonyms": ["LKW", "Führerschein CE"]},
    ],
})
TODAY = date(2026, 12, 1)


def alternatives(text: str, words: set[str] | None = None) -> list[tuple[str, ...]]:
    index = IndexWords(words) if words is not None else None
    return [g.alternatives for g in VOCABULARY.analyse(text, index)]


def test_generic_words_are_dropped_also_at_the_end_of_a_compound():
    assert alternatives("ich suche einen Schweißkurs") == [("schweiss",)]
    assert alternatives("Kurs") == []


def test_synonyms_bring_the_topic_and_its_other_words():
    groups = alternatives("staplerschein")
    assert groups == [("staplerschein", "gabelstapl", "stapl")]


def test_a_multi_word_synonym_is_one_group():
    assert alternatives("führerschein ce in halle")[0] == ("fuehrerschein ce", "berufskraftfahr", "lkw")


def test_words_are_stemmed_and_typos_corrected_against_the_catalogue_words():
    assert alternatives("Pflegerin") == [("pfleg",)]
    assert alternatives("gabelstabler", {"gabelstaplerschein", "lager"}) == [
        ("gabelstapl", "stapl", "staplerschein")]
    assert alternatives("exel", {"excel", "grundlagen"}) == [("excel",)]
    assert alternatives("tiefseetauchen", {"excel"}) == [("tiefseetauch",)]


def test_related_topics_come_from_the_file():
    topic = VOCABULARY.topic("stapler")
    assert [t.name for t in VOCABULARY.related(topic)] == ["Lagerlogistik"]


HALLE = CourseQuery("Pflege", "Halle (Saale)", 51.48, 11.97, 25)


def course(cost: float | None = None, weeks: int | None = None) -> SimpleNamespace:
    return SimpleNamespace(cost_eur=cost, weeks=weeks)


@pytest.mark.parametrize(("text", "expected"), [
    ("ab März", date(2027, 3, 1)),
    ("ab maerz bitte", date(2027, 3, 1)),
    ("frühestens im Sommer", date(2027, 6, 1)),
    ("erst nächstes jahr", date(2027, 1, 1)),
    ("ab dem 1.2.", date(2027, 2, 1)),
    ("ab 15.01.2027", date(2027, 1, 15)),
    ("im Dezember", date(2027, 12, 1)),
])
def test_start_wishes(text, expected):
    assert apply(HALLE, text, [], None, [], TODAY).query.earliest_start == expected


@pytest.mark.parametrize(("text", "shown", "expected"), [
    ("günstiger", [course(900), course(1500), course(None)], 899.99),
    ("was billigeres?", [course(300)], 299.99),
    ("höchstens 500 Euro", [], 500),
    ("unter 1.200 €", [], 1200),
    ("max 800", [], 800),
    ("kostenlos?", [], 0),
])
def test_price_wishes(text, shown, expected):
    assert apply(HALLE, text, [], None, shown, TODAY).query.max_cost == pytest.approx(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("nicht länger als drei Monate", 13), ("höchstens 6 wochen", 6), ("kürzer", 7), ("10 tage", 2),
])
def test_length_wishes(text, expected):
    assert apply(HALLE, text, [], None, [course(weeks=8)], TODAY).query.max_weeks == expected


def test_bis_3_monate_is_a_length_not_a_price():
    refined = apply(HALLE, "bis 3 monate", [], None, [], TODAY).query
    assert refined.max_cost is None and refined.max_weeks == 13


def test_place_radius_and_formats():
    assert apply(HALLE, "näher dran", [], None, [], TODAY).query.radius_km == 12.5
    assert apply(HALLE, "im umkreis von 10 km", [], None, [], TODAY).query.radius_km == 10
    assert apply(HALLE, "weiter weg ist auch ok", [], None, [], TODAY).query.radius_km == 50
    anywhere = apply(HALLE, "egal wo", [], None, [], TODAY).query
    assert not anywhere.has_place
    moved = apply(HALLE, "lieber in Magdeburg", [], "Magdeburg", [], TODAY)
    assert moved.query.place_label == "Magdeburg" and moved.query.lat == pytest.approx(52.12, abs=0.05)
    online = apply(HALLE, "nur online", ["online"], None, [], TODAY)
    assert online.query.deliveries == ("online",)
    said = apply(HALLE, "geht das auch in teilzeit", [], None, [], TODAY)
    assert said.query.schedules == ("part_time",)
    funded = apply(HALLE, "nur mit Bildungsgutschein", [], None, [], TODAY)
    assert funded.query.azav_only


def test_changes_are_described_in_german():
    refined = apply(HALLE, "nur online ab März und höchstens 900 euro", ["online"], None, [], TODAY)
    assert describe(refined.query, refined.changes) == [
        "nur online", "Beginn ab 01.03.2027", "höchstens 900 €"]
    assert not apply(HALLE, "aha", [], None, [], TODAY).understood


def test_query_survives_the_conversation_memory():
    query = HALLE.changed(deliveries=("online",), earliest_start=date(2027, 3, 1), max_cost=500.0)
    assert CourseQuery.from_slot(query.to_slot()) == query


@pytest.mark.parametrize(("text", "number", "aspect"), [
    ("was kostet der zweite?", 2, "cost"), ("wann fängt der erste an", 1, "start"),
    ("wo findet nummer 3 statt", 3, "place"), ("wie lange dauert der letzte", 4, "duration"),
    ("wer bietet den mittleren an", 2, "provider"), ("link zum 2. kurs", 2, "link"),
    ("ist der dritte azav zertifiziert", 3, "funding"), ("erzählen Sie mehr über den zweiten", 2, "all"),
    ("welchen abschluss hat man nach dem ersten", 1, "certificate"), ("ist der zweite online?", 2, "format"),
])
def test_questions_about_a_shown_course(text, number, aspect):
    assert detail.position(text, shown=4) == number
    assert detail.aspect(text) == aspect


def test_import_values():
    assert parse_number("1.250,50 €", "Kosten") == 1250.5
    assert parse_number("1.250", "Kosten") == 1250
    assert parse_number("", "Kosten") is None
    assert parse_schedules("Vollzeit | Teilzeit, berufsbegleitend") == (
        "full_time", "part_time", "in_service")
    assert parse_starts("jederzeit") == ((), True)
    assert parse_starts("01.04.2027|15.01.2027")[0] == (date(2027, 1, 15), date(2027, 4, 1))
    with pytest.raises(ValueProblem, match="keine Zahl"):
        parse_number("zwölf", "Stunden")
