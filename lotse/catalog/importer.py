"""Importing a source into the catalogue: read everything first, then write it in one
transaction, so that a failure at any point leaves the database as it was."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from lotse.catalog.ba_api import ApiSettings, fetch
from lotse.catalog.ba_json import parse_page
from lotse.catalog.csv_import import ImportFileError, read_csv
from lotse.catalog.records import ParsedSource
from lotse.catalog.store import ImportSummary, store
from lotse.db import session_scope


def write(source: str, parsed: ParsedSource, complete: bool = True,
          bind: Engine | None = None) -> ImportSummary:
    with session_scope(bind) as session:
        return store(session, source, parsed, complete)


def import_csv(path: Path, source: str = "csv", complete: bool = True,
               bind: Engine | None = None) -> ImportSummary:
    return write(source, read_csv(path), complete, bind)


def read_ba_files(paths: list[Path]) -> ParsedSource:
    parsed = ParsedSource()
    for path in paths:
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"{path}, Zeile {exc.lineno}: kein gültiges JSON ({exc.msg})") from exc
        parsed.extend(parse_page(payload, str(path)))
    return parsed


def import_ba_files(paths: list[Path], source: str = "ba", complete: bool = True,
                    bind: Engine | None = None) -> ImportSummary:
    return write(source, read_ba_files(paths), complete, bind)


def import_ba_api(settings: ApiSettings, source: str = "ba-api", complete: bool = False,
                  bind: Engine | None = None) -> ImportSummary:
    """A query's pages; not `complete` by default, since one query is never the whole source."""
    return write(source, fetch(settings), complete, bind)
