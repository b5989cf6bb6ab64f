"""Funding programmes as staff describe them in `knowledge/programmes.yml`."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from lotse import clock
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
    # Rules of other programmes that exclude this one (`excludes` in the file), e.g. § 22
    # Abs. 1a SGB III: a Meister course is the Aufstiegs-BAföG's, not § 82's.
    exclusions: tuple[dict[str, Any], ...] = ()

    @property
    def is_active(self) -> bool:
        """Active today: not marked ended, and today within `valid_from`..`valid_until`, so
        that a programme stops being offered on its end date without anyone editing the file."""
        return self.is_active_on(clock.today())

    def is_active_on(self, day: date) -> bool:
        starts, until = self.entry.get("valid_from"), self.entry.get("valid_until")
        return (self.status == ACTIVE and (starts is None or date.fromisoformat(starts) <= day)
                and (until is None or day <= date.fromisoformat(until)))

    @property
    def ended_on(self) -> date | None:
        """The day it ended: `ended` as staff wrote it, or the day after `valid_until` once
        that has passed."""
        if self.entry.get("ended"):
            return date.fromisoformat(self.entry["ended"])
        until = self.entry.get("valid_until")
        if until and clock.today() > date.fromisoformat(until):
            return date.fromisoformat(until)
        return None

    def ends_within(self, days: int, day: date) -> bool:
        """Still active on `day` and ending at most `days` later (for the staff's review)."""
        until = self.entry.get("valid_until")
        return bool(until) and self.is_active_on(day) and (date.fromisoformat(until) - day).days <= days

    @property
    def in_advice(self) -> bool:
        """False for a programme that is no training funding: explained when asked, never
        proposed in the advice."""
        return bool(self.entry.get("in_advice", True))

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
        for entry in entries:
            for rule in entry.get("excludes") or []:
                for key in rule["programmes"]:
                    excluded = self.programmes[key]
                    self.programmes[key] = replace(excluded, exclusions=(*excluded.exclusions, rule))

    def _check(self, loaded: LoadedFile, index: int, entry: dict[str, Any]) -> None:
        """Conditions must use known facts and operators; a successor must exist."""
        located = [(["conditions", j], c) for j, c in enumerate(entry.get("conditions") or [])]
        located += [(["pays", j], c) for j, pay in enumerate(entry.get("pays") or [])
                    for c in pay.get("when") or []]
        located += [(["excludes", j], c) for j, rule in enumerate(entry.get("excludes") or [])
                    for c in rule.get("when") or []]
        keys = {e["key"] for e in loaded.data["programmes"]}
        for j, rule in enumerate(entry.get("excludes") or []):
            unknown = [key for key in rule["programmes"] if key not in keys]
            if unknown:
                raise loaded.error(["programmes", index, "excludes", j, "programmes"],
                                   f"Programm '{unknown[0]}' gibt es nicht",
                                   "Bitte den Schlüssel eines Programms eintragen")
        for j, pay in enumerate(entry.get("pays") or []):
            named = {c.get("fact") for c in pay.get("when") or []}
            unnamed = set(re.findall(r"\{(\w+)\}", pay.get("for_visitor") or "")) - named
            if unnamed:
                raise loaded.error(["programmes", index, "pays", j, "for_visitor"],
                                   f"'{{{sorted(unnamed)[0]}}}' steht nicht unter 'when' dieser Leistung",
                                   "Im Text für den Besucher nur Angaben in {…} nennen, "
                                   "die unter 'when' stehen")
        for path, condition in located:
            problem = check_condition(condition)
            if problem:
                raise loaded.error(["programmes", index, *path], problem,
                                   "Bitte die Bedingung nach knowledge/schema korrigieren")
        starts, until = entry.get("valid_from"), entry.get("valid_until")
        if starts and until and starts > until:
            raise loaded.error(["programmes", index, "valid_until"],
                               f"'valid_until' ({until}) liegt vor 'valid_from' ({starts})",
                               "Bitte die Daten tauschen oder korrigieren")
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
