"""What a check of `make validate` reports: level, file, line and a message for the editors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ERROR = "Fehler"
WARNING = "Warnung"
NOTE = "Hinweis"
LEVELS = (ERROR, WARNING, NOTE)


@dataclass(frozen=True)
class Finding:
    """One problem: `message` says in German what is wrong and what to change."""

    level: str
    path: str          # relative to the project, e.g. "data/nlu/general.yml"
    line: int | None   # 1-based, None when the whole file is meant
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"


def relative(project: Path, path: Path) -> str:
    """`path` as the editors see it: relative to the project directory, with slashes."""
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def quoted(text: str) -> str:
    return f"„{text}“"
