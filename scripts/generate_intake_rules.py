"""Write data/rules/intake.yml: the rules of every form (both intakes, the follow-up
questions, the course search, the call-back and the erasure), generated so that every form
handles starts, questions in between, stopping, a wish for a person and completion the same
way.

What each form does with which intent is a table in knowledge/forms.yml, which staff edit;
this script knows only the shape of the rules. Every intent, action and form named there is
checked against domain.yml first, so that a typo stops here with file, line and fix instead
of in `rasa train`.

Run `make rules` after changing knowledge/forms.yml; a test fails while the file is stale.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lotse.knowledge import SCHEMA_DIR_NAME, KnowledgeError, LoadedFile, load_file  # noqa: E402

FORMS_FILE = ROOT / "knowledge" / "forms.yml"
DOMAIN_FILE = ROOT / "domain.yml"
TARGET = ROOT / "data" / "rules" / "intake.yml"

# Rasa's own intents and actions, which domain.yml does not list (rasa.shared.core.constants).
RASA_INTENTS = frozenset({"restart", "back", "out_of_scope", "session_start", "nlu_fallback"})
RASA_ACTIONS = frozenset({
    "action_listen", "action_restart", "action_session_start", "action_default_fallback",
    "action_deactivate_loop", "action_revert_fallback_events", "action_default_ask_affirmation",
    "action_default_ask_rephrase", "action_two_stage_fallback", "action_unlikely_intent", "action_back",
    "action_extract_slots"})
# Rasa's two-stage fallback runs as a loop, like a form.
RASA_LOOPS = frozenset({"action_two_stage_fallback"})

Step = dict[str, Any]
Rule = dict[str, Any]
Way = dict[str, Any]
IntentActions = dict[str, list[str]]


class Tables(NamedTuple):
    """The tables of knowledge/forms.yml, in the shape the rules are written from (a NamedTuple,
    not a dataclass: the tests load this script without registering it as a module)."""

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


# --- the check of forms.yml against domain.yml -------------------------------------------

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


def _domain_names(domain_path: Path) -> dict[str, frozenset[str]]:
    domain = yaml.safe_load(domain_path.read_text(encoding="utf-8"))
    intents = {next(iter(i)) if isinstance(i, dict) else i for i in domain.get("intents") or []}
    return {
        "intent": frozenset(intents) | RASA_INTENTS,
        "response": frozenset(domain.get("responses") or {}),
        "action": frozenset(domain.get("actions") or []) | RASA_ACTIONS,
        "form": frozenset(domain.get("forms") or {}) | RASA_LOOPS,
    }


def _unknown(name: Name, known: dict[str, frozenset[str]]) -> tuple[str, str] | None:
    """The problem and the fix when `name` is not in the domain, else None."""
    if name.kind == "intent" and name.value not in known["intent"]:
        return (f"Die Absicht „{name.value}“ steht nicht in domain.yml (Abschnitt intents)",
                "Bitte schreiben Sie den Namen genau wie in domain.yml, oder legen Sie die Absicht "
                "dort an (mit Beispielsätzen in data/nlu/)")
    if name.kind == "form" and name.value not in known["form"]:
        return (f"Der Fragebogen „{name.value}“ steht nicht in domain.yml (Abschnitt forms)",
                "Bitte schreiben Sie den Namen genau wie in domain.yml unter forms")
    if name.kind != "action" or name.value in known["response"] | known["action"]:
        return None
    if name.value.startswith("utter_"):
        return (f"Die Antwort „{name.value}“ steht nicht in domain.yml (Abschnitt responses)",
                "Bitte prüfen Sie die Schreibweise, oder legen Sie die Antwort in domain.yml unter "
                "responses an")
    return (f"Die Aktion „{name.value}“ steht nicht in domain.yml (Abschnitt actions)",
            "Bitte prüfen Sie die Schreibweise; eine neue Aktion muss erst programmiert werden "
            "(actions/), nennen Sie sonst eine Antwort utter_…")


def check_against_domain(loaded: LoadedFile, domain_path: Path) -> None:
    """Raise KnowledgeError at the first name of forms.yml that domain.yml does not know."""
    known = _domain_names(domain_path)
    for name in _names(loaded.data):
        problem = _unknown(name, known)
        if problem:
            raise loaded.error(name.at, *problem)
    for at, way in _all_ways(loaded.data):
        if "form" in way and "start_intake" in way:
            raise loaded.error(at, "Hier stehen „form“ und „start_intake“ zugleich",
                               "Bitte nur eines von beiden: start_intake beginnt schon einen Fragebogen")


def load_tables(forms_path: Path, domain_path: Path) -> Tables:
    """forms.yml, checked against its schema and against domain.yml."""
    loaded = load_file(forms_path, forms_path.parent / SCHEMA_DIR_NAME / "forms.schema.json")
    check_against_domain(loaded, domain_path)
    return Tables.of(loaded.data)


# Kept word for word so that the generated file, and with it the model, stays the same.
HEADER = """\
# GENERATED by scripts/generate_intake_rules.py from knowledge/forms.yml: edit that file, then `make rules`.
"""


def _run(t: Tables, actions: list[str]) -> list[Step]:
    """Steps running the actions, with the slots a handover action clears."""
    steps: list[Step] = []
    for action in actions:
        steps.append({"action": action})
        if action in t.clears_request:
            steps.append({"slot_was_set": [{"contact_channel": None}, {"handover_consent": None}]})
    return steps


def _start_intake(t: Tables, kind: str) -> list[Step]:
    form = t.forms[kind]
    return [{"action": "action_start_intake"}, {"slot_was_set": [{"intake_kind": kind}]},
            {"action": form}, {"active_loop": form}]


def _way_steps(t: Tables, way: Way) -> list[Step]:
    """A way of forms.yml: its actions in turn, then the intake or form it starts."""
    steps = _run(t, way.get("actions", []))
    if "start_intake" in way:
        steps += _start_intake(t, way["start_intake"])
    if "form" in way:
        steps += [{"action": way["form"]}, {"active_loop": way["form"]}]
    return steps


def _leave_form() -> list[Step]:
    return [{"action": "action_deactivate_loop"}, {"active_loop": None}]


def _understanding_rules(t: Tables) -> list[Rule]:
    """Read the message first; then its goal decides, or, for a weak intent that told
    nothing, the intent's own answer."""
    rules = [{"rule": f"{intent} is read first", "condition": [{"active_loop": None}],
              "steps": [{"intent": intent}, {"action": t.understand}], "wait_for_user_input": False}
             for intent in (*t.routed_intents, *t.weak_intents)]
    # action_understand sets the way to a person too (None unless the message names one).
    rules += [{"rule": f"a message that leads to {goal}", "condition": [{"active_loop": None}],
               "steps": [{"action": t.understand},
                         {"slot_was_set": [{"goal": goal}, {"contact_channel": None}]}, *_way_steps(t, way)]}
              for goal, way in t.goals.items()]
    # A wish for a person that names the way ("bitte um Rückruf") starts that way at once.
    rules += [{"rule": f"a message that asks for a person by {channel}", "condition": [{"active_loop": None}],
               "steps": [{"action": t.understand},
                         {"slot_was_set": [{"goal": "human"}, {"contact_channel": channel}]},
                         *_way_steps(t, t.handover_ways[channel])]}
              for channel in ("phone", "email")]
    rules += [{"rule": f"{intent} that tells no situation", "condition": [{"active_loop": None}],
               "steps": [{"intent": intent}, {"action": t.understand},
                         {"slot_was_set": [{"goal": "unclear"}, {"contact_channel": None}]},
                         *_way_steps(t, way)]}
              for intent, way in t.weak_intents.items()]
    return rules


def _start_rules(t: Tables) -> list[Rule]:
    rules = _understanding_rules(t)
    rules += [{"rule": f"{intent} starts the {kind} intake", "condition": [{"active_loop": None}],
               "steps": [{"intent": intent}, *_start_intake(t, kind)]}
              for intent, kinds in t.starting_intents.items() for kind in kinds]
    return rules


def _completion_rules(t: Tables, kind: str, form: str) -> list[Rule]:
    """After the intake: the advice at once, or first the question that decides most."""
    done = [{"action": form}, {"active_loop": None}, {"slot_was_set": [{"requested_slot": None}]},
            {"action": "action_complete_intake"}]
    return [
        {"rule": f"the {kind} intake is complete and the advice is given",
         "condition": [{"active_loop": form}],
         "steps": [*done, {"slot_was_set": [{"funding_question_pending": False}]}],
         "wait_for_user_input": True},
        {"rule": f"the {kind} intake is complete and a question decides the advice",
         "condition": [{"active_loop": form}],
         "steps": [*done, {"slot_was_set": [{"funding_question_pending": True}]},
                   {"action": t.question_form}, {"active_loop": t.question_form}]},
    ]


def _digression_rules(t: Tables, label: str, form: str, digressions: IntentActions) -> list[Rule]:
    """A question in the middle of a form: answer it, then the form asks again."""
    return [{
        "rule": f"{intent} during {label}",
        "condition": [{"active_loop": form}],
        "steps": [{"intent": intent}, *_run(t, actions), {"action": form}, {"active_loop": form}],
    } for intent, actions in digressions.items()]


def _ending_rules(t: Tables, label: str, form: str, endings: IntentActions) -> list[Rule]:
    return [{
        "rule": f"{intent} ends {label}",
        "condition": [{"active_loop": form}],
        "steps": [{"intent": intent}, *_leave_form(), *_run(t, actions)],
    } for intent, actions in endings.items()]


def _question_rules(t: Tables) -> list[Rule]:
    form, skips = t.question_form, t.question_skips
    rules = [{
        "rule": "the follow-up questions are answered and the advice is given",
        "condition": [{"active_loop": form}],
        "steps": [{"action": form}, {"active_loop": None},
                  {"slot_was_set": [{"requested_slot": None}]}, {"action": "action_present_advice"}],
    }]
    rules += _digression_rules(t, "the funding question form", form, _without(t.digressions, skips))
    rules += [{
        "rule": f"{intent} skips the follow-up questions",
        "condition": [{"active_loop": form}],
        "steps": [{"intent": intent}, *_leave_form(), {"action": "action_present_advice"}],
    } for intent in skips]
    # "Danke, tschüss" or "löschen Sie alles" at a follow-up question ends it as in the intake.
    return rules + _ending_rules(t, "the follow-up questions", form, _without(t.endings, skips))


def _without(table: IntentActions, intents: list[str]) -> IntentActions:
    return {intent: actions for intent, actions in table.items() if intent not in intents}


def _form_rules(t: Tables, kind: str, form: str) -> list[Rule]:
    rules = _completion_rules(t, kind, form) + _digression_rules(t, f"the {kind} intake form", form,
                                                                 t.digressions)
    other = "employer" if kind == "person" else "person"
    rules.append({
        "rule": f"{t.switches[kind]} switches from the {kind} to the {other} intake",
        "condition": [{"active_loop": form}],
        "steps": [{"intent": t.switches[kind]}, *_leave_form(), *_start_intake(t, other)],
    })
    return rules + _ending_rules(t, f"the {kind} intake", form, t.endings)


def _course_rules(t: Tables) -> list[Rule]:
    form = t.course_form
    rules = [{
        "rule": "the course search form is complete and the courses are shown",
        "condition": [{"active_loop": form}],
        "steps": [{"action": form}, {"active_loop": None},
                  {"slot_was_set": [{"requested_slot": None}]}, {"action": "action_search_courses"}],
        "wait_for_user_input": True,
    }]
    rules += _digression_rules(t, "the course search form", form, t.course_digressions)
    rules += [{
        "rule": f"{intent} leaves the course search for the {kind} intake",
        "condition": [{"active_loop": form}],
        "steps": [{"intent": intent}, *_leave_form(), *_start_intake(t, kind)],
    } for intent, kind in t.course_leaves.items()]
    return rules + _ending_rules(t, "the course search form", form, t.endings)


def _request_human_rules(t: Tables, form: str | None, label: str) -> list[Rule]:
    """request_human with no form running, or ending `form`, for each way to a person."""
    rules = []
    for channel, way in t.handover_ways.items():
        steps: list[Step] = [{"intent": "request_human"}]
        if channel:
            steps.append({"slot_was_set": [{"contact_channel": channel}]})
        if form:
            steps += _leave_form()
        rules.append({"rule": f"request_human{f' by {channel}' if channel else ''} {label}",
                      "condition": [{"active_loop": form}], "steps": steps + _way_steps(t, way)})
    return rules


def _callback_rules(t: Tables) -> list[Rule]:
    # The consent is a condition, not a step after the form: Rasa's mapping sets it when the
    # visitor answers, before the form runs, and a slot set by the form in one rule would
    # have to be set by it in every rule.
    form = t.callback_form
    done = [{"action": form}, {"active_loop": None}, {"slot_was_set": [{"requested_slot": None}]}]
    rules = [
        {"rule": "the call-back form is complete and the case is opened",
         "condition": [{"active_loop": form}, {"slot_was_set": [{"handover_consent": True}]}],
         "steps": [*done, *_run(t, ["action_open_case"])],
         "wait_for_user_input": True},
        {"rule": "consent is refused and only the hotline and e-mail are given",
         "condition": [{"active_loop": form}, {"slot_was_set": [{"handover_consent": False}]}],
         "steps": [*done, *_run(t, ["action_consent_declined"])],
         "wait_for_user_input": True},
    ]
    rules += _digression_rules(t, "the call-back form", form, t.callback_digressions)
    return rules + _ending_rules(t, "the call-back form", form, t.callback_endings)


def _erasure_rules(t: Tables) -> list[Rule]:
    form = t.erasure_form
    rules = [
        {"rule": "a reference number to delete starts the erasure form",
         "condition": [{"active_loop": None}],
         "steps": [{"intent": "delete_data"}, {"slot_was_set": [{"erasure_reference": "WBA-2026-00042"}]},
                   {"action": form}, {"active_loop": form}]},
        {"rule": "the erasure form is complete and its outcome is told",
         "condition": [{"active_loop": form}],
         "steps": [{"action": form}, {"active_loop": None},
                   {"slot_was_set": [{"requested_slot": None}]}, {"action": "action_report_erasure"}],
         "wait_for_user_input": True},
    ]
    rules += _digression_rules(t, "the erasure form", form, t.erasure_digressions)
    return rules + _ending_rules(t, "the erasure form", form, t.erasure_endings)


class _PlainDumper(yaml.SafeDumper):
    """Writes repeated steps out in full: staff read the file, anchors (&id001) would puzzle them."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def render(forms_path: Path | None = None, domain_path: Path | None = None) -> str:
    """The rules file for the tables of forms.yml; raises KnowledgeError for a bad table."""
    t = load_tables(forms_path or FORMS_FILE, domain_path or DOMAIN_FILE)
    rules = _start_rules(t)
    for kind, form in t.forms.items():
        rules += _form_rules(t, kind, form)
        rules += _request_human_rules(t, form, f"ends the {kind} intake")
    rules += _question_rules(t)
    rules += _request_human_rules(t, t.question_form, "ends the follow-up questions")
    rules += _course_rules(t)
    rules += _request_human_rules(t, t.course_form, "ends the course search form")
    rules += _request_human_rules(t, None, "with no form running")
    rules += _callback_rules(t)
    rules += _erasure_rules(t)
    rules += _request_human_rules(t, t.erasure_form, "ends the erasure form")
    body = yaml.dump({"version": "3.1", "rules": rules}, Dumper=_PlainDumper, allow_unicode=True,
                     sort_keys=False, width=100)
    return HEADER + body


def main() -> int:
    try:
        text = render()
    except KnowledgeError as error:
        print(f"Die Regeln wurden nicht erzeugt: {error}", file=sys.stderr)
        return 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
