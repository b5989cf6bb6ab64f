"""Rasa's warnings that would copy a visitor's message into the log.

A visitor who types something that looks like a button payload (`/inform{"location": ...}`)
makes Rasa warn "Failed to parse arguments in line '<the whole message>'" on standard error,
which `make run` writes to the log: with a phone number or a name in it, that is personal data
in the log. These warnings say nothing the operators need; they are dropped.
"""

from __future__ import annotations

import warnings

# Each of these quotes the message or the values a visitor typed in a payload
# (rasa/shared/core/training_data/story_reader/yaml_story_reader.py, rasa/core/processor.py).
VISITOR_TEXT_WARNINGS = (
    r"Failed to parse arguments in line",
    r"Invalid entity specification",
    r"Parsed an entity",
    r"Parsed an intent",
)


def apply() -> None:
    for pattern in VISITOR_TEXT_WARNINGS:
        warnings.filterwarnings("ignore", message=pattern)
