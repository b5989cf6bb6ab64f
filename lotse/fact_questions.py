"""The follow-up questions of the funding advisor and how the answers are read.

Questions and answer words are data in `knowledge/labels.yml` (`fact_questions`,
`fact_answer_words`); this module only knows the three kinds of answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lotse.knowledge import knowledge
from lotse.numbers import parse_company_size, parse_count, with_digits
from lotse.text import fold
from lotse.understanding.facts import goal_named

# Plausible ranges; an answer outside is read as not understood.
NUMBER_RANGES = {"age": (14, 99), "months_employed": (0, 600), "course_hours": (1, 10_000),
                 "income_monthly_gross": (0, 100_000), "taxable_income_yearly": (0, 10_000_000)}
YES = {"ja", "jo", "jep", "klar", "genau", "stimmt", "richtig", "ja klar"}
NO = {"nein", "ne", "nee", "no", "noe", "nicht", "stimmt nicht"}
# Hedged answers that still say yes or no ("denk schon", "eher nicht").
LIKELY_YES = ("schon", "wahrscheinlich", "vermutlich", "eher ja", "bestimmt", "sicher", "auf jeden fall",
              "jaa", "jup", "jupp", "yes", "logisch", "natuerlich", "naturlich", "sowieso")
LIKELY_NO = ("eher nicht", "wohl nicht", "glaube nicht", "denke nicht", "denk nicht", "bestimmt nicht",
             "auf keinen fall", "keinesfalls", "nein", "nee", "noe", "ne ")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_DURATION = re.compile(r"(\d+)\s*(jahr|jahre|jahren|monat|monate|monaten)\b")


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
    if fact == "months_employed":
        return _months(text)
    if fact == "company_size":
        return parse_company_size(text)
    if question.answer == "number":
        count = parse_count(text)
        low, high = NUMBER_RANGES.get(fact, (0, 1_000_000))
        return count if count is not None and low <= count <= high else None
    chosen = _choice(fact, question, text)
    if chosen is None and fact == "course_goal":
        return goal_named(text)
    return chosen


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
    padded = f" {words} "
    if any(f" {phrase} " in padded for phrase in LIKELY_NO):
        return False
    if any(f" {phrase} " in padded for phrase in LIKELY_YES):
        return True
    return None


def _months(text: str) -> int | None:
    """'seit 2011' → months since then; '3 jahre', 'seit 8 monaten' → 36, 8; '14' → 14."""
    digits = with_digits(fold(text))
    year = _YEAR.search(digits)
    if year:
        today = date.today()
        return max(0, (today.year - int(year.group(1))) * 12 + today.month - 1)
    duration = _DURATION.search(digits)
    if duration:
        amount = int(duration.group(1))
        return amount * 12 if duration.group(2).startswith("jahr") else amount
    count = parse_count(text)
    low, high = NUMBER_RANGES["months_employed"]
    return count if count is not None and low <= count <= high else None


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
    # Within a longer answer the longest phrase decides: "kein abschluss" over "abschluss".
    found = [(len(fold(w)), value) for value, synonyms in words.items() for w in synonyms
             if len(w) > 3 and f" {fold(w)} " in f" {folded} "]
    return max(found)[1] if found else None
