"""Compare NLU settings on the held-out files, side by side in one run.

Part 2 (no training): with the model of the first trained setting that has the second
classifier, scripts/nlu_variants.py compares DIET's share of the ranking, the question focus
and the fallback threshold.

For each setting an NLU model is trained from the same data with the same seeds (`rasa train
nlu`), tested on tests/nlu/ (`rasa test nlu --successes`) and timed per message on the same
held-out sentences; the figures are those of the gate (scripts/nlu_gate.py): intent macro F1
overall and on messages of 15+ words, the weakest intent, entity F1, plus the training time
and the parse time per message (median, p95). The first setting is the baseline of the run.
Results go to results/bench-nlu.json as well. Run as `make bench-nlu` (about ten minutes per
setting on 2 cores; `--settings` picks some).
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.nlu_gate import figures  # noqa: E402

RASA = str(ROOT / ".venv" / "bin" / "rasa")
RASA_PYTHON = str(ROOT / ".venv" / "bin" / "python")
HELD_OUT = ROOT / "tests" / "nlu"
RESULTS = ROOT / "results" / "bench-nlu.json"

Config = dict[str, Any]


def _component(config: Config, name: str) -> dict[str, Any] | None:
    return next((c for c in config["pipeline"] if c["name"].endswith(name)), None)


def _without(config: Config, name: str) -> Config:
    config["pipeline"] = [c for c in config["pipeline"] if not c["name"].endswith(name)]
    return config


def previous_pipeline(config: Config) -> Config:
    """The pipeline before the understanding issue: whitespace tokens, DIET alone."""
    config = _without(_without(config, "EnsembleIntentClassifier"), "LanguageGuard")
    config["pipeline"][0] = {"name": "WhitespaceTokenizer"}
    return config


def without_normalizer(config: Config) -> Config:
    config["pipeline"][0] = {"name": "WhitespaceTokenizer"}
    return config


def without_second_classifier(config: Config) -> Config:
    return _without(config, "EnsembleIntentClassifier")


def without_question_focus(config: Config) -> Config:
    _component(config, "EnsembleIntentClassifier")["focus_on_question"] = False
    return config


def diet_without_transformer(config: Config) -> Config:
    _component(config, "DIETClassifier")["number_of_transformer_layers"] = 0
    return config


def char_2_5(config: Config) -> Config:
    char = next(c for c in config["pipeline"] if c.get("analyzer") == "char_wb")
    char["min_ngram"], char["max_ngram"] = 2, 5
    return config


def shipped(config: Config) -> Config:
    return config


SETTINGS: dict[str, Callable[[Config], Config]] = {
    "previous pipeline (DIET alone)": previous_pipeline,
    "shipped (config.yml)": shipped,
    "without the normalizer": without_normalizer,
    "without the second classifier": without_second_classifier,
    "second classifier without question focus": without_question_focus,
    "DIET without transformer layer": diet_without_transformer,
    "char n-grams 2-5": char_2_5,
}

_TIMER = """
import asyncio, json, statistics, sys, time, warnings
warnings.filterwarnings("ignore")
from rasa.core.agent import Agent
texts = json.loads(open(sys.argv[2], encoding="utf-8").read())
agent = Agent.load(sys.argv[1])
async def main():
    await agent.parse_message("Hallo")
    seconds = []
    for text in texts:
        started = time.perf_counter()
        await agent.parse_message(text)
        seconds.append(time.perf_counter() - started)
    seconds.sort()
    print(json.dumps({"median_ms": 1000 * statistics.median(seconds),
                      "p95_ms": 1000 * seconds[int(0.95 * (len(seconds) - 1))]}))
asyncio.run(main())
"""


def held_out_texts() -> list[str]:
    from scripts.nlu_gate import file_of_each_text

    return list(file_of_each_text(sorted(HELD_OUT.glob("*.yml"))))


def measure(name: str, config: Config, workdir: Path, texts_file: Path) -> dict[str, Any]:
    stem = "".join(c if c.isalnum() else "_" for c in name)[:40]
    config_path = workdir / f"{stem}.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    started = time.monotonic()
    subprocess.run(
        [
            RASA,
            "train",
            "nlu",
            "--config",
            str(config_path),
            "--nlu",
            "data/nlu",
            "--out",
            str(workdir / "models"),
            "--fixed-model-name",
            stem,
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    train_s = time.monotonic() - started
    model = workdir / "models" / f"{stem}.tar.gz"
    out = workdir / "results" / stem
    subprocess.run(
        [
            RASA,
            "test",
            "nlu",
            "--model",
            str(model),
            "--nlu",
            str(HELD_OUT),
            "--out",
            str(out),
            "--successes",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    f = figures(out, sorted(HELD_OUT.glob("*.yml")))
    timing = subprocess.run(
        [RASA_PYTHON, "-c", _TIMER, str(model), str(texts_file)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    weakest, weakest_f1 = f.weakest[0]
    return {
        "setting": name,
        "macro_f1": f.macro_f1,
        "long_macro_f1": f.long_macro_f1,
        "accuracy": f.accuracy,
        "weakest": weakest,
        "weakest_f1": weakest_f1,
        "entity_f1": f.entity_f1,
        "train_s": train_s,
        **json.loads(timing.stdout.strip().splitlines()[-1]),
        "per_file": {k: v[0] for k, v in f.per_file.items()},
    }


def table(rows: list[dict[str, Any]]) -> str:
    header = (
        f"{'setting':<44}{'macro F1':>9}{'15+ words':>10}{'accuracy':>9}{'weakest intent':>28}"
        f"{'entity F1':>10}{'train s':>8}{'parse ms p50/p95':>18}"
    )
    lines = [header]
    for r in rows:
        weakest = f"{r['weakest']} {r['weakest_f1']:.2f}"
        entity = f"{r['entity_f1']:.3f}" if r["entity_f1"] is not None else "–"
        lines.append(
            f"{r['setting']:<44}{r['macro_f1']:>9.3f}{r['long_macro_f1']:>10.3f}{r['accuracy']:>9.3f}"
            f"{weakest:>28}{entity:>10}{r['train_s']:>8.0f}{r['median_ms']:>10.1f}/{r['p95_ms']:.1f}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", nargs="*", help="names (or unique beginnings) of settings to run")
    args = parser.parse_args()
    chosen = [n for n in SETTINGS if not args.settings or any(n.startswith(s) for s in args.settings)]
    base = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    workdir = Path(tempfile.mkdtemp(prefix="lotse-bench-nlu-"))
    texts_file = workdir / "texts.json"
    texts_file.write_text(json.dumps(held_out_texts(), ensure_ascii=False), encoding="utf-8")
    rows = []
    for name in chosen:
        rows.append(measure(name, SETTINGS[name](copy.deepcopy(base)), workdir, texts_file))
        print(table(rows), flush=True)
    variants = inference_variants(workdir, [n for n in chosen if SETTINGS[n] is shipped])
    print(variant_table(variants))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"measured": time.strftime("%Y-%m-%d"), "rows": rows, "variants": variants}, indent=1),
        encoding="utf-8",
    )
    return 0


def inference_variants(workdir: Path, shipped_names: list[str]) -> list[dict[str, Any]]:
    """The settings that need no training, on the shipped model of this run."""
    if not shipped_names:
        return []
    stem = "".join(c if c.isalnum() else "_" for c in shipped_names[0])[:40]
    run = subprocess.run(
        [RASA_PYTHON, str(ROOT / "scripts" / "nlu_variants.py"), str(workdir / "models" / f"{stem}.tar.gz")],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]


def variant_table(variants: list[dict[str, Any]]) -> str:
    lines = [
        f"{'setting (same model, no training)':<44}{'macro F1':>9}{'15+ words':>10}{'weakest intent':>28}"
        f"{'to fallback at 0.4 / 0.5':>26}"
    ]
    for v in variants:
        weakest = f"{v['weakest']} {v['weakest_f1']:.2f}"
        fallback = (
            f"{v['thresholds']['0.40']['to_fallback']:.0%} / {v['thresholds']['0.50']['to_fallback']:.0%}"
        )
        marker = " (shipped)" if v["shipped"] else ""
        lines.append(
            f"{v['setting'] + marker:<44}{v['macro_f1']:>9.3f}{v['long_macro_f1']:>10.3f}{weakest:>28}"
            f"{fallback:>26}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
