"""Case references are short for the phone, random (not guessable from another one), and a
check character catches a wrong character or two swapped neighbours before any lookup."""

from __future__ import annotations

import random
from datetime import datetime, timezone
from itertools import pairwise

import pytest
from sqlalchemy import Engine

from lotse.db import session_scope
from lotse.handover import cases
from lotse.handover.cases import CaseContext, NoFreeReference, Routing, find_case, open_case
from lotse.handover.models import HandoverCase
from lotse.handover.references import (
    ALPHABET,
    canonical_reference,
    check_character,
    format_reference,
    new_reference,
    reference_in_text,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
LOOK_ALIKES = "01OIL"


def code_of(reference: str) -> str:
    """Year and the six characters after it, e.g. '2026K7M3QX'."""
    _, year, code = reference.split("-")
    return year + code


def as_number(reference: str) -> int:
    """The random part read as a number in base 31, to see whether references count up."""
    number = 0
    for char in reference.split("-")[2][:-1]:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    return number


def test_a_thousand_references_are_short_unique_valid_and_do_not_count_up():
    references = [new_reference(2026) for _ in range(1000)]
    assert len(set(references)) == 1000
    for reference in references:
        assert len(reference) == len("WBA-2026-K7M3QX") and reference.startswith("WBA-2026-")
        assert not set(reference.split("-")[2]) & set(LOOK_ALIKES)
        assert canonical_reference(reference) == reference
    numbers = [as_number(reference) for reference in references]
    # Each of the 999 neighbours is the next number with a chance of 2 in 28 million.
    assert not any(abs(later - earlier) == 1 for earlier, later in pairwise(numbers))
    assert numbers != sorted(numbers) and numbers != sorted(numbers, reverse=True)


def _with(code: str, position: int, char: str) -> str:
    return code[:position] + char + code[position + 1:]


# Fixed, so that every run checks the same codes (the generator is tested above).
_DRAW = random.Random(2026)
SAMPLES = [format_reference(2026, "".join(_DRAW.choice(ALPHABET) for _ in range(5))) for _ in range(40)]
SAMPLES += [format_reference(2027, "22222"), format_reference(2026, "ZZZZZ")]


@pytest.mark.parametrize("reference", SAMPLES)
def test_the_check_character_catches_every_single_wrong_character(reference: str):
    code = code_of(reference)
    for position, right in enumerate(code):
        choices = "0123456789" if position < 4 else ALPHABET
        for wrong in choices.replace(right, ""):
            typed = _with(code, position, wrong)
            assert canonical_reference(typed) is None, (reference, typed)


@pytest.mark.parametrize("reference", SAMPLES)
def test_the_check_character_catches_every_swap_of_neighbours(reference: str):
    code = code_of(reference)
    for position in range(len(code) - 1):
        if code[position] == code[position + 1]:
            continue
        typed = code[:position] + code[position + 1] + code[position] + code[position + 2:]
        assert canonical_reference(typed) is None, (reference, typed)


def test_a_reference_is_read_as_people_type_or_say_it():
    reference = format_reference(2026, "K7M3Q")
    body = reference.split("-")[2]
    for typed in (reference.lower(), f" {reference} ", f"WBA 2026 {body[:3]} {body[3:]}", f"2026-{body}",
                  f"wba2026{body.lower()}", f"WBA–2026–{body}"):
        assert canonical_reference(typed) == reference, typed
    assert reference_in_text(f"Bitte löschen Sie meinen Fall {reference.lower()}.") == reference
    assert reference_in_text(f"{body[:3]} {body[3:]}") is None  # without the year it is no reference
    wrong = reference[:-1] + next(c for c in ALPHABET if c != reference[-1])
    assert canonical_reference(wrong) is None and reference_in_text(f"Mein Fall {wrong}") is None


def test_references_of_earlier_versions_stay_valid():
    assert canonical_reference("wba-2026-00042") == "WBA-2026-00042"
    assert canonical_reference("WBA 2026 00042") == "WBA-2026-00042"
    assert reference_in_text("Löschantrag: WBA-2025-02046") == "WBA-2025-02046"
    assert canonical_reference("0345 1234567") is None and canonical_reference("") is None


def test_the_check_character_depends_on_the_year():
    assert check_character("2026", "K7M3Q") != check_character("2027", "K7M3Q")


def test_staff_and_the_erasure_form_find_new_and_old_cases(db_engine: Engine):
    with session_scope(db_engine) as session:
        new = open_case(session, CaseContext("request", region="halle", team="wba_sued"), Routing(), NOW)
        session.add(HandoverCase(reference="WBA-2025-00042", reason="request", status="open"))
    with session_scope(db_engine) as session:
        body = new.reference.split("-")[2]
        assert find_case(session, f"wba 2026 {body.lower()}").id == new.id
        assert find_case(session, "WBA-2025-00042").reference == "WBA-2025-00042"
        assert find_case(session, "wba 2025-00042").reference == "WBA-2025-00042"
        assert find_case(session, new.reference[:-1] + ("A" if body[-1] != "A" else "B")) is None


def test_a_drawn_reference_that_exists_is_drawn_again(db_engine: Engine, monkeypatch: pytest.MonkeyPatch):
    with session_scope(db_engine) as session:
        taken = open_case(session, CaseContext("request"), Routing(), NOW).reference
    fresh = format_reference(2026, "22222")
    draws = iter([taken, taken, fresh])
    monkeypatch.setattr(cases, "new_reference", lambda year: next(draws))
    with session_scope(db_engine) as session:
        assert open_case(session, CaseContext("request"), Routing(), NOW).reference == fresh
    monkeypatch.setattr(cases, "new_reference", lambda year: taken)
    with session_scope(db_engine) as session, pytest.raises(NoFreeReference):
        open_case(session, CaseContext("request"), Routing(), NOW)
