"""What a message asks: who pays, which courses, a person, how to reach the agency.

A story often ends in its question ("... kann mir das amt so ne umschulung bezahlen?"). The
words of each kind of question are in `knowledge/reading.yml`: some count only inside a
question sentence ("kurse" in "gibts da kurse?", not in "hab schon kurse gemacht"), others are
a question wherever they stand ("wer zahlt das").
"""

from __future__ import annotations

import re
from functools import lru_cache

from lotse.knowledge import knowledge
from lotse.understanding.phrases import PhraseSet, key, phrase_set, sentences

FUNDING, COURSES, PERSON, CONTACT, WHEREABOUTS = "funding", "courses", "person", "contact", "whereabouts"
OFFICE = "office"


@lru_cache(maxsize=1)
def _question_sets() -> dict[str, tuple[PhraseSet, PhraseSet]]:
    data = knowledge().reading.data["questions"]
    return {
        kind: (phrase_set(words["in_question"]), phrase_set(words["anywhere"]))
        for kind, words in data.items()
    }


@lru_cache(maxsize=1)
def _question_starts() -> PhraseSet:
    return phrase_set(knowledge().reading.data["question_starts"])


def question_sentences(text: str) -> list[str]:
    """The sentences that ask something: ending in '?' or opening with a question word. A
    message without any sentence mark counts its last sentence as the question."""
    parts = sentences(text)
    asked = [_question_part(s) for s in parts if s.rstrip().endswith("?") or opens_with_question(s)]
    if not asked and parts and not parts[-1].rstrip().endswith((".", "!")):
        asked = [_question_part(parts[-1])]
    return asked


def opens_with_question(sentence: str) -> bool:
    match = _question_starts().first(key(sentence))
    return bool(match and match.start() == 0)


def _question_part(sentence: str) -> str:
    """The asking part of a sentence, from its first clause that opens with a question word
    ('bin 52 und arbeite im lager, wer zahlt das?' → 'wer zahlt das?'); else its last clause."""
    clauses = [c.strip() for c in re.split(r",|\bund\b|\baber\b", sentence) if c.strip()]
    for index, clause in enumerate(clauses):
        if opens_with_question(clause):
            return ", ".join(clauses[index:])
    return clauses[-1] if clauses else sentence


def asked(text: str) -> frozenset[str]:
    """The kinds of question the message asks (funding, courses, person, contact, whereabouts,
    office)."""
    keyed_whole = key(text)
    asked_keys = [key(s) for s in question_sentences(text)]
    kinds = set()
    for kind, (in_question, anywhere) in _question_sets().items():
        if anywhere.first(keyed_whole) or any(in_question.first(q) for q in asked_keys):
            kinds.add(kind)
    return frozenset(kinds)


@lru_cache(maxsize=1)
def _channel_sets() -> dict[str, PhraseSet]:
    return {way: phrase_set(words) for way, words in knowledge().reading.data["channels"].items()}


def wished_channel(text: str) -> str | None:
    """How a visitor who wants a person wishes to be reached: "phone" ("bitte um Rückruf"),
    "email" ("schreiben Sie mir per Mail"), or None."""
    keyed = key(text)
    for way in ("email", "phone"):
        if _channel_sets()[way].first(keyed):
            return way
    return None


@lru_cache(maxsize=1)
def _training_wish() -> tuple[re.Pattern[str], PhraseSet]:
    data = knowledge().reading.data["training_wish"]
    verbs = "|".join(re.escape(key(verb)) for verb in data["after_mich"])
    return (re.compile(rf"\bmich\b(?:\s+\S+){{0,3}}?\s+(?:{verbs})\b"), phrase_set(data["anywhere"]))


def wishes_training(text: str) -> bool:
    """Whether the visitor says they want to train ("würd mich gern irgendwie fortbilden")."""
    keyed = key(text)
    after_mich, anywhere = _training_wish()
    return bool(after_mich.search(keyed) or anywhere.first(keyed))
