"""knowledge/forms.yml, the tables staff edit for the form rules: the real file gives exactly the
committed data/rules/generated_forms.yml, and a mistake stops `make rules` with file, line and fix."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from lotse.knowledge import KnowledgeError, load_knowledge

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"
RULES = ROOT / "data" / "rules" / "generated_forms.yml"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_intake_rules",
                                                  ROOT / "scripts" / "generate_intake_rules.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def forms_copy(tmp_path: Path) -> Path:
    """A copy of forms.yml with its schema beside it, as in knowledge/."""
    (tmp_path / "schema").mkdir()
    shutil.copy(KNOWLEDGE / "schema" / "forms.schema.json", tmp_path / "schema")
    return Path(shutil.copy(KNOWLEDGE / "forms.yml", tmp_path / "forms.yml"))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


def _error(generator: ModuleType, forms: Path) -> str:
    with pytest.raises(KnowledgeError) as error:
        generator.render(forms)
    return str(error.value)


def test_the_real_file_renders_the_committed_rules(generator: ModuleType):
    assert generator.render().encode("utf-8") == RULES.read_bytes(), "run `make rules`"


def test_an_unknown_intent_names_file_line_and_what_to_change(generator: ModuleType, forms_copy: Path):
    _replace(forms_copy, "    ask_agency: [action_agency]", "    ask_agenci: [action_agency]")
    message = _error(generator, forms_copy)
    assert f"forms.yml:{_line_of(forms_copy, 'ask_agenci')}:" in message
    assert "Die Absicht „ask_agenci“ steht in keiner Datei von domain/ (Abschnitt intents)" in message
    assert "Bitte schreiben Sie den Namen genau wie in domain/" in message


def test_an_unknown_intent_in_a_list_names_its_line(generator: ModuleType, forms_copy: Path):
    _replace(forms_copy, "skip_to_advice: [stop, more_results]",
             "skip_to_advice:\n    - stop\n    - more_result")
    message = _error(generator, forms_copy)
    assert f"forms.yml:{_line_of(forms_copy, '- more_result')}:" in message
    assert "„more_result“" in message


def test_an_unknown_response_names_its_line(generator: ModuleType, forms_copy: Path):
    _replace(forms_copy, "    goodbye: [action_cancel_callback, utter_goodbye]",
             "    goodbye:\n      - action_cancel_callback\n      - utter_goodby")
    message = _error(generator, forms_copy)
    assert f"forms.yml:{_line_of(forms_copy, '- utter_goodby')}:" in message
    assert "Die Antwort „utter_goodby“ steht in keiner Datei von domain/ (Abschnitt responses)" in message


def test_an_unknown_form_is_named(generator: ModuleType, forms_copy: Path):
    _replace(forms_copy, "    phone: {form: callback_form}", "    phone: {form: rueckruf_form}")
    message = _error(generator, forms_copy)
    assert f"forms.yml:{_line_of(forms_copy, 'rueckruf_form')}:" in message
    assert "Der Fragebogen „rueckruf_form“ steht in keiner Datei von domain/ (Abschnitt forms)" in message


def test_a_wrong_type_names_file_line_and_what_is_expected(generator: ModuleType, forms_copy: Path):
    _replace(forms_copy, "    stop: [utter_intake_stopped]", "    stop: utter_intake_stopped")
    message = _error(generator, forms_copy)
    assert f"forms.yml:{_line_of(forms_copy, 'stop: utter_intake_stopped')}:" in message
    assert "intake/endings/stop" in message and "Erwartet wird eine Liste" in message


def test_an_unknown_intake_kind_lists_the_allowed_ones(generator: ModuleType, forms_copy: Path):
    _replace(forms_copy, "    request_guidance: person", "    request_guidance: persons")
    message = _error(generator, forms_copy)
    assert f"forms.yml:{_line_of(forms_copy, 'request_guidance: persons')}:" in message
    assert "Erlaubt sind: person, employer" in message


def test_a_broken_file_leaves_the_rules_unchanged(generator: ModuleType, forms_copy: Path,
                                                  tmp_path: Path, monkeypatch, capsys):
    _replace(forms_copy, "    ask_agency: [action_agency]", "    ask_agenci: [action_agency]")
    target = tmp_path / "generated_forms.yml"
    monkeypatch.setattr(generator, "FORMS_FILE", forms_copy)
    monkeypatch.setattr(generator, "TARGET", target)
    assert generator.main() == 1
    assert "Die Regeln wurden nicht erzeugt" in capsys.readouterr().err
    assert not target.exists()


def test_a_question_in_between_of_the_intake_holds_in_the_course_search_too(
        generator: ModuleType, forms_copy: Path):
    """The course search takes the intake's table; its own entries only change it."""
    # The first ask_agency of the file is the intake's.
    _replace(forms_copy, "    ask_agency: [action_agency]", "    ask_agency: [action_agency, utter_iamabot]")
    rules = {r["rule"]: r for r in yaml.safe_load(generator.render(forms_copy))["rules"]}
    for form in ("person intake", "course search"):
        steps = rules[f"ask_agency during the {form} form"]["steps"]
        assert steps[1:3] == [{"action": "action_agency"}, {"action": "utter_iamabot"}]
    assert rules["ask_agency during the call-back form"]["steps"][2] == {"action": "callback_form"}
    assert rules["search_course during the course search form"]["steps"][1] == {
        "action": "course_search_form"}


def test_check_knowledge_validates_forms_yml(tmp_path: Path):
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, copy)
    _replace(copy / "forms.yml", "  skip_to_advice: [stop, more_results]", "  skip_to_advice: stop")
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(copy)
    assert f"forms.yml:{_line_of(copy / 'forms.yml', 'skip_to_advice: stop')}:" in str(error.value)
