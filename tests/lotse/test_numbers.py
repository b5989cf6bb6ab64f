import pytest

from lotse.numbers import parse_company_size


@pytest.mark.parametrize(("text", "size"), [
    ("40", 40), ("ca. 40", 40), ("wir sind 120 leute", 120), ("1.200 Mitarbeiter", 1200),
    ("vierzig", 40), ("etwa sechshundert", 600), ("acht", 8), (40, 40),
])
def test_company_size_is_read_from_digits_and_words(text, size):
    assert parse_company_size(text) == size


@pytest.mark.parametrize("text", ["viele", "0", "", "keine ahnung", "9999999"])
def test_no_plausible_company_size(text):
    assert parse_company_size(text) is None


def test_decimals_are_written_the_german_way():
    from lotse.numbers import german_decimal

    assert [german_decimal(v) for v in (12.5, 25.0, 6.25, 2)] == ["12,5", "25", "6,25", "2"]
