"""Programmes with an end date stop being offered on their own, without anyone editing the
file (a frozen clock for each dated programme)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lotse import clock
from lotse.advice import programme_facts
from lotse.funding import advise
from lotse.programmes import catalogue

DATED = [p for p in catalogue().programmes.values() if p.entry.get("valid_until")]
# Facts under which every dated programme fits or may fit (a master founding a business).
MASTER = {"kind": "person", "in_state": True, "works_in_state": True, "employment_status": "employed",
          "qualification": "advanced", "plans_founding": True}


def _advised(facts) -> set[str]:
    advice = advise(facts, catalogue())
    return {a.programme.key for a in (*advice.fitting, *advice.possible)}


def test_the_end_dates_of_section_7_are_in_the_knowledge():
    ends = {p.key: p.entry["valid_until"] for p in DATED}
    assert ends["meistergruendungspraemie"] == ends["meisterbonus_plus"] == "2026-12-31"


@pytest.mark.parametrize("programme", DATED, ids=[p.key for p in DATED])
def test_a_programme_is_offered_until_its_last_day_and_not_after(programme, monkeypatch):
    last_day = date.fromisoformat(programme.entry["valid_until"])
    monkeypatch.setattr(clock, "today", lambda: last_day)
    assert programme.is_active and programme.ended_on is None
    assert programme.key in _advised(MASTER)

    monkeypatch.setattr(clock, "today", lambda: last_day + timedelta(days=1))
    assert not programme.is_active and programme.ended_on == last_day
    assert programme.key not in _advised(MASTER)
    facts = programme_facts(programme, None)
    assert not facts.active and facts.ended == last_day.strftime("%d.%m.%Y")


def test_a_programme_that_starts_later_is_not_offered_before(monkeypatch):
    programme = catalogue().get("meistergruendungspraemie")
    later = {**programme.entry, "valid_from": "2026-06-01"}
    monkeypatch.setitem(catalogue().programmes, programme.key,
                        type(programme)(programme.key, programme.name, programme.status, later))
    monkeypatch.setattr(clock, "today", lambda: date(2026, 5, 31))
    assert not catalogue().get(programme.key).is_active
    monkeypatch.setattr(clock, "today", lambda: date(2026, 6, 1))
    assert catalogue().get(programme.key).is_active


def test_programmes_ending_soon_are_found_for_the_staff():
    soon = [p.key for p in catalogue().programmes.values() if p.ends_within(90, date(2026, 12, 2))]
    assert "meistergruendungspraemie" in soon
    assert not [p for p in catalogue().programmes.values() if p.ends_within(90, date(2026, 6, 1))]
