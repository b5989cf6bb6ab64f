"""Command line of the domain core: `python -m lotse.cli <command>`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from lotse.config import get_settings
from lotse.knowledge import KnowledgeError, load_knowledge

if TYPE_CHECKING:
    from lotse.knowledge import Knowledge
    from lotse.programmes import ProgrammeCatalogue


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
    for line in review_notes(loaded, ProgrammeCatalogue(loaded.programmes)):
        print(line)
    return 0


def review_notes(loaded: Knowledge, catalogue: ProgrammeCatalogue) -> list[str]:
    """What staff should look at: programmes ending within 90 days, facts older than two years."""
    from lotse.clock import today
    from lotse.fact_review import ENDING_WITHIN_DAYS, STALE_AFTER_YEARS, ending_soon, fact_rows, stale

    day = today()
    notes = [f"Endet in den nächsten {ENDING_WITHIN_DAYS} Tagen: {p.name} (bis "
             f"{p.entry['valid_until']}; danach bietet der Lotse es nicht mehr an)"
             for p in ending_soon(catalogue, day)]
    old = stale(fact_rows(loaded, catalogue), day)
    places = sorted({row.where.rsplit(" › ", 1)[0] for row in old})
    if places:
        notes.append(f"Stand älter als {STALE_AFTER_YEARS} Jahre ({len(old)} Angaben; "
                     f"Liste: python -m lotse.cli facts --alt): {', '.join(places)}")
    return notes


def facts(args: argparse.Namespace) -> int:
    """Every stated amount, rule, date and contact with source, Stand and confirmation."""
    from lotse.clock import today
    from lotse.fact_review import ending_soon, fact_rows, stale, table_lines, write_csv
    from lotse.knowledge import knowledge
    from lotse.programmes import catalogue

    rows = fact_rows(knowledge(), catalogue())
    if args.alt:
        rows = stale(rows, today())
    if args.csv:
        if str(args.csv) == "-":
            write_csv(rows, sys.stdout)
        else:
            with open(args.csv, "w", encoding="utf-8", newline="") as out:
                write_csv(rows, out)
            print(f"{len(rows)} Angaben nach {args.csv} geschrieben.")
        return 0
    print("\n".join(table_lines(rows)))
    for programme in ending_soon(catalogue(), today()):
        print(f"Endet bald: {programme.name} (bis {programme.entry['valid_until']})")
    return 0


def init_db() -> int:
    """Create the database tables that are missing."""
    from lotse.schema import OutdatedDatabase
    from lotse.schema import init_db as create_tables

    try:
        create_tables()
    except OutdatedDatabase as error:
        print(error, file=sys.stderr)
        return 1
    print("Datenbank bereit.")
    from lotse.commands.staff import unassigned_accounts_note

    note = unassigned_accounts_note()
    if note:
        print(note)
    return 0


def cases() -> int:
    """Show the latest handover cases and whether they reached staff."""
    from lotse.db import session_scope
    from lotse.handover.cases import delivery_overview

    with session_scope() as session:
        lines = delivery_overview(session)
    print("\n".join(lines) if lines else "Noch keine Fälle.")
    return 0


def ready() -> int:
    """Readiness check (containers): 0 when the database answers and has the newest migration."""
    from sqlalchemy.exc import SQLAlchemyError

    from lotse.db import engine
    from lotse.schema import newest, revision

    try:
        current = revision(engine())
    except SQLAlchemyError as error:
        print(f"Datenbank nicht erreichbar ({type(error).__name__}).", file=sys.stderr)
        return 1
    if current != newest():
        print(f"Datenbank bei Migration {current}, der Code braucht {newest()}: init-db ausführen.",
              file=sys.stderr)
        return 1
    return 0


def new_migration(message: str) -> int:
    """A migration file from the difference between the models and the database (developers)."""
    from lotse.db import engine
    from lotse.schema import new_migration as write

    write(engine(), message)
    return 0


def review_file(target: str | None) -> int:
    """Write the corrections of the conversation review into the review file (data/nlu/review.yml)."""
    from pathlib import Path

    from lotse.db import session_scope
    from lotse.review.corrections import write_review_file

    if ready() != 0:  # names the missing migration
        return 1
    path = Path(target) if target else get_settings().review_file
    with session_scope() as session:
        count = write_review_file(session, path)
    print(f"{path}: {count} Beispiele aus der Gesprächsprüfung.")
    return 0


COMMANDS = {"check-knowledge": check_knowledge, "init-db": init_db, "cases": cases, "ready": ready}


def main(argv: list[str] | None = None) -> int:
    from lotse.catalog.commands import add_parsers
    from lotse.commands.privacy import add_parsers as add_privacy_parsers
    from lotse.commands.staff import add_parsers as add_staff_parsers
    from lotse.data_checks.command import add_parser as add_data_check_parser

    parser = argparse.ArgumentParser(prog="python -m lotse.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, run in COMMANDS.items():
        commands.add_parser(name, help=(run.__doc__ or "").strip().split("\n")[0]).set_defaults(
            run=lambda _args, run=run: run())
    review = commands.add_parser("facts", help=(facts.__doc__ or "").strip())
    review.add_argument("--csv", help="als CSV in diese Datei schreiben (- für die Ausgabe)")
    review.add_argument("--alt", action="store_true", help="nur Angaben mit Stand älter als zwei Jahre")
    review.set_defaults(run=facts)
    migration = commands.add_parser("new-migration", help=(new_migration.__doc__ or "").strip())
    migration.add_argument("message", help="was sich geändert hat, z. B. 'Fälle: Spalte Sprache'")
    migration.set_defaults(run=lambda args: new_migration(args.message))
    corrections = commands.add_parser("review-file", help=(review_file.__doc__ or "").strip())
    corrections.add_argument("--out", help="in diese Datei statt REVIEW_FILE (data/nlu/review.yml)")
    corrections.set_defaults(run=lambda args: review_file(args.out))
    add_parsers(commands)
    add_staff_parsers(commands)
    add_privacy_parsers(commands)
    add_data_check_parser(commands)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
