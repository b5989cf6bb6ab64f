"""A small, correct project for the tests of `make validate` (lotse.data_checks), written into
tmp_path, with one file changed or added per test."""

from __future__ import annotations

import textwrap
from pathlib import Path

from lotse.data_checks.findings import Finding

ROOT = Path(__file__).resolve().parents[2]

DOMAIN = """\
version: "3.1"
intents:
  - greet
  - goodbye
entities:
  - contact_channel
  - location
slots:
  contact_channel:
    type: categorical
    values: [phone, email]
    mappings:
      - type: from_entity
        entity: contact_channel
  location:
    type: text
    mappings:
      - type: from_entity
        entity: location
forms:
  callback_form:
    required_slots:
      - location
responses:
  utter_greet:
    - text: "Guten Tag!"
  utter_goodbye:
    - text: "Auf Wiedersehen!"
  utter_ask_location:
    - text: "Wo wohnen Sie?"
"""
NLU = """\
version: "3.1"
nlu:
- intent: greet
  examples: |
    - hallo
    - guten tag
    - moin
- intent: goodbye
  examples: |
    - tschuess
    - auf wiedersehen
    - bis bald
"""
RULES = """\
version: "3.1"
rules:
  - rule: greet
    steps:
      - intent: greet
      - action: utter_greet
  - rule: goodbye
    steps:
      - intent: goodbye
      - action: utter_goodbye
"""
RULES_TYPO = RULES.replace("action: utter_goodbye", "action: utter_goodby")
VOCABULARY = """\
entities:
  employment_status:
    unemployed: [arbeitslos]
    employed: [angestellt]
"""


def project(tmp_path: Path, **changes: str) -> Path:
    """A small, correct project; `changes` maps a path ("data/nlu/review.yml", with "__" for
    "/") to the text that replaces or adds that file."""
    files = {"domain/core.yml": DOMAIN, "data/nlu/general.yml": NLU, "data/rules/conversation.yml": RULES,
             "knowledge/vocabulary.yml": VOCABULARY}
    files.update({name.replace("__", "/").replace("_yml", ".yml").replace("_py", ".py"): text
                  for name, text in changes.items()})
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def lines(findings: list[Finding]) -> list[str]:
    return sorted(str(f) for f in findings)
