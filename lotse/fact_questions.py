"""The follow-up questions of the funding advisor and how the answers are read.

Questions and answer words are data in `knowledge/labels.yml` (`fact_questions`,
`fact_answer_words`); this module only knows the three kinds of answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lotse.knowledge import knowledge
from lotse.numbers import parse_count
from lotse.text import fold

# Plausible ranges; an answer outside is read as not understood.
NUMBER_RANGES = {"age": (14, 99), "months_employed": (0, 600), "course_hours": (1, 10_000),
                 "income_monthly_gross": (0, 100_000), "taxable_income_yearly": (0, 10_000_000)}
YES = {"ja", "jo", "jep", "klar", "genau", "stimmt", "richtig", "ja klar"}
NO = {"nein", "ne", "nee", "no", "noe", "nicht", "stimmt nicht"}


@dataclass(frozen=True)
class FactQuestion:
    fact: str
    question: str
    answer: str
    choices: dict[str, str] = field(default_factory=dict)
    label: str = ""

    def answer_text(self, value: Any) -> str:
        """The answer as staff read it in a case ("Arbeitslosengeld", "ja", "52")."""
        if isinstance(value, bool):
            return "ja" if value else "nein"
        return self.choices.get(str(value), str(value))


def question_for(fact: str) -> FactQuestion | None:
    entry = knowledge().labels.data["fact_questions"].get(fact)
    if entry is None:
        return None
    return FactQuestion(fact, entry["question"], entry["answer"], entry.get("choices") or {}, entry["label"])


def read_answer(fact: str, text: str, intent: str | None) -> Any:
    """The fact's value in the visitor's answer, or None if it cannot be read."""
    question = question_for(fact)
    if question is None:
        return None
    if question.answer == "yes_no":
        return _yes_no(text, intent)
    if question.answer == "number":
        count = parse_count(text)
        low, high = NUMBER_RANGES.get(fact, (0, 1_000_000))
        return count if count is not None and low <= count <= high else None
    return _choice(fact, question, text)


def _yes_no(text: str, intent: str | None) -> bool | None:
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    words = fold(text)
    if words in YES or words.split()[:1] == ["ja"]:
        return True
    if words in NO or words.split()[:1] in (["nein"], ["nee"]):
        return False
    return None


def _choice(fact: str, question: FactQuestion, text: str) -> str | None:
    folded = fold(text)
    if text in question.choices:
        return text
    for value, label in question.choices.items():
        if folded == fold(label):
            return value
    words = knowledge().labels.data["fact_answer_words"].get(fact, {})
    for value, synonyms in words.items():
        if folded in {fold(w) for w in synonyms}:
            return value
    for value, synonyms in words.items():
        if any(f" {fold(w)} " in f" {folded} " for w in synonyms if len(w) > 3):
            return value
    return None
