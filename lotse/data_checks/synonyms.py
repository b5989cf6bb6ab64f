"""Check: synonyms and annotated entity values point to values the assistant knows.

Known values per entity: the canonical values of knowledge/vocabulary.yml (from which
data/nlu/synonyms.yml is generated), the values of a categorical slot of the same name in
the domain files (contact_channel), and the names of knowledge/topics.yml, places.yml and
programmes.yml (compared without case and umlauts). An annotation must also name an entity of
the domain files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lotse.data_checks.findings import ERROR, Finding, quoted
from lotse.data_checks.intents import did_you_mean
from lotse.data_checks.knowledge_files import KNOWLEDGE_DIR, knowledge_files
from lotse.data_checks.training_data import DOMAIN, load_training_data
from lotse.text import fold

VOCABULARY = f"{KNOWLEDGE_DIR}/vocabulary.yml"
SHOWN_VALUES = 8
# Named things: entity → (knowledge file, list in it, fields of an entry that name it).
NAMED = {
    "topic": ("topics", ("topics",), ("name", "synonyms")),
    "location": ("places", ("districts", "towns", "outside"), ("name", "seat", "aliases")),
    "program": ("programmes", ("programmes",), ("key", "name", "full_name", "aliases")),
}


@dataclass
class KnownValues:
    exact: dict[str, set[str]] = field(default_factory=dict)     # entity → canonical values
    folded: dict[str, set[str]] = field(default_factory=dict)    # entity → folded names
    source: dict[str, str] = field(default_factory=dict)         # entity → where they stand

    def knows(self, entity: str, value: str) -> bool:
        return value in self.exact.get(entity, ()) or fold(value) in self.folded.get(entity, ())

    def knows_any(self, value: str) -> bool:
        return any(self.knows(entity, value) for entity in {*self.exact, *self.folded})


def _names(entry: Any, fields: tuple[str, ...]) -> Iterator[str]:
    for name in fields:
        value = entry.get(name) if isinstance(entry, dict) else None
        yield from ([value] if isinstance(value, str) else [v for v in value or [] if isinstance(v, str)])


def known_values(project: Path) -> KnownValues:
    known = KnownValues()
    trees = knowledge_files(project).trees
    entities = (trees.get("vocabulary") or {}).get("entities") or {}
    for entity, values in entities.items():
        known.exact[str(entity)] = {str(v) for v in values or {}}
        known.source[str(entity)] = VOCABULARY
    domain = load_training_data(project).domain
    for slot, values in domain.categorical.items():
        if slot in domain.entities:
            known.exact.setdefault(slot, set()).update(values)
            known.source.setdefault(slot, domain.slots[slot].path)
    for entity, (file_name, lists, fields) in NAMED.items():
        tree = trees.get(file_name)
        if not isinstance(tree, dict):
            continue
        known.folded[entity] = {fold(name) for key in lists for entry in tree.get(key) or []
                                for name in _names(entry, fields)}
        known.source[entity] = f"{KNOWLEDGE_DIR}/{file_name}.yml"
    return known


def _examples(values: set[str]) -> str:
    shown = sorted(values)[:SHOWN_VALUES]
    return ", ".join(shown) + (", …" if len(values) > SHOWN_VALUES else "")


def check_synonyms(project: Path) -> list[Finding]:
    data = load_training_data(project)
    known = known_values(project)
    canonical = {v for values in known.exact.values() for v in values}
    vocabulary = {v for entity, values in known.exact.items() if known.source.get(entity) == VOCABULARY
                  for v in values}
    findings = []
    for synonym in data.synonyms:
        if known.knows_any(synonym.value):
            continue
        fix = (f"Die Datei wird aus {VOCABULARY} erzeugt: Bitte korrigieren Sie den Wert dort und rufen "
               "Sie „make nlu-data“ auf." if synonym.generated else "Bitte korrigieren Sie den Wert.")
        findings.append(Finding(ERROR, synonym.path, synonym.line, (
            f"Das Synonym führt auf den Wert {quoted(synonym.value)}, den der Assistent nicht kennt. "
            f"Bekannt sind die Werte aus {VOCABULARY} ({_examples(vocabulary)})."
            f"{did_you_mean(synonym.value, canonical)} {fix}")))
    for note in data.annotations:
        if note.entity not in data.domain.entities:
            findings.append(Finding(ERROR, note.path, note.line, (
                f"Die Markierung von {quoted(note.text)} nennt das Merkmal {note.entity}, das in keiner "
                f"Datei von {DOMAIN} unter entities steht.{did_you_mean(note.entity, data.domain.entities)} "
                "Bitte korrigieren Sie den Namen.")))
            continue
        if note.value is None or note.entity not in known.source or known.knows(note.entity, note.value):
            continue
        values = known.exact.get(note.entity) or set()
        listed = f" ({_examples(values)})" if values else ""
        findings.append(Finding(ERROR, note.path, note.line, (
            f"Die Markierung von {quoted(note.text)} gibt für {note.entity} den Wert "
            f"{quoted(note.value)} an, den der Assistent nicht kennt. Bekannt sind die Werte aus "
            f"{known.source[note.entity]}{listed}.{did_you_mean(note.value, values)} Bitte "
            "korrigieren Sie den Wert.")))
    return findings
