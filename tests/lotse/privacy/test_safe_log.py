"""When an action raises, the log names the action, the exception's type and the code
location, never the visitor's message, a slot or the exception's message."""

from __future__ import annotations

import asyncio
import io
import logging

from rasa_sdk import Action
from rasa_sdk.executor import ActionExecutor

from lotse.redaction.safe_log import RedactingFormatter, action_failure_line

PHONE, ADDRESS = "0345 1234567", "maria.schulze@example.de"
MESSAGE = f"Kleinkleckersdorf, Tel {PHONE}, {ADDRESS}"


class ActionThatRaises(Action):
    """Fails as code can: with what the visitor typed in the exception's message."""

    def name(self) -> str:
        return "action_that_raises"

    async def run(self, dispatcher, tracker, domain):
        try:
            return int(tracker.latest_message["text"])
        except ValueError as error:
            raise RuntimeError(f"cannot read {tracker.get_slot('location')}") from error


def action_call(text: str) -> dict:
    return {"next_action": "action_that_raises", "sender_id": "visitor", "version": "3.6.0", "domain": {},
            "tracker": {"sender_id": "visitor", "slots": {"location": text}, "events": [],
                        "latest_message": {"text": text, "intent": {}, "entities": []},
                        "latest_action_name": "action_listen", "active_loop": {}, "paused": False}}


def run_and_log(call: dict, logger: logging.Logger) -> None:
    """What the action server's error handler does with `action_failure_line`."""
    executor = ActionExecutor()
    executor.register_action(ActionThatRaises)
    try:
        asyncio.run(executor.run(call))
    except Exception as error:  # the handler catches everything
        logger.error(action_failure_line(call.get("next_action"), error))


def test_a_failing_action_is_logged_without_the_message(caplog):
    with caplog.at_level(logging.DEBUG):
        run_and_log(action_call(MESSAGE), logging.getLogger("lotse.action_server"))
    logged = caplog.text
    assert "Aktion action_that_raises fehlgeschlagen: RuntimeError (aus ValueError)" in logged
    assert "tests/lotse/privacy/test_safe_log.py:" in logged and "in run" in logged
    for detail in (PHONE, ADDRESS, "Kleinkleckersdorf", "1234567"):
        assert detail not in logged


def test_an_action_name_that_is_no_name_is_not_logged():
    line = action_failure_line(f"action_{ADDRESS}", KeyError(MESSAGE))
    assert line == "Aktion ? fehlgeschlagen: KeyError" and ADDRESS not in line


def test_the_redacting_formatter_cleans_messages_and_tracebacks():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("tests.safe_log")
    logger.addHandler(handler)
    try:
        try:
            int(MESSAGE)
        except ValueError:
            logger.exception("could not read %s", MESSAGE)
    finally:
        logger.removeHandler(handler)
    logged = stream.getvalue()
    assert "ERROR could not read Kleinkleckersdorf, Tel [Telefonnummer entfernt]" in logged
    assert "Traceback" in logged and PHONE not in logged and ADDRESS not in logged
