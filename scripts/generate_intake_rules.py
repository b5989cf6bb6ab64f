"""Write data/rules/intake.yml: the rules of every form (both intakes, the follow-up
questions, the course search, the call-back and the erasure), generated so that every form
handles starts, questions in between, stopping, a wish for a person and completion the same
way.

Run `make rules` after changing the tables below; a test fails while the file is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

FORMS = {"person": "person_intake_form", "employer": "employer_intake_form"}
# The advisor's follow-up questions after an intake (actions/funding_questions.py).
QUESTION_FORM = "funding_question_form"

# Intents whose message is read first (action_understand, lotse.understanding): the
# question asked and what the message tells decide the way, not the intent alone.
UNDERSTAND = "action_understand"
ROUTED_INTENTS = ("ask_funding", "search_course", "request_guidance", "inform", "employer_inquiry",
                  "check_eligibility")
# Intents that may carry a whole situation the model did not recognise as one; when the
# message tells none, they get their own answer.
WEAK_INTENTS = {
    "greet": [{"action": "utter_greet"}],
    "out_of_scope": [{"action": "action_out_of_scope"}],
    # "ja" with nothing asked; "ja" to the offer of courses leads to them (goal courses).
    "affirm": [{"action": "utter_how_can_i_help"}],
    "nlu_fallback": [{"action": "action_two_stage_fallback"}, {"active_loop": "action_two_stage_fallback"}],
}
# Where action_understand's `goal` leads.
GOALS = {
    "person": [{"action": "action_start_intake"}, {"slot_was_set": [{"intake_kind": "person"}]},
               {"action": "person_intake_form"}, {"active_loop": "person_intake_form"}],
    "employer": [{"action": "action_start_intake"}, {"slot_was_set": [{"intake_kind": "employer"}]},
                 {"action": "employer_intake_form"}, {"active_loop": "employer_intake_form"}],
    "courses": [{"action": "action_start_course_search"}, {"action": "course_search_form"},
                {"active_loop": "course_search_form"}],
    "programme": [{"action": "action_check_eligibility"}],
    "human": [{"action": "action_offer_human"}],
    "next_steps": [{"action": "action_next_steps"}],
    "refine": [{"action": "action_refine_courses"}],
}
# Intents that re-open the last intake directly ("den Ort ändern").
STARTING_INTENTS = {"change_field": ("person", "employer")}

# A question in the middle of an intake: answer it, then the form asks again.
DIGRESSIONS = {
    "ask_contact": ["action_contact"],
    "ask_agency": ["action_agency"],
    "bot_challenge": ["utter_iamabot"],
    "explain": ["action_explain_question"],
    "ask_funding": ["action_in_form_reply"],
    "ask_program": ["action_program_info"],
    "check_eligibility": ["action_in_form_reply"],
    "ask_next_steps": ["action_in_form_reply"],
    "search_course": ["action_in_form_reply"],
    "more_results": ["action_in_form_reply"],
    "refine_search": ["action_in_form_reply"],
    "ask_course_detail": ["action_in_form_reply"],
    "greet": ["utter_in_form_greet"],
    "thank": ["utter_in_form_thank"],
    # A message that is no answer: the reply changes when it happens again (actions/form_replies.py).
    "out_of_scope": ["action_in_form_reply"],
    "dont_know": ["action_in_form_reply"],
    "unsure": ["action_in_form_reply"],
    "inform": ["action_in_form_reply"],
    "nlu_fallback": ["action_in_form_reply"],
    "other_language": ["action_other_language"],
}

# Intents that end the intake.
ENDINGS = {
    "stop": ["utter_intake_stopped"],
    "goodbye": ["utter_goodbye"],
    "delete_data": ["action_forget_visitor"],
}

# Speaking for the other kind of visitor switches to the other intake.
SWITCHES = {"person": "employer_inquiry", "employer": "request_guidance"}

# The course search form asks only for what the search still needs (topic, place).
COURSE_FORM = "course_search_form"
# In the course search form a new search just goes on with the form (the entities are taken).
COURSE_DIGRESSIONS = {**DIGRESSIONS, "search_course": []}

# A wish for a person ends any other form: with a named way (contact_channel) it starts that
# way at once, else the assistant offers the ways there are.
HANDOVER_WAYS = {None: ["action_offer_human"], "phone": ["callback_form"], "email": ["callback_form"],
                 "chat": ["action_request_live_chat"]}
CALLBACK_FORM = "callback_form"
ERASURE_FORM = "erasure_form"
# In the call-back form only questions that cannot be an answer are digressions: a name
# such as "Kevin" may read as anything else.
CALLBACK_DIGRESSIONS = {
    "ask_contact": ["action_contact"],
    "ask_agency": ["action_agency"],
    "bot_challenge": ["utter_iamabot"],
    "explain": ["action_explain_question"],
    "other_language": ["action_other_language"],
    "request_human": [],
}
CALLBACK_ENDINGS = {
    "stop": ["action_cancel_callback"],
    "goodbye": ["action_cancel_callback", "utter_goodbye"],
    "delete_data": ["action_forget_visitor"],
}
# Actions that end a request for a person and clear its slots (actions/handover.py
# REQUEST_SLOTS; the featurized ones must be named in the rules).
CLEARS_REQUEST = {"action_open_case", "action_consent_declined", "action_cancel_callback",
                  "action_request_live_chat"}
ERASURE_DIGRESSIONS = {k: v for k, v in CALLBACK_DIGRESSIONS.items() if k != "request_human"}
ERASURE_ENDINGS = {"stop": ["action_report_erasure"], "goodbye": ["action_report_erasure", "utter_goodbye"]}

HEADER = """\
# GENERATED by scripts/generate_intake_rules.py: edit the tables there, then `make rules`.
"""


def _understanding_rules() -> list[dict]:
    """Read the message first; then its goal decides, or, for a weak intent that told
    nothing, the intent's own answer."""
    rules = [{"rule": f"{intent} is read first", "condition": [{"active_loop": None}],
              "steps": [{"intent": intent}, {"action": UNDERSTAND}], "wait_for_user_input": False}
             for intent in (*ROUTED_INTENTS, *WEAK_INTENTS)]
    # action_understand sets the way to a person too (None unless the message names one).
    rules += [{"rule": f"a message that leads to {goal}", "condition": [{"active_loop": None}],
               "steps": [{"action": UNDERSTAND},
                         {"slot_was_set": [{"goal": goal}, {"contact_channel": None}]}, *steps]}
              for goal, steps in GOALS.items()]
    # A wish for a person that names the way ("bitte um Rückruf") starts that way at once.
    rules += [{"rule": f"a message that asks for a person by {channel}", "condition": [{"active_loop": None}],
               "steps": [{"action": UNDERSTAND},
                         {"slot_was_set": [{"goal": "human"}, {"contact_channel": channel}]},
                         *_way_steps(channel)]}
              for channel in ("phone", "email")]
    rules += [{"rule": f"{intent} that tells no situation", "condition": [{"active_loop": None}],
               "steps": [{"intent": intent}, {"action": UNDERSTAND},
                         {"slot_was_set": [{"goal": "unclear"}, {"contact_channel": None}]}, *steps]}
              for intent, steps in WEAK_INTENTS.items()]
    return rules


def _start_rules() -> list[dict]:
    rules = _understanding_rules()
    for intent, kinds in STARTING_INTENTS.items():
        for kind in kinds:
            form = FORMS[kind]
            rules.append({
                "rule": f"{intent} starts the {kind} intake",
                "condition": [{"active_loop": None}],
                "steps": [
                    {"intent": intent},
                    {"action": "action_start_intake"},
                    {"slot_was_set": [{"intake_kind": kind}]},
                    {"action": form},
                    {"active_loop": form},
                ],
            })
    return rules


def _completion_rules(kind: str, form: str) -> list[dict]:
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
                   {"action": QUESTION_FORM}, {"active_loop": QUESTION_FORM}]},
    ]


def _digression_rules(kind: str, form: str, exclude: tuple[str, ...] = ()) -> list[dict]:
    return [{
        "rule": f"{intent} during the {kind} form",
        "condition": [{"active_loop": form}],
        "steps": [{"intent": intent}, *({"action": a} for a in actions),
                  {"action": form}, {"active_loop": form}],
    } for intent, actions in DIGRESSIONS.items() if intent not in exclude]


def _question_rules() -> list[dict]:
    rules = [{
        "rule": "the follow-up questions are answered and the advice is given",
        "condition": [{"active_loop": QUESTION_FORM}],
        "steps": [{"action": QUESTION_FORM}, {"active_loop": None},
                  {"slot_was_set": [{"requested_slot": None}]}, {"action": "action_present_advice"}],
    }]
    skips = ("stop", "more_results")
    rules += _digression_rules("funding question", QUESTION_FORM, exclude=skips)
    for intent in skips:
        rules.append({
            "rule": f"{intent} skips the follow-up questions",
            "condition": [{"active_loop": QUESTION_FORM}],
            "steps": [{"intent": intent}, {"action": "action_deactivate_loop"}, {"active_loop": None},
                      {"action": "action_present_advice"}],
        })
    # "Danke, tschüss" or "löschen Sie alles" at a follow-up question ends it as in the intake.
    return rules + [rule for rule in _ending_rules("the follow-up questions", QUESTION_FORM)
                    if rule["steps"][0]["intent"] not in skips]


def _form_rules(kind: str, form: str) -> list[dict]:
    rules = _completion_rules(kind, form) + _digression_rules(f"{kind} intake", form)
    other = "employer" if kind == "person" else "person"
    rules.append({
        "rule": f"{SWITCHES[kind]} switches from the {kind} to the {other} intake",
        "condition": [{"active_loop": form}],
        "steps": [{"intent": SWITCHES[kind]}, {"action": "action_deactivate_loop"},
                  {"active_loop": None}, {"action": "action_start_intake"},
                  {"slot_was_set": [{"intake_kind": other}]},
                  {"action": FORMS[other]}, {"active_loop": FORMS[other]}],
    })
    return rules + _ending_rules(f"the {kind} intake", form)


def _ending_rules(label: str, form: str) -> list[dict]:
    return [{
        "rule": f"{intent} ends {label}",
        "condition": [{"active_loop": form}],
        "steps": [{"intent": intent}, {"action": "action_deactivate_loop"},
                  {"active_loop": None}, *({"action": a} for a in actions)],
    } for intent, actions in ENDINGS.items()]


def _course_rules() -> list[dict]:
    rules = [{
        "rule": "the course search form is complete and the courses are shown",
        "condition": [{"active_loop": COURSE_FORM}],
        "steps": [{"action": COURSE_FORM}, {"active_loop": None},
                  {"slot_was_set": [{"requested_slot": None}]}, {"action": "action_search_courses"}],
        "wait_for_user_input": True,
    }]
    rules += [{
        "rule": f"{intent} during the course search form",
        "condition": [{"active_loop": COURSE_FORM}],
        "steps": [{"intent": intent}, *({"action": a} for a in actions),
                  {"action": COURSE_FORM}, {"active_loop": COURSE_FORM}],
    } for intent, actions in COURSE_DIGRESSIONS.items()]
    for intent, kind in (("request_guidance", "person"), ("employer_inquiry", "employer")):
        rules.append({
            "rule": f"{intent} leaves the course search for the {kind} intake",
            "condition": [{"active_loop": COURSE_FORM}],
            "steps": [{"intent": intent}, {"action": "action_deactivate_loop"}, {"active_loop": None},
                      {"action": "action_start_intake"}, {"slot_was_set": [{"intake_kind": kind}]},
                      {"action": FORMS[kind]}, {"active_loop": FORMS[kind]}],
        })
    return rules + _ending_rules("the course search form", COURSE_FORM)


def _run(actions: list[str]) -> list[dict]:
    """Steps running the actions, with the slots a handover action clears."""
    steps: list[dict] = []
    for action in actions:
        steps.append({"action": action})
        if action in CLEARS_REQUEST:
            steps.append({"slot_was_set": [{"contact_channel": None}, {"handover_consent": None}]})
    return steps


def _way_steps(channel: str | None) -> list[dict]:
    steps = _run(HANDOVER_WAYS[channel])
    if HANDOVER_WAYS[channel] == [CALLBACK_FORM]:
        steps.append({"active_loop": CALLBACK_FORM})
    return steps


def _request_human_rules(form: str | None, label: str) -> list[dict]:
    """request_human with no form running, or ending `form`, for each way to a person."""
    rules = []
    for channel in HANDOVER_WAYS:
        steps: list[dict] = [{"intent": "request_human"}]
        if channel:
            steps.append({"slot_was_set": [{"contact_channel": channel}]})
        if form:
            steps += [{"action": "action_deactivate_loop"}, {"active_loop": None}]
        rules.append({"rule": f"request_human{f' by {channel}' if channel else ''} {label}",
                      "condition": [{"active_loop": form}], "steps": steps + _way_steps(channel)})
    return rules


def _in_form_rules(label: str, form: str, digressions: dict, endings: dict) -> list[dict]:
    rules = [{
        "rule": f"{intent} during {label}",
        "condition": [{"active_loop": form}],
        "steps": [{"intent": intent}, *({"action": a} for a in actions), {"action": form},
                  {"active_loop": form}],
    } for intent, actions in digressions.items()]
    return rules + [{
        "rule": f"{intent} ends {label}",
        "condition": [{"active_loop": form}],
        "steps": [{"intent": intent}, {"action": "action_deactivate_loop"}, {"active_loop": None},
                  *_run(actions)],
    } for intent, actions in endings.items()]


def _callback_rules() -> list[dict]:
    # The consent is a condition, not a step after the form: Rasa's mapping sets it when the
    # visitor answers, before the form runs, and a slot set by the form in one rule would
    # have to be set by it in every rule.
    done = [{"action": CALLBACK_FORM}, {"active_loop": None}, {"slot_was_set": [{"requested_slot": None}]}]
    rules = [
        {"rule": "the call-back form is complete and the case is opened",
         "condition": [{"active_loop": CALLBACK_FORM}, {"slot_was_set": [{"handover_consent": True}]}],
         "steps": [*done, *_run(["action_open_case"])],
         "wait_for_user_input": True},
        {"rule": "consent is refused and only the hotline and e-mail are given",
         "condition": [{"active_loop": CALLBACK_FORM}, {"slot_was_set": [{"handover_consent": False}]}],
         "steps": [*done, *_run(["action_consent_declined"])],
         "wait_for_user_input": True},
    ]
    return rules + _in_form_rules("the call-back form", CALLBACK_FORM, CALLBACK_DIGRESSIONS, CALLBACK_ENDINGS)


def _erasure_rules() -> list[dict]:
    rules = [
        {"rule": "a reference number to delete starts the erasure form",
         "condition": [{"active_loop": None}],
         "steps": [{"intent": "delete_data"}, {"slot_was_set": [{"erasure_reference": "WBA-2026-00042"}]},
                   {"action": ERASURE_FORM}, {"active_loop": ERASURE_FORM}]},
        {"rule": "the erasure form is complete and its outcome is told",
         "condition": [{"active_loop": ERASURE_FORM}],
         "steps": [{"action": ERASURE_FORM}, {"active_loop": None},
                   {"slot_was_set": [{"requested_slot": None}]}, {"action": "action_report_erasure"}],
         "wait_for_user_input": True},
    ]
    return rules + _in_form_rules("the erasure form", ERASURE_FORM, ERASURE_DIGRESSIONS, ERASURE_ENDINGS)


class _PlainDumper(yaml.SafeDumper):
    """Writes repeated steps out in full: staff read the file, anchors (&id001) would puzzle them."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def render() -> str:
    rules = _start_rules()
    for kind, form in FORMS.items():
        rules += _form_rules(kind, form)
        rules += _request_human_rules(form, f"ends the {kind} intake")
    rules += _question_rules()
    rules += _request_human_rules(QUESTION_FORM, "ends the follow-up questions")
    rules += _course_rules()
    rules += _request_human_rules(COURSE_FORM, "ends the course search form")
    rules += _request_human_rules(None, "with no form running")
    rules += _callback_rules()
    rules += _erasure_rules()
    rules += _request_human_rules(ERASURE_FORM, "ends the erasure form")
    body = yaml.dump({"version": "3.1", "rules": rules}, Dumper=_PlainDumper, allow_unicode=True,
                     sort_keys=False, width=100)
    return HEADER + body


def main() -> int:
    target = Path(__file__).resolve().parent.parent / "data" / "rules" / "intake.yml"
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
