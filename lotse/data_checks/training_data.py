"""The project's training data as the checks see it: the domain files (domain/*.yml), the NLU
files, rules and stories under data/, each name with its file and line. Read once per version
of the files."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lotse.data_checks.findings import ERROR, Finding, relative
from lotse.data_checks.nlu_data import GENERATED_MARK, Annotation, Example, Synonym, read_nlu
from lotse.data_checks.yaml_files import YamlProblem, item_line, key_line, load_yaml, signature
from lotse.domain_files import DOMAIN_DIR, domain_files

# How the messages name the domain as a whole ("steht in keiner Datei von domain/").
DOMAIN = f"{DOMAIN_DIR}/"
DATA_DIR = "data"
SECTION_WORDS = {"intents": "Die Absicht", "entities": "Das Merkmal", "actions": "Die Aktion",
                 "responses": "Die Antwort", "forms": "Das Formular", "slots": "Das Feld"}


@dataclass(frozen=True)
class At:
    """Where a name of the domain is defined: its domain file and line."""

    path: str
    line: int | None


@dataclass(frozen=True)
class Step:
    """An `intent:` or `action:` step of a rule or story (`or:` alternatives included)."""

    kind: str      # "intent" or "action"
    name: str
    block: str     # "Regel „…“" or "Geschichte „…“"
    path: str
    line: int | None


@dataclass
class Domain:
    """The names of all domain files, each with the file and line that defines it."""

    files: list[str] = field(default_factory=list)
    intents: dict[str, At] = field(default_factory=dict)
    entities: dict[str, At] = field(default_factory=dict)
    actions: dict[str, At] = field(default_factory=dict)
    responses: dict[str, At] = field(default_factory=dict)
    slots: dict[str, At] = field(default_factory=dict)
    forms: dict[str, tuple[At, list[str]]] = field(default_factory=dict)
    categorical: dict[str, list[str]] = field(default_factory=dict)   # slot → its values
    duplicates: list[Finding] = field(default_factory=list)          # a name defined twice


@dataclass
class TrainingData:
    domain: Domain
    examples: list[Example]
    annotations: list[Annotation]
    synonyms: list[Synonym]
    intent_lines: list[tuple[str, str, int | None]]   # intent, file, line of each `- intent:`
    steps: list[Step]
    problems: list[Finding]                             # files that could not be read
    generated: dict[str, str] = field(default_factory=dict)   # file → its "# GENERATED …" line


def _names(node: Any) -> list[tuple[str, int | None]]:
    """Names of a domain list (`- greet` or `- greet: {use_entities: ...}`) or mapping, with lines."""
    if isinstance(node, list):
        entries = ((next(iter(e), None) if isinstance(e, dict) else e, item_line(node, i))
                   for i, e in enumerate(node))
        return [(str(name), line) for name, line in entries if name is not None]
    if isinstance(node, dict):
        return [(str(name), key_line(node, name)) for name in node]
    return []


def _add(domain: Domain, section: str, name: str, at: At, value: Any = None) -> bool:
    """Record where `name` is defined (with `value` instead of `at`, if given); a definition in a
    second file is a finding (Rasa would keep only one)."""
    names = getattr(domain, section)
    if name not in names:
        names[name] = at if value is None else value
        return True
    first = names[name][0] if isinstance(names[name], tuple) else names[name]
    if first.path != at.path:
        where = f"{first.path}:{first.line}" if first.line else first.path
        domain.duplicates.append(Finding(ERROR, at.path, at.line, (
            f"{SECTION_WORDS[section]} {name} steht schon in {where} unter {section}. Jeder Name gehört "
            "in genau eine Datei von domain/: Bitte löschen Sie ihn hier oder dort.")))
    return False


def _read_domain(tree: Any, path: str, domain: Domain) -> None:
    if not isinstance(tree, dict):
        return
    for section in ("intents", "entities", "actions", "responses"):
        for name, line in _names(tree.get(section)):
            _add(domain, section, name, At(path, line))
    forms = tree.get("forms")
    for name, spec in (forms.items() if isinstance(forms, dict) else []):
        slots = spec.get("required_slots") if isinstance(spec, dict) else None
        at = At(path, key_line(forms, name))
        _add(domain, "forms", str(name), at, (at, [str(s) for s in slots or [] if isinstance(s, str)]))
    slots = tree.get("slots")
    for name, spec in (slots.items() if isinstance(slots, dict) else []):
        if not _add(domain, "slots", str(name), At(path, key_line(slots, name))):
            continue
        if isinstance(spec, dict) and spec.get("type") == "categorical":
            domain.categorical[str(name)] = [str(v) for v in spec.get("values") or []]


def _steps(node: Any, block: str, path: str, found: list[Step]) -> None:
    for i, step in enumerate(node if isinstance(node, list) else []):
        if not isinstance(step, dict):
            continue
        for kind in ("intent", "action"):
            if isinstance(step.get(kind), str):
                found.append(Step(kind, step[kind], block, path, key_line(step, kind) or item_line(node, i)))
        if "or" in step:
            _steps(step["or"], block, path, found)


def _read_dialogue(tree: Any, path: str, found: list[Step]) -> None:
    for section, kind, word in (("rules", "rule", "Regel"), ("stories", "story", "Geschichte")):
        blocks = tree.get(section)
        for block in blocks if isinstance(blocks, list) else []:
            if isinstance(block, dict):
                _steps(block.get("steps"), f"{word} „{block.get(kind, '?')}“", path, found)


def _files(project: Path) -> tuple[list[Path], list[Path]]:
    data = sorted(p for pattern in ("*.yml", "*.yaml") for p in (project / DATA_DIR).rglob(pattern))
    return domain_files(project), data


def load_training_data(project: Path) -> TrainingData:
    domain_paths, data_paths = _files(project)
    return _load(project.resolve(), signature([*domain_paths, *data_paths]))


@lru_cache(maxsize=8)
def _load(project: Path, _signature: tuple[tuple[str, int, int], ...]) -> TrainingData:
    domain_paths, data_paths = _files(project)
    data = TrainingData(Domain(), [], [], [], [], [], [])
    for path in domain_paths:
        name = relative(project, path)
        data.domain.files.append(name)
        try:
            _read_domain(load_yaml(project, path), name, data.domain)
        except YamlProblem as problem:
            data.problems.append(problem.finding)
    for path in data_paths:
        try:
            tree = load_yaml(project, path)
        except YamlProblem as problem:
            data.problems.append(problem.finding)
            continue
        if not isinstance(tree, dict):
            continue
        name = relative(project, path)
        first_line = path.read_text(encoding="utf-8").partition("\n")[0]
        if first_line.startswith(GENERATED_MARK):
            data.generated[name] = first_line
        nlu = read_nlu(tree, name, name in data.generated)
        data.examples += nlu.examples
        data.annotations += nlu.annotations
        data.synonyms += nlu.synonyms
        data.intent_lines += [(intent, name, line) for intent, line in nlu.intent_lines]
        _read_dialogue(tree, name, data.steps)
    return data
