"""The NLU figures on the held-out files, and the gate `make test` holds them to.

Reads what `rasa test nlu --successes` wrote (every held-out sentence with its predicted
intent) and computes, over the intents that occur in the held-out files:

- intent macro F1 on all held-out sentences, and on those of 15 words or more;
- F1 per intent, and per held-out file;
- entity F1 (DIET's report).

As in `rasa test nlu`, a message the FallbackClassifier would send to the fallback counts with
the classifier's first intent (scripts/nlu_variants.py reports how many go to the fallback at
each threshold). Prints the figures, the weakest intents and which gate failed, so a failing
gate says where to add training examples.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

LONG_MESSAGE_WORDS = 15
# The long-message figure is the macro F1 over the intents with at least this many long
# held-out messages: an intent with one long example would swing it by its one sentence.
MIN_LONG_SUPPORT = 5


@dataclass(frozen=True)
class Prediction:
    text: str
    intent: str
    predicted: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def predictions(results: Path) -> list[Prediction]:
    rows = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = results / name
        if path.exists():
            for row in json.loads(path.read_text(encoding="utf-8")):
                predicted = (row.get("intent_prediction") or {}).get("name") or "None"
                rows.append(Prediction(row["text"], row["intent"], predicted))
    return rows


def f1_by_intent(rows: Sequence[Prediction]) -> dict[str, float]:
    """F1 of every intent that occurs among the true labels of `rows`."""
    true, predicted, hits = Counter(), Counter(), Counter()
    for row in rows:
        true[row.intent] += 1
        predicted[row.predicted] += 1
        hits[row.intent] += row.intent == row.predicted
    scores = {}
    for intent in true:
        precision = hits[intent] / predicted[intent] if predicted[intent] else 0.0
        recall = hits[intent] / true[intent]
        scores[intent] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return scores


def macro(scores: dict[str, float]) -> float:
    return sum(scores.values()) / len(scores) if scores else 0.0


def long_message_f1(rows: Sequence[Prediction]) -> tuple[float, float, int]:
    """(macro F1 over intents with MIN_LONG_SUPPORT long messages, over all, count) for the
    messages of LONG_MESSAGE_WORDS or more."""
    long_rows = [r for r in rows if r.words >= LONG_MESSAGE_WORDS]
    scores = f1_by_intent(long_rows)
    support = Counter(r.intent for r in long_rows)
    supported = {k: v for k, v in scores.items() if support[k] >= MIN_LONG_SUPPORT}
    return macro(supported), macro(scores), len(long_rows)


def accuracy(rows: Sequence[Prediction]) -> float:
    return sum(r.intent == r.predicted for r in rows) / len(rows) if rows else 0.0


def _plain(example: str) -> str:
    return re.sub(r"\[([^\]]+)\](\([^)]+\)|\{[^}]+\})", r"\1", example).strip()


def file_of_each_text(files: Iterable[Path]) -> dict[str, str]:
    """Held-out text → the name of the file it comes from."""
    origin = {}
    for path in files:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in item["examples"].splitlines():
                if line.strip():
                    origin[_plain(line.strip()[2:])] = path.name
    return origin


@dataclass(frozen=True)
class Figures:
    macro_f1: float
    accuracy: float
    long_macro_f1: float
    long_macro_f1_all_intents: float
    long_count: int
    per_intent: dict[str, float]
    per_file: dict[str, tuple[float, float, int]]
    entity_f1: float | None

    @property
    def weakest(self) -> list[tuple[str, float]]:
        return sorted(self.per_intent.items(), key=lambda kv: kv[1])


def figures(results: Path, held_out: Iterable[Path]) -> Figures:
    rows = predictions(results)
    origin = file_of_each_text(held_out)
    by_file: dict[str, list[Prediction]] = defaultdict(list)
    for row in rows:
        by_file[origin.get(row.text.strip(), "?")].append(row)
    entity_report = results / "DIETClassifier_report.json"
    entity_f1 = None
    if entity_report.exists():
        report = json.loads(entity_report.read_text(encoding="utf-8"))
        entity_f1 = report.get("micro avg", report.get("weighted avg", {})).get("f1-score")
    per_intent = f1_by_intent(rows)
    return Figures(
        macro(per_intent),
        accuracy(rows),
        *long_message_f1(rows),
        per_intent,
        {name: (macro(f1_by_intent(r)), accuracy(r), len(r)) for name, r in sorted(by_file.items())},
        entity_f1,
    )


def report(f: Figures) -> str:
    lines = [
        f"NLU on the held-out files: intent macro F1 {f.macro_f1:.3f}, accuracy {f.accuracy:.3f}; "
        f"messages of {LONG_MESSAGE_WORDS}+ words ({f.long_count}): macro F1 {f.long_macro_f1:.3f} "
        f"over intents with {MIN_LONG_SUPPORT}+ of them ({f.long_macro_f1_all_intents:.3f} over all)"
    ]
    if f.entity_f1 is not None:
        lines.append(f"entity F1 (micro): {f.entity_f1:.3f}")
    for name, (file_macro, file_accuracy, count) in f.per_file.items():
        lines.append(f"  {name}: {count} sentences, macro F1 {file_macro:.3f}, accuracy {file_accuracy:.3f}")
    lines.append("weakest: " + ", ".join(f"{k} {v:.2f}" for k, v in f.weakest[:6]))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("results", type=Path, help="folder `rasa test nlu --successes` wrote")
    parser.add_argument("--held-out", type=Path, default=Path("tests/nlu"))
    parser.add_argument("--min-macro-f1", type=float, required=True)
    parser.add_argument("--min-long-macro-f1", type=float, required=True)
    parser.add_argument("--min-intent-f1", type=float, required=True)
    args = parser.parse_args()
    f = figures(args.results, sorted(args.held_out.glob("*.yml")))
    print(report(f))
    failed = []
    if f.macro_f1 < args.min_macro_f1:
        failed.append(f"macro F1 {f.macro_f1:.3f} < {args.min_macro_f1}")
    if f.long_macro_f1 < args.min_long_macro_f1:
        failed.append(f"long messages {f.long_macro_f1:.3f} < {args.min_long_macro_f1}")
    weak = [f"{k} {v:.2f}" for k, v in f.weakest if v < args.min_intent_f1]
    if weak:
        failed.append(f"intents under {args.min_intent_f1}: {', '.join(weak)}")
    if failed:
        print("NLU gate failed: " + "; ".join(failed) + ". Add varied training examples for these intents.")
        return 1
    print(
        f"NLU gate passed (macro ≥ {args.min_macro_f1}, long ≥ {args.min_long_macro_f1}, "
        f"every intent ≥ {args.min_intent_f1})."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
