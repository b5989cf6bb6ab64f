"""Settings that need no new training, compared on the held-out files with one trained model:
DIET's share of the final ranking, the question focus, and the fallback threshold.

Like `rasa test nlu`, the figures take the classifier's first intent also where the
FallbackClassifier would answer `nlu_fallback`; the threshold table says how many held-out
messages each threshold sends to the fallback and how often the accepted ones are right.

Runs in Rasa's environment (`.venv/bin/python scripts/nlu_variants.py MODEL`); prints one JSON
object per setting with the figures of scripts/nlu_gate.py. `scripts/bench_nlu.py` calls it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)

from scripts.nlu_gate import (  # noqa: E402
    LONG_MESSAGE_WORDS,
    Prediction,
    accuracy,
    f1_by_intent,
    long_message_f1,
    macro,
)

DIET_WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7, 1.0)
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def held_out(directory: Path) -> list[tuple[str, str]]:
    """(text, intent) of every held-out sentence."""
    import re

    import yaml

    pairs = []
    for path in sorted(directory.glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in item["examples"].splitlines():
                if line.strip():
                    text = re.sub(r"\[([^\]]+)\](\([^)]+\)|\{[^}]+\})", r"\1", line.strip()[2:]).strip()
                    pairs.append((text, item["intent"]))
    return pairs


def ensemble_of(agent: Any) -> Any:
    for node in agent.processor.graph_runner._instantiated_nodes.values():
        if type(node._component).__name__ == "EnsembleIntentClassifier":
            return node._component
    raise LookupError("the model has no EnsembleIntentClassifier")


def _first_intent(parsed: dict[str, Any]) -> tuple[str, float]:
    """The classifier's first intent and confidence, under a fallback prediction too."""
    ranking = [r for r in parsed.get("intent_ranking") or [] if r["name"] != "nlu_fallback"]
    if ranking:
        return ranking[0]["name"], float(ranking[0]["confidence"])
    return parsed["intent"]["name"], float(parsed["intent"]["confidence"])


async def evaluate(agent: Any, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    rows, confidences = [], []
    for text, intent in pairs:
        predicted, confidence = _first_intent(await agent.parse_message(text))
        rows.append(Prediction(text, intent, predicted))
        confidences.append(confidence)
    long_f1, long_all, long_count = long_message_f1(rows)
    per_intent = f1_by_intent(rows)
    weakest = min(per_intent.items(), key=lambda kv: kv[1])
    thresholds = {}
    for threshold in THRESHOLDS:
        accepted = [r for r, c in zip(rows, confidences, strict=True) if c >= threshold]
        thresholds[f"{threshold:.2f}"] = {"to_fallback": 1 - len(accepted) / len(rows),
                                          "accuracy_accepted": accuracy(accepted)}
    return {"macro_f1": macro(per_intent), "long_macro_f1": long_f1, "long_all": long_all,
            "long_count": long_count, "accuracy": accuracy(rows), "weakest": weakest[0],
            "weakest_f1": weakest[1], "long_words": LONG_MESSAGE_WORDS, "thresholds": thresholds}


async def main(model: str) -> None:
    import structlog
    from rasa.core.agent import Agent

    # Rasa logs every parsed text at debug level through structlog: nothing of it here.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    agent = Agent.load(model)
    component = ensemble_of(agent)
    pairs = held_out(ROOT / "tests" / "nlu")
    shipped = dict(component.config)
    for focus in (True, False):
        for weight in DIET_WEIGHTS:
            component.config.update(diet_weight=weight, focus_on_question=focus)
            figures = await evaluate(agent, pairs)
            label = f"diet_weight {weight:.1f}, question focus {'on' if focus else 'off'}"
            shipped_flag = weight == shipped["diet_weight"] and focus == shipped["focus_on_question"]
            print(json.dumps({"setting": label, "shipped": shipped_flag, **figures}), flush=True)
    component.config.update(shipped)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
