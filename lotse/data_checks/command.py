"""`python -m lotse.cli check-data [--project DIR] [--min-examples N] [--similarity S]
[--stand-older-than-days D]`: exit status 1 when there is a Fehler, 0 with only Warnungen and
Hinweise. The checks are imported only when the command runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lotse.data_checks.defaults import DEFAULT_MIN_EXAMPLES, DEFAULT_SIMILARITY


def add_parser(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("check-data", help="Trainingsdaten und Wissensdateien prüfen (make validate)")
    p.add_argument("--project", type=Path, default=Path("."), help="Projektverzeichnis (Standard: .)")
    p.add_argument("--min-examples", type=int, default=DEFAULT_MIN_EXAMPLES,
                   help=f"Mindestzahl der Beispielsätze je Absicht (Standard {DEFAULT_MIN_EXAMPLES})")
    p.add_argument("--similarity", type=float, default=DEFAULT_SIMILARITY,
                   help=f"ab dieser Ähnlichkeit in Prozent warnen (Standard {DEFAULT_SIMILARITY:g})")
    p.add_argument("--stand-older-than-days", type=int, default=None,
                   help="Fakten mit älterem Stand nennen (Standard: zwei Jahre)")
    p.set_defaults(run=check_data)


def check_data(args: argparse.Namespace) -> int:
    from lotse.data_checks.runner import Options, report, run_checks

    options = Options(args.min_examples, args.similarity, args.stand_older_than_days)
    return report(run_checks(args.project, options), options, sys.stdout)
