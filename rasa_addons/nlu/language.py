"""Recognising a message that is not in German, so that the visitor gets an answer they can
read (intent `other_language`, entity `language`).

Intent models trained on German guess wildly on English. This component decides from the
words themselves: how many are English and not German (Debian's `wamerican` and `wngerman`
lists, read at training time and stored with the model), and which script the letters are
in (Cyrillic, Arabic ...). For other languages in Latin script it asks py3langid, which ships
its model inside the package. Learners' German stays German.
"""

from __future__ import annotations

import gzip
import logging
import re
import unicodedata
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)
INTENT_NAME = "other_language"
ENTITY_NAME = "language"
WORD_FILES = ("english_words.txt.gz", "german_words.txt.gz", "training_words.txt.gz")
GIBBERISH = "nlu_fallback"
_WORD = re.compile(r"[^\W\d_]+")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def german_key(word: str) -> str:
    """'Für', 'fuer' → 'fuer' (not the plain vowel: 'caen' must not become the English 'can')."""
    return word.lower().translate(_UMLAUTS)


def read_words(path: Path, common_only: bool = False) -> set[str]:
    """The words of a list, lower case; `common_only` leaves out names ("Kevin", "Miller"),
    which English lists write with a capital letter."""
    with path.open(encoding="utf-8", errors="replace") as lines:
        words = (line.strip() for line in lines)
        return {w.lower() for w in words if w.isalpha() and (w.islower() or not common_only)}


# Scripts of languages visitors may write in; the value is the language code given to the
# action (the language itself decides little: the answer is in English and plain German).
_SCRIPTS = {
    "CYRILLIC": "ru",
    "ARABIC": "ar",
    "GREEK": "el",
    "HEBREW": "he",
    "DEVANAGARI": "hi",
    "CJK": "zh",
    "HANGUL": "ko",
    "THAI": "th",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
}


def _script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ")[0] if name else ""


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LanguageGuard(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "english_word_list": "/usr/share/dict/american-english",
            "german_word_list": "/usr/share/dict/ngerman",
            # English words that are not German, at least this many and twice the German ones.
            "min_english_words": 2,
            # For other languages in Latin script: at least this many words, most of them
            # neither German nor English, and py3langid this sure.
            "min_words_other": 3,
            "min_probability_other": 0.95,
            # More than this share of words in no list and no near training word: gibberish.
            "max_unknown_share": 0.5,
            "languages_other": [
                "pl",
                "tr",
                "ro",
                "bg",
                "hr",
                "sr",
                "cs",
                "sk",
                "hu",
                "es",
                "it",
                "fr",
                "pt",
                "nl",
                "sq",
                "vi",
                "uk",
                "ru",
            ],
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        english: set[str] | None = None,
        german: set[str] | None = None,
        training: set[str] | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage, self._resource = model_storage, resource
        self._identifier: Any = None
        self._use_words(english or set(), german or set(), training or set())

    def _use_words(self, english: set[str], german: set[str], training: set[str]) -> None:
        self.english, self.german, self.training = english, german, training
        self.english_only = {w for w in english if german_key(w) not in german}
        self.german_only = {w for w in german if w not in english}
        self._known = sorted(training)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageGuard:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        lists = {}
        for key in ("english_word_list", "german_word_list"):
            path = Path(self.config[key])
            if not path.exists():
                raise FileNotFoundError(
                    f"{path}: Wortliste fehlt. Bitte Debians Pakete 'wamerican' und 'wngerman' installieren."
                )
            lists[key] = path
        english = read_words(lists["english_word_list"], common_only=True)
        german = {german_key(w) for w in read_words(lists["german_word_list"])}
        training = {
            german_key(w)
            for example in training_data.training_examples
            for w in _WORD.findall(example.get(TEXT) or "")
        }
        with self._model_storage.write_to(self._resource) as directory:
            for name, words in zip(WORD_FILES, (english, german, training), strict=True):
                with gzip.open(directory / name, "wt", encoding="utf-8") as out:
                    out.write("\n".join(sorted(words)))
        self._use_words(english, german, training)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LanguageGuard:
        sets = []
        try:
            with model_storage.read_from(resource) as directory:
                for name in WORD_FILES:
                    with gzip.open(directory / name, "rt", encoding="utf-8") as lines:
                        sets.append(set(lines.read().split("\n")))
        except (ValueError, FileNotFoundError):
            logger.warning("LanguageGuard has no stored word lists; it recognises scripts only.")
            sets = [set(), set(), set()]
        return cls(config, model_storage, resource, *sets)

    def gibberish(self, text: str) -> bool:
        """No language at all ("asdkjh qwe lkjj"): most words are in no word list and not
        within two typos of a word the assistant was trained on."""
        words = [german_key(w) for w in _WORD.findall(text) if len(w) > 1]
        if not words or not self.german:
            return False
        unknown = [
            w
            for w in words
            if w not in self.german
            and w not in self.english
            and w not in self.training
            and not self._close_to_training(w)
        ]
        return len(unknown) > len(words) * self.config["max_unknown_share"]

    def _close_to_training(self, word: str) -> bool:
        allowed = 1 if len(word) < 7 else 2
        return (
            process.extractOne(word, self._known, scorer=DamerauLevenshtein.distance, score_cutoff=allowed)
            is not None
        )

    def language(self, text: str) -> str | None:
        """The language of a message that is clearly not German, else None."""
        letters = [c for c in text if c.isalpha()]
        if not letters:
            return None
        scripts = [_script_of(c) for c in letters]
        for script, code in _SCRIPTS.items():
            if sum(s == script for s in scripts) > len(letters) / 2:
                return code
        words = [w.lower() for w in _WORD.findall(text) if len(w) > 1]
        english = sum(w in self.english_only for w in words)
        german = sum(german_key(w) in self.german_only for w in words)
        if english >= self.config["min_english_words"] and english >= 2 * german:
            return "en"
        if english and english >= german and len(words) >= self.config["min_words_other"] + 1:
            code, probability = self._identify(text)
            if code == "en" and probability >= self.config["min_probability_other"]:
                return "en"
        unknown = len(words) - english - german
        if len(words) >= self.config["min_words_other"] and unknown > len(words) / 2:
            code, probability = self._identify(text)
            if code in self.config["languages_other"] and probability >= self.config["min_probability_other"]:
                return code
        return None

    def _identify(self, text: str) -> tuple[str, float]:
        if self._identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            self._identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
            self._identifier.set_languages(["de", "en", *self.config["languages_other"]])
        code, probability = self._identifier.classify(text)
        return code, float(probability)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue
            code = self.language(text)
            if code is None:
                if self.gibberish(text):
                    message.set(INTENT, {"name": GIBBERISH, "confidence": 1.0}, add_to_output=True)
                    message.set(
                        "intent_ranking", [{"name": GIBBERISH, "confidence": 1.0}], add_to_output=True
                    )
                continue
            message.set(INTENT, {"name": INTENT_NAME, "confidence": 1.0}, add_to_output=True)
            message.set("intent_ranking", [{"name": INTENT_NAME, "confidence": 1.0}], add_to_output=True)
            entity = {
                "entity": ENTITY_NAME,
                "value": code,
                "start": 0,
                "end": len(text),
                "confidence": 1.0,
                "extractor": self.__class__.__name__,
            }
            message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


__all__ = ["LanguageGuard"]
