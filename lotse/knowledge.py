"""Loading the YAML files staff edit in `knowledge/`, each checked against its JSON Schema.

A mistake in a file stops loading with the file, the line and what to change, because a
wrong fact would otherwise reach a visitor who acts on it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from lotse.config import get_settings

SCHEMA_DIR_NAME = "schema"


class KnowledgeError(ValueError):
    """A knowledge file is malformed; the message names file, line and the fix."""

    def __init__(self, path: Path, line: int | None, problem: str, fix: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}. {fix}")
        self.path, self.line, self.problem, self.fix = path, line, problem, fix


def _plain(node: Any) -> Any:
    """ruamel's round-trip containers → plain dicts and lists (keeps the data, drops positions)."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _line_of(tree: Any, path: list[Any]) -> int | None:
    """The 1-based line of the YAML node at `path`, or of its closest ancestor."""
    line = None
    node = tree
    for step in path:
        try:
            position = node.lc.item(step) if isinstance(step, int) else node.lc.key(step)
            line = position[0] + 1
            node = node[step]
        except (AttributeError, KeyError, IndexError, TypeError):
            break
    return line


# What a schema type looks like in a YAML file, for the fix of a wrong type.
_TYPE_IN_YAML = {
    "array": "eine Liste: [eins, zwei] oder je Eintrag eine Zeile „- eintrag“",
    "object": "ein Abschnitt mit eingerückten Einträgen „name: wert“",
    "string": "ein Text",
    "boolean": "true oder false",
    "integer": "eine ganze Zahl",
    "number": "eine Zahl",
    "null": "null",
}


def _fix_for(error: jsonschema.ValidationError) -> str:
    if error.validator == "type":
        expected = error.validator_value
        names = expected if isinstance(expected, list) else [expected]
        return "Erwartet wird " + " oder ".join(_TYPE_IN_YAML.get(name, name) for name in names)
    if error.validator == "required":
        return "Bitte ergänzen Sie das fehlende Feld (siehe knowledge/schema)"
    if error.validator == "enum":
        allowed = ", ".join(map(str, error.validator_value))
        return f"Erlaubt sind: {allowed}"
    if error.validator == "pattern":
        return f"Das Feld muss dem Muster {error.validator_value} entsprechen"
    if error.validator == "additionalProperties":
        return "Bitte prüfen Sie die Schreibweise des Feldnamens (siehe knowledge/schema)"
    return "Bitte korrigieren Sie den Wert (siehe knowledge/schema)"


@dataclass(frozen=True)
class LoadedFile:
    """A validated file's data, plus where each part of it stands in the file."""

    path: Path
    data: Any
    tree: Any

    def error(self, at: list[Any], problem: str, fix: str) -> KnowledgeError:
        """A KnowledgeError pointing at the line of the node at path `at`."""
        return KnowledgeError(self.path, _line_of(self.tree, at), problem, fix)


@lru_cache(maxsize=64)
def _parsed(text: str) -> Any:
    """The YAML tree with line numbers (ruamel's round trip: slow, hence kept per text). The
    tree is only read (for the line of a problem); `_plain` makes every caller its own data."""
    return YAML(typ="rt").load(text)


@lru_cache(maxsize=64)
def _validator(schema_text: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema_text), format_checker=jsonschema.FormatChecker())


def load_file(path: Path, schema_path: Path) -> LoadedFile:
    """Parse one YAML file and validate it; raise KnowledgeError on the first problem."""
    try:
        tree = _parsed(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise KnowledgeError(path, line, f"kein gültiges YAML ({exc.problem})",
                             "Bitte Einrückung, Doppelpunkte und Anführungszeichen prüfen") from exc
    data = _plain(tree)
    validator = _validator(schema_path.read_text(encoding="utf-8"))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        first = errors[0]
        field = "/".join(map(str, first.absolute_path)) or "(Datei)"
        raise KnowledgeError(path, _line_of(tree, list(first.absolute_path)),
                             f"Feld {field}: {first.message}", _fix_for(first))
    return LoadedFile(path, data, tree)


@dataclass(frozen=True)
class Knowledge:
    """Everything in `knowledge/`, validated."""

    agency: LoadedFile
    places: LoadedFile
    vocabulary: LoadedFile
    labels: LoadedFile
    intent_labels: LoadedFile
    programmes: LoadedFile
    offices: LoadedFile
    topics: LoadedFile
    handover: LoadedFile
    reading: LoadedFile
    forms: LoadedFile
    refinement: LoadedFile


KNOWLEDGE_FILES = ("agency", "places", "vocabulary", "labels", "intent_labels", "programmes", "offices",
                   "topics", "handover", "reading", "forms", "refinement")


def load_knowledge(directory: Path) -> Knowledge:
    """Load and validate every knowledge file of a directory."""
    loaded = {
        name: load_file(directory / f"{name}.yml", directory / SCHEMA_DIR_NAME / f"{name}.schema.json")
        for name in KNOWLEDGE_FILES
    }
    return Knowledge(**loaded)


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """The configured knowledge, loaded once per process."""
    return load_knowledge(get_settings().knowledge_dir)
