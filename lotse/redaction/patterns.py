"""What personal data looks like in a message: e-mail addresses (also disguised), IBANs,
German tax numbers and social insurance numbers.

Each finder yields the spans (start, end) of what it recognises, so that
`lotse.redaction` can replace them. Numbers are taken only in their own shape and,
where there is one, with a valid check digit; a number right after its name ("Steuer-ID",
"Versicherungsnummer", ...) is taken without the check, since a typo still gives it away.
Postal codes, amounts, dates, ages, course numbers and case references have none of these
shapes. Standard library only: Rasa's environment imports this too (rasa_addons/).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[int, int]

# --- E-mail addresses: max@example.de, max @ example.de, max(at)example.de,
# max [at] example [punkt] de, max ät example.de, max at example dot de.
_LABEL = r"[\w+-]+"
_AT = (r"(?P<at>\s*@\s*"
       r"|\s*[(\[{<]\s*(?:at|ät|@)\s*[)\]}>]\s*"
       r"|\s+(?P<bare>at|ät)\s+)")
_DOT = (r"(?:\.(?=[\w-])|\s+\.\s+"
        r"|\s*[(\[{<]\s*(?:dot|punkt|\.)\s*[)\]}>]\s*"
        r"|\s+(?:dot|punkt)\s+)")
ADDRESS = re.compile(
    rf"(?<![\w.+-])(?P<local>{_LABEL}(?:{_DOT}{_LABEL}){{0,4}}){_AT}"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL}){{0,4}}{_DOT}[^\W\d_]{{2,24}})(?![\w-])",
    re.IGNORECASE)
# "looked at example.com" is no address: English words that stand before a plain "at".
_NOT_LOCAL_PARTS = frozenset({
    "am", "are", "arrive", "arrived", "be", "been", "is", "it", "look", "looked", "looking", "me",
    "meet", "see", "seen", "stay", "stayed", "study", "studied", "them", "there", "this", "us",
    "was", "were", "work", "worked", "working", "works",
})


def email_addresses(text: str) -> Iterator[Span]:
    for match in ADDRESS.finditer(text):
        last_word = re.split(r"\W+", match.group("local"))[-1].lower()
        if match.group("bare") and last_word in _NOT_LOCAL_PARTS:
            continue
        yield match.span()


# --- IBANs: the country's length and the mod-97 check (ISO 13616), with or without spaces.
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
    "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22,
    "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}
_IBAN_START = re.compile(r"(?<![^\W_])([A-Za-z]{2})\d{2}(?= ?[A-Za-z0-9])")
_IBAN_CHAR = re.compile(r" ?[A-Za-z0-9]")
_GERMAN_IBAN = re.compile(r"DE\d{20}")


def iban_is_valid(iban: str) -> bool:
    """The mod-97 check of an IBAN without spaces (ISO 13616 / ISO 7064)."""
    iban = iban.upper()
    if len(iban) != _IBAN_LENGTHS.get(iban[:2]) or not re.fullmatch(r"[A-Z0-9]+", iban):
        return False
    return int("".join(str(int(char, 36)) for char in iban[4:] + iban[:4])) % 97 == 1


def ibans(text: str) -> Iterator[Span]:
    """IBANs with a valid check; a German one (DE and 20 digits) also with a typo in it."""
    position = 0
    while match := _IBAN_START.search(text, position):
        length = _IBAN_LENGTHS.get(match.group(1).upper())
        end, chars = match.end(), match.group(0)
        while length and len(chars) < length and (step := _IBAN_CHAR.match(text, end)):
            end, chars = step.end(), chars + step.group(0).strip()
        glued = end < len(text) and (text[end].isalnum() or text[end] == "_")
        if length and len(chars) == length and not glued and (
                iban_is_valid(chars) or _GERMAN_IBAN.fullmatch(chars.upper())):
            yield match.start(), end
            position = end
        else:
            position = match.start() + 1


# --- Tax numbers: the Steuer-ID (11 digits, ISO 7064 MOD 11,10, "12 345 678 901") and the
# Steuernummer in the Länder's formats with slashes (21/815/08150, 181/815/08155, 133/8150/8159).
_TAX_ID = re.compile(r"(?<![\w/.,+-])(?<!\d )[1-9](?: ?\d){10}(?! ?\d)(?![\w/])")
_TAX_NUMBER = re.compile(r"(?<![\w/.,])(?:\d{2,3}/\d{3}/\d{5}|\d{3}/\d{4}/\d{4})(?![\w/])")


def tax_id_is_valid(number: str) -> bool:
    """The Steuer-ID's rules: no leading 0, one digit twice or three times among the first
    ten, and the check digit of ISO 7064 MOD 11,10."""
    digits = [int(char) for char in number if char.isdigit()]
    if len(digits) != 11 or digits[0] == 0:
        return False
    counts = sorted((digits[:10].count(d) for d in set(digits[:10])), reverse=True)
    if counts[0] not in (2, 3) or counts[1:].count(1) != len(counts) - 1:
        return False
    product = 10
    for digit in digits[:10]:
        total = (digit + product) % 10 or 10
        product = total * 2 % 11
    return (11 - product) % 10 == digits[10]


def tax_ids(text: str) -> Iterator[Span]:
    for match in _TAX_ID.finditer(text):
        if tax_id_is_valid(match.group(0)):
            yield match.span()


def tax_numbers(text: str) -> Iterator[Span]:
    for match in _TAX_NUMBER.finditer(text):
        yield match.span()


# --- Social insurance numbers (Rentenversicherungsnummer): area, birth date, the letter of
# the birth name, serial, check digit: "65 170839 J 00 3" or "65170839J003".
_INSURANCE_NUMBER = r"\d{2} ?\d{6} ?[A-Za-z] ?\d{2} ?\d"
_INSURANCE = re.compile(rf"(?<![\w/.,-]){_INSURANCE_NUMBER}(?!\w)")
_INSURANCE_WEIGHTS = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)


def insurance_number_is_valid(number: str) -> bool:
    """The check digit of the Rentenversicherungsnummer: the letter as its place in the
    alphabet (A = 01), the twelve digits weighted, the digit sums added, modulo 10."""
    compact = number.replace(" ", "").upper()
    if not re.fullmatch(r"\d{8}[A-Z]\d{3}", compact):
        return False
    digits = [int(char) for char in compact[:8] + f"{ord(compact[8]) - 64:02d}" + compact[9:11]]
    total = sum(sum(divmod(d * w, 10)) for d, w in zip(digits, _INSURANCE_WEIGHTS, strict=True))
    return total % 10 == int(compact[11])


def insurance_numbers(text: str) -> Iterator[Span]:
    for match in _INSURANCE.finditer(text):
        if insurance_number_is_valid(match.group(0)):
            yield match.span()


# --- A number right after its name, with or without a valid check digit.
_TAX_WORDS = (r"steuer[\s-]*(?:id|identifikationsnummer|nummer|nr\.?)"
              r"|steuerliche\s+(?:id|identifikationsnummer)|identifikationsnummer|st\.?[\s-]?nr\.?|id[\s-]?nr\.?")
_INSURANCE_WORDS = (r"(?:sozial|renten)?versicherungs[\s-]?(?:nummer|nr\.?)"
                    r"|(?:sv|rv|vers)[\s-]?(?:nummer|nr\.?)")
_NAMED = re.compile(
    rf"(?<!\w)(?:(?P<tax>{_TAX_WORDS})|(?P<insurance>{_INSURANCE_WORDS}))"
    r"[\s:.,-]{0,3}(?:(?:ist|lautet|wäre|is)[\s:]+)?"
    rf"(?P<number>{_INSURANCE_NUMBER}|\d(?:[ /]?\d){{7,12}})(?![\w/])",
    re.IGNORECASE)


def named_numbers(text: str) -> Iterator[tuple[str, Span]]:
    """("tax" or "insurance", the span of the number) for a number right after its name."""
    for match in _NAMED.finditer(text):
        yield ("tax" if match.group("tax") else "insurance"), match.span("number")
