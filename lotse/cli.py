"""Command line of the domain core: `python -m lotse.cli <command>`."""

from __future__ import annotations

import argparse
import sys

from lotse.config import get_settings
from lotse.knowledge import KnowledgeError, load_knowledge


def check_knowledge() -> int:
    """Validate every knowledge file; print the problem with file and line."""
    from lotse.catalog.topics import checked_vocabulary
    from lotse.funding import check_advisor_rules
    from lotse.offices import OfficeDirectory
    from lotse.places import PlaceIndex
    from lotse.programmes import ProgrammeCatalogue

    try:
        loaded = load_knowledge(get_settings().knowledge_dir)
        PlaceIndex(loaded.places)
        ProgrammeCatalogue(loaded.programmes)
        OfficeDirectory(loaded.offices)
        checked_vocabulary(loaded.topics)
        check_advisor_rules(loaded.handover)
    except KnowledgeError as error:
        print(f"Fehler in den Wissensdateien: {error}", file=sys.stderr)
        return 1
    print("Wissensdateien in Ordnung.")
    return 0


def init_db() -> int:
    """Create the database tables that are missing."""
    from lotse.db import OutdatedDatabase
    from lotse.db import init_db as create_tables

    try:
        create_tables()
    except OutdatedDatabase as error:
        print(error, file=sys.stderr)
        return 1
    print("Datenbank bereit.")
    return 0


def cases() -> int:
    """Show the latest handover cases and whether they reached staff."""
    from lotse.db import session_scope
    from lotse.handover.cases import delivery_overview

    with session_scope() as session:
        lines = delivery_overview(session)
    print("\n".join(lines) if lines else "Noch keine Fälle.")
    return 0


COMMANDS = {"check-knowledge": check_knowledge, "init-db": init_db, "cases": cases}


def main(argv: list[str] | None = None) -> int:
    from lotse.catalog.commands import add_parsers
    from lotse.staff.commands import add_parsers as add_staff_parsers

    parser = argparse.ArgumentParser(prog="python -m lotse.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, run in COMMANDS.items():
        commands.add_parser(name, help=(run.__doc__ or "").strip().split("\n")[0]).set_defaults(
            run=lambda _args, run=run: run())
    add_parsers(commands)
    add_staff_parsers(commands)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
