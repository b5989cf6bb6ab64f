"""Where the assistant's domain is: the files domain/*.yml of a project, split by topic, which
Rasa reads and merges (`rasa … --domain domain`). Everything else that reads the domain comes
here: the files themselves (the editors' checks, which report file and line), or their content
merged as plain data (generators, tests). No Rasa import (lotse/ runs without Rasa)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

DOMAIN_DIR = "domain"
# The sections Rasa merges by joining lists of names, and those it merges by joining mappings.
LIST_SECTIONS = ("intents", "entities", "actions", "e2e_actions")
MAPPING_SECTIONS = ("slots", "forms", "responses")


class DomainFilesMissing(FileNotFoundError):
    """The project has no domain/*.yml."""


def domain_dir(project: Path) -> Path:
    """The directory to give Rasa as `--domain`."""
    return project / DOMAIN_DIR


def domain_files(project: Path) -> list[Path]:
    """The domain files of `project`, sorted by name (empty when there are none)."""
    return sorted(domain_dir(project).glob("*.yml"))


def name_of(entry: Any) -> str:
    """The name of an entry of a list section: `- greet` or `- greet: {use_entities: []}`."""
    return str(next(iter(entry))) if isinstance(entry, dict) else str(entry)


def read_domain_file(path: Path) -> dict[str, Any]:
    """One domain file as plain data ({} for an empty file)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: Eine Domänendatei besteht aus Abschnitten (intents:, slots:, …).")
    return data


def merge_domains(parts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Domain files' contents merged as Rasa merges them: lists of names and mappings joined
    (a name that comes twice is kept once, as it first came), any other section (e.g.
    session_config) from the first file that has it."""
    merged: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            if key in LIST_SECTIONS:
                entries = merged.setdefault(key, [])
                known = {name_of(e) for e in entries}
                entries += [e for e in value or [] if name_of(e) not in known]
            elif key in MAPPING_SECTIONS:
                section = merged.setdefault(key, {})
                section.update({k: v for k, v in (value or {}).items() if k not in section})
            else:
                merged.setdefault(key, value)
    return merged


def load_domain(project: Path) -> dict[str, Any]:
    """All domain files of `project` merged; DomainFilesMissing when there are none."""
    files = domain_files(project)
    if not files:
        raise DomainFilesMissing(f"{domain_dir(project)}: keine Domänendateien (*.yml)")
    return merge_domains(read_domain_file(path) for path in files)
