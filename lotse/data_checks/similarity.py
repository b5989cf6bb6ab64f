"""Check: no example sentence is nearly the same as one of another intent (a Warnung that
names both sentences with file and line).

Similarity is RapidFuzz's `ratio` (0–100, from the edit distance) of the normalised sentences.
Two sentences can only reach a ratio t if the longer has at most (200/t − 1) times the length
of the shorter, so each sentence is compared only with those of fitting length (sorted by
length): all ~6,000 examples take about two seconds on one core, without numpy.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from rapidfuzz import fuzz, process

from lotse.data_checks.defaults import DEFAULT_SIMILARITY
from lotse.data_checks.examples import where
from lotse.data_checks.findings import WARNING, Finding, quoted
from lotse.data_checks.nlu_data import Example
from lotse.data_checks.training_data import load_training_data


def similar_pairs(examples: list[Example], threshold: float) -> list[tuple[Example, Example, float]]:
    """Pairs of examples of different intents whose ratio is at least `threshold` (not equal:
    check_duplicate_examples reports those)."""
    unique = list({(e.key, e.intent): e for e in reversed(examples)}.values())
    unique.sort(key=lambda e: len(e.key))
    keys = [e.key for e in unique]
    lengths = [len(k) for k in keys]
    factor = 200.0 / max(threshold, 1.0) - 1.0
    pairs = []
    for i, example in enumerate(unique):
        end = bisect_right(lengths, int(lengths[i] * factor) + 1)
        if end <= i + 1:
            continue
        for _, score, j in process.extract(example.key, keys[i + 1:end], scorer=fuzz.ratio,
                                           score_cutoff=threshold, limit=None):
            other = unique[i + 1 + j]
            if other.intent != example.intent and other.key != example.key:
                pairs.append((example, other, score))
    return pairs


def _order(example: Example) -> tuple[str, int]:
    return example.path, example.line or 0


def check_similar_examples(project: Path, threshold: float = DEFAULT_SIMILARITY) -> list[Finding]:
    findings = []
    for a, b, score in similar_pairs(load_training_data(project).examples, threshold):
        first, second = sorted((a, b), key=_order)
        findings.append(Finding(WARNING, second.path, second.line, (
            f"Der Satz {quoted(second.plain)} ({second.intent}, {where(second)}) ist fast gleich wie "
            f"{quoted(first.plain)} ({first.intent}, {where(first)}): Ähnlichkeit {score:.0f} %. "
            "Bitte prüfen Sie, ob beide unter der richtigen Absicht stehen; sonst verschieben oder "
            "löschen Sie einen.")))
    return sorted(findings, key=lambda f: (f.path, f.line or 0))
