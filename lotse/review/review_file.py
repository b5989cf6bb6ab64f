"""The review file (data/nlu/review.yml): the corrections staff made in the conversation
review, as training examples the next training uses. One file, ordered by intent and then by
the day of the visitor's message, one comment per example with that day; no conversation id,
no staff name (the database keeps who corrected what, lotse.review.corrections)."""

from __future__ import annotations

import fcntl
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from lotse.review.training_data import example_texts

HEADER = """\
# Korrekturen aus der Gesprächsprüfung im Mitarbeiterbereich (/staff/gespraeche).
# Die Konsole schreibt diese Datei; das nächste Training lernt aus ihr (docs/redaktion.md).
# Je Beispiel: der Tag der Besuchernachricht. Keine Gesprächsnummern, keine Namen.
"""

INTENT_LINE = re.compile(r"^- intent:\s*(\S+)\s*$")
DAY_LINE = re.compile(r"^\s*# Nachricht vom (\d{4}-\d{2}-\d{2})")
TEXT_LINE = re.compile(r"^\s*- text:\s*(.+)$")


@dataclass(frozen=True, order=True)
class ReviewExample:
    """One example: its intent, the day of the message it came from, and the annotated text
    (`ich suche was in [Halle](location)`)."""

    intent: str
    day: date
    text: str


def read_examples(path: Path) -> list[ReviewExample]:
    """The examples in the file (none when it does not exist yet). The days are read from the
    comments the console writes; an example added by hand without one gets no day."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    found, intent, day = [], "", date.min
    for line in text.splitlines():
        if match := INTENT_LINE.match(line):
            intent = match.group(1)
        elif match := DAY_LINE.match(line):
            day = date.fromisoformat(match.group(1))
        elif match := TEXT_LINE.match(line):
            found.append(ReviewExample(intent, day, str(yaml.safe_load(match.group(1)))))
            day = date.min
    listed = [(intent, example) for intent, example, _ in _examples_of(yaml.safe_load(text) or {})]
    if listed != [(e.intent, e.text) for e in found]:
        # Written by hand in another form: the examples count, their days are unknown.
        return [ReviewExample(intent, date.min, example) for intent, example in listed]
    return found


def _examples_of(data: dict) -> list[tuple[str, str, None]]:
    return [(str(item["intent"]), example, None) for item in data.get("nlu") or []
            if isinstance(item, dict) and "intent" in item for example in example_texts(item.get("examples"))]


def render(examples: list[ReviewExample]) -> str:
    """The whole file for these examples: sorted, one comment line per example."""
    lines = [HEADER + 'version: "3.1"', "nlu:" if examples else "nlu: []"]
    intent = None
    for example in sorted(set(examples)):
        if example.intent != intent:
            intent = example.intent
            lines += [f"- intent: {intent}", "  examples:"]
        lines += [f"  # Nachricht vom {example.day.isoformat()}",
                  f"  - text: {json.dumps(example.text, ensure_ascii=False)}"]
    return "\n".join(lines) + "\n"


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """One writer at a time (two staff members correcting at once, or two web processes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / f".{path.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def add_example(path: Path, example: ReviewExample) -> None:
    """Add one example to the file, keeping the others and the order."""
    with locked(path):
        write_examples(path, [*read_examples(path), example])


def write_examples(path: Path, examples: list[ReviewExample]) -> None:
    """Replace the file in one step, so that a training never reads half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".review-", suffix=".yml")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(render(examples))
    os.replace(temporary, path)
