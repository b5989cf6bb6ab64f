"""Compare character n-gram settings of the NLU pipeline on the held-out test file.

Trains a whole model per setting, exactly as `make train` does (same seeds, same data, same
run), and prints intent macro F1, accuracy, entity F1 and training time side by side; the
setting config.yml ships is marked as the baseline. Run it as `make bench` (the Makefile
fixes PYTHONHASHSEED); about five minutes per setting on 2 cores; not part of `make test`.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RASA = str(ROOT / ".venv" / "bin" / "rasa")
SETTINGS = {"char_wb 1-4": (1, 4), "char_wb 2-5": (2, 5), "char_wb 3-6": (3, 6)}


def _config_with(ngrams: tuple[int, int]) -> dict:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    config = copy.deepcopy(config)
    for component in config["pipeline"]:
        if component.get("analyzer") == "char_wb":
            component["min_ngram"], component["max_ngram"] = ngrams
    return config


def _measure(name: str, config: dict, workdir: Path) -> dict:
    config_path = workdir / f"{name.replace(' ', '_')}.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    model = workdir / "models" / f"{config_path.stem}.tar.gz"
    started = time.monotonic()
    subprocess.run([RASA, "train", "--config", str(config_path), "--data", "data",
                    "--domain", "domain.yml", "--out", str(model.parent),
                    "--fixed-model-name", config_path.stem],
                   cwd=ROOT, check=True, capture_output=True)
    seconds = time.monotonic() - started
    out = workdir / "results" / config_path.stem
    subprocess.run([RASA, "test", "nlu", "--model", str(model), "--nlu", "tests/nlu/test_nlu.yml",
                    "--out", str(out)], cwd=ROOT, check=True, capture_output=True)
    intents = json.loads((out / "intent_report.json").read_text())
    entities_file = out / "DIETClassifier_report.json"
    entities = json.loads(entities_file.read_text()) if entities_file.exists() else {}
    return {"macro_f1": intents["macro avg"]["f1-score"], "accuracy": intents["accuracy"],
            "entity_f1": entities.get("micro avg", entities.get("weighted avg", {})).get("f1-score"),
            "train_s": seconds}


def _shipped_ngrams() -> tuple[int, int]:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    char = next(c for c in config["pipeline"] if c.get("analyzer") == "char_wb")
    return char["min_ngram"], char["max_ngram"]


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="lotse-bench-"))
    shipped = _shipped_ngrams()
    rows = []
    for name, ngrams in SETTINGS.items():
        label = f"{name} (shipped, baseline)" if ngrams == shipped else name
        rows.append((label, _measure(name, _config_with(ngrams), workdir)))
    print(f"{'setting':<34}{'intent macro F1':>16}{'accuracy':>10}{'entity F1':>11}{'train s':>9}")
    for name, r in rows:
        entity = f"{r['entity_f1']:.3f}" if r["entity_f1"] is not None else "–"
        print(f"{name:<34}{r['macro_f1']:>16.3f}{r['accuracy']:>10.3f}{entity:>11}{r['train_s']:>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
