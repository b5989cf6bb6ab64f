"""Shared test setup: a throw-away SQLite database per test session, real knowledge files."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_TMP = Path(tempfile.mkdtemp(prefix="lotse-tests-"))
os.environ["DATABASE_URL"] = f"sqlite:///{_TMP / 'lotse.db'}"
os.environ.setdefault("KNOWLEDGE_DIR", str(ROOT / "knowledge"))
