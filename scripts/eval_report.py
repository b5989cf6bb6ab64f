"""The dated quality report of `make eval`: reads what `rasa test nlu`, `rasa test core` and
the journeys wrote into results/, and writes reports/<YYYY-MM-DD>.json and .md beside the
reports before, with the differences to the newest older one (lotse.quality).

    .venv-app/bin/python scripts/eval_report.py [--results results] [--reports reports] [--date 2026-12-03]

The long-message figure is computed as scripts/nlu_gate.py computes it for `make test`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from nlu_gate import long_message_f1, predictions  # noqa: E402

from lotse.clock import today  # noqa: E402
from lotse.quality.markdown import number, passed_text, render  # noqa: E402
from lotse.quality.report import build_report, compare, previous_report, write_report  # noqa: E402
from lotse.quality.results import read_journeys, read_nlu, read_stories  # noqa: E402
from lotse.review.model_file import trained_at  # noqa: E402


def make_report(results: Path, reports: Path, day: date, model: Path) -> tuple[dict, Path]:
    """Build, compare and write the report of `day`; returns it and the path of its .md."""
    nlu_dir = results / "nlu"
    long_f1, _, long_count = long_message_f1(predictions(nlu_dir))
    report = build_report(day, trained_at(model), read_nlu(nlu_dir), long_f1, long_count,
                          read_journeys(results / "journeys.json"), read_stories(results / "core"))
    report["changes"] = compare(report, previous_report(reports, day))
    _, md_path = write_report(reports, report, render(report))
    return report, md_path


def headline(report: dict) -> str:
    nlu = report["nlu"]
    changes = report.get("changes")
    since = f" (vorheriger Bericht: {changes['previous']})" if changes else " (erster Bericht)"
    return (f"Qualitätsbericht {report['date']}{since}: Makro-F1 {number(nlu['macro_f1'])}, "
            f"lange Nachrichten {number(nlu['long_macro_f1'])}, "
            f"Entitäten {number(report['entities']['micro_f1'])}, "
            f"Journeys {passed_text(report['journeys'])}, Teststories {passed_text(report['stories'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=ROOT / "results",
                        help="holds nlu/, core/ and journeys.json")
    parser.add_argument("--reports", type=Path, default=ROOT / "reports")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "lotse.tar.gz")
    parser.add_argument("--date", type=date.fromisoformat, default=None, help="default: today")
    args = parser.parse_args(argv)
    report, md_path = make_report(args.results, args.reports, args.date or today(), args.model)
    print(headline(report))
    if not report["journeys"]["ran"]:
        print("Hinweis: Die Journeys sind nicht gelaufen (results/journeys.json fehlt).")
    print(f"Geschrieben: {md_path} und {md_path.with_suffix('.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
