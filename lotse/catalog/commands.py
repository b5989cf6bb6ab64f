"""The catalogue's commands of `python -m lotse.cli` (import, demo data, search)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from lotse.catalog.ba_api import ApiSettings, FetchFailed
from lotse.catalog.csv_import import ImportFileError
from lotse.catalog.store import ImportSummary

DEFAULT_BA_URL = "https://rest.mein-now.de/now-prod/suche/pc/v1/bildungsangebot"
DEFAULT_BA_KEY = "infosysbub-nowsuche"


def add_parsers(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("import-csv", help="Kurse aus einer CSV-Datei importieren")
    p.add_argument("file", type=Path)
    p.add_argument("--source", default="csv", help="Name der Quelle (Standard: csv)")
    p.add_argument("--partial", action="store_true",
                   help="Datei enthält nur einen Teil der Quelle: fehlende Kurse nicht zurückziehen")
    p.set_defaults(run=_import_csv)

    p = commands.add_parser("import-ba", help="Kurse aus JSON-Seiten der BA-Weiterbildungssuche importieren")
    p.add_argument("files", type=Path, nargs="+")
    p.add_argument("--source", default="ba")
    p.add_argument("--partial", action="store_true")
    p.set_defaults(run=_import_ba)

    p = commands.add_parser("fetch-ba",
                            help="Kurse gezielt über die BA-Schnittstelle abrufen und importieren")
    p.add_argument("--sw", required=True, help="Suchwort, z. B. Pflege")
    p.add_argument("--ort", help="Ort im Format Name_Längengrad_Breitengrad, z. B. Halle (Saale)_11.97_51.48")
    p.add_argument("--uk", default="25", help="Umkreis in km (Standard 25)")
    p.add_argument("--max-pages", type=int, default=10)
    p.add_argument("--source", default="ba-api")
    p.set_defaults(run=_fetch_ba)

    p = commands.add_parser("demo-catalogue", help="Demo-Katalog erzeugen (erfundene Angebote)")
    p.add_argument("--count", type=int, default=65_000)
    p.add_argument("--if-empty", action="store_true", help="nur, wenn noch keine Kurse gespeichert sind")
    p.set_defaults(run=_demo)

    p = commands.add_parser("search", help="Kurse suchen (zum Ausprobieren)")
    p.add_argument("text")
    p.add_argument("--ort")
    p.add_argument("--umkreis", type=float, default=25)
    p.set_defaults(run=_search)


def _print_summary(summary: ImportSummary, seconds: float) -> int:
    for line in summary.lines():
        print(line)
    print(f"Dauer: {seconds:.1f} s")
    return 0


def _guarded(action: Callable[[], ImportSummary]) -> int:
    started = time.perf_counter()
    try:
        summary = action()
    except (ImportFileError, FetchFailed, OSError) as error:
        print(f"Import abgebrochen, nichts gespeichert: {error}", file=sys.stderr)
        return 1
    return _print_summary(summary, time.perf_counter() - started)


def _import_csv(args: argparse.Namespace) -> int:
    from lotse.catalog.importer import import_csv

    return _guarded(lambda: import_csv(args.file, args.source, not args.partial))


def _import_ba(args: argparse.Namespace) -> int:
    from lotse.catalog.importer import import_ba_files

    return _guarded(lambda: import_ba_files(args.files, args.source, not args.partial))


def _fetch_ba(args: argparse.Namespace) -> int:
    from lotse.catalog.importer import import_ba_api

    params = {"sw": args.sw, "uk": args.uk}
    if args.ort:
        params["ort"] = args.ort
    settings = ApiSettings(base_url=os.environ.get("BA_API_URL") or DEFAULT_BA_URL,
                           api_key=os.environ.get("BA_API_KEY") or DEFAULT_BA_KEY,
                           max_pages=args.max_pages, params=params)
    return _guarded(lambda: import_ba_api(settings, args.source))


def _demo(args: argparse.Namespace) -> int:
    from lotse.catalog.demo import load_demo_catalogue

    started = time.perf_counter()
    summary = load_demo_catalogue(args.count, only_if_empty=args.if_empty)
    if summary is None:
        print("Kurskatalog nicht leer: Demo-Katalog nicht geladen.")
        return 0
    return _print_summary(summary, time.perf_counter() - started)


def _search(args: argparse.Namespace) -> int:
    from lotse.catalog.service import query_for_place, search_page

    query = query_for_place(args.text, args.ort, args.umkreis)
    page = search_page(query, date.today(), 0, 10)
    for line in page.lines():
        print(line)
    return 0
