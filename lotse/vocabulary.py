"""Mapping what visitors write ("arbeitlos", "hab nen meisterbrief") onto canonical values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from lotse.knowledge import knowledge
from lotse.text import fold

# Below this similarity a typo is not trusted to mean the synonym.
FUZZY_CUTOFF = 85
# Words shorter than this are too short for fuzzy matching ("ja" would match "jo").
MIN_FUZZY_LENGTH = 5


@dataclass(frozen=True)
class Vocabulary:
    """Folded synonym → canonical value, for one entity."""

    synonyms: dict[str, str]

    def canonical_values(self) -> set[str]:
        return set(self.synonyms.values())

    def normalize(self, text: str) -> str | None:
        """The canonical value `text` means, or None if it names none of them."""
        if text in self.canonical_values():
            return text
        folded = fold(text)
        if not folded:
            return None
        if folded in self.synonyms:
            return self.synonyms[folded]
        return self._contained(folded) or self._fuzzy(folded)

    def _contained(self, folded: str) -> str | None:
        """The longest synonym that stands as whole words inside the text."""
        for synonym in sorted(self.synonyms, key=len, reverse=True):
            if re.search(rf"(?<!\w){re.escape(synonym)}(?!\w)", folded):
                return self.synonyms[synonym]
        return None

    def _fuzzy(self, folded: str) -> str | None:
        candidates = [folded] + [w for w in folded.split() if len(w) >= MIN_FUZZY_LENGTH]
        for candidate in candidates:
            if len(candidate) < MIN_FUZZY_LENGTH:
                continue
            match = process.extractOne(candidate, self.synonyms.keys(), scorer=fuzz.ratio,
                                       score_cutoff=FUZZY_CUTOFF)
            if match:
                return self.synonyms[match[0]]
        return None


@cache
def vocabulary(entity: str) -> Vocabulary:
    """The vocabulary of one entity (employment_status, qualification, course_format, field)."""
    entries = knowledge().vocabulary.data["entities"][entity]
    synonyms: dict[str, str] = {}
    for canonical, words in entries.items():
        for word in [canonical.replace("_", " "), *words]:
            synonyms.setdefault(fold(word), canonical)
    return Vocabulary(synonyms)


def normalize(entity: str, text: str) -> str | None:
    """Shortcut: the canonical value of `text` for `entity`, or None."""
    return vocabulary(entity).normalize(text)
