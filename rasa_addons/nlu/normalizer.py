"""A tokenizer that hands the featurizers each word the way it was meant, not as typed.

Visitors write "moechte", "mochte" or "möchte", and "weiterbilung" for "weiterbildung". The
tokens keep their text and position (entities stay the visitor's words); only their lemma,
which Rasa's CountVectorsFeaturizer reads by default, is normalised:

- folded: lower case, "ß" → "ss", umlauts and their transliterations to the plain vowel
  ("möchte", "moechte" and "mochte" all become "mochte");
- a word that is neither in the training vocabulary nor a German word (Debian's `wngerman`
  list, read at training time and stored with the model) is a typo: it becomes the most
  frequent training word within one edit (two for long words), if there is one.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

VOCABULARY_FILE = "vocabulary.json"
WORDS_FILE = "german_words.txt.gz"
_TRANSLITERATIONS = (("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss"), ("ae", "a"), ("oe", "o"), ("ue", "u"))


def fold(word: str) -> str:
    """'Möchte', 'moechte', 'mochte' → 'mochte'."""
    folded = word.lower()
    for written, plain in _TRANSLITERATIONS:
        folded = folded.replace(written, plain)
    return folded


def read_word_list(path: Path) -> set[str]:
    """The folded words of a word list with one word per line (as /usr/share/dict/ngerman)."""
    with path.open(encoding="utf-8", errors="replace") as lines:
        return {fold(line.strip()) for line in lines if line.strip() and not line.startswith("#")}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=True)
class NormalizingTokenizer(WhitespaceTokenizer):
    """WhitespaceTokenizer whose tokens carry the normalised word as their lemma."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            **WhitespaceTokenizer.get_default_config(),
            # A plain word list, one word per line; Debian's wngerman installs this one.
            "word_list": "/usr/share/dict/ngerman",
            # Shorter words are left alone: too many real words are one edit apart.
            "min_length_to_correct": 5,
            # From this length on, two edits still count as a typo.
            "two_edits_from_length": 9,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vocabulary: dict[str, int] | None = None,
        words: set[str] | None = None,
    ) -> None:
        super().__init__(config)
        self._model_storage, self._resource = model_storage, resource
        self.vocabulary: dict[str, int] = vocabulary or {}
        self.words: set[str] = words or set()
        self._keys = list(self.vocabulary)
        self._normalise = lru_cache(maxsize=50_000)(self._normalise_uncached)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NormalizingTokenizer:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        path = Path(self._config["word_list"])
        if not path.exists():
            raise FileNotFoundError(
                f"{path}: Wortliste fehlt. Bitte Debians Paket 'wngerman' installieren "
                f"(apt-get install wngerman) oder in config.yml 'word_list' auf eine Liste setzen."
            )
        counts: Counter[str] = Counter()
        for example in training_data.training_examples:
            text = example.get(TEXT)
            if text:
                counts.update(fold(token.text) for token in super().tokenize(example, TEXT))
        words = read_word_list(path)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(dict(counts)), encoding="utf-8")
            with gzip.open(directory / WORDS_FILE, "wt", encoding="utf-8") as out:
                out.write("\n".join(sorted(words)))
        self.vocabulary, self.words, self._keys = dict(counts), words, list(counts)
        self._normalise.cache_clear()
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> NormalizingTokenizer:
        try:
            with model_storage.read_from(resource) as directory:
                vocabulary = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
                with gzip.open(directory / WORDS_FILE, "rt", encoding="utf-8") as lines:
                    words = set(lines.read().split("\n"))
        except ValueError:
            logger.warning("NormalizingTokenizer has no stored vocabulary; words are only folded.")
            vocabulary, words = {}, set()
        return cls(config, model_storage, resource, vocabulary, words)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        tokens = super().tokenize(message, attribute)
        if attribute == TEXT:
            for token in tokens:
                token.lemma = self._normalise(token.text)
        return tokens

    def _normalise_uncached(self, word: str) -> str:
        folded = fold(word)
        if (
            len(folded) < self._config["min_length_to_correct"]
            or folded in self.vocabulary
            or folded in self.words
            or not folded.isalpha()
        ):
            return folded
        edits = 2 if len(folded) >= self._config["two_edits_from_length"] else 1
        matches = process.extract(
            folded, self._keys, scorer=DamerauLevenshtein.distance, score_cutoff=edits, limit=10
        )
        if not matches:
            return folded
        best = min(distance for _, distance, _ in matches)
        return max((m for m in matches if m[1] == best), key=lambda m: self.vocabulary[m[0]])[0]


__all__ = ["NormalizingTokenizer", "fold", "read_word_list"]
