"""Reading NLU training files: examples of intents (as a `|` block or as a list of `- text:`
items), entity annotations and synonyms, each with its file and line."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.scalarstring import ScalarString

from lotse.data_checks.yaml_files import item_line, key_line, value_line
from lotse.text import fold, lower_umlauts

# [Halle](location), [Halle](location:halle), [per Telefon]{"entity": "contact_channel", "value": "phone"}
ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<short>[^)]+)\)|\{(?P<json>[^}]*)\})")
GENERATED_MARK = "# GENERATED"


@dataclass(frozen=True)
class Example:
    intent: str
    text: str        # as written, with annotations
    plain: str       # as typed: annotations replaced by their text
    key: str         # normalised for comparison: lower case, umlauts folded, spaces collapsed
    path: str
    line: int | None


@dataclass(frozen=True)
class Annotation:
    entity: str
    value: str | None    # None: the text itself is the value
    text: str
    path: str
    line: int | None


@dataclass(frozen=True)
class Synonym:
    value: str
    path: str
    line: int | None
    generated: bool      # the file is written by scripts/generate_nlu_data.py


@dataclass
class NluFile:
    examples: list[Example]
    annotations: list[Annotation]
    synonyms: list[Synonym]
    intent_lines: list[tuple[str, int | None]]   # each `- intent:` and its line


def plain_text(example: str) -> str:
    """The sentence a visitor typed: `[Halle](location)` → `Halle`."""
    return ANNOTATION.sub(lambda m: m.group("text"), example)


def normalise(text: str) -> str:
    """Comparison key: annotations removed, lower case, ä → ae etc., punctuation and extra spaces
    dropped; a text of only emoji or signs keeps them ("👍" stays "👍", not "")."""
    plain = plain_text(text)
    return fold(plain) or " ".join(lower_umlauts(plain).split())


def _annotations(text: str, path: str, line: int | None) -> list[Annotation]:
    found = []
    for match in ANNOTATION.finditer(text):
        entity, value = None, None
        if match.group("short") is not None:
            entity, _, value = match.group("short").partition(":")
        else:
            try:
                spec = json.loads("{" + match.group("json") + "}")
            except json.JSONDecodeError:
                spec = {}
            if isinstance(spec, dict):
                entity, value = spec.get("entity"), spec.get("value")
        if entity:
            found.append(Annotation(str(entity).strip(), str(value).strip() if value else None,
                                    match.group("text"), path, line))
    return found


def _block_lines(item: Any) -> list[tuple[str, int | None]]:
    """(example, line) of `examples: |`: the block's text starts on the line after the `|`."""
    block = item["examples"]
    start = value_line(item, "examples")
    literal = isinstance(block, ScalarString) and start is not None
    result = []
    for offset, raw in enumerate(str(block).splitlines()):
        text = raw.strip()
        if text:
            text = text[2:].strip() if text.startswith("- ") else text.lstrip("-").strip()
            line = start + 1 + offset if literal and start is not None else key_line(item, "examples")
            result.append((text, line))
    return result


def _list_lines(items: list[Any]) -> list[tuple[str, int | None]]:
    """(example, line) of the list form: `- text: ...` items, perhaps with metadata."""
    result = []
    for i, entry in enumerate(items):
        if isinstance(entry, dict) and isinstance(entry.get("text"), str):
            result.append((entry["text"].strip(), key_line(entry, "text")))
        elif isinstance(entry, str):
            result.append((entry.strip(), item_line(items, i)))
    return [(text, line) for text, line in result if text]


def read_nlu(tree: Any, path: str, generated: bool) -> NluFile:
    found = NluFile([], [], [], [])
    items = tree.get("nlu") if isinstance(tree, dict) else None
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        if "intent" in item:
            intent = str(item["intent"])
            found.intent_lines.append((intent, key_line(item, "intent")))
            examples = item.get("examples")
            pairs = (_list_lines(examples) if isinstance(examples, list)
                     else _block_lines(item) if isinstance(examples, str) else [])
            for text, line in pairs:
                found.examples.append(Example(intent, text, plain_text(text), normalise(text), path, line))
                found.annotations.extend(_annotations(text, path, line))
        elif "synonym" in item:
            found.synonyms.append(Synonym(str(item["synonym"]), path, key_line(item, "synonym"), generated))
    return found
