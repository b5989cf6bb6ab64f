"""Check: every response of the domain files is used, and every used response is defined.

Used means: an `action:` step of a rule or story; the question of a form's required slot
(`utter_ask_<form>_<slot>` or `utter_ask_<slot>`, unless an `action_ask_…` asks); a name in a
string of the Python code (actions/, rasa_addons/, lotse/) or in a text of knowledge/*.yml;
or one of Rasa's default responses. A string like f"utter_explain_{slot}" uses every response
that starts with "utter_explain_".
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from lotse.data_checks.findings import ERROR, WARNING, Finding, relative
from lotse.data_checks.intents import did_you_mean
from lotse.data_checks.knowledge_files import KNOWLEDGE_DIR, knowledge_files
from lotse.data_checks.training_data import DOMAIN, Domain, load_training_data
from lotse.data_checks.yaml_files import walk_strings

CODE_DIRS = ("actions", "rasa_addons", "lotse")
SKIPPED_CODE = ("lotse/data_checks/",)   # these checks' own messages name responses as examples
NAME = re.compile(r"utter_[a-z0-9_]+")
# Responses Rasa's default actions utter (rasa/core/actions/action.py: ActionBack, ActionRestart,
# ActionDefaultFallback, ActionDefaultAskRephrase).
RASA_RESPONSES = frozenset({"utter_back", "utter_restart", "utter_default", "utter_ask_rephrase"})
# "utter_…" strings that are no response: the dispatcher's method and the key under which Rasa
# stores the response a bot message came from.
NOT_RESPONSES = frozenset({"utter_message", "utter_action"})


@dataclass(frozen=True)
class Use:
    name: str
    prefix: bool      # f"utter_explain_{slot}": any response starting with `name`
    who: str          # "Die Regel „…“", "Der Programmcode", ...
    path: str
    line: int | None


def _names_in(text: str, f_string: bool) -> list[tuple[str, bool, int]]:
    """(name, is a prefix, offset) of each response name in a text."""
    found = []
    for match in NAME.finditer(text):
        name, rest = match.group(), text[match.end():]
        if not name.endswith("_"):
            found.append((name, False, match.start()))
        elif (f_string and rest.startswith("{")) or re.match(r"[\"']", rest):
            found.append((name, True, match.start()))
    return found


def code_uses(project: Path) -> list[Use]:
    uses = []
    for folder in CODE_DIRS:
        for path in sorted((project / folder).rglob("*.py")):
            where = relative(project, path)
            if where.startswith(SKIPPED_CODE):
                continue
            try:
                text = path.read_text(encoding="utf-8")
                if "utter_" not in text:
                    continue
                tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
            except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
                continue
            for token in tokens:
                if token.type != tokenize.STRING:
                    continue
                f_string = token.string.lstrip("rRbBuU")[:1] in ("f", "F")
                for name, prefix, offset in _names_in(token.string, f_string):
                    line = token.start[0] + token.string[:offset].count("\n")
                    uses.append(Use(name, prefix, "Der Programmcode", where, line))
    return uses


def _form_questions(domain: Domain) -> tuple[list[Use], list[Finding]]:
    uses, findings = [], []
    for form, (at, slots) in domain.forms.items():
        for slot in slots:
            responses = [f"utter_ask_{form}_{slot}", f"utter_ask_{slot}"]
            defined = [r for r in responses if r in domain.responses]
            uses += [Use(r, False, f"Das Formular {form}", at.path, at.line) for r in defined]
            if not defined and not {f"action_ask_{form}_{slot}", f"action_ask_{slot}"} & set(domain.actions):
                findings.append(Finding(ERROR, at.path, at.line, (
                    f"Das Formular {form} fragt nach {slot}, aber es gibt keine Frage dafür. Bitte legen "
                    f"Sie in {at.path} unter responses die Antwort utter_ask_{slot} mit der Frage an.")))
    return uses, findings


def check_responses(project: Path) -> list[Finding]:
    data = load_training_data(project)
    domain = data.domain
    uses = [Use(s.name, False, f"Die {s.block}", s.path, s.line)
            for s in data.steps if s.kind == "action" and s.name.startswith("utter_")]
    form_uses, findings = _form_questions(domain)
    uses += form_uses + code_uses(project)
    for name, tree in knowledge_files(project).trees.items():
        for _, text, line in walk_strings(tree):
            uses += [Use(n, p, "Der Eintrag", f"{KNOWLEDGE_DIR}/{name}.yml", line)
                     for n, p, _ in _names_in(text, False)]
    used = set(RASA_RESPONSES)
    for use in uses:
        if use.name in NOT_RESPONSES:
            continue
        matching = [r for r in domain.responses if r.startswith(use.name)] if use.prefix else (
            [use.name] if use.name in domain.responses else [])
        used.update(matching)
        if matching:
            continue
        if use.prefix:
            message = (f"{use.who} nutzt Antworten, deren Name mit {use.name} beginnt, aber keine Datei "
                       f"von {DOMAIN} hat eine solche Antwort. Bitte legen Sie sie unter responses an.")
        else:
            message = (f"{use.who} nutzt die Antwort {use.name}, die in keiner Datei von {DOMAIN} unter "
                       f"responses steht.{did_you_mean(use.name, domain.responses)} Bitte korrigieren Sie "
                       f"den Namen oder legen Sie die Antwort in der Datei von {DOMAIN} zu ihrem Thema an.")
        findings.append(Finding(ERROR, use.path, use.line, message))
    findings += [Finding(WARNING, at.path, at.line, (
        f"Die Antwort {name} wird nirgends verwendet (in keiner Regel, keiner Geschichte, keinem "
        "Formular und keiner Aktion). Bitte löschen Sie sie oder verwenden Sie sie in einer Regel."))
        for name, at in domain.responses.items() if name not in used]
    return findings
