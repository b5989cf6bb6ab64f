"""Funding programmes as staff describe them in `knowledge/programmes.yml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from lotse.conditions import check_condition
from lotse.knowledge import KnowledgeError, LoadedFile, knowledge
from lotse.places import typo_allowance
from lotse.text import fold

ACTIVE = "active"
ENDED = "ended"


@dataclass(frozen=True)
class Programme:
    """One programme; the raw entry keeps every field staff wrote."""

    key: str
    name: str
    status: str
    entry: dict[str, Any]

    @property
    def is_active(self) -> bool:
        return self.status == ACTIVE

    @property
    def conditions(self) -> list[dict[str, Any]]:
        return self.entry.get("conditions") or []

    @property
    def successor(self) -> str | None:
        return self.entry.get("successor")


class ProgrammeCatalogue:
    """All programmes, findable by key, name or alias (typos allowed)."""

    def __init__(self, loaded: LoadedFile) -> None:
        entries = loaded.data["programmes"]
        self.programmes = {e["key"]: Programme(e["key"], e["name"], e["status"], e) for e in entries}
        self._names: dict[str, str] = {}
        for i, entry in enumerate(entries):
            self._check(loaded, i, entry)
            for alias in [entry["key"].replace("_", " "), entry["name"], entry.get("full_name", ""),
                          *entry.get("aliases", [])]:
                if alias:
                    self._names.setdefault(fold(alias), entry["key"])

    def _check(self, loaded: LoadedFile, index: int, entry: dict[str, Any]) -> None:
        """Conditions must use known facts and operators; a successor must exist."""
        located = [(["conditions", j], c) for j, c in enumerate(entry.get("conditions") or [])]
        located += [(["pays", j], c) for j, pay in enumerate(entry.get("pays") or [])
                    for c in pay.get("when") or []]
        for path, condition in located:
            problem = check_condition(condition)
            if problem:
                raise loaded.error(["programmes", index, *path], problem,
                                   "Bitte die Bedingung nach knowledge/schema korrigieren")
        successor = entry.get("successor")
        if successor and successor not in {e["key"] for e in loaded.data["programmes"]}:
            raise loaded.error(["programmes", index, "successor"],
                               f"Nachfolger '{successor}' gibt es nicht",
                               "Bitte den Schlüssel eines Programms eintragen")

    def active(self) -> list[Programme]:
        return [p for p in self.programmes.values() if p.is_active]

    def get(self, key: str) -> Programme:
        return self.programmes[key]

    def find(self, text: str) -> Programme | None:
        """The programme a visitor names ("Meister-BAföG", "bildungsgutschien")."""
        folded = fold(text)
        if folded in self._names:
            return self.programmes[self._names[folded]]
        for name in sorted(self._names, key=len, reverse=True):
            if len(name) >= 4 and f" {name} " in f" {folded} ":
                return self.programmes[self._names[name]]
        allowed = typo_allowance(folded)
        match = process.extractOne(folded, self._names.keys(), scorer=Levenshtein.distance,
                                   score_cutoff=allowed) if allowed else None
        return self.programmes[self._names[match[0]]] if match else None


@lru_cache(maxsize=1)
def catalogue() -> ProgrammeCatalogue:
    return ProgrammeCatalogue(knowledge().programmes)


__all__ = ["ACTIVE", "ENDED", "KnowledgeError", "Programme", "ProgrammeCatalogue", "catalogue"]
