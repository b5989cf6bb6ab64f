"""Check: every knowledge file against its schema (knowledge/schema/<name>.schema.json).

Every file is checked, so one mistake does not hide the next file's; each file's first problem
is named with its line (lotse.knowledge.load_file). The loaded files are kept for the other
checks of the same run (links, synonyms, "Stand").
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lotse.data_checks.findings import ERROR, Finding, relative
from lotse.data_checks.schema_messages import german
from lotse.data_checks.yaml_files import YamlProblem, load_yaml, signature
from lotse.knowledge import KNOWLEDGE_FILES, SCHEMA_DIR_NAME, KnowledgeError, LoadedFile, load_file

KNOWLEDGE_DIR = "knowledge"


@dataclass(frozen=True)
class KnowledgeFiles:
    loaded: dict[str, LoadedFile]     # name → the file, valid against its schema
    trees: dict[str, Any]             # name → round-trip tree of every readable file
    findings: tuple[Finding, ...]


def _paths(project: Path) -> list[Path]:
    directory = project / KNOWLEDGE_DIR
    return sorted([*directory.glob("*.yml"), *(directory / SCHEMA_DIR_NAME).glob("*.json")])


def knowledge_files(project: Path) -> KnowledgeFiles:
    return _load(project.resolve(), signature(_paths(project)))


@lru_cache(maxsize=64)
def _load_file(path: Path, schema: Path, _stamp: tuple[tuple[str, int, int], ...]) -> LoadedFile:
    """lotse.knowledge.load_file, once per version of a file (also when two projects share it)."""
    return load_file(path, schema)


def _problem(project: Path, error: KnowledgeError) -> Finding:
    fix = error.fix.rstrip(".")
    return Finding(ERROR, relative(project, error.path), error.line, f"{german(error.problem)}. {fix}.")


@lru_cache(maxsize=4)
def _load(project: Path, _signature: tuple[tuple[str, int, int], ...]) -> KnowledgeFiles:
    directory = project / KNOWLEDGE_DIR
    schemas = directory / SCHEMA_DIR_NAME
    names = list(KNOWLEDGE_FILES) + sorted(p.stem for p in directory.glob("*.yml")
                                           if p.stem not in KNOWLEDGE_FILES)
    loaded: dict[str, LoadedFile] = {}
    trees: dict[str, Any] = {}
    findings: list[Finding] = []
    for name in names:
        path, schema = directory / f"{name}.yml", schemas / f"{name}.schema.json"
        where = relative(project, path)
        if not path.is_file():
            findings.append(Finding(ERROR, where, None, f"Die Wissensdatei {where} fehlt. Bitte legen "
                                    "Sie sie wieder an (z. B. aus der letzten Version im Git)."))
            continue
        if not schema.is_file():
            if name in KNOWLEDGE_FILES:
                findings.append(Finding(ERROR, relative(project, schema), None,
                                        f"Das Schema zu {where} fehlt. Bitte legen Sie "
                                        f"{relative(project, schema)} wieder an."))
            try:
                trees[name] = load_yaml(project, path)
            except YamlProblem as problem:
                findings.append(problem.finding)
            continue
        try:
            real = (path.resolve(), schema.resolve())
            loaded[name] = _load_file(*real, signature(list(real)))
            trees[name] = loaded[name].tree
        except KnowledgeError as error:
            findings.append(_problem(project, error))
            with contextlib.suppress(YamlProblem):
                trees[name] = load_yaml(project, path)
    return KnowledgeFiles(loaded, trees, tuple(findings))


def check_knowledge_schemas(project: Path) -> list[Finding]:
    """Each knowledge file must match its schema; names file, line and the fix."""
    return list(knowledge_files(project).findings)
