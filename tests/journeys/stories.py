"""Playing the test stories (tests/stories/*.yml) over the REST channel, message by message:
each visitor step is sent as the visitor wrote it (without the entity marks), or as its
intent and entities where the story gives no text. The model then takes its own path, as with
a real visitor; `rasa test core` checks the stories' own paths."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

import yaml

from tests.journeys.run import Assistant, Exchange

STORY_DIR = Path(__file__).resolve().parents[1] / "stories"
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\((\w+)\)|\{([^}]+)\})")


def _message(step: dict[str, Any]) -> str:
    """The visitor's words of a story step, or '/intent{"entity": "value"}' without words."""
    text = str(step.get("user") or "").strip()
    if text:
        return _ANNOTATION.sub(lambda m: m.group(1), text)
    entities = {e["entity"]: e["value"] for e in step.get("entities") or [] if isinstance(e, dict)}
    return f"/{step['intent']}" + (json.dumps(entities, ensure_ascii=False) if entities else "")


def load_stories() -> list[dict[str, Any]]:
    stories = []
    for path in sorted(STORY_DIR.glob("*.yml")):
        stories += yaml.safe_load(path.read_text(encoding="utf-8")).get("stories") or []
    return stories


def play_story(story: dict[str, Any], assistant: Assistant) -> list[Exchange]:
    sender = f"story-{uuid.uuid4().hex[:12]}"
    exchanges = []
    for step in story["steps"]:
        if "intent" in step:
            message = _message(step)
            exchanges.append(Exchange(message, assistant.say(sender, message)))
    return exchanges
