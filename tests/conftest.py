"""Shared test setup: a throw-away SQLite database per test session, real knowledge files.

A plain `pytest` (or `pytest tests`) runs the fast set. The end-to-end and scale suites start
servers (tests/e2e/conftest.py, tests/scale/conftest.py): they are collected only where they
are named (`pytest tests/e2e`, a file or test in it) or selected by their marker (`pytest -m
e2e`, `-m scale`). Everything under those folders carries the marker `e2e` or `scale`.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_TMP = Path(tempfile.mkdtemp(prefix="lotse-tests-"))
os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'lotse.db'}"
os.environ.setdefault("KNOWLEDGE_DIR", str(ROOT / "knowledge"))

# Marker → the folder whose tests carry it and that a plain run leaves out.
SERVER_SUITES = {"e2e": ROOT / "tests" / "e2e", "scale": ROOT / "tests" / "scale"}


def _named(config: pytest.Config, folder: Path) -> bool:
    """A path on the command line is the folder or lies inside it."""
    for arg in config.args:
        path = (config.invocation_params.dir / arg.split("::")[0]).resolve()
        if path == folder or folder in path.parents:
            return True
    return False


def _wanted(config: pytest.Config, marker: str) -> bool:
    selected = re.search(rf"\b{marker}\b", config.option.markexpr or "") is not None
    return selected or _named(config, SERVER_SUITES[marker])


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    for marker, folder in SERVER_SUITES.items():
        if collection_path == folder and not _wanted(config, marker):
            return True
    return None


def pytest_report_header(config: pytest.Config) -> str | None:
    left_out = [marker for marker in SERVER_SUITES if not _wanted(config, marker)]
    if not left_out:
        return None
    return (f"left out (they start servers): {', '.join(f'tests/{m}' for m in left_out)}; "
            f"name the folder or select {' / '.join(f'-m {m}' for m in left_out)}")


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for marker, folder in SERVER_SUITES.items():
            if folder in item.path.parents:
                item.add_marker(marker)
