"""Course search in the conversation: the search form, result pages, refinements and
questions about a shown course. The logic lives in lotse.catalog; this is the adapter."""

from __future__ import annotations

from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.cards import course_card, utter_card
from actions.intake_forms import IntakeValidation
from actions.tracker_facts import latest_entity_values
from lotse.catalog import detail
from lotse.catalog.cards import demo_note
from lotse.catalog.refine import Refinement, apply, describe, query_from_situation, where_text
from lotse.catalog.search import CourseQuery
from lotse.catalog.service import CoursePage, search_page, shown_course, shown_courses
from lotse.dialogue import SEARCH_COURSE, button
from lotse.numbers import german_decimal
from lotse.places import resolve_place
from lotse.situation import UNKNOWN
from lotse.understanding.where import means_anywhere

COURSE_RESULTS = "courses"
SEARCH_SLOTS = ("topic", "location")


def today() -> date:
    return date.today()


def present_page(dispatcher: CollectingDispatcher, tracker: Tracker, page: CoursePage,
                 domain: DomainDict) -> list[EventType]:
    """Utter a page of course cards (or what to do when there is none); remember it."""
    query = page.query
    if page.total == 0:
        dispatcher.utter_message(response="utter_courses_none", topic=query.text, where=where_text(query))
        if page.suggestions:
            dispatcher.utter_message(response="utter_courses_related", buttons=[
                button(name, SEARCH_COURSE, topic=name)
                for name in page.suggestions])
        dispatcher.utter_message(response="utter_courses_offer_person")
        return [SlotSet("course_query", query.to_slot()), SlotSet("last_results", None)]
    if page.offset == 0:
        if page.widened_from_km:
            dispatcher.utter_message(response="utter_courses_widened",
                                     from_km=german_decimal(page.widened_from_km),
                                     to_km=german_decimal(query.radius_km), place=query.place_label)
        dispatcher.utter_message(response="utter_courses_found", total=page.total, topic=query.text,
                                 where=where_text(query), count=len(page.cards))
    else:
        dispatcher.utter_message(response="utter_courses_more", first=page.offset + 1,
                                 last=page.offset + len(page.cards), total=page.total)
    for item in page.cards:
        utter_card(dispatcher, tracker, domain, "utter_course_card", item.variables(), course_card(item))
    if page.demo and page.offset == 0:
        dispatcher.utter_message(text=demo_note())
    footer = "utter_courses_footer" if page.has_more else "utter_courses_footer_last"
    dispatcher.utter_message(response=footer)
    numbers = list(tracker.get_slot("course_numbers") or []) if page.offset else []
    numbers += [c.course_id for c in page.cards]
    return [SlotSet("course_query", query.to_slot()), SlotSet("course_numbers", numbers),
            SlotSet("last_results", COURSE_RESULTS), SlotSet("results_offset", page.offset + len(page.cards))]


def more_courses(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
    query = CourseQuery.from_slot(tracker.get_slot("course_query") or {})
    offset = int(tracker.get_slot("results_offset") or 0)
    page = search_page(query, today(), offset, widen=False)
    if not page.cards:
        dispatcher.utter_message(response="utter_courses_no_more")
        return []
    return present_page(dispatcher, tracker, page, domain)


class ActionStartCourseSearch(Action):
    """Before the search form: answers "weiß ich nicht" from an earlier intake do not count."""

    def name(self) -> str:
        return "action_start_course_search"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        return [SlotSet(slot, None) for slot in SEARCH_SLOTS if tracker.get_slot(slot) == UNKNOWN]


class ValidateCourseSearchForm(IntakeValidation):
    """Topic is needed; the place may be skipped ("egal", "weiß nicht": search everywhere)."""

    optional_slots = frozenset({"location"})
    # A place that cannot be read the third time: the search goes on everywhere.
    leaves_questions_open = True

    def name(self) -> str:
        return "validate_course_search_form"

    def is_normalized(self, slot: str, value: Any, tracker: Tracker) -> bool:
        return True

    def validate_location(self, value: Any, dispatcher: CollectingDispatcher,
                          tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        resolution = resolve_place(str(value))
        if resolution.place is None and means_anywhere(str(value)):
            return {"location": UNKNOWN}
        if resolution.is_ambiguous or resolution.place is None or not resolution.place.has_coordinates:
            return super().validate_location(value, dispatcher, tracker, domain)
        return {"location": resolution.place.label}


class ActionSearchCourses(Action):
    def name(self) -> str:
        return "action_search_courses"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        location = tracker.get_slot("location")
        formats = [f for f in [tracker.get_slot("course_format")] if f]
        query = query_from_situation(str(tracker.get_slot("topic") or ""),
                                     None if location == UNKNOWN else location, formats)
        events = present_page(dispatcher, tracker, search_page(query, today()), domain)
        return [*events, SlotSet("course_format", None)]


class ActionRefineCourses(Action):
    """ "nur online", "lieber in Halle", "ab März", "günstiger" on the last search."""

    def name(self) -> str:
        return "action_refine_courses"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        saved = tracker.get_slot("course_query")
        if not saved and tracker.get_slot("topic") not in (None, UNKNOWN):
            # "zeigen Sie mir die Kurse" after the advice: the search of what the visitor told.
            return await ActionSearchCourses().run(dispatcher, tracker, domain)
        refinement = refinement_of(tracker)
        if refinement is None:
            dispatcher.utter_message(response="utter_refine_no_search")
            return [SlotSet("course_format", None)]
        if not refinement.understood:
            dispatcher.utter_message(response="utter_refine_not_understood")
            return [SlotSet("course_format", None)]
        dispatcher.utter_message(response="utter_refined",
                                 changes=", ".join(describe(refinement.query, refinement.changes)))
        page = search_page(refinement.query, today(), widen=False)
        return [*present_page(dispatcher, tracker, page, domain), SlotSet("course_format", None)]


def refinement_of(tracker: Tracker) -> Refinement | None:
    """The wishes of the latest message applied to the last search; None without a search."""
    saved = tracker.get_slot("course_query")
    if not saved:
        return None
    places = latest_entity_values(tracker, "location")
    return apply(CourseQuery.from_slot(saved), tracker.latest_message.get("text") or "",
                 latest_entity_values(tracker, "course_format"), places[0] if places else None,
                 _shown(tracker), today())


def refines_shown_courses(tracker: Tracker) -> bool:
    """Courses are in view and the latest message narrows them ("online wär mir am liebsten")."""
    if tracker.get_slot("last_results") != COURSE_RESULTS:
        return False
    refinement = refinement_of(tracker)
    return refinement is not None and refinement.understood


def _shown(tracker: Tracker) -> list[Any]:
    return shown_courses([int(i) for i in tracker.get_slot("course_numbers") or []])


class ActionCourseDetail(Action):
    """ "Was kostet der zweite?": one detail of a shown course."""

    def name(self) -> str:
        return "action_course_detail"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        numbers = tracker.get_slot("course_numbers") or []
        if not numbers:
            dispatcher.utter_message(response="utter_no_courses_shown")
            return []
        text = tracker.latest_message.get("text") or ""
        number = detail.position(text, len(numbers))
        if number is None or not 1 <= number <= len(numbers):
            dispatcher.utter_message(response="utter_course_detail_which", count=len(numbers))
            return []
        course = shown_course(int(numbers[number - 1]))
        if course is None:
            dispatcher.utter_message(response="utter_course_gone")
            return []
        query = CourseQuery.from_slot(tracker.get_slot("course_query") or {})
        origin = (query.lat, query.lon) if query.has_place else None
        dispatcher.utter_message(text="\n".join(detail.answer(course, number, text, today(), origin)))
        return []
