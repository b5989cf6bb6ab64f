"""Reading what the tests wrote: `rasa test nlu --out results/nlu --successes` (intent and
entity reports, the misclassified sentences), `rasa test core --out results/core` (story
report, failed and successful test stories) and the journeys' JSON (tests/journeys/run.py)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

INTENT_REPORT = "intent_report.json"
INTENT_ERRORS = "intent_errors.json"
# Rasa names an entity report after its extractor; DIET is the one of this pipeline.
ENTITY_EXTRACTOR = "DIETClassifier"
STORY_REPORT = "story_report.json"
FAILED_STORIES = "failed_test_stories.yml"
SUCCESSFUL_STORIES = "successful_test_stories.yml"
# The summary rows of a scikit-learn classification report, beside one row per label.
SUMMARY_ROWS = {"accuracy", "micro avg", "macro avg", "weighted avg"}
TOP_CONFUSED = 10


@dataclass(frozen=True)
class Score:
    f1: float
    support: int
    precision: float = 0.0
    recall: float = 0.0


@dataclass(frozen=True)
class Confusion:
    true: str
    predicted: str
    count: int


@dataclass(frozen=True)
class NluResults:
    intents: dict[str, Score]
    macro_f1: float
    weighted_f1: float
    accuracy: float
    confused: list[Confusion]
    entity_extractor: str | None = None
    entity_micro_f1: float | None = None
    entities: dict[str, Score] = field(default_factory=dict)

    @property
    def examples(self) -> int:
        return sum(score.support for score in self.intents.values())


@dataclass(frozen=True)
class Outcomes:
    """Which of a set of tests (journeys, stories) passed; `ran` is False when none ran."""

    ran: bool
    total: int = 0
    failed: list[str] = field(default_factory=list)
    # The names of all that were run, when known (the journeys; stories with --successes).
    names: list[str] | None = None
    problems: dict[str, list[str]] = field(default_factory=dict)

    @property
    def passed(self) -> int:
        return self.total - len(self.failed)


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _scores(report: dict[str, Any]) -> dict[str, Score]:
    return {
        label: Score(float(row["f1-score"]), int(row["support"]), float(row.get("precision", 0.0)),
                     float(row.get("recall", 0.0)))
        for label, row in report.items()
        if label not in SUMMARY_ROWS and isinstance(row, dict) and "f1-score" in row
    }


def _avg(report: dict[str, Any], row: str) -> float:
    value = report.get(row)
    return float(value["f1-score"]) if isinstance(value, dict) else 0.0


def confused_pairs(nlu_dir: Path, report: dict[str, Any], top: int = TOP_CONFUSED) -> list[Confusion]:
    """The most frequent (true → predicted) mistakes: counted from every misclassified
    sentence, or, without that file, from the report's `confused_with` (the top few per intent)."""
    counts: Counter[tuple[str, str]] = Counter()
    errors = nlu_dir / INTENT_ERRORS
    if errors.exists():
        for row in _json(errors):
            predicted = (row.get("intent_prediction") or {}).get("name") or "None"
            if predicted != row["intent"]:
                counts[(row["intent"], predicted)] += 1
    else:
        for intent, row in report.items():
            if isinstance(row, dict):
                for predicted, count in (row.get("confused_with") or {}).items():
                    counts[(intent, predicted)] += int(count)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Confusion(true, predicted, count) for (true, predicted), count in ranked[:top]]


def entity_report(nlu_dir: Path) -> tuple[str, dict[str, Any]] | None:
    """(extractor, report): DIET's, else the first other extractor's entity report."""
    preferred = nlu_dir / f"{ENTITY_EXTRACTOR}_report.json"
    candidates = [preferred] + sorted(
        p for p in nlu_dir.glob("*_report.json")
        if p != preferred and p.name not in {INTENT_REPORT, "response_selection_report.json"})
    for path in candidates:
        if path.exists():
            return path.name.removesuffix("_report.json"), _json(path)
    return None


def read_nlu(nlu_dir: Path) -> NluResults:
    report = _json(nlu_dir / INTENT_REPORT)
    accuracy = report.get("accuracy")
    if not isinstance(accuracy, (int, float)):
        accuracy = _avg(report, "micro avg")
    extractor, entity_f1, entities = None, None, {}
    found = entity_report(nlu_dir)
    if found is not None:
        extractor, entities_report = found
        entities = _scores(entities_report)
        entity_f1 = _avg(entities_report, "micro avg") if "micro avg" in entities_report else None
    return NluResults(_scores(report), _avg(report, "macro avg"), _avg(report, "weighted avg"),
                      float(accuracy), confused_pairs(nlu_dir, report), extractor, entity_f1, entities)


def _story_names(path: Path) -> list[str] | None:
    """The names of the stories in a file Rasa wrote, without the " (source file)" it adds;
    None if there is no such file. A file with only a comment holds no story."""
    if not path.exists():
        return None
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names = []
    for story in content.get("stories") or []:
        match = re.fullmatch(r"(.*) \([^()]*\)", str(story.get("story", "")))
        names.append(match.group(1) if match else str(story.get("story", "")))
    return names


def read_stories(core_dir: Path) -> Outcomes:
    failed = _story_names(core_dir / FAILED_STORIES)
    if failed is None:
        return Outcomes(ran=False)
    passed = _story_names(core_dir / SUCCESSFUL_STORIES)
    total = len(failed) + len(passed) if passed is not None else len(failed)
    report_path = core_dir / STORY_REPORT
    if report_path.exists():
        conversations = _json(report_path).get("conversation_accuracy") or {}
        total = int(conversations.get("total", total))
    names = sorted(set(failed) | set(passed)) if passed is not None else None
    return Outcomes(True, total, sorted(failed), names)


def read_journeys(path: Path) -> Outcomes:
    """The JSON tests/journeys/run.py writes (--json-out, or JOURNEYS_JSON_OUT in the e2e test)."""
    if not path.exists():
        return Outcomes(ran=False)
    rows = _json(path)["journeys"]
    failed = sorted(row["name"] for row in rows if not row["passed"])
    problems = {row["name"]: list(row["problems"]) for row in rows if not row["passed"]}
    return Outcomes(True, len(rows), failed, sorted(row["name"] for row in rows), problems)
