"""The reports over time, as the staff console shows them: the latest one, and the trend of
the NLU figures over all of them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lotse.quality.report import load_report, report_dates


@dataclass(frozen=True)
class TrendPoint:
    date: str
    macro_f1: float
    long_macro_f1: float
    journeys: str
    stories: str


def _passed(section: dict[str, Any] | None) -> str:
    section = section or {}
    return f"{section['passed']}/{section['total']}" if section.get("ran") else "–"


def latest(reports_dir: Path) -> dict[str, Any] | None:
    dates = report_dates(reports_dir)
    return load_report(reports_dir, dates[-1]) if dates else None


def trend(reports_dir: Path) -> list[TrendPoint]:
    """One point per report, oldest first."""
    points = []
    for day in report_dates(reports_dir):
        report = load_report(reports_dir, day)
        nlu = report["nlu"]
        points.append(TrendPoint(day, nlu["macro_f1"], nlu["long_macro_f1"],
                                 _passed(report.get("journeys")), _passed(report.get("stories"))))
    return points


def weakest(report: dict[str, Any], count: int = 10) -> list[tuple[str, dict[str, Any]]]:
    """The `count` intents with the lowest F1 (ties by name)."""
    return sorted(report["nlu"]["intents"].items(), key=lambda kv: (kv[1]["f1"], kv[0]))[:count]
