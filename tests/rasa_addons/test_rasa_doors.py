"""What Rasa does with a failing action, an overlong message and a payload a visitor typed
(rasa_addons/action_failures.py, message_limit.py, rest_channel.py, quiet_warnings.py).

Run inside Rasa's environment (.venv, no pytest) by a script, against real HTTP endpoints
on loopback: an action server stand-in that fails in each way, and a closed port.
"""

from __future__ import annotations

from tests.rasa_addons.rasa_env import run_in_rasa

CHECK = r"""
import asyncio, json, socket, warnings
from tests.rasa_addons.stand_in import action_server_answering
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from lotse.domain_files import DOMAIN_DIR
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa_addons import action_failures, quiet_warnings
from rasa_addons.message_limit import MAX_MESSAGE_CHARS, limited
from rasa_addons.rest_channel import LimitedRestInput

domain = Domain.load(DOMAIN_DIR)
nlg = TemplatedNaturalLanguageGenerator(domain.responses)
action_failures.apply()
action_failures.apply()  # twice is once

ANSWERS = {
    "server error": (500, {"error": "action failed"}),
    "too large": (413, {"error": "PayloadTooLarge"}),
    "invalid response": (200, {"events": "kaputt"}),
    "rejection": (400, {"action_name": "action_x", "error": "nicht gefüllt"}),
    "fine": (200, {"events": [], "responses": [{"text": "Gern."}]}),
}

async def outcome(name):
    status, body = ANSWERS[name]
    async with action_server_answering(body, status) as url:
        return await call(url)

async def call(url, tracker=None):
    action = RemoteAction("action_x", EndpointConfig(url))
    try:
        tracker = tracker or DialogueStateTracker("v", domain.slots)
        events = await action.run(CollectingOutputChannel(), nlg, tracker, domain)
    except ActionExecutionRejection:
        return "rejected"
    return [getattr(e, "text", type(e).__name__) for e in events]

closed = socket.socket(); closed.bind(("127.0.0.1", 0)); port = closed.getsockname()[1]; closed.close()
results = {name: asyncio.run(outcome(name)) for name in ANSWERS}
results["no server"] = asyncio.run(call(f"http://127.0.0.1:{port}/webhook"))
# A second failing action in the same turn (e.g. a form's validation, then the form) ends the
# turn without saying the apology again.
from rasa.shared.core.events import UserUttered
second = DialogueStateTracker("v", domain.slots)
second.update(UserUttered("Hallo"))
for event in asyncio.run(RemoteAction("action_x", EndpointConfig(f"http://127.0.0.1:{port}/webhook")).run(
        CollectingOutputChannel(), nlg, second, domain)):
    second.update(event)
results["second in a turn"] = asyncio.run(call(f"http://127.0.0.1:{port}/webhook", second))

class Request:
    def __init__(self, body):
        self.json = body
rest = LimitedRestInput()
cut = {"long": len(rest._extract_message(Request({"message": "ä" * 50000}))),
       "number": rest._extract_message(Request({"message": 12})),
       "list body": rest._extract_message(Request(["x"])), "none": limited(None),
       "commands": [limited(t) for t in ("/session_start", " /restart", "/back{}", "/request_human")],
       "max": MAX_MESSAGE_CHARS}

from rasa.nlu.classifiers.regex_message_handler import RegexMessageHandler
from rasa.shared.nlu.training_data.message import Message
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    quiet_warnings.apply()
    for text in ('/inform{"location": "Maria Schulze 0345 1234567"', '/no_intent{"topic": "0345 1234567"}',
                 '/inform{"field": "0345 1234567"}'):
        RegexMessageHandler().process([Message.build(text)], domain)
said = [str(w.message) for w in caught]

from rasa.core.actions.action import ActionExtractSlots
from rasa.shared.core.events import UserUttered
from rasa_addons import slot_guard
slot_guard.apply()
slot_guard.apply()
def extracted(entities):
    tracker = DialogueStateTracker("v", domain.slots)
    said = [{"entity": k, "value": v, "start": 0, "end": 1} for k, v in entities.items()]
    tracker.update(UserUttered("/inform", {"name": "inform", "confidence": 1.0}, said))
    events = asyncio.run(ActionExtractSlots(None).run(CollectingOutputChannel(), nlg, tracker, domain))
    return {e.key: e.value for e in events if hasattr(e, "key")}
slots = {"odd": extracted({"company_size": -1, "topic": "<script>alert(1)</script>", "location": "Halle",
                           "contact_channel": "fax", "course_format": "{{7*191}}"}),
         "plain": extracted({"company_size": "12", "topic": "Pflege"})}
from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
class StoreGone:  # the processor, when the conversation store cannot be reached
    async def handle_message(self, message):
        raise ConnectionError("database gone")
broken = Agent(domain=domain)
broken.processor = StoreGone()
collected = CollectingOutputChannel()
asyncio.run(Agent.handle_message(broken, UserMessage("Hallo", collected, "v")))  # the real agent, patched
failed_turn = [m.get("text") for m in collected.messages]
print(json.dumps({"results": results, "cut": cut, "failed_turn": failed_turn, "warnings": said,
                  "slots": slots, "hotline": action_failures.agency_contact()}, ensure_ascii=False))
"""


def result() -> dict:
    return run_in_rasa(CHECK)


def test_failures_answer_with_the_hotline_messages_are_cut_and_odd_values_are_not_stored():
    outcome = result()
    results, hotline = outcome["results"], outcome["hotline"]
    for failure in ("server error", "too large", "invalid response", "no server"):
        [text, end_of_turn] = results[failure]
        assert end_of_turn == "FollowupAction"  # the turn ends: one apology, not ten
        assert "technischer Fehler" in text and hotline["hotline"] in text and hotline["email"] in text
    assert results["second in a turn"] == ["FollowupAction"]
    assert results["rejection"] == "rejected"
    # A turn that fails as a whole (conversation store or lock store gone) gets it too.
    [turn] = outcome["failed_turn"]
    assert "technischer Fehler" in turn and hotline["hotline"] in turn
    assert results["fine"] == ["Gern."]
    cut = outcome["cut"]
    assert (cut["long"], cut["max"], cut["number"], cut["list body"], cut["none"]) == (2000, 2000, "", "", "")
    # Rasa's own commands are read as text; the widget's payloads pass.
    assert cut["commands"] == ["session_start", "restart", "back{}", "/request_human"]
    assert not [w for w in outcome["warnings"] if "0345" in w], outcome["warnings"]
    # A payload typed by hand sets no slot to code, markup or an impossible value.
    assert outcome["slots"]["odd"] == {"location": "Halle"}
    assert outcome["slots"]["plain"] == {"company_size": "12", "topic": "Pflege"}
