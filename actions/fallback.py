"""The two-stage fallback: "Meinten Sie ...?" with German buttons, then a person."""

from __future__ import annotations

import json

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_replies import ActionInFormReply
from actions.handover import offer_person
from actions.misunderstanding import offer_person_if_stuck
from lotse.dialogue import OUT_OF_SCOPE, button
from lotse.handover.cases import FALLBACK
from lotse.knowledge import knowledge

# A second guess is offered only when it is nearly as likely as the first.
SECOND_GUESS_MARGIN = 0.2
NOT_OFFERED = {"nlu_fallback", "out_of_scope"}


class ActionDefaultAskAffirmation(Action):
    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        labels = knowledge().intent_labels.data
        ranking = [r for r in tracker.latest_message.get("intent_ranking", [])
                   if r.get("name") not in NOT_OFFERED and r.get("name") in labels]
        guesses = ranking[:1]
        if len(ranking) > 1 and ranking[0]["confidence"] - ranking[1]["confidence"] < SECOND_GUESS_MARGIN:
            guesses = ranking[:2]
        entities = {e["entity"]: e["value"] for e in tracker.latest_message.get("entities", [])}
        suffix = json.dumps(entities, ensure_ascii=False) if entities else ""
        buttons = [{"title": labels[g["name"]], "payload": f"/{g['name']}{suffix}"} for g in guesses]
        # Declining the guesses starts the second stage ("bitte anders sagen"): Rasa's
        # two-stage fallback reads only out_of_scope as "none of these" (a deny ends the loop).
        buttons.append(button(labels["out_of_scope"], OUT_OF_SCOPE))
        dispatcher.utter_message(response="utter_did_you_mean", buttons=buttons)
        return offer_person_if_stuck(dispatcher, tracker)


def fallbacks_in_a_row(tracker: Tracker) -> int:
    """How many turns straight before this one ended in the last fallback stage."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "action" or event.get("name") == "action_listen":
            continue
        if event.get("name") != "action_default_fallback":
            break
        count += 1
    return count


class ActionDefaultFallback(Action):
    """The last stage: the assistant did not understand twice, so it offers a person."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if (tracker.active_loop or {}).get("name", "").endswith("_form"):
            # Inside a form the replies escalate (explain, skip or stop, a person) and never
            # repeat three times; the form keeps its question open.
            replied = await ActionInFormReply().run(dispatcher, tracker, domain)
            return [UserUtteranceReverted(), *replied]
        # Fallbacks one after another alternate their wording, so none repeats three times.
        again = fallbacks_in_a_row(tracker) % 2 == 1
        dispatcher.utter_message(response="utter_ask_rephrase_person" if again else "utter_default")
        # The offer's slots come after the revert, which would otherwise undo them.
        return [UserUtteranceReverted(), *offer_person(dispatcher, tracker, FALLBACK)]
