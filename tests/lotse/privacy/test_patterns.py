"""Personal data is recognised in the shapes visitors and staff write it, and nothing else is:
postal codes, amounts, dates, ages, company sizes, course numbers and case references stay."""

from __future__ import annotations

import time

import pytest

from lotse.redaction import (
    EMAIL_REMOVED,
    IBAN_REMOVED,
    INSURANCE_REMOVED,
    PHONE_REMOVED,
    TAX_REMOVED,
    redact_text,
)
from lotse.redaction.patterns import iban_is_valid, insurance_number_is_valid, tax_id_is_valid

# (message, what is left of it)
REDACTED = [
    # E-mail addresses, plain and disguised.
    ("Schreiben Sie an maria.schulze@example.de, danke!", f"Schreiben Sie an {EMAIL_REMOVED}, danke!"),
    ("Meine Mail: max @ example.de", f"Meine Mail: {EMAIL_REMOVED}"),
    ("max@ example.de wäre gut", f"{EMAIL_REMOVED} wäre gut"),
    ("Erreichbar unter max(at)example.de", f"Erreichbar unter {EMAIL_REMOVED}"),
    ("max [at] example [punkt] de", EMAIL_REMOVED),
    ("Mail an max ät example.de bitte", f"Mail an {EMAIL_REMOVED} bitte"),
    ("maria.schulze at gmx punkt net", EMAIL_REMOVED),
    ("max at example dot de", EMAIL_REMOVED),
    ("m.mustermann (at) t-online (dot) de", EMAIL_REMOVED),
    ("Anna.Köthen{at}web.de schreibt", f"{EMAIL_REMOVED} schreibt"),
    ("Adresse: anna@example.org.", f"Adresse: {EMAIL_REMOVED}."),
    # IBANs, with and without spaces, German and others; a German one with a typo too.
    ("Meine IBAN ist DE89 3704 0044 0532 0130 00, bitte überweisen",
     f"Meine IBAN ist {IBAN_REMOVED}, bitte überweisen"),
    ("de89370400440532013000", IBAN_REMOVED),
    ("Konto in Österreich: AT61 1904 3002 3457 3201", f"Konto in Österreich: {IBAN_REMOVED}"),
    ("GB82 WEST 1234 5698 7654 32 und FR14 2004 1010 0505 0001 3M02 606",
     f"{IBAN_REMOVED} und {IBAN_REMOVED}"),
    ("DE89 3704 0044 0532 0130 01 (vertippt)", f"{IBAN_REMOVED} (vertippt)"),
    # Tax numbers: the Steuer-ID by its check digit or its name, the Steuernummer by its format.
    ("Meine Steuer-ID ist 86 095 742 719.", f"Meine Steuer-ID ist {TAX_REMOVED}."),
    ("Die 47036892816 steht auf dem Bescheid", f"Die {TAX_REMOVED} steht auf dem Bescheid"),
    ("Identifikationsnummer: 12345678901", f"Identifikationsnummer: {TAX_REMOVED}"),
    ("Steuernummer 181/815/08155 (Sachsen-Anhalt)", f"Steuernummer {TAX_REMOVED} (Sachsen-Anhalt)"),
    ("die Firma hat 21/815/08150 bzw. 133/8150/8159", f"die Firma hat {TAX_REMOVED} bzw. {TAX_REMOVED}"),
    ("St.-Nr. 013 815 08153", f"St.-Nr. {TAX_REMOVED}"),
    # Social insurance numbers by check digit, or by name.
    ("Rentenversicherungsnummer 10 010490 A 44 3", f"Rentenversicherungsnummer {INSURANCE_REMOVED}"),
    ("die 10010490A443 von meinem Ausweis", f"die {INSURANCE_REMOVED} von meinem Ausweis"),
    ("SV-Nummer: 10010490A444", f"SV-Nummer: {INSURANCE_REMOVED}"),
    # Phone numbers as before, beside everything else.
    ("Kleinkleckersdorf, Tel 0345 1234567, maria.schulze@example.de",
     f"Kleinkleckersdorf, Tel {PHONE_REMOVED}, {EMAIL_REMOVED}"),
    ("Ab 02.05.2026 unter +49 176 12345678", f"Ab 02.05.2026 unter {PHONE_REMOVED}"),
]

KEPT = [
    "06108 Halle, 40 Mitarbeiter, ab 01.03.2027, 3.200 Euro, Fall WBA-2026-00042",
    "Der Kurs kostet 2.900 € und dauert 12 Wochen, Katalog-Nr. 48213",
    "Ich bin 38 Jahre alt und arbeite seit 2009 in einer Firma mit 300 Beschäftigten in 39104 Magdeburg.",
    "Kurs vom 02.05.2026 bis 30.09.2026, 480 Unterrichtsstunden, 12.500,00 Euro",
    "Vollzeit 03.04.2026-30.09.2026 in 06846 Dessau-Roßlau",
    "Ich habe am 05.06.1990 Geburtstag",
    "Wir sind 12 Leute, Umsatz 1.250.000 Euro im Jahr",
    "Bildungsgutschein über 4.500 Euro, Maßnahmenummer 962/123/2025",
    "Schulung am 1.3., Uhrzeit 14:30-16:00, Raum 2/105",
    "Meine Steuerklasse ist 3 und ich habe 2 Kinder",
    "Die Steuernummer muss ich noch beantragen, Kurs ab 01.03.2027",
    "Kurse 4711, 4712 und 4713, Python 3.11",
    "Ich war at home und habe nachgeschaut",
    "I looked at kursnet.arbeitsagentur.de yesterday",
    "Folgen Sie @weiterbildung_lsa auf Instagram",
    "Das war 2019/2020/2021, Förderung bis zu 100 % der Lehrgangskosten",
]


@pytest.mark.parametrize(("message", "left"), REDACTED)
def test_personal_data_is_replaced_by_what_it_was(message: str, left: str):
    assert redact_text(message) == left


@pytest.mark.parametrize("message", KEPT)
def test_numbers_and_words_that_are_no_personal_data_stay(message: str):
    assert redact_text(message) == message


def test_check_digits():
    assert iban_is_valid("DE89370400440532013000") and not iban_is_valid("DE89370400440532013001")
    assert iban_is_valid("CH9300762011623852957") and not iban_is_valid("CH93007620116238529")
    assert tax_id_is_valid("86095742719") and not tax_id_is_valid("86095742718")
    assert not tax_id_is_valid("12345678901")  # every digit once: not a Steuer-ID
    assert insurance_number_is_valid("10010490A443") and not insurance_number_is_valid("10010490A444")


def test_a_long_message_is_redacted_quickly():
    message = "max punkt " * 2000 + "0345 " * 2000 + "a" * 20000 + " at " + "b" * 20000
    started = time.monotonic()
    redact_text(message)
    assert time.monotonic() - started < 2
