"""The two-stage fallback: "Meinten Sie ...?" with German buttons, then the hotline."""

from __future__ import annotations

import json

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from lotse.agency import contact
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
        # Declining the guesses starts the second stage ("bitte anders sagen").
        buttons.append({"title": labels["out_of_scope"], "payload": "/deny"})
        dispatcher.utter_message(response="utter_did_you_mean", buttons=buttons)
        return []


class ActionDefaultFallback(Action):
    """The last stage: the assistant did not understand twice, so it names the hotline."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        facts = contact()
        dispatcher.utter_message(response="utter_default", hotline=facts["hotline"],
                                 email=facts["email"], hours=facts["hours"])
        return [UserUtteranceReverted()]
