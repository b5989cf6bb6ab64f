"""Reading numbers the way visitors write them: "40", "ca. 1.200", "vierzig", "über 500"."""

from __future__ import annotations

import re

from text_to_num import alpha2digit

from lotse.plain_values import MAX_COMPANY_SIZE

_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")


def with_digits(text: str) -> str:
    """German number words written as digits ("drei Monate" → "3 Monate")."""
    return alpha2digit(str(text), "de")


def parse_count(text: str) -> int | None:
    """The first whole number in `text` (digits or German number words), or None."""
    if isinstance(text, (int, float)):
        return int(text)
    digits = with_digits(text)
    match = _NUMBER.search(digits)
    if not match:
        return None
    return int(match.group().replace(".", ""))


def parse_company_size(text: str) -> int | None:
    """A plausible number of employees, or None (zero and absurd values are not sizes)."""
    count = parse_count(text)
    if count is None or not 1 <= count <= MAX_COMPANY_SIZE:
        return None
    return count


def german_decimal(value: float) -> str:
    """A number as German readers write it: "12,5", "25" (no trailing zeros)."""
    return f"{value:g}".replace(".", ",")
