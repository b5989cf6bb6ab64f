"""Privacy command of `python -m lotse.cli`: `purge`, the retention job by hand (the worker
runs it every PURGE_INTERVAL_MINUTES)."""

from __future__ import annotations

import argparse

from lotse.config import get_settings
from lotse.db import session_scope
from lotse.privacy.conversations import tracker_engine
from lotse.privacy.retention import RetentionPolicy, purge


def add_parsers(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("purge", help="Fälle und Gespräche nach Ablauf der Aufbewahrungsfrist löschen")
    p.set_defaults(run=run_purge)


def run_purge(_args: argparse.Namespace) -> int:
    settings = get_settings()
    policy = RetentionPolicy.from_settings(settings)
    with session_scope() as session:
        report = purge(session, tracker_engine(settings.tracker_db_url), policy)
    print(report.text())
    return 0
