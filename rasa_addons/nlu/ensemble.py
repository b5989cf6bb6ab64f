"""A second intent classifier beside DIET, that also reads the question of a long message.

Visitors tell their story first and ask at the end ("... bin 52, arbeite im lager. wer
bezahlt das?"). DIET reads the whole message at once; this component adds a logistic
regression over the same sparse features and, for a message of several sentences, reads its
question on its own: the intent of the question counts as much as that of the whole message.
Entities stay DIET's, from all sentences.

Features: the sum of the token features of the text (or of the question's tokens), scaled
to unit length, so a whole message and one of its sentences are read the same way. The
final ranking is `diet_weight` × DIET's confidences + the rest × this classifier's.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, vstack
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

from rasa_addons.nlu.normalizer import fold

logger = logging.getLogger(__name__)
QUESTION_WORDS_FILE = "question_words.yml"
_SENTENCE_END = re.compile(r"[.!?;]+\s+|\n+|\s+[-–]\s+")
_CLAUSE_START = re.compile(r",\s*|\s+(?:und|aber)\s+")


def question_span(text: str, question_words: frozenset[str]) -> tuple[int, int] | None:
    """Where the question of a message of several sentences stands: the last sentence that
    ends in "?" or opens with a question word, from its first clause that does. None for a
    message of one sentence or without a question."""
    sentences, start = [], 0
    for end_mark in _SENTENCE_END.finditer(text):
        sentences.append((start, end_mark.end()))
        start = end_mark.end()
    if start < len(text):
        sentences.append((start, len(text)))
    if len(sentences) < 2 and not _CLAUSE_START.search(text):
        return None
    for begin, end in reversed(sentences):
        sentence = text[begin:end]
        clauses = [begin] + [begin + m.end() for m in _CLAUSE_START.finditer(sentence)]
        for clause_start in clauses:
            first_word = (
                fold(text[clause_start:end].strip().split(" ", 1)[0])
                if text[clause_start:end].strip()
                else ""
            )
            if first_word in question_words:
                return (clause_start, end) if (clause_start, end) != (0, len(text)) else None
        if sentence.rstrip().endswith("?") and (begin, end) != (0, len(text)):
            return begin, end
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class EnsembleIntentClassifier(LogisticRegressionClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            **LogisticRegressionClassifier.get_default_config(),
            "max_iter": 1000,
            "C": 10.0,
            # Share of DIET's confidences in the final ranking.
            "diet_weight": 0.5,
            # Read the question of a long message on its own.
            "focus_on_question": True,
            # Words that open a question (the `question_starts` of knowledge/reading.yml).
            "question_words_file": "knowledge/reading.yml",
        }

    def __init__(
        self,
        config: dict[str, Any],
        name: str,
        model_storage: ModelStorage,
        resource: Resource,
        question_words: frozenset[str] | None = None,
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf = LogisticRegression(
            C=self.config["C"],
            max_iter=self.config["max_iter"],
            class_weight="balanced",
            random_state=self.config["random_state"],
        )
        self.question_words = question_words or frozenset()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> EnsembleIntentClassifier:
        return cls(config, execution_context.node_name, model_storage, resource)

    @staticmethod
    def _features(message: Message, span: tuple[int, int] | None = None) -> csr_matrix:
        """The summed token features of the message, or of its tokens within `span`."""
        sequence, _ = message.get_sparse_features(TEXT)
        if sequence is None:
            return csr_matrix((1, 0))
        rows = sequence.features.tocsr()
        if span is not None:
            tokens = message.get("text_tokens") or []
            wanted = [i for i, t in enumerate(tokens) if t.start >= span[0] and t.end <= span[1]]
            if wanted:
                rows = rows[wanted]
        return csr_matrix(rows.sum(axis=0))

    def _create_X(self, messages: list[Message]) -> csr_matrix:
        return normalize(vstack([self._features(m) for m in messages]))

    def train(self, training_data: TrainingData) -> Resource:
        words = _question_words(Path(self.config["question_words_file"]))
        self.question_words = words
        resource = super().train(training_data)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / QUESTION_WORDS_FILE).write_text(yaml.safe_dump(sorted(words)), encoding="utf-8")
        return resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> EnsembleIntentClassifier:
        loaded = super().load(config, model_storage, resource, execution_context, **kwargs)
        words: frozenset[str] = frozenset()
        try:
            with model_storage.read_from(resource) as directory:
                words = frozenset(
                    yaml.safe_load((directory / QUESTION_WORDS_FILE).read_text(encoding="utf-8"))
                )
        except (ValueError, FileNotFoundError):
            logger.warning("EnsembleIntentClassifier has no stored question words.")
        component = cls(config, execution_context.node_name, model_storage, resource, words)
        component.clf = loaded.clf
        return component

    def _own_probabilities(self, message: Message) -> np.ndarray:
        whole = self.clf.predict_proba(normalize(self._features(message)))[0]
        if not self.config["focus_on_question"]:
            return whole
        span = question_span(message.get(TEXT) or "", self.question_words)
        if span is None:
            return whole
        question = self.clf.predict_proba(normalize(self._features(message, span)))[0]
        return (whole + question) / 2

    def process(self, messages: list[Message]) -> list[Message]:
        if not hasattr(self.clf, "classes_"):
            return messages
        weight = self.config["diet_weight"]
        for message in messages:
            if not message.get(TEXT):
                continue
            own = dict(zip(self.clf.classes_, self._own_probabilities(message), strict=True))
            diet = {r["name"]: r["confidence"] for r in message.get("intent_ranking") or []}
            if not diet and message.get(INTENT):
                diet = {message.get(INTENT)["name"]: message.get(INTENT)["confidence"]}
            names = set(own) | set(diet)
            combined = {n: weight * diet.get(n, 0.0) + (1 - weight) * own.get(n, 0.0) for n in names}
            ranking = sorted(
                ({"name": n, "confidence": float(c)} for n, c in combined.items()),
                key=lambda r: -r["confidence"],
            )[:10]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


def _question_words(path: Path) -> frozenset[str]:
    """The single words that open a question, folded."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: Datei mit den Fragewörtern (question_starts) fehlt.")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frozenset(fold(w) for w in data["question_starts"] if " " not in w)


__all__ = ["EnsembleIntentClassifier", "question_span"]
