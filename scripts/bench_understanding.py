"""What reading a whole message costs, per message: the fact reader and the question reader of
lotse.understanding, next to what the intake did with each message before (the entity values
normalised and the place resolved), measured in the same run on the held-out sentences.

Prints median and p95 in milliseconds, and the reader's precision and recall per fact on
tests/facts/first_message_facts.yml (facts the evaluation writer noted for long first
messages). Results go to results/bench-understanding.json as well. `make bench-understanding`.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lotse.places import resolve_place  # noqa: E402
from lotse.text import fold_plain_vowels  # noqa: E402
from lotse.understanding.facts import read_facts  # noqa: E402
from lotse.understanding.questions import asked  # noqa: E402
from lotse.understanding.routing import route  # noqa: E402
from lotse.vocabulary import vocabulary  # noqa: E402
from scripts.nlu_gate import file_of_each_text  # noqa: E402

FACTS_FILE = ROOT / "tests" / "facts" / "first_message_facts.yml"
RESULTS = ROOT / "results" / "bench-understanding.json"
ROUNDS = 5


def texts() -> list[str]:
    return list(file_of_each_text(sorted((ROOT / "tests" / "nlu").glob("*.yml"))))


def previous_intake_work(text: str) -> None:
    """Per message before: the status and the place normalised (here from the whole text)."""
    vocabulary("employment_status").normalize(text)
    resolve_place(text)


def read_everything(text: str) -> None:
    facts = read_facts(text)
    route("inform", facts, asked(text))


def timing(work: Callable[[str], None], messages: list[str]) -> dict[str, float]:
    seconds = []
    for _ in range(ROUNDS):
        for text in messages:
            started = time.perf_counter()
            work(text)
            seconds.append(time.perf_counter() - started)
    seconds.sort()
    return {
        "median_ms": 1000 * statistics.median(seconds),
        "p95_ms": 1000 * seconds[int(0.95 * (len(seconds) - 1))],
    }


def accuracy() -> dict[str, dict[str, float]]:
    """Precision and recall per fact (and per kind of question) on the held-out facts file."""
    hits, said, expected = Counter(), Counter(), Counter()
    for item in yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8")):
        truth = dict(item["facts"])
        questions = set(truth.pop("questions", None) or [])
        read: dict[str, Any] = read_facts(item["text"])
        read.setdefault("kind", "person")
        for name in set(truth) | set(read):
            if name in ("topic", "weekly_hours"):
                continue
            true_value, read_value = truth.get(name), read.get(name)
            same = true_value == read_value
            if name == "location" and true_value is not None and read_value is not None:
                same = fold_plain_vowels(str(read_value)) in fold_plain_vowels(str(true_value))
            hits[name] += bool(same and true_value is not None)
            said[name] += read_value is not None
            expected[name] += true_value is not None
        for kind in ("funding", "courses", "person", "contact"):
            found = kind in asked(item["text"])
            hits[f"asks {kind}"] += found and kind in questions
            said[f"asks {kind}"] += found
            expected[f"asks {kind}"] += kind in questions
    return {
        name: {
            "precision": hits[name] / said[name] if said[name] else 0.0,
            "recall": hits[name] / expected[name] if expected[name] else 0.0,
            "n": expected[name],
        }
        for name in sorted(expected)
        if expected[name]
    }


def main() -> int:
    messages = texts()
    for text in messages:  # warm caches (phrase patterns, place index)
        read_everything(text)
        previous_intake_work(text)
    rows = {
        "intake's work per message before (baseline)": timing(previous_intake_work, messages),
        "fact and question reader (lotse.understanding)": timing(read_everything, messages),
    }
    print(f"{len(messages)} held-out messages, {ROUNDS} rounds")
    print(f"{'':<52}{'median ms':>10}{'p95 ms':>9}")
    for name, row in rows.items():
        print(f"{name:<52}{row['median_ms']:>10.3f}{row['p95_ms']:>9.3f}")
    quality = accuracy()
    print(f"\nreader on {FACTS_FILE.relative_to(ROOT)}:")
    print(f"{'fact':<24}{'precision':>10}{'recall':>8}{'n':>5}")
    for name, row in quality.items():
        print(f"{name:<24}{row['precision']:>10.2f}{row['recall']:>8.2f}{row['n']:>5}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"measured": time.strftime("%Y-%m-%d"), "timing": rows, "facts": quality}, indent=1),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
