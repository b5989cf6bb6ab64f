"""Case reference numbers: short enough to read out on the phone, not guessable in sequence.

A reference is `WBA-<year>-<five random characters><check character>`, e.g. WBA-2026-K7M3QX.
The characters come from an alphabet without the look-alikes 0/O and 1/I/L; the random part
is drawn with `secrets` (31^5, about 28 million per year), so knowing one reference tells
nothing about the next. The check character makes the weighted sum of all values (the year's
digits, then the six characters, weights 1 to 10) divisible by 31, the size of the alphabet
and a prime: every single wrong character and every swap of two neighbours changes the sum
by a multiple of 31 only if nothing changed, so such a typo is caught before any lookup.

References of earlier versions (WBA-2026-00042, counted per year) stay valid and findable.
"""

from __future__ import annotations

import re
import secrets

PREFIX = "WBA"
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
MODULUS = len(ALPHABET)  # 31, a prime
RANDOM_LENGTH = 5
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
# What a person may put between the parts when typing or reading out a reference.
_SEPARATORS = re.compile(r"[\s\-–—./_:]+")
_CURRENT = re.compile(rf"(?:{PREFIX})?(20\d\d)([{ALPHABET}]{{{RANDOM_LENGTH + 1}}})")
_LEGACY = re.compile(rf"(?:{PREFIX})?(20\d\d)(\d{{5}})")
# A reference inside a sentence ("Bitte löschen Sie WBA-2026-K7M3QX"): prefix, year and code,
# with or without separators between the three parts.
_IN_TEXT = re.compile(rf"\b{PREFIX}[\s\-–./]*(20\d\d)[\s\-–./]*([0-9A-Z]{{5,6}})\b", re.IGNORECASE)


def _check_value(year: str, body: str) -> int:
    values = [int(digit) for digit in year] + [_VALUE[char] for char in body]
    total = sum(weight * value for weight, value in enumerate(values, start=1))
    weight = len(values) + 1
    return (-total * pow(weight, -1, MODULUS)) % MODULUS


def check_character(year: str, body: str) -> str:
    """The character that completes `body` (the random part) for `year`."""
    return ALPHABET[_check_value(year, body)]


def format_reference(year: int | str, body: str) -> str:
    return f"{PREFIX}-{year}-{body}{check_character(str(year), body)}"


def new_reference(year: int) -> str:
    """A fresh random reference for `year` (uniqueness is the caller's: see cases.open_case)."""
    return format_reference(year, "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH)))


def canonical_reference(text: str) -> str | None:
    """The reference as stored, from what a person typed: any case, with or without the
    prefix, spaces or dashes anywhere. None when it is no reference or its check character
    does not fit (a typo), so that a wrong number is never looked up."""
    compact = _SEPARATORS.sub("", text or "").upper()
    current = _CURRENT.fullmatch(compact)
    if current:
        year, code = current.groups()
        body, check = code[:-1], code[-1]
        return f"{PREFIX}-{year}-{code}" if check_character(year, body) == check else None
    legacy = _LEGACY.fullmatch(compact)
    if legacy:
        return f"{PREFIX}-{legacy.group(1)}-{legacy.group(2)}"
    return None


def reference_in_text(text: str) -> str | None:
    """The first valid reference in a message: the whole message if it is one (a reply to
    "Wie lautet die Referenznummer?"), else the first one written with its prefix."""
    whole = canonical_reference(text)
    if whole is not None:
        return whole
    for match in _IN_TEXT.finditer(text or ""):
        found = canonical_reference(match.group(1) + match.group(2))
        if found is not None:
            return found
    return None
