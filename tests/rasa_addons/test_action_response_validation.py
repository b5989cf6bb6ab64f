"""The action server's responses are checked once per schema, not once per call, and what
Rasa refused before is still refused (rasa_addons/action_response_validation.py).

The patch runs inside Rasa's environment (.venv, no pytest): a script there calls a real
action server stand-in (aiohttp on loopback) through Rasa's own `RemoteAction.run`, and
compares the patched check with Rasa's own on valid and invalid responses.
"""

from __future__ import annotations

from tests.rasa_addons.rasa_env import run_in_rasa

CHECK = r"""
import asyncio, json, sys
import jsonschema
from tests.rasa_addons.stand_in import action_server_answering
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

RESPONSES = {
    "valid": {"events": [{"event": "slot", "name": "topic", "value": "Pflege"}],
              "responses": [{"text": "Gern."}]},
    "empty": {},
    "events not a list": {"events": {"event": "slot"}},
    "unknown event": {"events": [{"event": "format_disk"}]},
    "slot without name": {"events": [{"event": "slot", "value": 1}]},
    "responses not objects": {"responses": ["text"]},
    "not an object": ["events"],
}

def outcome(check, response):
    try:
        return "ok" if check(RemoteAction("action_x", None), response) else "false"
    except jsonschema.ValidationError as error:
        return error.message

stock = RemoteAction._validate_action_result
before = {name: outcome(stock, r) for name, r in RESPONSES.items()}

from rasa_addons import action_response_validation, serve  # noqa: E402
action_response_validation.apply()
patched = RemoteAction._validate_action_result
after = {name: outcome(patched, r) for name, r in RESPONSES.items()}

checks = []
original_check = jsonschema.validators.Draft4Validator.check_schema
def counting(schema):
    checks.append(1)
    return original_check(schema)
for cls in (jsonschema.validators.Draft4Validator, jsonschema.validators.Draft7Validator,
            jsonschema.validators.Draft202012Validator):
    cls.check_schema = staticmethod(counting)
action_response_validation.response_validator.cache_clear()
for _ in range(20):
    patched(RemoteAction("action_x", None), RESPONSES["valid"])

async def through_rasa(name):
    domain = Domain.from_dict({"slots": {"topic": {"type": "text", "mappings": [{"type": "custom"}]}}})
    async with action_server_answering(RESPONSES[name]) as url:
        try:
            events = await RemoteAction("action_x", EndpointConfig(url)).run(
                CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}),
                DialogueStateTracker("visitor", domain.slots), domain)
            return [type(e).__name__ for e in events]
        except jsonschema.ValidationError as error:
            return "refused: " + error.message

run = {name: asyncio.run(through_rasa(name)) for name in ("valid", "unknown event", "events not a list")}
serve_applies = "action_response_validation.apply()" in open(serve.__file__).read()
print(json.dumps({"before": before, "after": after, "schema_checks": len(checks), "run": run,
                  "serve_applies": serve_applies}))
"""


def result() -> dict:
    return run_in_rasa(CHECK)


def test_the_patched_check_refuses_and_accepts_exactly_what_rasas_own_check_does():
    outcome = result()
    assert outcome["after"] == outcome["before"]
    assert outcome["after"]["valid"] == "ok" and outcome["after"]["empty"] == "ok"
    refused = [name for name, said in outcome["after"].items() if said != "ok"]
    assert sorted(refused) == sorted(["events not a list", "unknown event", "slot without name",
                                      "responses not objects", "not an object"])
    assert all("Failed to validate Action server response" in outcome["after"][n] for n in refused)
    # Through Rasa's own call to a real endpoint: an invalid response is still refused.
    assert outcome["run"]["valid"] == ["BotUttered", "SlotSet"]
    assert outcome["run"]["unknown event"].startswith("refused: ")
    assert outcome["run"]["events not a list"].startswith("refused: ")
    # The schema is checked once for twenty responses, and Rasa is started with the patch.
    assert outcome["schema_checks"] == 1
    assert outcome["serve_applies"]
