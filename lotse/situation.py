"""The visitor's situation as the intake collected it: what #3 (funding), #4 (courses) and
#5 (handover) work from, and the summary the visitor confirms."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lotse.knowledge import knowledge
from lotse.places import District, place_index

UNKNOWN = "unknown"
PERSON = "person"
EMPLOYER = "employer"

# The questions of each intake, in the order they are asked.
PERSON_FIELDS = ("employment_status", "location", "topic", "qualification")
EMPLOYER_FIELDS = ("company_size", "location", "topic")
# Answers a visitor may skip with "weiß ich nicht" without being asked twice.
OPTIONAL_FIELDS = frozenset({"topic", "qualification"})

# Values of the `region` slot besides a district key.
REGION_OUTSIDE = "outside"
REGION_IN_STATE = "in_state"


@dataclass(frozen=True)
class Situation:
    """A confirmed situation; a field is None when unknown or skipped."""

    kind: str
    employment_status: str | None = None
    location: str | None = None
    region: str | None = None
    topic: str | None = None
    qualification: str | None = None
    company_size: int | None = None
    # Facts the funding advisor asked for afterwards (age, benefit, course ...).
    extra_facts: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_slots(cls, kind: str, slots: Mapping[str, Any]) -> Situation:
        def known(name: str) -> Any:
            value = slots.get(name)
            return None if value in (None, UNKNOWN, "") else value

        size = known("company_size")
        return cls(
            kind=kind,
            employment_status=known("employment_status") if kind == PERSON else None,
            location=known("location"),
            region=known("region"),
            topic=known("topic"),
            qualification=known("qualification") if kind == PERSON else None,
            company_size=int(size) if size is not None and kind == EMPLOYER else None,
            extra_facts={**told_facts(slots), **dict(slots.get("funding_facts") or {})},
        )

    @property
    def fields(self) -> tuple[str, ...]:
        return PERSON_FIELDS if self.kind == PERSON else EMPLOYER_FIELDS

    @property
    def district_key(self) -> str | None:
        """The key of the district of Sachsen-Anhalt the visitor named, if any."""
        return None if self.region in (None, REGION_OUTSIDE, REGION_IN_STATE) else self.region

    @property
    def district(self) -> District | None:
        return place_index().district(self.district_key) if self.district_key else None

    @property
    def outside_state(self) -> bool:
        return self.region == REGION_OUTSIDE

    def facts(self) -> dict[str, Any]:
        """The facts the funding rules read (lotse.conditions.FACTS); unknown ones are left out."""
        facts: dict[str, Any] = {"kind": self.kind}
        if self.region is not None:
            facts["in_state"] = self.region != REGION_OUTSIDE
        for name in ("employment_status", "qualification", "company_size"):
            value = getattr(self, name)
            if value is not None:
                facts[name] = value
        facts.update({k: v for k, v in self.extra_facts.items() if v is not None})
        return {**_implied(facts), **facts}


def _implied(facts: Mapping[str, Any]) -> dict[str, Any]:
    """What follows from the facts without asking: someone without any vocational
    qualification has none from abroad either; a company asking for its staff is the one
    that would apply for the employer's funding."""
    implied: dict[str, Any] = {}
    if facts.get("qualification") == "none":
        implied["foreign_qualification"] = False
    if facts.get("kind") == EMPLOYER:
        implied["employer_agrees"] = True
    return implied


def told_facts(slots: Mapping[str, Any]) -> dict[str, Any]:
    """Facts the visitor told in passing (age, their employer's size, the course goal ...),
    read from their messages by lotse.understanding."""
    return {k: v for k, v in dict(slots.get("visitor_facts") or {}).items() if v is not None}


def told_fact_lines(facts: Mapping[str, Any]) -> list[str]:
    """'Alter: 52', 'Beschäftigte beim Arbeitgeber: 120' ... for the summary and the case."""
    labels = knowledge().labels.data
    lines = []
    for fact, value in facts.items():
        label = labels["told_facts"].get(fact) or labels["fact_questions"].get(fact, {}).get("label")
        if label is None:
            continue
        choices = labels["fact_questions"].get(fact, {}).get("choices") or {}
        if isinstance(value, bool):
            shown = "ja" if value else "nein"
        else:
            shown = choices.get(str(value), str(value))
        lines.append(f"{label}: {shown}")
    return lines


def summary_lines(kind: str, slots: Mapping[str, Any]) -> list[str]:
    """One line per question, in the visitor's words where they gave free text, then what
    they told in passing.

    Works on raw slots so that a skipped answer shows as "keine Angabe".
    """
    labels = knowledge().labels.data
    fields = PERSON_FIELDS if kind == PERSON else EMPLOYER_FIELDS
    lines = []
    for name in fields:
        value = slots.get(name)
        if value in (None, UNKNOWN, ""):
            shown = labels["unknown"]
        elif name in ("employment_status", "qualification"):
            shown = labels[name].get(value, value)
        elif name == "company_size":
            shown = str(int(float(value)))
        else:
            shown = str(value)
        lines.append(f"{labels['fields'][name]}: {shown}")
    return lines + told_fact_lines(told_facts(slots))
