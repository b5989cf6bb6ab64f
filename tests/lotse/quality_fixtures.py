"""Result files shaped as Rasa 3.6 writes them (rasa/nlu/test.py, rasa/core/test.py) and as
tests/journeys/run.py writes the journeys, for the tests of the quality report."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

LONG = "ich arbeite seit vielen jahren im lager und moechte jetzt endlich einen staplerschein machen geht das"
# (text, true intent, predicted intent)
PREDICTIONS = [
    ("hallo", "greet", "greet"),
    ("moin", "greet", "greet"),
    ("tach", "greet", "thank"),
    ("danke", "thank", "thank"),
    ("dankeschoen", "thank", "thank"),
    ("wer zahlt den kurs", "ask_funding", "ask_funding"),
    ("gibt es geld dafuer", "ask_funding", "ask_course"),
    ("foerderung", "ask_funding", "ask_course"),
    ("kurs in halle", "ask_course", "ask_course"),
    # Five messages of 15+ words: enough for the long-message figure (scripts/nlu_gate.py).
    *[(f"{LONG} {n}", "ask_course", "ask_course") for n in ("bitte", "heute", "schnell", "gern")],
    (f"{LONG} und wer zahlt", "ask_course", "ask_funding"),
]


def _row(precision: float, recall: float, support: int) -> dict[str, Any]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1-score": f1, "support": support}


def classification_report(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """scikit-learn's classification_report(output_dict=True) over the true labels, completed
    as rasa.model_testing does, with Rasa's `confused_with`."""
    true, predicted, hits = Counter(), Counter(), Counter()
    confused: dict[str, Counter[str]] = {}
    for target, guess in pairs:
        true[target] += 1
        predicted[guess] += 1
        hits[target] += target == guess
        if target != guess:
            confused.setdefault(target, Counter())[guess] += 1
    report: dict[str, Any] = {}
    for label in sorted(true):
        precision = hits[label] / predicted[label] if predicted[label] else 0.0
        report[label] = _row(precision, hits[label] / true[label], true[label])
        report[label]["confused_with"] = dict(confused.get(label, Counter()).most_common(2))
    rows = [report[label] for label in sorted(true)]
    total = sum(true.values())
    accuracy = sum(hits.values()) / total
    report["accuracy"] = accuracy
    metrics = ("precision", "recall", "f1-score")
    report["macro avg"] = {key: sum(r[key] for r in rows) / len(rows) for key in metrics}
    report["macro avg"]["support"] = total
    report["weighted avg"] = {key: sum(r[key] * r["support"] for r in rows) / total for key in metrics}
    report["weighted avg"]["support"] = total
    report["micro avg"] = {"precision": accuracy, "recall": accuracy, "f1-score": accuracy, "support": total}
    return report


def write_nlu(folder: Path, rows: list[tuple[str, str, str]] = PREDICTIONS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    report = classification_report([(target, guess) for _, target, guess in rows])
    (folder / "intent_report.json").write_text(json.dumps(report))
    for name, keep in (("intent_successes.json", True), ("intent_errors.json", False)):
        chosen = [{"text": text, "intent": target, "intent_prediction": {"name": guess, "confidence": 0.8}}
                  for text, target, guess in rows if (target == guess) == keep]
        if chosen:
            (folder / name).write_text(json.dumps(chosen))
    entities = {
        "location": {**_row(1.0, 0.8, 5), "confused_with": {}},
        "topic": {**_row(0.5, 0.5, 4), "confused_with": {}},
        "micro avg": _row(0.75, 2 / 3, 9),
        "macro avg": _row(0.75, 0.65, 9),
        "weighted avg": _row(0.78, 0.67, 9),
        "accuracy": 0.9,
    }
    (folder / "DIETClassifier_report.json").write_text(json.dumps(entities))
    return folder


def _stories(names: list[str]) -> str:
    if not names:
        return "# None of the test stories failed - all good!"
    stories = [{"story": f"{name} (tests/stories/test_intake.yml)",
                "steps": [{"intent": "greet"}, {"action": "utter_greet"}]} for name in names]
    return yaml.safe_dump({"version": "3.1", "stories": stories}, allow_unicode=True)


def write_core(folder: Path, failed: list[str], passed: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "failed_test_stories.yml").write_text(_stories(failed).replace(
        "action: utter_greet", "action: utter_greet  # predicted: action_default_fallback", 1))
    (folder / "successful_test_stories.yml").write_text(_stories(passed) if passed
                                                        else "# None of the test stories succeeded :(")
    total = len(failed) + len(passed)
    report = {"utter_greet": {**_row(1.0, 1.0, total)}, "accuracy": 0.9,
              "conversation_accuracy": {"accuracy": len(passed) / total, "correct": len(passed),
                                        "with_warnings": 0, "total": total}}
    (folder / "story_report.json").write_text(json.dumps(report))
    return folder


def write_journeys(path: Path, outcomes: dict[str, list[str]]) -> Path:
    """{journey name: its problems} in the shape tests/journeys/run.py writes."""
    rows = [{"name": name, "passed": not problems, "problems": problems}
            for name, problems in outcomes.items()]
    path.write_text(json.dumps({"journeys": rows}, ensure_ascii=False))
    return path


def write_results(results: Path, rows: list[tuple[str, str, str]] = PREDICTIONS,
                  failed_stories: tuple[str, ...] = ("anmeldung mit korrektur",),
                  journeys: dict[str, list[str]] | None = None) -> Path:
    write_nlu(results / "nlu", rows)
    write_core(results / "core", list(failed_stories),
               [n for n in ("begruessung", "anmeldung mit korrektur", "rueckruf") if n not in failed_stories])
    write_journeys(results / "journeys.json", journeys if journeys is not None else {
        "kassiererin_will_ins_buero": [], "staplerschein_dessau": ["nie gesagt: „Bildungsgutschein“"]})
    return results
