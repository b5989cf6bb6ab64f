"""Every fact in knowledge/ carries a source and an "as of" date; places are consistent."""

from __future__ import annotations

import re

import pytest

from lotse.knowledge import knowledge
from lotse.places import place_index

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_every_agency_fact_has_source_and_date():
    agency = knowledge().agency.data
    for key, fact in agency.items():
        if isinstance(fact, dict):
            assert fact["source"]["url"].startswith("http"), key
            assert DATE.match(fact["as_of"]), key


def test_fourteen_districts_in_four_agency_districts():
    districts = place_index().districts
    assert len(districts) == 14
    assert {d.agency_district for d in districts.values()} == {"nord", "sued", "ost", "west"}
    assert sum(d.kind == "kreisfreie_stadt" for d in districts.values()) == 3


@pytest.mark.parametrize(("key", "count"), [
    ("altmarkkreis_salzwedel", 11), ("anhalt_bitterfeld", 24), ("burgenlandkreis", 20),
    ("boerde", 22), ("dessau_rosslau", 9), ("halle", 34), ("harz", 27), ("jerichower_land", 10),
    ("magdeburg", 30), ("mansfeld_suedharz", 19), ("saalekreis", 22), ("salzlandkreis", 26),
    ("stendal", 14), ("wittenberg", 21)])
def test_postal_code_counts_match_the_research(key, count):
    assert len(place_index().district(key).postal_codes) == count


def test_every_postal_code_resolves_to_its_district_or_is_reported_ambiguous():
    index = place_index()
    for district in index.districts.values():
        for code in district.postal_codes:
            resolution = index.resolve(code)
            keys = {c.district.key for c in resolution.candidates} if resolution.is_ambiguous \
                else {resolution.place.district.key}
            assert district.key in keys, code


def test_every_district_seat_resolves_to_its_district():
    index = place_index()
    for district in index.districts.values():
        assert index.resolve(district.seat).place.district.key == district.key


def test_every_programme_has_sources_date_and_parsed_conditions():
    from lotse.programmes import catalogue

    programmes = catalogue().programmes.values()
    assert len([p for p in programmes if p.is_active]) >= 15
    for programme in programmes:
        assert programme.entry["sources"], programme.key
        assert DATE.match(programme.entry["as_of"]), programme.key
        if not programme.is_active:
            assert DATE.match(programme.entry["ended"]), programme.key


def test_every_office_has_a_source_and_no_unsourced_contact():
    from lotse.offices import directory

    for district in directory().districts():
        for role in ("agentur", "jobcenter", "ihk", "hwk", "afbg_amt", "wba"):
            office = directory().for_district(district, role)
            assert office is not None and office.details["sources"], (district, role)


def test_where_to_apply_resolves_for_every_district():
    from lotse.offices import ROLE_OF_APPLY_OFFICE, STATEWIDE_OFFICES, directory
    from lotse.programmes import catalogue

    for programme in catalogue().active():
        apply_office = programme.entry["apply"]["office"]
        for district in place_index().districts:
            office = directory().for_application(apply_office, district)
            if apply_office in ROLE_OF_APPLY_OFFICE or apply_office in STATEWIDE_OFFICES:
                assert office is not None, (programme.key, district)


def test_outside_the_state_no_regional_office_is_guessed():
    from lotse.offices import directory

    assert directory().for_district(None, "agentur") is None
    assert directory().for_district("outside", "jobcenter") is None


def test_every_region_entry_has_sources_and_an_as_of_date():
    from lotse.knowledge import knowledge

    offices = knowledge().offices.data["districts"]
    assert set(offices) == set(place_index().districts)
    for key, entry in offices.items():
        assert entry["sources"] and DATE.match(entry["as_of"]), key
    for entry in knowledge().places.data["districts"]:
        assert DATE.match(entry["as_of"]), entry["key"]
    assert all(source["url"] for source in knowledge().places.data["sources"].values())
