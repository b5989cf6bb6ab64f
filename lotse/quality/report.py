"""One dated quality report (reports/<YYYY-MM-DD>.json) and its differences to the report
before: the figures of the held-out NLU files, the journeys and the test stories."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from lotse.quality.results import NluResults, Outcomes

REPORT_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})\.json")
# Per-intent F1 changes at most this big are noise, not news.
MIN_F1_CHANGE = 0.01


def _outcomes(outcomes: Outcomes, with_problems: bool = False) -> dict[str, Any]:
    if not outcomes.ran:
        return {"ran": False}
    result: dict[str, Any] = {"ran": True, "total": outcomes.total, "passed": outcomes.passed,
                              "failed": outcomes.failed, "names": outcomes.names}
    if with_problems:
        result["problems"] = outcomes.problems
    return result


def build_report(day: date, trained_at: datetime | None, nlu: NluResults, long_macro_f1: float,
                 long_messages: int, journeys: Outcomes, stories: Outcomes) -> dict[str, Any]:
    """The machine-readable report; `changes` is added by `compare`."""
    return {
        "date": day.isoformat(),
        "model_trained_at": trained_at.isoformat() if trained_at else None,
        "nlu": {
            "examples": nlu.examples,
            "accuracy": nlu.accuracy,
            "macro_f1": nlu.macro_f1,
            "weighted_f1": nlu.weighted_f1,
            "long_macro_f1": long_macro_f1,
            "long_messages": long_messages,
            "intents": {name: {"f1": s.f1, "precision": s.precision, "recall": s.recall, "support": s.support}
                        for name, s in sorted(nlu.intents.items())},
            "confused_pairs": [asdict(c) for c in nlu.confused],
        },
        "entities": {
            "extractor": nlu.entity_extractor,
            "micro_f1": nlu.entity_micro_f1,
            "per_entity": {name: {"f1": s.f1, "support": s.support}
                           for name, s in sorted(nlu.entities.items())},
        },
        "journeys": _outcomes(journeys, with_problems=True),
        "stories": _outcomes(stories),
    }


def report_dates(reports_dir: Path) -> list[str]:
    """The dates of the reports in `reports_dir`, oldest first."""
    if not reports_dir.is_dir():
        return []
    return sorted(m.group(1) for p in reports_dir.iterdir() if (m := REPORT_NAME.fullmatch(p.name)))


def load_report(reports_dir: Path, day: str) -> dict[str, Any]:
    return json.loads((reports_dir / f"{day}.json").read_text(encoding="utf-8"))


def previous_report(reports_dir: Path, day: date) -> dict[str, Any] | None:
    """The newest report older than `day` (a report of the same day is the one replaced)."""
    older = [d for d in report_dates(reports_dir) if d < day.isoformat()]
    return load_report(reports_dir, older[-1]) if older else None


def _headline(report: dict[str, Any]) -> dict[str, float | int | None]:
    nlu, entities = report["nlu"], report.get("entities") or {}
    journeys, stories = report.get("journeys") or {}, report.get("stories") or {}
    return {"macro_f1": nlu["macro_f1"], "weighted_f1": nlu["weighted_f1"],
            "long_macro_f1": nlu["long_macro_f1"], "entity_f1": entities.get("micro_f1"),
            "journeys_passed": journeys.get("passed"), "journeys_total": journeys.get("total"),
            "stories_passed": stories.get("passed"), "stories_total": stories.get("total")}


def _newly(previous: dict[str, Any], current: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(newly failing, newly passing) between two `journeys` or `stories` sections; a test that
    no longer exists is neither."""
    if not (previous.get("ran") and current.get("ran")):
        return [], []
    before, now = set(previous["failed"]), set(current["failed"])
    newly_failing = sorted(now - before)
    candidates = before - now
    if current.get("names") is not None:
        candidates &= set(current["names"])
    return newly_failing, sorted(candidates)


def compare(current: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any] | None:
    """What changed since `previous`: headline figures, intents whose F1 moved by more than
    MIN_F1_CHANGE (new and dropped intents too), newly failing and newly passing tests."""
    if previous is None:
        return None
    before_intents, now_intents = previous["nlu"]["intents"], current["nlu"]["intents"]
    intents = []
    for name in sorted(set(before_intents) | set(now_intents)):
        before = before_intents.get(name, {}).get("f1")
        after = now_intents.get(name, {}).get("f1")
        if before is None or after is None or abs(after - before) > MIN_F1_CHANGE:
            change = None if before is None or after is None else after - before
            intents.append({"intent": name, "before": before, "after": after, "change": change})
    intents.sort(key=lambda row: (row["change"] is not None, row["change"] or 0.0, row["intent"]))
    old_head, new_head = _headline(previous), _headline(current)
    changes: dict[str, Any] = {
        "previous": previous["date"],
        "headline": {key: {"before": old_head[key], "after": new_head[key]} for key in new_head},
        "intents": intents,
    }
    for section in ("journeys", "stories"):
        failing, passing = _newly(previous.get(section) or {}, current.get(section) or {})
        changes[section] = {"newly_failing": failing, "newly_passing": passing}
    return changes


def write_report(reports_dir: Path, report: dict[str, Any], markdown: str) -> tuple[Path, Path]:
    """reports/<date>.json and .md; a report of the same date is replaced."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    json_path = reports_dir / f"{report['date']}.json"
    md_path = reports_dir / f"{report['date']}.md"
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    md_path.write_text(markdown, encoding="utf-8")
    return json_path, md_path
