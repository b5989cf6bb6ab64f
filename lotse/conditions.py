"""Declarative eligibility conditions, evaluated with three outcomes: met, not met, unknown.

Staff write conditions in `knowledge/programmes.yml` as data, e.g.
`{fact: company_size, lt: 50}` or `{any: [{fact: qualification, in: [none]}, ...]}`.
A fact the visitor has not told yet makes a condition *unknown*, never false, so the
advisor can say "may fit, if ..." and ask for the fact that decides most.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

# Facts a condition may use, with their allowed values (None: any number / bool).
FACTS: dict[str, tuple[Any, ...] | None] = {
    "kind": ("person", "employer"),
    "employment_status": ("employed", "unemployed", "jobseeking", "short_time", "self_employed",
                          "returner", "in_training"),
    "receives": ("alg1", "buergergeld", "none"),
    "age": None,
    "qualification": ("none", "vocational", "advanced", "academic"),
    "company_size": None,
    "in_state": (True, False),
    "works_in_state": (True, False),
    "months_employed": None,
    "foreign_qualification": (True, False),
    "course_hours": None,
    "course_azav": (True, False),
    "course_goal": ("vocational_degree", "advanced_degree", "other"),
    "employer_agrees": (True, False),
    "income_monthly_gross": None,
    "taxable_income_yearly": None,
    "plans_founding": (True, False),
    # Qualifizierungsgeld (§ 82a Abs. 2): the share of staff who need a qualification because of
    # structural change, and a works or collective agreement (or the employer's declaration).
    "structural_change": (True, False),
    "qualification_agreement": (True, False),
    # Told by the visitor only; never asked (a health fact).
    "severely_disabled": (True, False),
}
OPERATORS = ("in", "not_in", "eq", "gte", "lt")
# Facts about the course and the plan, not about the visitor: usually unknown before a course
# is chosen, so a programme open only on these still counts as a strong candidate.
COURSE_FACTS = frozenset({"course_hours", "course_azav", "course_goal", "employer_agrees",
                          "structural_change", "qualification_agreement"})


class Verdict(Enum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    missing: frozenset[str] = field(default_factory=frozenset)


def check_condition(condition: Mapping[str, Any]) -> str | None:
    """A problem with a condition as written, or None if it is well-formed."""
    if "any" in condition:
        problems = [check_condition(c) for c in condition["any"]]
        return next((p for p in problems if p), None)
    fact = condition.get("fact")
    if fact not in FACTS:
        return f"unbekannter Fakt '{fact}' (erlaubt: {', '.join(FACTS)})"
    operators = [op for op in OPERATORS if op in condition]
    if len(operators) != 1:
        return f"genau ein Vergleich nötig ({', '.join(OPERATORS)})"
    allowed = FACTS[fact]
    value = condition[operators[0]]
    values = value if isinstance(value, list) else [value]
    if allowed is not None and any(v not in allowed for v in values):
        return f"Wert {value!r} passt nicht zu '{fact}' (erlaubt: {list(allowed)})"
    if allowed is None and operators[0] in ("gte", "lt") and not isinstance(value, (int, float)):
        return f"'{fact}' wird mit einer Zahl verglichen"
    return None


def evaluate(condition: Mapping[str, Any], facts: Mapping[str, Any]) -> Outcome:
    """Evaluate one condition against the known facts (a missing key means unknown)."""
    if "any" in condition:
        return _evaluate_any([evaluate(c, facts) for c in condition["any"]])
    fact = condition["fact"]
    if facts.get(fact) is None:
        return Outcome(Verdict.UNKNOWN, frozenset({fact}))
    return Outcome(Verdict.MET if _holds(condition, facts[fact]) else Verdict.NOT_MET)


def evaluate_all(conditions: list[Mapping[str, Any]], facts: Mapping[str, Any]) -> Outcome:
    """All conditions must hold: one not met decides; else unknown while any is unknown."""
    outcomes = [evaluate(c, facts) for c in conditions]
    if any(o.verdict is Verdict.NOT_MET for o in outcomes):
        return Outcome(Verdict.NOT_MET)
    missing = frozenset().union(*(o.missing for o in outcomes)) if outcomes else frozenset()
    return Outcome(Verdict.UNKNOWN, missing) if missing else Outcome(Verdict.MET)


def evaluate_not_all(conditions: list[Mapping[str, Any]], facts: Mapping[str, Any]) -> Outcome:
    """The opposite of `evaluate_all`, for an exclusion: met when the conditions do not all
    hold, not met when they do, unknown while that is open."""
    outcome = evaluate_all(conditions, facts)
    if outcome.verdict is Verdict.MET:
        return Outcome(Verdict.NOT_MET)
    if outcome.verdict is Verdict.NOT_MET:
        return Outcome(Verdict.MET)
    return outcome


def _evaluate_any(outcomes: list[Outcome]) -> Outcome:
    if any(o.verdict is Verdict.MET for o in outcomes):
        return Outcome(Verdict.MET)
    if all(o.verdict is Verdict.NOT_MET for o in outcomes):
        return Outcome(Verdict.NOT_MET)
    return Outcome(Verdict.UNKNOWN, frozenset().union(*(o.missing for o in outcomes)))


def _holds(condition: Mapping[str, Any], value: Any) -> bool:
    if "in" in condition:
        return value in condition["in"]
    if "not_in" in condition:
        return value not in condition["not_in"]
    if "eq" in condition:
        return value == condition["eq"]
    if "gte" in condition:
        return value >= condition["gte"]
    return value < condition["lt"]
