"""Checks of the intents: enough examples, known to the domain, and answered by a rule or story."""

from __future__ import annotations

from collections import Counter
from difflib import get_close_matches
from pathlib import Path

from lotse.data_checks.defaults import DEFAULT_MIN_EXAMPLES
from lotse.data_checks.findings import ERROR, Finding, quoted
from lotse.data_checks.training_data import DOMAIN, At, load_training_data

# Rasa's own intents (rasa/shared/core/constants.py DEFAULT_INTENTS): rules may use them
# without the domain listing them.
RASA_INTENTS = frozenset({"restart", "back", "out_of_scope", "session_start", "nlu_fallback"})


def base(intent: str) -> str:
    """A retrieval intent's name in the domain and rules: "faq/ask_hours" → "faq"."""
    return intent.split("/", 1)[0]


def did_you_mean(name: str, known: list[str] | set[str] | dict[str, object]) -> str:
    """" Meinten Sie „…“?" with the closest known name, and its domain file if `known` has them."""
    close = get_close_matches(name, list(known), n=1, cutoff=0.6)
    if not close:
        return ""
    at = known.get(close[0]) if isinstance(known, dict) else None
    where = f" ({at.path})" if isinstance(at, At) else ""
    return f" Meinten Sie {quoted(close[0])}{where}?"


def check_example_counts(project: Path, min_examples: int = DEFAULT_MIN_EXAMPLES) -> list[Finding]:
    """Every intent of the domain has at least `min_examples` example sentences."""
    data = load_training_data(project)
    counts = Counter(base(example.intent) for example in data.examples)
    first_block = {}
    for intent, path, line in data.intent_lines:
        first_block.setdefault(base(intent), (path, line))
    findings = []
    for intent, at in data.domain.intents.items():
        count = counts[intent]
        if count >= min_examples:
            continue
        if intent in first_block:
            path, line = first_block[intent]
            findings.append(Finding(ERROR, path, line, (
                f"Die Absicht {intent} hat nur {count} Beispielsätze, nötig sind mindestens "
                f"{min_examples}. Bitte ergänzen Sie hier weitere Sätze, wie Besucher sie schreiben.")))
        else:
            findings.append(Finding(ERROR, at.path, at.line, (
                f"Die Absicht {intent} hat keine Beispielsätze (nötig sind mindestens {min_examples}). "
                f"Bitte legen Sie in einer Datei unter data/nlu/ einen Abschnitt „- intent: {intent}“ "
                "mit Beispielsätzen an oder löschen Sie die Absicht hier.")))
    return findings


def check_intents_known(project: Path) -> list[Finding]:
    """Intents of the NLU files and of rules and stories are listed in a domain file."""
    data = load_training_data(project)
    known = data.domain.intents
    findings = []
    for intent, path, line in data.intent_lines:
        if base(intent) not in known:
            findings.append(Finding(ERROR, path, line, (
                f"Die Absicht {intent} steht in keiner Datei von {DOMAIN} unter intents."
                f"{did_you_mean(intent, known)} Bitte korrigieren Sie den Namen oder tragen Sie die "
                f"Absicht in der Datei von {DOMAIN} zu ihrem Thema unter intents ein.")))
    for step in data.steps:
        if step.kind == "intent" and step.name not in known and step.name not in RASA_INTENTS:
            findings.append(Finding(ERROR, step.path, step.line, (
                f"Die {step.block} nutzt die Absicht {step.name}, die in keiner Datei von {DOMAIN} unter "
                f"intents steht.{did_you_mean(step.name, known)} Bitte korrigieren Sie den Namen.")))
    return findings


def check_intents_answered(project: Path) -> list[Finding]:
    """Every intent of the domain appears in a rule or a story (as `intent:` or in `or:`)."""
    data = load_training_data(project)
    used = {step.name for step in data.steps if step.kind == "intent"}
    return [Finding(ERROR, at.path, at.line, (
        f"Die Absicht {intent} kommt in keiner Regel und keiner Geschichte vor: Der Assistent weiß "
        f"nicht, was er darauf tun soll. Bitte ergänzen Sie eine Regel in data/rules/ mit "
        f"„- intent: {intent}“ und der passenden Antwort („- action: …“).")) for intent, at
        in data.domain.intents.items() if intent not in used]
