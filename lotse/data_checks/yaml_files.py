"""Round-trip YAML loading (ruamel keeps each node's line) shared by the checks, read once per
version of a file, and the line helpers."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from lotse.data_checks.findings import ERROR, Finding, relative


class YamlProblem(Exception):
    """A file that is no valid YAML; `finding` says where and what to check."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


@lru_cache(maxsize=256)
def _parse(path: Path, _mtime_ns: int, _size: int) -> Any:
    return YAML(typ="rt").load(path.read_text(encoding="utf-8"))


def load_yaml(project: Path, path: Path) -> Any:
    """The round-trip tree of `path` (do not change it: it is shared); YamlProblem if unreadable."""
    stat = path.stat()
    try:
        return _parse(path.resolve(), stat.st_mtime_ns, stat.st_size)
    except MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        problem = error.problem or "unbekannter Fehler"
        raise YamlProblem(Finding(ERROR, relative(project, path), line,
                                  f"Die Datei ist kein gültiges YAML ({problem}). Bitte prüfen Sie "
                                  "Einrückung, Doppelpunkte und Anführungszeichen.")) from error
    except (YAMLError, UnicodeDecodeError) as error:
        raise YamlProblem(Finding(ERROR, relative(project, path), None,
                                  f"Die Datei lässt sich nicht lesen ({error}). Bitte speichern Sie "
                                  "sie als YAML in UTF-8.")) from error


def signature(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """Identifies one version of a set of files (for caching what is read from them)."""
    stats = ((p, p.stat()) for p in paths if p.is_file())
    return tuple((str(p), s.st_mtime_ns, s.st_size) for p, s in stats)


def key_line(node: Any, key: Any) -> int | None:
    """1-based line of `key` in a mapping (None for data without positions)."""
    try:
        return node.lc.key(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return None


def value_line(node: Any, key: Any) -> int | None:
    """1-based line where the value of `key` starts (for a `|` block: the line of the `|`)."""
    try:
        return node.lc.value(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return None


def item_line(node: Any, index: int) -> int | None:
    try:
        return node.lc.item(index)[0] + 1
    except (AttributeError, KeyError, IndexError, TypeError):
        return None


def walk_strings(node: Any, key: str | None = None, line: int | None = None
                 ) -> Iterator[tuple[str | None, str, int | None]]:
    """Every text value in a tree: (its key or the key of its list, the text, its line)."""
    if isinstance(node, dict):
        for k, value in node.items():
            yield from walk_strings(value, str(k), value_line(node, k) or line)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk_strings(value, key, item_line(node, i) or line)
    elif isinstance(node, str):
        yield key, str(node), line
