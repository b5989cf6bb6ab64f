"""Matching staff-written phrases against what visitors type, as whole words.

Both sides are reduced to one key: lower case, punctuation gone, umlauts written without dots
("für", "fuer" and "fur" are all "fur"), so a phrase written once matches every spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lotse.text import fold_plain_vowels

# Where a sentence ends; a comma before a question word starts a new one too.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+|\s+[-–]\s+")


def key(text: str) -> str:
    """The matching key of a text: 'Förderung für Ältere?' → 'forderung fur altere'."""
    return fold_plain_vowels(text)


@dataclass(frozen=True)
class PhraseSet:
    """Phrases compiled into one whole-word pattern over keyed text."""

    pattern: re.Pattern[str] | None

    def find(self, keyed: str) -> list[re.Match[str]]:
        return list(self.pattern.finditer(keyed)) if self.pattern else []

    def first(self, keyed: str) -> re.Match[str] | None:
        return self.pattern.search(keyed) if self.pattern else None

    def __contains__(self, keyed: str) -> bool:
        return bool(self.first(keyed))


@lru_cache(maxsize=512)
def _compile(phrases: tuple[str, ...]) -> PhraseSet:
    keys = sorted({key(p) for p in phrases if key(p)}, key=len, reverse=True)
    if not keys:
        return PhraseSet(None)
    alternatives = "|".join(re.escape(k) for k in keys)
    return PhraseSet(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"))


def phrase_set(phrases: Iterable[str]) -> PhraseSet:
    return _compile(tuple(phrases))


def sentences(text: str) -> list[str]:
    """The sentences of a message, as the visitor wrote them (punctuation kept)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
