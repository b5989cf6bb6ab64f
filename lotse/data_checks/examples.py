"""Check: no example sentence stands under two intents (compared without annotations, case,
umlauts and punctuation); a sentence twice under the same intent is a Hinweis."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from lotse.data_checks.findings import ERROR, NOTE, Finding, quoted
from lotse.data_checks.nlu_data import Example
from lotse.data_checks.training_data import load_training_data


def where(example: Example) -> str:
    return f"{example.path}:{example.line}" if example.line else example.path


def check_duplicate_examples(project: Path) -> list[Finding]:
    groups: dict[str, list[Example]] = defaultdict(list)
    for example in load_training_data(project).examples:
        groups[example.key].append(example)
    findings = []
    for group in groups.values():
        first = group[0]
        for example in group[1:]:
            if example.intent != first.intent:
                findings.append(Finding(ERROR, example.path, example.line, (
                    f"Der Satz {quoted(example.plain)} steht unter {first.intent} ({where(first)}) und "
                    f"unter {example.intent}. Bitte lassen Sie ihn nur unter einer Absicht stehen.")))
            else:
                findings.append(Finding(NOTE, example.path, example.line, (
                    f"Der Satz {quoted(example.plain)} steht zweimal unter {example.intent} (auch "
                    f"{where(first)}). Bitte löschen Sie einen der beiden.")))
    return findings
