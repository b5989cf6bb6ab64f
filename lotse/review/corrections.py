"""A staff correction becomes a training example: checked, recorded with who and when, and
written into the review file that the next training reads.

Refused, with the reason: a sentence that would stand under two intents, one of the held-out
sentences the model is measured with, an unknown intent or entity, a marked text that is not
in the sentence, brackets (Rasa's annotation syntax; a removed detail reads "[... entfernt]").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from lotse.domain_files import load_domain, name_of
from lotse.review.models import ReviewCorrection
from lotse.review.review_file import ReviewExample, add_example, locked, read_examples, write_examples
from lotse.review.training_data import held_out_texts, plain, training_examples

OUT_OF_SCOPE = "out_of_scope"
# Intents that no visitor sentence can be corrected to (Rasa's own).
NOT_CHOOSABLE = frozenset({"nlu_fallback", "session_start", "restart", "back"})
FORBIDDEN_CHARACTERS = "[](){}"
# Longer than any visitor message worth learning from (and than the stored column).
MAX_LENGTH = 500
REASONS = {
    "unknown_intent": "Die Absicht „{intent}“ gibt es nicht. Bitte wählen Sie eine aus der Liste.",
    "unknown_entity": "Die Angabe „{entity}“ gibt es nicht. Bitte wählen Sie eine aus der Liste.",
    "empty": "Der Satz ist leer. Bitte übernehmen Sie die Nachricht oder schreiben Sie sie ab.",
    "brackets": "Der Satz enthält Klammern, z. B. von einer entfernten persönlichen Angabe. Bitte schreiben "
                "Sie ihn ohne Klammern und ohne persönliche Angaben.",
    "held_out": "Dieser Satz ist einer der Testsätze (tests/), an denen die Erkennung gemessen wird. "
                "Testsätze dürfen nicht ins Training; bitte nehmen Sie einen anderen Satz.",
    "same_intent": "Dieser Satz steht schon unter „{intent}“ ({where}); eine Korrektur ist nicht nötig.",
    "other_intent": "Dieser Satz steht schon unter „{intent}“ ({where}). Ein Satz darf nur unter einer "
                    "Absicht stehen; ist die dortige falsch, ändern Sie sie dort.",
    "not_in_sentence": "„{text}“ steht nicht im Satz. Bitte markieren Sie einen Teil des Satzes.",
    "overlap": "Zwei Markierungen überschneiden sich. Bitte markieren Sie jede Stelle nur einmal.",
    "too_long": f"Der Satz ist länger als {MAX_LENGTH} Zeichen. Bitte kürzen Sie ihn auf die "
                "eigentliche Frage.",
}


class CorrectionRefused(ValueError):
    """The correction is not taken; the message says why and what to do instead."""


@dataclass(frozen=True)
class Mark:
    """A part of the sentence staff marked as an entity."""

    text: str
    entity: str


@dataclass(frozen=True)
class Project:
    """Where the training data, the held-out sentences and the review file are."""

    directory: Path
    review_file: Path

    def domain(self) -> dict:
        """The project's domain files (domain/*.yml) merged."""
        return load_domain(self.directory)

    def intents(self) -> list[str]:
        return [i for i in map(name_of, self.domain().get("intents") or []) if i not in NOT_CHOOSABLE]

    def entities(self) -> list[str]:
        return list(map(name_of, self.domain().get("entities") or []))


def annotate(sentence: str, marks: list[Mark]) -> str:
    """The sentence with each mark written as Rasa reads it: `[Halle](location)`."""
    annotated, position = "", 0
    spans = []
    for mark in marks:
        start = sentence.find(mark.text)
        if not mark.text.strip() or start < 0:
            raise CorrectionRefused(REASONS["not_in_sentence"].format(text=mark.text))
        spans.append((start, start + len(mark.text), mark.entity))
    for start, end, entity in sorted(spans):
        if start < position:
            raise CorrectionRefused(REASONS["overlap"])
        annotated += sentence[position:start] + f"[{sentence[start:end]}]({entity})"
        position = end
    return annotated + sentence[position:]


def _check(project: Project, sentence: str, intent: str, marks: list[Mark]) -> None:
    if intent not in project.intents():
        raise CorrectionRefused(REASONS["unknown_intent"].format(intent=intent))
    unknown = [m.entity for m in marks if m.entity not in project.entities()]
    if unknown:
        raise CorrectionRefused(REASONS["unknown_entity"].format(entity=unknown[0]))
    if not sentence.strip():
        raise CorrectionRefused(REASONS["empty"])
    if len(sentence) > MAX_LENGTH:
        raise CorrectionRefused(REASONS["too_long"])
    if any(c in sentence for c in FORBIDDEN_CHARACTERS):
        raise CorrectionRefused(REASONS["brackets"])
    wanted = plain(sentence)
    if wanted in {plain(t) for t in held_out_texts(project.directory)}:
        raise CorrectionRefused(REASONS["held_out"])
    for other, example, path in _all_examples(project):
        if plain(example) != wanted:
            continue
        where = path.relative_to(project.directory) if path.is_relative_to(project.directory) else path
        if other == intent:
            raise CorrectionRefused(REASONS["same_intent"].format(intent=intent, where=where))
        raise CorrectionRefused(REASONS["other_intent"].format(intent=other, where=where))


def _all_examples(project: Project) -> Iterator[tuple[str, str, Path]]:
    """The training data's examples, the review file's among them wherever it is."""
    yield from training_examples(project.directory, leave_out=project.review_file)
    for example in read_examples(project.review_file):
        yield example.intent, example.text, project.review_file


def correct(session: Session, project: Project, sentence: str, intent: str, marks: list[Mark],
            origin_day: date, staff: str) -> ReviewCorrection:
    """Check the correction, write it into the review file and record it; raises
    CorrectionRefused with the reason."""
    sentence = " ".join(sentence.split())
    _check(project, sentence, intent, marks)
    text = annotate(sentence, marks)
    correction = ReviewCorrection(text=text, intent=intent, origin_day=origin_day, corrected_by=staff)
    session.add(correction)
    session.flush()
    add_example(project.review_file, ReviewExample(intent, origin_day, text))
    return correction


def write_review_file(session: Session, path: Path) -> int:
    """Every recorded correction into the review file at `path`, beside what it holds already:
    for an editor's checkout when the console runs elsewhere (several web instances, a server).
    Returns how many examples the file holds."""
    corrections = session.scalars(select(ReviewCorrection))
    recorded = [ReviewExample(c.intent, c.origin_day, c.text) for c in corrections]
    with locked(path):
        present = read_examples(path)
        known = {(e.intent, e.text) for e in present}
        merged = present + [e for e in recorded if (e.intent, e.text) not in known]
        write_examples(path, merged)
    return len(set(merged))


def not_yet_trained(session: Session, trained: datetime | None) -> list[ReviewCorrection]:
    """Corrections made after the running model was trained (all of them without a model)."""
    query = select(ReviewCorrection).order_by(ReviewCorrection.corrected_at.desc())
    corrections = list(session.scalars(query))
    if trained is None:
        return corrections
    return [c for c in corrections if _aware(c.corrected_at) > trained]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
