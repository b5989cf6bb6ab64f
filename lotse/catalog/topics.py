"""What a visitor's search words mean: generic words dropped, typos corrected, synonyms
added, words stemmed so that they match inside German compounds.

"Schweißkurs" → drop the generic "kurs" → "schweiss"; "Pflegerin" → stem "pfleg", which
is found in "Altenpflegehelfer"; "Staplerschein" → the topic Gabelstapler and its synonyms.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from lotse.knowledge import LoadedFile, knowledge
from lotse.places import typo_allowance
from lotse.text import fold, fold_plain_vowels

MIN_STEM = 4
# Trigram indexes need at least three characters; shorter words are matched without index.
MIN_INDEXED = 3

_stemmer = snowballstemmer.stemmer("german")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The German stem of a folded word, unless that would cut it below MIN_STEM letters.

    The stemmer reads "ae" as "ä" and gives "warmepump" for "waermepumpe"; the stem is
    therefore taken as the word minus the ending the stemmer removed ("waermepump")."""
    if " " in word:
        return word
    stemmed = _stemmer.stemWord(word)
    plain = fold_plain_vowels(word)
    if not plain.startswith(stemmed):
        return word
    cut = len(plain) - len(stemmed)
    result = word[: len(word) - cut] if cut else word
    return result if len(result) >= MIN_STEM else word


def own_stems(word: str, index_words: IndexWords | None = None) -> tuple[str, ...]:
    """The stem; where the catalogue does not know it, the stem without umlauts instead, for
    an umlaut of the plural ("loehne" → "lohn", as in "Lohnabrechnung")."""
    first = stem(word)
    if " " in word or index_words is None or index_words.contains(first):
        return (first,)
    plain = _stemmer.stemWord(fold_plain_vowels(word))
    if plain != first and len(plain) >= MIN_STEM and index_words.contains(plain):
        return (plain,)
    return (first,)


@dataclass(frozen=True)
class Topic:
    name: str
    synonyms: tuple[str, ...]
    related: tuple[str, ...]

    @property
    def words(self) -> tuple[str, ...]:
        return (fold(self.name), *(fold(s) for s in self.synonyms))


@dataclass(frozen=True)
class TermGroup:
    """One thing the visitor asked for; a course matches if it contains any alternative."""

    word: str
    alternatives: tuple[str, ...]
    topic: Topic | None = None
    # How many of the first alternatives are the visitor's own word.
    own_count: int = 1

    @property
    def indexable(self) -> bool:
        return all(len(a) >= MIN_INDEXED for a in self.alternatives)


class TopicVocabulary:
    """The topic file: generic words, topics with synonyms and related topics."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.generic = {fold(w) for w in data.get("generic_words", [])}
        self.topics = [Topic(t["name"], tuple(t.get("synonyms", [])), tuple(t.get("related", [])))
                       for t in data.get("topics", [])]
        self._by_word: dict[str, Topic] = {}
        for topic in self.topics:
            for word in topic.words:
                self._by_word.setdefault(word, topic)
                self._by_word.setdefault(stem(word), topic)
        self._phrases = sorted((w for w in self._by_word if " " in w), key=len, reverse=True)
        self._known = list(self._by_word)
        self._generic_suffixes = sorted((g for g in self.generic if len(g) >= 4), key=len, reverse=True)

    def topic(self, name: str) -> Topic | None:
        return self._by_word.get(fold(name))

    def related(self, topic: Topic) -> list[Topic]:
        return [t for name in topic.related if (t := self.topic(name))]

    def analyse(self, text: str, index_words: IndexWords | None = None) -> list[TermGroup]:
        """The term groups of a query: each group must match, any alternative of it may."""
        folded = f" {fold(text)} "
        groups: list[TermGroup] = []
        for phrase in self._phrases:
            if f" {phrase} " in folded:
                groups.append(self._group(phrase, self._by_word[phrase], index_words))
                folded = folded.replace(f" {phrase} ", " ")
        for word in folded.split():
            word = self._strip_generic(word)
            if not word or word in self.generic:
                continue
            topic = self._by_word.get(word) or self._by_word.get(stem(word))
            if topic is None and index_words is not None and not index_words.contains(
                    own_stems(word, index_words)[0]):
                word = index_words.correct(word, self._known)
                topic = self._by_word.get(word) or self._by_word.get(stem(word))
            groups.append(self._group(word, topic, index_words))
        return _unique(groups)

    def _strip_generic(self, word: str) -> str:
        """"schweisskurs" → "schweiss"; "kurs" alone stays generic (and is dropped)."""
        for suffix in self._generic_suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                return word[: -len(suffix)]
        return word

    @staticmethod
    def _group(word: str, topic: Topic | None, index_words: IndexWords | None) -> TermGroup:
        own = own_stems(word, index_words)
        others = [stem(w) for w in (topic.words if topic else ())]
        return TermGroup(word, tuple(dict.fromkeys([*own, *others])), topic, len(own))


def _unique(groups: list[TermGroup]) -> list[TermGroup]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for group in groups:
        if group.alternatives not in seen:
            seen.add(group.alternatives)
            out.append(group)
    return out


class IndexWords:
    """The words of the catalogue's titles and topics, for correcting typos in a query."""

    def __init__(self, words: set[str]) -> None:
        self.words = sorted(words)
        self._joined = "\n".join(self.words)

    def contains(self, fragment: str) -> bool:
        return fragment in self._joined

    def correct(self, word: str, extra: list[str]) -> str:
        """The closest known word within the typo allowance (a swap of two letters counts as
        one typo), else the word unchanged."""
        allowed = typo_allowance(word)
        if not allowed:
            return word
        best = process.extractOne(word, [*extra, *self.words], scorer=OSA.distance,
                                  score_cutoff=allowed)
        return best[0] if best else word


def checked_vocabulary(loaded: LoadedFile) -> TopicVocabulary:
    """The vocabulary of a topic file whose `related` entries all name a topic of the file."""
    vocabulary = TopicVocabulary(loaded.data)
    names = {fold(t.name) for t in vocabulary.topics}
    for i, topic in enumerate(loaded.data.get("topics", [])):
        for j, name in enumerate(topic.get("related", [])):
            if fold(name) not in names:
                raise loaded.error(["topics", i, "related", j], f"verwandtes Thema '{name}' gibt es nicht",
                                   "Bitte den Namen eines Themas aus dieser Datei verwenden")
    return vocabulary


@lru_cache(maxsize=1)
def topic_vocabulary() -> TopicVocabulary:
    return checked_vocabulary(knowledge().topics)
