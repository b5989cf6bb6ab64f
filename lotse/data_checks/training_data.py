"""The project's training data as the checks see it: domain.yml, the NLU files, rules and
stories under data/, each name with its file and line. Read once per version of the files."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lotse.data_checks.findings import Finding, relative
from lotse.data_checks.nlu_data import GENERATED_MARK, Annotation, Example, Synonym, read_nlu
from lotse.data_checks.yaml_files import YamlProblem, item_line, key_line, load_yaml, signature

DOMAIN_FILE = "domain.yml"
DATA_DIR = "data"


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
    path: str = DOMAIN_FILE
    intents: dict[str, int | None] = field(default_factory=dict)
    entities: dict[str, int | None] = field(default_factory=dict)
    actions: dict[str, int | None] = field(default_factory=dict)
    responses: dict[str, int | None] = field(default_factory=dict)
    forms: dict[str, tuple[int | None, list[str]]] = field(default_factory=dict)
    categorical: dict[str, list[str]] = field(default_factory=dict)   # slot → its values


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


def _names(node: Any) -> dict[str, int | None]:
    """Names of a domain list (`- greet` or `- greet: {use_entities: ...}`) or mapping, with lines."""
    names: dict[str, int | None] = {}
    if isinstance(node, list):
        for i, entry in enumerate(node):
            name = next(iter(entry), None) if isinstance(entry, dict) else entry
            if name is not None:
                names.setdefault(str(name), item_line(node, i))
    elif isinstance(node, dict):
        for name in node:
            names.setdefault(str(name), key_line(node, name))
    return names


def _read_domain(tree: Any, domain: Domain) -> None:
    if not isinstance(tree, dict):
        return
    for section in ("intents", "entities", "actions", "responses"):
        getattr(domain, section).update(_names(tree.get(section)))
    forms = tree.get("forms")
    for name, spec in (forms.items() if isinstance(forms, dict) else []):
        slots = spec.get("required_slots") if isinstance(spec, dict) else None
        domain.forms[str(name)] = (key_line(forms, name), [str(s) for s in slots or [] if isinstance(s, str)])
    slots = tree.get("slots")
    for name, spec in (slots.items() if isinstance(slots, dict) else []):
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
    domain = [project / DOMAIN_FILE] if (project / DOMAIN_FILE).is_file() else sorted(
        (project / "domain").rglob("*.yml"))
    data = sorted(p for pattern in ("*.yml", "*.yaml") for p in (project / DATA_DIR).rglob(pattern))
    return domain, data


def load_training_data(project: Path) -> TrainingData:
    domain_files, data_files = _files(project)
    return _load(project.resolve(), signature([*domain_files, *data_files]))


@lru_cache(maxsize=8)
def _load(project: Path, _signature: tuple[tuple[str, int, int], ...]) -> TrainingData:
    domain_files, data_files = _files(project)
    data = TrainingData(Domain(), [], [], [], [], [], [])
    if domain_files:
        data.domain.path = relative(project, domain_files[0])
    for path in domain_files:
        try:
            _read_domain(load_yaml(project, path), data.domain)
        except YamlProblem as problem:
            data.problems.append(problem.finding)
    for path in data_files:
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
