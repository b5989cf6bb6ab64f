"""The sentences the model learns from (data/nlu/) and the held-out sentences it is measured
with (tests/), read from a project directory, compared as a visitor's plain text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from lotse.text import fold

# `[Halle](location)` or `[Halle]{"entity": "location"}` → "Halle".
ANNOTATION = re.compile(r"\[([^\]]+)\](\([^)]+\)|\{[^}]+\})")


def plain(example: str) -> str:
    """The text a visitor typed, without entity annotations, folded for comparison."""
    return " ".join(fold(ANNOTATION.sub(r"\1", example)).split())


def example_texts(examples: Any) -> list[str]:
    """The examples of one intent, in either of Rasa's forms (a `- ` block or a list of `text:`)."""
    if isinstance(examples, str):
        return [line.strip()[2:].strip() for line in examples.splitlines() if line.strip().startswith("- ")]
    if isinstance(examples, list):
        return [str(e.get("text", "")).strip() if isinstance(e, dict) else str(e).strip() for e in examples]
    return []


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def training_examples(project: Path, leave_out: Path | None = None) -> Iterator[tuple[str, str, Path]]:
    """(intent, example, file) of every NLU file under data/, except `leave_out`."""
    for path in sorted((project / "data").rglob("*.yml")):
        if leave_out is not None and path.resolve() == leave_out.resolve():
            continue
        data = _load(path)
        for item in data.get("nlu") or [] if isinstance(data, dict) else []:
            if isinstance(item, dict) and "intent" in item:
                for example in example_texts(item.get("examples")):
                    yield str(item["intent"]), example, path


def held_out_texts(project: Path) -> list[str]:
    """Every visitor text of the evaluation files: held-out NLU sentences, the other-language
    messages, the facts set and the journeys' messages and answers."""
    tests = project / "tests"
    texts: list[str] = []
    for path in sorted((tests / "nlu").glob("test_*.yml")):
        for item in _load(path).get("nlu") or []:
            texts += example_texts(item.get("examples"))
    languages = tests / "languages" / "messages.yml"
    if languages.exists():
        texts += [m["text"] for m in _load(languages).get("messages") or []]
    facts = tests / "facts" / "first_message_facts.yml"
    if facts.exists():
        texts += [f["text"] for f in _load(facts) or []]
    for path in sorted((tests / "journeys").glob("*.yml")):
        journey = _load(path)
        texts += [t for t in journey.get("turns") or [] if isinstance(t, str)]
        for answer in (journey.get("answers") or {}).values():
            texts += [str(a) for a in (answer if isinstance(answer, list) else [answer])]
    return texts
