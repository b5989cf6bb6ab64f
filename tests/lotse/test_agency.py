from lotse.agency import contact, hours_text, stand


def test_contact_states_hotline_email_and_only_known_hours():
    facts = contact()
    assert facts["hotline"] == "0340 50 22 00"
    assert facts["email"] == "anfrage@weiterbildungsagentur-sachsen-anhalt.de"
    assert facts["hours"] == "ab 7:30 Uhr"
    assert facts["stand"] == "Stand: Juli 2021"


def test_hours_with_closing_time_and_days():
    text = hours_text({"periods": [{"opens": "07:30", "closes": "16:00", "days": ["Mo", "Di", "Mi", "Do"]},
                                   {"opens": "07:30", "closes": "12:00", "days": ["Fr"]}]})
    assert text == "Mo–Do 7:30–16:00 Uhr, Fr 7:30–12:00 Uhr"


def test_stand_names_month_in_german():
    assert stand("2026-03-01") == "Stand: März 2026"
