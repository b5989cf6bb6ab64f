"""Fail when the intent macro F1 on the held-out test file is below the gate.

Prints the figure and the weakest intents so a failing gate says where to add examples.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("report", type=Path, help="intent_report.json of `rasa test nlu`")
    parser.add_argument("--min-macro-f1", type=float, required=True)
    args = parser.parse_args()
    report = json.loads(args.report.read_text(encoding="utf-8"))
    macro = report["macro avg"]["f1-score"]
    intents = {k: v for k, v in report.items() if isinstance(v, dict) and "support" in v
               and k not in ("macro avg", "weighted avg", "micro avg")}
    weakest = sorted(intents.items(), key=lambda kv: kv[1]["f1-score"])[:5]
    print(f"NLU intent macro F1 on the held-out set: {macro:.3f} (gate {args.min_macro_f1:.2f}); "
          f"accuracy {report.get('accuracy', float('nan')):.3f}")
    print("weakest: " + ", ".join(f"{k} {v['f1-score']:.2f}" for k, v in weakest))
    if macro < args.min_macro_f1:
        print("NLU gate failed: add varied training examples for the weakest intents.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
