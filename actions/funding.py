"""Funding advice in the conversation: suggestions after the intake, one programme on request,
"bekomme ich das?", "mehr", and "Ihr Weg"."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.cards import programme_card, utter_card
from actions.tracker_facts import intake_kind, latest_entities
from lotse.advice import plan, programme_facts
from lotse.advice_page import card_variables, ended_note, page, unconfirmed_note
from lotse.funding import advise, assess
from lotse.handover.cases import ADVISOR
from lotse.programmes import Programme, catalogue
from lotse.situation import REGION_OUTSIDE, UNKNOWN, Situation
from lotse.understanding.service import programme_in

FUNDING_RESULTS = "funding"


def situation_of(tracker: Tracker) -> Situation:
    return Situation.from_slots(intake_kind(tracker), tracker.slots)


def present_advice(dispatcher: CollectingDispatcher, tracker: Tracker, offset: int,
                   domain: DomainDict) -> list[EventType]:
    """Utter one page of programme cards; returns the slots that remember the page. When the
    situation needs a person (lotse.funding.advisor_reason), the first page says so."""
    shown = page(situation_of(tracker), offset, int(tracker.get_slot("programmes_shown") or 0))
    events: list[EventType] = []
    if shown.cards:
        dispatcher.utter_message(response="utter_advice_intro" if shown.first else "utter_advice_more")
        for item in shown.cards:
            values = card_variables(item)
            utter_card(dispatcher, tracker, domain, "utter_programme_card", values,
                       programme_card(item, values))
        dispatcher.utter_message(response="utter_advice_footer" if shown.more else "utter_advice_footer_last")
        events += [SlotSet("last_results", FUNDING_RESULTS), SlotSet("results_offset", shown.next_offset),
                   SlotSet("programmes_shown", shown.seen)]
    elif not shown.advisor_reason:
        dispatcher.utter_message(response="utter_advice_no_more")
    if shown.advisor_reason:
        dispatcher.utter_message(response="utter_advisor_recommended", reason=shown.advisor_reason)
        events.append(SlotSet("handover_reason", ADVISOR))
    if shown.first and tracker.get_slot("offer_courses"):
        events += offer_courses(dispatcher, tracker)
    return events


def offer_courses(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """The visitor asked for courses as well as who pays: after the advice, the offer."""
    topic, place = tracker.get_slot("topic"), tracker.get_slot("location")
    if topic in (None, UNKNOWN):
        return [SlotSet("offer_courses", False)]
    known_place = place not in (None, UNKNOWN) and tracker.get_slot("region") != REGION_OUTSIDE
    if known_place:
        dispatcher.utter_message(response="utter_offer_courses_in_place", topic=topic, place=place)
    else:
        dispatcher.utter_message(response="utter_offer_courses", topic=topic)
    return [SlotSet("offer_courses", False)]


def named_programme(tracker: Tracker) -> Programme | None:
    """The programme named in the message, else the one talked about last."""
    found = programme_in(tracker.latest_message.get("text") or "", latest_entities(tracker))
    if found:
        return found
    key = tracker.get_slot("program_key")
    return catalogue().get(key) if key else None


class ActionProgramInfo(Action):
    """What a named programme is, for whom, what it pays, where to apply, "Stand"."""

    def name(self) -> str:
        return "action_program_info"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        programme = named_programme(tracker)
        if programme is None:
            dispatcher.utter_message(response="utter_programme_unknown")
            return []
        situation = situation_of(tracker)
        facts = programme_facts(programme, situation.district_key)
        if not facts.active:
            dispatcher.utter_message(response="utter_programme_ended", name=facts.name,
                                     ended=facts.ended, summary=facts.summary, successor=ended_note(facts))
        else:
            dispatcher.utter_message(
                response="utter_programme_info", name=facts.name, summary=facts.summary,
                for_whom=facts.for_whom, pays=" ".join(facts.payments), apply=facts.apply_how,
                office=facts.office, stand=facts.stand, unsure=unconfirmed_note(facts))
        return [SlotSet("program_key", programme.key)]


class ActionCheckEligibility(Action):
    """ "Bekomme ich das?": the named or last programme against what the visitor told."""

    def name(self) -> str:
        return "action_check_eligibility"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        programme = named_programme(tracker)
        if programme is None:
            dispatcher.utter_message(response="utter_which_programme")
            return []
        if not programme.is_active:
            return await ActionProgramInfo().run(dispatcher, tracker, domain)
        result = assess(programme, situation_of(tracker).facts())
        if result.fits:
            dispatcher.utter_message(response="utter_eligible", name=programme.name,
                                     reasons=" ".join(result.reasons))
        elif result.may_fit:
            dispatcher.utter_message(response="utter_maybe_eligible", name=programme.name,
                                     open=" ".join(result.open))
        else:
            dispatcher.utter_message(response="utter_not_eligible", name=programme.name,
                                     unmet=" ".join(result.unmet))
        dispatcher.utter_message(response="utter_confirm_with_office")
        return [SlotSet("program_key", programme.key)]


class ActionNextSteps(Action):
    """ "Ihr Weg": a numbered plan the visitor can copy."""

    def name(self) -> str:
        return "action_next_steps"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        situation = situation_of(tracker)
        if not tracker.get_slot("situation_confirmed"):
            dispatcher.utter_message(response="utter_next_steps_need_situation")
            return []
        steps = plan(advise(situation.facts(), catalogue()), situation.district_key)
        numbered = "\n".join(f"{i}. {step}" for i, step in enumerate(steps, 1))
        dispatcher.utter_message(response="utter_next_steps", steps=numbered)
        return []
