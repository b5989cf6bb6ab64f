"""Check: facts whose "Stand" (as_of) is older than a configurable age are listed for review
(the facts of lotse.fact_review: amounts, rules, dates and contacts the assistant states)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from lotse.clock import today as local_today
from lotse.data_checks.findings import ERROR, NOTE, Finding
from lotse.data_checks.knowledge_files import KNOWLEDGE_DIR, knowledge_files
from lotse.data_checks.yaml_files import key_line, value_line
from lotse.fact_review import STALE_AFTER_YEARS, FactRow, fact_rows, stale
from lotse.knowledge import KNOWLEDGE_FILES, Knowledge, KnowledgeError
from lotse.programmes import ProgrammeCatalogue

SEPARATOR = " › "
MAX_NAMED = 4


def _child(node: Any, part: str) -> Any:
    """`node[part]`, or the item of a list in `node` whose key or name is `part`."""
    if not isinstance(node, dict):
        return None
    if part in node:
        return node[part]
    for value in node.values():
        for item in value if isinstance(value, list) else []:
            if isinstance(item, dict) and part in (item.get("key"), item.get("name")):
                return item
    return None


def as_of_line(tree: Any, parts: list[str], stand: str) -> int | None:
    """Line of the `as_of` that gives the row its Stand: the deepest one on its path."""
    found, node = None, tree
    for part in [None, *parts]:
        node = node if part is None else _child(node, part)
        if node is None:
            break
        if isinstance(node, dict) and str(node.get("as_of")) == stand:
            found = value_line(node, "as_of") or key_line(node, "as_of")
    return found


def age_text(days: int | None) -> str:
    return f"{STALE_AFTER_YEARS} Jahre" if days is None else f"{days} Tage"


def check_stand(project: Path, older_than_days: int | None = None, day: date | None = None) -> list[Finding]:
    """One Hinweis per `as_of` line whose facts are older than `older_than_days` (default: the
    two years of lotse.fact_review) on `day` (default: today in Sachsen-Anhalt)."""
    files = knowledge_files(project)
    if any(name not in files.loaded for name in KNOWLEDGE_FILES):
        return []   # the schema check names the broken file
    loaded = Knowledge(**{name: files.loaded[name] for name in KNOWLEDGE_FILES})
    try:
        rows = fact_rows(loaded, ProgrammeCatalogue(loaded.programmes))
    except KnowledgeError as error:
        return [Finding(ERROR, f"{KNOWLEDGE_DIR}/{error.path.name}", error.line,
                        f"{error.problem}. {error.fix}.")]
    day = day or local_today()
    if older_than_days is None:
        old = stale(rows, day)
    else:
        old = [r for r in rows if date.fromisoformat(r.stand) < day - timedelta(days=older_than_days)]
    grouped: dict[tuple[str, int | None, str], list[FactRow]] = defaultdict(list)
    for row in old:
        file_name, *parts = row.where.split(SEPARATOR)
        tree = files.trees.get(file_name.removesuffix(".yml"))
        grouped[(file_name, as_of_line(tree, parts, row.stand), row.stand)].append(row)
    findings = []
    for (file_name, line, stand_date), group in grouped.items():
        places = sorted({r.where.split(SEPARATOR)[1] for r in group if SEPARATOR in r.where})
        more = len(places) - MAX_NAMED
        named = ", ".join(places[:MAX_NAMED]) + (f" und {more} weitere" if more > 0 else "")
        count = "1 Angabe" if len(group) == 1 else f"{len(group)} Angaben"
        findings.append(Finding(
            NOTE, f"{KNOWLEDGE_DIR}/{file_name}", line,
            f"Stand {stand_date} ist älter als {age_text(older_than_days)} ({named}: {count}). Bitte prüfen "
            "Sie an der Quelle, ob das noch stimmt, korrigieren Sie es wenn nötig und tragen Sie bei "
            "as_of das Datum Ihrer Prüfung ein."))
    return sorted(findings, key=lambda f: (f.path, f.line or 0))
