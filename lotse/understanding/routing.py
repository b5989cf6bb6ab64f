"""Which way a first message goes: the question asked decides, the intent model helps.

A situation that asks who pays goes to the funding advice even when it names a course; one
that asks for courses goes to the search; one that asks both gets the advice and then the
offer of courses. Who speaks (a person or a company) is decided from what the message says,
not from a number in it: "120 leute" at the visitor's employer is a person's fact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lotse.understanding.facts import EMPLOYER, PERSON
from lotse.understanding.questions import COURSES, FUNDING, OFFICE
from lotse.understanding.questions import PERSON as PERSON_QUESTION

COURSE_SEARCH = "courses"
PROGRAMME = "programme"
HUMAN = "human"
# "Muss ich zum Jobcenter oder zur Agentur?" after the advice: the next steps name the office.
NEXT_STEPS = "next_steps"
# "online wär mir am liebsten" while a course list is in view: that list is narrowed.
REFINE = "refine"
# Intents a wish about the shown list is often taken for; a refinement then wins over them.
REFINABLE_INTENTS = frozenset({"inform", "nlu_fallback"})
# Facts a wish about the list may tell; any other fact makes it a situation.
WISH_FACTS = frozenset({"kind", "location"})
UNCLEAR = "unclear"
ELIGIBILITY_INTENT = "check_eligibility"
# Intents that start the advice or the search; the message decides which.
ADVICE_INTENTS = frozenset({"ask_funding", "request_guidance", "inform", "employer_inquiry", "change_field"})
SEARCH_INTENT = "search_course"
# Intents that may still carry a situation the model did not recognise as one.
WEAK_INTENTS = frozenset({"nlu_fallback", "greet", "out_of_scope"})
# Facts that describe a situation; two of them make a message worth an intake.
SITUATION_FACTS = (
    "employment_status",
    "age",
    "company_size",
    "qualification",
    "receives",
    "course_goal",
    "foreign_qualification",
    "topic",
    "location",
)
PERSONAL_FACTS = ("age", "receives", "qualification", "foreign_qualification", "weekly_hours")
MIN_SITUATION_FACTS = 2
SEARCH_BOX_FACTS = frozenset({"topic", "location"})


@dataclass(frozen=True)
class Route:
    """Where the conversation goes: `person`, `employer`, `courses` or `unclear`, and whether
    courses are offered after the advice."""

    goal: str
    then_courses: bool = False

    @property
    def starts_intake(self) -> bool:
        return self.goal in (PERSON, EMPLOYER)


def speaker(intent: str | None, facts: Mapping[str, Any], previous_kind: str | None = None) -> str:
    """Person or company. What the message says wins over the intent model; a company's
    headcount alone does not make a company (an employee names it too)."""
    said = facts.get("kind")
    if said in (PERSON, EMPLOYER):
        return said
    if any(fact in facts for fact in PERSONAL_FACTS):
        return PERSON
    if facts.get("employment_status") not in (None, "self_employed"):
        return PERSON
    if intent == "employer_inquiry":
        return EMPLOYER
    return previous_kind or PERSON


def situation_told(facts: Mapping[str, Any]) -> bool:
    return sum(1 for fact in SITUATION_FACTS if fact in facts) >= MIN_SITUATION_FACTS


def route(
    intent: str | None,
    facts: Mapping[str, Any],
    questions: frozenset[str],
    previous_kind: str | None = None,
    programme_named: bool = False,
    words: int = 99,
    advice_given: bool = False,
    wants_training: bool = False,
    refines_shown_list: bool = False,
) -> Route:
    """The way for a message of `intent` that tells `facts` and asks `questions`. "Bekomme ich
    das?" about a programme is checked against the visitor's facts; without a programme it
    asks what funding fits, which the advice answers. `refines_shown_list`: courses are in view
    and the message holds a wish that narrows them (a format, a place, a start, a price)."""
    kind = speaker(intent, facts, previous_kind)
    if refines_shown_list and intent in REFINABLE_INTENTS and not questions and set(facts) <= WISH_FACTS:
        # A wish, not a situation: "bin 52 und arbeitslos" after a list still goes to the advice.
        return Route(REFINE)
    if advice_given and OFFICE in questions and not set(facts) - {"kind"}:
        return Route(NEXT_STEPS)
    if intent == ELIGIBILITY_INTENT:
        return Route(PROGRAMME) if programme_named else Route(kind)
    if intent in WEAK_INTENTS and PERSON_QUESTION in questions:
        # Unsure what it is, but it asks for a person: that wish is answered first.
        return Route(HUMAN)
    if facts.get("foreign_qualification") and kind == PERSON and intent == SEARCH_INTENT:
        # "Elektriker aus Rumänien ... gibt es Deutschkurs?": the recognition of the
        # qualification comes first (the advice names it), the courses are offered after.
        return Route(PERSON, then_courses=True)
    if FUNDING in questions:
        return Route(kind, then_courses=COURSES in questions and kind == PERSON)
    if intent == SEARCH_INTENT or (COURSES in questions and intent not in ("employer_inquiry",)):
        return Route(COURSE_SEARCH)
    if intent == "inform" and set(facts) - {"kind"} <= SEARCH_BOX_FACTS and "topic" in facts and words <= 6:
        # "buchhaltungskurs wernigerode": a topic and a place alone, typed as into a search box.
        return Route(COURSE_SEARCH)
    if intent in ADVICE_INTENTS:
        return Route(kind)
    if intent in WEAK_INTENTS and (situation_told(facts) or wants_training):
        # "würd mich gern irgendwie fortbilden": the intake finds out what fits.
        return Route(kind)
    return Route(UNCLEAR)
