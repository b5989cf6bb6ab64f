import copy
import dataclasses

from lotse.agency import contact, hours_text, stand
from lotse.knowledge import knowledge


def test_contact_states_hotline_and_email_of_the_knowledge_file():
    agency = knowledge().agency.data
    facts = contact()
    assert facts["hotline"] == agency["hotline"]["value"]
    assert facts["email"] == agency["email"]["value"]
    assert facts["website"] == agency["website"]["value"]


def test_contact_states_only_known_hours_and_the_stand_of_the_oldest_fact(monkeypatch):
    shipped = knowledge()
    agency = copy.deepcopy(shipped.agency.data)
    agency["hotline"]["as_of"], agency["email"]["as_of"] = "2022-03-01", "2021-07-01"
    agency["hotline_hours"].update(periods=[{"days": None, "opens": "07:30", "closes": None}],
                                   as_of="2023-01-15")
    edited = dataclasses.replace(shipped, agency=dataclasses.replace(shipped.agency, data=agency))
    monkeypatch.setattr("lotse.agency.knowledge", lambda: edited)
    facts = contact()
    assert facts["hours"] == "ab 7:30 Uhr"
    assert facts["stand"] == "Stand: Juli 2021"


def test_hours_with_closing_time_and_days():
    text = hours_text({"periods": [{"opens": "07:30", "closes": "16:00", "days": ["Mo", "Di", "Mi", "Do"]},
                                   {"opens": "07:30", "closes": "12:00", "days": ["Fr"]}]})
    assert text == "Mo–Do 7:30–16:00 Uhr, Fr 7:30–12:00 Uhr"


def test_stand_names_month_in_german():
    assert stand("2026-03-01") == "Stand: März 2026"
