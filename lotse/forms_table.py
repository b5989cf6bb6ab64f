"""knowledge/forms.yml, the tables staff edit for the rules of every form, loaded and checked:
its schema, then every intent, action and form it names against the domain files (domain/*.yml),
so that a typo stops `make rules` with file, line and fix instead of `rasa train`.
scripts/generate_intake_rules.py writes the rules from `Tables`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from lotse.domain_files import DOMAIN_DIR, load_domain, name_of
from lotse.knowledge import SCHEMA_DIR_NAME, LoadedFile, load_file

# The domain as the messages name it.
DOMAIN = f"{DOMAIN_DIR}/"

# Rasa's own intents and actions, which the domain does not list (rasa.shared.core.constants).
RASA_INTENTS = frozenset({"restart", "back", "out_of_scope", "session_start", "nlu_fallback"})
RASA_ACTIONS = frozenset({
    "action_listen", "action_restart", "action_session_start", "action_default_fallback",
    "action_deactivate_loop", "action_revert_fallback_events", "action_default_ask_affirmation",
    "action_default_ask_rephrase", "action_two_stage_fallback", "action_unlikely_intent", "action_back",
    "action_extract_slots"})
# Rasa's two-stage fallback runs as a loop, like a form.
RASA_LOOPS = frozenset({"action_two_stage_fallback"})

Way = dict[str, Any]
IntentActions = dict[str, list[str]]


class Tables(NamedTuple):
    """The tables of knowledge/forms.yml, in the shape the rules are written from."""

    forms: dict[str, str]  # intake kind -> form
    question_form: str
    course_form: str
    callback_form: str
    erasure_form: str
    understand: str
    routed_intents: list[str]
    weak_intents: dict[str, Way]
    goals: dict[str, Way]
    starting_intents: dict[str, list[str]]
    digressions: IntentActions
    endings: IntentActions
    switches: dict[str, str]
    question_skips: list[str]
    course_digressions: IntentActions
    course_leaves: dict[str, str]
    handover_ways: dict[str | None, Way]
    clears_request: frozenset[str]
    callback_digressions: IntentActions
    callback_endings: IntentActions
    erasure_digressions: IntentActions
    erasure_endings: IntentActions

    @classmethod
    def of(cls, data: dict[str, Any]) -> Tables:
        forms, understanding, intake = data["forms"], data["understanding"], data["intake"]
        course, handover = data["course_search"], data["handover"]
        return cls(
            forms=dict(forms["intake"]),
            question_form=forms["funding_questions"],
            course_form=forms["course_search"],
            callback_form=forms["callback"],
            erasure_form=forms["erasure"],
            understand=understanding["action"],
            routed_intents=understanding["read_first"],
            weak_intents=understanding["own_answer"],
            goals=understanding["goals"],
            starting_intents=understanding["reopen_intake"],
            digressions=intake["questions_in_between"],
            endings=intake["endings"],
            switches=intake["switches"],
            question_skips=data["funding_questions"]["skip_to_advice"],
            # The course search takes the intake's questions in between, with its own changes.
            course_digressions={**intake["questions_in_between"], **course["questions_in_between_changed"]},
            course_leaves=course["leave_for_intake"],
            handover_ways={None: handover["no_way_named"], **handover["ways"]},
            clears_request=frozenset(handover["clears_request"]),
            callback_digressions=data["callback"]["questions_in_between"],
            callback_endings=data["callback"]["endings"],
            erasure_digressions=data["erasure"]["questions_in_between"],
            erasure_endings=data["erasure"]["endings"],
        )


# --- the check of forms.yml against the domain ------------------------------------------

class Name(NamedTuple):
    """An intent, action or form named in forms.yml, with its place in the file."""

    kind: str  # "intent", "action" or "form"
    value: str
    at: list[Any]


def _intent_actions(table: IntentActions, at: list[Any]) -> Iterator[Name]:
    for intent, actions in table.items():
        yield Name("intent", intent, [*at, intent])
        yield from (Name("action", a, [*at, intent, i]) for i, a in enumerate(actions))


def _intents(intents: list[str] | dict[str, Any], at: list[Any]) -> Iterator[Name]:
    """The intents of a list, or the keys of a table."""
    if isinstance(intents, dict):
        yield from (Name("intent", intent, [*at, intent]) for intent in intents)
    else:
        yield from (Name("intent", intent, [*at, i]) for i, intent in enumerate(intents))


def _way(way: Way, at: list[Any]) -> Iterator[Name]:
    yield from (Name("action", a, [*at, "actions", i]) for i, a in enumerate(way.get("actions", [])))
    if "form" in way:
        yield Name("form", way["form"], [*at, "form"])


def _names(data: dict[str, Any]) -> Iterator[Name]:
    """Every intent, action and form that forms.yml names."""
    forms = data["forms"]
    yield from (Name("form", form, ["forms", "intake", kind]) for kind, form in forms["intake"].items())
    yield from (Name("form", form, ["forms", key]) for key, form in forms.items() if key != "intake")
    understanding = data["understanding"]
    yield Name("action", understanding["action"], ["understanding", "action"])
    for section in ("read_first", "own_answer", "reopen_intake"):
        yield from _intents(understanding[section], ["understanding", section])
    for form in ("intake", "callback", "erasure"):
        for table in ("questions_in_between", "endings"):
            yield from _intent_actions(data[form][table], [form, table])
    yield from (Name("intent", i, ["intake", "switches", k]) for k, i in data["intake"]["switches"].items())
    yield from _intents(data["funding_questions"]["skip_to_advice"], ["funding_questions", "skip_to_advice"])
    course = data["course_search"]
    yield from _intent_actions(course["questions_in_between_changed"],
                               ["course_search", "questions_in_between_changed"])
    yield from _intents(course["leave_for_intake"], ["course_search", "leave_for_intake"])
    yield from (Name("action", a, ["handover", "clears_request", i])
                for i, a in enumerate(data["handover"]["clears_request"]))
    for at, way in _all_ways(data):
        yield from _way(way, at)


def _all_ways(data: dict[str, Any]) -> Iterator[tuple[list[Any], Way]]:
    """Every way (actions, then a form or an intake) with its place in the file."""
    for section in ("own_answer", "goals"):
        for key, way in data["understanding"][section].items():
            yield ["understanding", section, key], way
    yield ["handover", "no_way_named"], data["handover"]["no_way_named"]
    for channel, way in data["handover"]["ways"].items():
        yield ["handover", "ways", channel], way


def _domain_names(project: Path) -> dict[str, frozenset[str]]:
    domain = load_domain(project)
    return {
        "intent": frozenset(map(name_of, domain.get("intents") or [])) | RASA_INTENTS,
        "response": frozenset(domain.get("responses") or {}),
        "action": frozenset(map(name_of, domain.get("actions") or [])) | RASA_ACTIONS,
        "form": frozenset(domain.get("forms") or {}) | RASA_LOOPS,
    }


def _unknown(name: Name, known: dict[str, frozenset[str]]) -> tuple[str, str] | None:
    """The problem and the fix when `name` is not in the domain, else None."""
    if name.kind == "intent" and name.value not in known["intent"]:
        return (f"Die Absicht „{name.value}“ steht in keiner Datei von {DOMAIN} (Abschnitt intents)",
                f"Bitte schreiben Sie den Namen genau wie in {DOMAIN}, oder legen Sie die Absicht "
                f"in der Datei von {DOMAIN} zu ihrem Thema an (mit Beispielsätzen in data/nlu/)")
    if name.kind == "form" and name.value not in known["form"]:
        return (f"Der Fragebogen „{name.value}“ steht in keiner Datei von {DOMAIN} (Abschnitt forms)",
                f"Bitte schreiben Sie den Namen genau wie in {DOMAIN} unter forms")
    if name.kind != "action" or name.value in known["response"] | known["action"]:
        return None
    if name.value.startswith("utter_"):
        return (f"Die Antwort „{name.value}“ steht in keiner Datei von {DOMAIN} (Abschnitt responses)",
                f"Bitte prüfen Sie die Schreibweise, oder legen Sie die Antwort in der Datei von "
                f"{DOMAIN} zu ihrem Thema unter responses an")
    return (f"Die Aktion „{name.value}“ steht in keiner Datei von {DOMAIN} (Abschnitt actions)",
            "Bitte prüfen Sie die Schreibweise; eine neue Aktion muss erst programmiert werden "
            "(actions/), nennen Sie sonst eine Antwort utter_…")


def check_against_domain(loaded: LoadedFile, project: Path) -> None:
    """Raise KnowledgeError at the first name of forms.yml that the domain files of `project`
    do not know."""
    known = _domain_names(project)
    for name in _names(loaded.data):
        problem = _unknown(name, known)
        if problem:
            raise loaded.error(name.at, *problem)
    for at, way in _all_ways(loaded.data):
        if "form" in way and "start_intake" in way:
            raise loaded.error(at, "Hier stehen „form“ und „start_intake“ zugleich",
                               "Bitte nur eines von beiden: start_intake beginnt schon einen Fragebogen")


def load_tables(forms_path: Path, project: Path) -> Tables:
    """forms.yml, checked against its schema and against the domain files of `project`."""
    loaded = load_file(forms_path, forms_path.parent / SCHEMA_DIR_NAME / "forms.schema.json")
    check_against_domain(loaded, project)
    return Tables.of(loaded.data)
