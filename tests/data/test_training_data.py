"""Checks of the training data and knowledge that Rasa's own validator does not make."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from lotse.domain_files import load_domain
from lotse.knowledge import knowledge
from lotse.review.training_data import held_out_texts, plain, training_examples

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_INTENTS = {
    "greet", "goodbye", "affirm", "deny", "thank", "bot_challenge", "ask_agency", "ask_contact",
    "request_human", "request_guidance", "search_course", "ask_funding", "ask_program",
    "employer_inquiry", "inform", "explain", "stop", "more_results", "delete_data", "out_of_scope"}
CONTRACT_ENTITIES = {"employment_status", "location", "topic", "program", "qualification",
                     "company_size", "course_format"}


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _training_examples() -> dict[str, list[str]]:
    examples: dict[str, list[str]] = {}
    for intent, example, _ in training_examples(ROOT):
        examples.setdefault(intent, []).append(example)
    return examples


def test_every_contract_intent_and_entity_is_in_the_domain():
    domain = load_domain(ROOT)
    assert CONTRACT_INTENTS <= set(domain["intents"])
    assert CONTRACT_ENTITIES <= set(domain["entities"])


def test_every_intent_has_at_least_30_training_examples():
    counts = {intent: len(lines) for intent, lines in _training_examples().items()}
    too_few = {i: n for i, n in counts.items() if n < 30}
    assert not too_few
    assert CONTRACT_INTENTS <= set(counts)


def _evaluation_texts() -> list[str]:
    return held_out_texts(ROOT)


# Answers of one or two words ("ja", "halle") are bound to occur in the training data too.
MIN_WORDS_OF_A_SENTENCE = 3


def test_evaluation_sentences_are_not_in_the_training_data():
    training = {plain(e) for lines in _training_examples().values() for e in lines}
    leaked = [text for text in _evaluation_texts()
              if len(plain(text).split()) >= MIN_WORDS_OF_A_SENTENCE and plain(text) in training]
    assert not leaked
    assert len(_evaluation_texts()) > 1000


def test_generated_rules_are_up_to_date():
    generated = (ROOT / "data" / "rules" / "generated_forms.yml").read_text(encoding="utf-8")
    assert generated == _script("generate_intake_rules").render(), "run `make rules`"


def test_generated_synonyms_and_lookups_are_up_to_date():
    module = _script("generate_nlu_data")
    for path, render in module.OUTPUTS.items():
        assert path.read_text(encoding="utf-8") == render(), "run `make nlu-data`"


def test_fallback_labels_exist_for_every_intent():
    domain = load_domain(ROOT)
    assert set(domain["intents"]) <= set(knowledge().intent_labels.data)


def test_every_response_the_actions_use_exists():
    domain = load_domain(ROOT)
    used = {name for path in (ROOT / "actions").glob("*.py")
            for name in re.findall(r'response="(utter_\w+)"', path.read_text(encoding="utf-8"))}
    assert used and used <= set(domain["responses"])
    for slot in ("employment_status", "location", "topic", "qualification", "company_size"):
        assert f"utter_explain_{slot}" in domain["responses"]
    for kind in ("person", "employer"):
        assert f"utter_intake_intro_{kind}" in domain["responses"]
        assert f"utter_intake_complete_{kind}" in domain["responses"]


def test_a_yes_or_no_is_never_taken_for_a_place_or_a_topic():
    """'ja passt' at "Was möchten Sie lernen?" is no subject to learn (nor a place)."""
    slots = load_domain(ROOT)["slots"]
    for slot in ("location", "topic"):
        from_text = [m for m in slots[slot]["mappings"] if m["type"] == "from_text"]
        assert from_text and all({"affirm", "deny"} <= set(m["not_intent"]) for m in from_text)
