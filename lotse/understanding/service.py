"""One call for the conversation: what a message tells and asks, where it leads, and the
answers it gives to the intake's questions, ready to be stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lotse.plain_values import plausible_slot_value
from lotse.programmes import Programme, catalogue
from lotse.understanding.facts import EMPLOYER, PERSON, read_facts
from lotse.understanding.questions import asked, wished_channel, wishes_training
from lotse.understanding.routing import HUMAN, Route, route, speaker

# Answers to the intake's own questions, stored in slots of the same name.
INTAKE_ANSWERS = ("employment_status", "location", "topic", "qualification")
# Facts the funding rules read that the intake does not ask; kept together ("visitor facts").
TOLD_FACTS = (
    "age",
    "company_size",
    "course_goal",
    "receives",
    "foreign_qualification",
    "course_hours",
    "employer_agrees",
    "weekly_hours",
)
# Facts about a person that a company's intake must not keep.
PERSONAL = frozenset(
    {
        "age",
        "receives",
        "foreign_qualification",
        "weekly_hours",
        "course_goal",
        "employment_status",
        "qualification",
    }
)


@dataclass(frozen=True)
class Understanding:
    facts: Mapping[str, Any]
    questions: frozenset[str]
    route: Route
    # How a visitor who wants a person wishes to be reached (phone, email), if said.
    channel: str | None = None


def understand(
    text: str,
    entities: Iterable[Mapping[str, Any]],
    intent: str | None,
    previous_kind: str | None = None,
    programme_known: bool = False,
    advice_given: bool = False,
    refines_shown_list: bool = False,
) -> Understanding:
    """What the message tells and asks, and where it leads; `programme_known`: a programme
    was talked about before ("bekomme ich das?" means that one); `advice_given`: the visitor's
    situation is confirmed, so "wo muss ich hin?" asks for the next steps; `refines_shown_list`:
    courses are in view and the message narrows them."""
    entities = list(entities)
    facts = read_facts(text, entities)
    questions = asked(text)
    named = programme_known or programme_in(text, entities) is not None
    way = route(intent, facts, questions, previous_kind, named, words=len(text.split()),
                advice_given=advice_given, wants_training=wishes_training(text),
                refines_shown_list=refines_shown_list)
    return Understanding(facts, questions, way, wished_channel(text) if way.goal == HUMAN else None)


def programme_in(text: str, entities: Iterable[Mapping[str, Any]]) -> Programme | None:
    """The programme a message names: DIET's entity, else an alias anywhere in the text."""
    for entity in entities:
        if entity.get("entity") == "program" and entity.get("value"):
            found = catalogue().find(str(entity["value"]))
            if found:
                return found
    return catalogue().find(text) if text and not text.startswith("/") else None


def answers(
    facts: Mapping[str, Any], kind: str, told_before: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The slot values the facts give: the intake's answers, the company's size for a
    company, and every other fact merged into `visitor_facts` (the latest message wins)."""
    values: dict[str, Any] = {}
    for name in INTAKE_ANSWERS:
        if name not in facts or (kind == EMPLOYER and name in PERSONAL):
            continue
        if plausible_slot_value(name, facts[name]):
            values[name] = facts[name]
    if kind == EMPLOYER and "company_size" in facts:
        values["company_size"] = facts["company_size"]
    told = dict(told_before or {})
    for name in TOLD_FACTS:
        if name not in facts or (kind == EMPLOYER and (name in PERSONAL or name == "company_size")):
            continue
        told[name] = facts[name]
    if told != dict(told_before or {}):
        values["visitor_facts"] = told
    return values


def kind_of(intent: str | None, facts: Mapping[str, Any], previous_kind: str | None) -> str:
    """Person or company, for a message inside a running intake."""
    return speaker(intent, facts, previous_kind) if facts.get("kind") else (previous_kind or PERSON)
