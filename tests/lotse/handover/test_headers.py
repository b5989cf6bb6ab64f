"""No line break or control character reaches a header of a notification (issue 13): the
checks refuse such values and name the field, never the value."""

from __future__ import annotations

import pytest

from lotse.handover.headers import Undeliverable, address, header_text, message_key, one_line, webhook_url

BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\x00", "\x1b[31m"]


@pytest.mark.parametrize("brk", BREAKS)
def test_a_line_break_or_control_character_is_refused(brk: str):
    with pytest.raises(Undeliverable) as refused:
        header_text(f"halle{brk}Bcc: angreifer@evil.example", "Region")
    assert str(refused.value) == "Region: Zeilenumbruch oder Steuerzeichen"
    assert "angreifer" not in str(refused.value)


def test_ordinary_text_passes():
    assert header_text("Anhalt-Bitterfeld (Köthen)", "Region") == "Anhalt-Bitterfeld (Köthen)"
    with pytest.raises(Undeliverable):
        header_text(None, "Referenz")


@pytest.mark.parametrize("good", ["team@wba.example", "team-sued+faelle@wba.example", "lotse@localhost"])
def test_one_bare_address_passes(good: str):
    assert address(good) == good


@pytest.mark.parametrize("bad", [
    "team@wba.example\nBcc: angreifer@evil.example", "team@wba.example, angreifer@evil.example",
    "Team <team@wba.example>", "team@wba.example\r", " team@wba.example", "team", "@wba.example",
    "team@wba..example", "team@-wba.example", "", None, "a" * 250 + "@wba.example"])
def test_anything_but_one_bare_address_is_refused(bad):
    with pytest.raises(Undeliverable, match="^Empfängeradresse ungültig$"):
        address(bad)


def test_message_keys_and_webhook_urls():
    assert message_key("3f2a9c0d4e5b") == "3f2a9c0d4e5b"
    for bad in ("abc\r\nX-Evil: 1", "a b", "", "x" * 65):
        with pytest.raises(Undeliverable, match="Nachrichtenschlüssel"):
            message_key(bad)
    assert webhook_url("https://crm.wba.example/faelle?x=1") == "https://crm.wba.example/faelle?x=1"
    for bad in ("https://crm.wba.example/\r\nX-Evil: 1", "ftp://crm.wba.example/", "https:///faelle",
                "https://crm.wba.example/a b", "/faelle"):
        with pytest.raises(Undeliverable, match="Webhook-Adresse"):
            webhook_url(bad)


def test_one_line_keeps_a_reason_to_a_single_printable_line():
    assert one_line("kein Versandweg für fax\n2. Zeile\x1b[2J") == "kein Versandweg für fax?2. Zeile?[2J"
    assert len(one_line("x" * 1000)) == 300
