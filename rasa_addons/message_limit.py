"""What of a visitor's message reaches Rasa: its length, and no internal command.

The widget lets visitors type at most 2,000 characters (web/widget/src/config.js, its
hard maximum); a script that skips the widget could send megabytes, which Rasa would parse,
store several times per event and send to the action server with every call (that one
refuses bodies over ACTION_MAX_BODY_BYTES, and the visitor would hear nothing). The channels
cut longer messages to this length; nothing a real visitor writes is lost.

Rasa also takes a message such as "/session_start" or "/restart" as a command that ends the
conversation's state without a word to the visitor. The widget sends no such command; typed by
hand, it is read as text like any other message.
"""

from __future__ import annotations

import re
from typing import Any

MAX_MESSAGE_CHARS = 2000
# Rasa's own intents that act on the conversation itself (rasa/shared/core/constants.py).
_INTERNAL_COMMAND = re.compile(r"^\s*/(?=(?:session_start|restart|back)\b)")


def limited(text: Any) -> str:
    """The message as Rasa may take it: text only, at most MAX_MESSAGE_CHARS characters, and
    no internal command."""
    if not isinstance(text, str):
        return ""
    return _INTERNAL_COMMAND.sub("", text[:MAX_MESSAGE_CHARS], count=1)
