"""The domain files (lotse/domain_files.py): domain/*.yml by topic, each name in one file, merged
as Rasa merges them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lotse.domain_files import DomainFilesMissing, domain_files, load_domain, merge_domains, name_of

ROOT = Path(__file__).resolve().parents[2]
TOPICS = ("core", "courses", "funding", "handover", "intake", "privacy")


def test_the_project_s_domain_is_one_file_per_topic_each_saying_what_it_holds():
    files = domain_files(ROOT)
    assert [path.name for path in files] == [f"{topic}.yml" for topic in TOPICS]
    assert not (ROOT / "domain.yml").exists(), "Rasa reads domain/ (--domain domain), not domain.yml"
    for path in files:
        first, second = path.read_text(encoding="utf-8").splitlines()[:2]
        assert first == 'version: "3.1"' and second.startswith("# "), path.name


def test_every_name_of_the_domain_is_in_exactly_one_file():
    seen: dict[tuple[str, str], str] = {}
    for path in domain_files(ROOT):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in ("intents", "entities", "actions", "slots", "forms", "responses"):
            for name in map(name_of, data.get(section) or []):
                where = seen.get((section, name))
                assert where is None, f"{section} {name}: in {where} and in {path.name}"
                seen[section, name] = path.name
    assert seen["intents", "greet"] == "core.yml" and seen["forms", "erasure_form"] == "privacy.yml"


def test_the_files_are_merged_as_rasa_merges_them():
    stop = {"stop": {"use_entities": []}}
    merged = merge_domains([
        {"version": "3.1", "intents": ["greet", stop], "slots": {"a": {"type": "any"}}},
        {"version": "3.1", "session_config": {"session_expiration_time": 60}, "intents": ["stop", "deny"],
         "slots": {"a": {"type": "text"}, "b": {"type": "bool"}}, "responses": {"utter_x": [{"text": "x"}]}},
    ])
    assert merged == {"version": "3.1", "intents": ["greet", stop, "deny"],
                      "slots": {"a": {"type": "any"}, "b": {"type": "bool"}},
                      "session_config": {"session_expiration_time": 60},
                      "responses": {"utter_x": [{"text": "x"}]}}


def test_the_merged_domain_has_everything_the_assistant_needs():
    domain = load_domain(ROOT)
    assert domain["session_config"] == {"session_expiration_time": 60,
                                        "carry_over_slots_to_new_session": True}
    forms = {"person_intake_form", "course_search_form", "callback_form", "erasure_form"}
    assert forms <= set(domain["forms"])
    # A form asks for slots of other files (location and topic are in core.yml).
    assert {"location", "topic"} <= set(domain["slots"])


def test_a_project_without_domain_files(tmp_path: Path):
    assert domain_files(tmp_path) == []
    with pytest.raises(DomainFilesMissing):
        load_domain(tmp_path)
