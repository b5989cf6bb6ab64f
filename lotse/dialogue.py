"""The names the conversation is made of, in one place for actions, web and generators: the
intents a button sends, the payloads that carry entities, the forms (knowledge/forms.yml), and
the buttons' wording (knowledge/labels.yml, `buttons`)."""

from __future__ import annotations

import json

from lotse.knowledge import knowledge

AFFIRM, DENY, DONT_KNOW = "affirm", "deny", "dont_know"
INFORM, OUT_OF_SCOPE = "inform", "out_of_scope"
SEARCH_COURSE, CHANGE_FIELD = "search_course", "change_field"


def payload(intent: str, **entities: str) -> str:
    """What a button sends: `/intent` or `/intent{"entity":"value"}` (Rasa reads it without NLU)."""
    if not entities:
        return f"/{intent}"
    return f"/{intent}{json.dumps(entities, ensure_ascii=False, separators=(',', ':'))}"


def button(title: str, intent: str, **entities: str) -> dict[str, str]:
    return {"title": title, "payload": payload(intent, **entities)}


def labelled_button(label: str, intent: str) -> dict[str, str]:
    """A button whose title staff edit (knowledge/labels.yml, `buttons`)."""
    return button(knowledge().labels.data["buttons"][label], intent)


def intake_forms() -> dict[str, str]:
    """The intake form of each kind of visitor (person, employer)."""
    return dict(knowledge().forms.data["forms"]["intake"])


def intake_kind_of_form(form: str | None) -> str | None:
    return next((kind for kind, name in intake_forms().items() if name == form), None)
