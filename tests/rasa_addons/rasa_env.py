"""Running a check inside Rasa's environment (.venv, where pytest is not installed): the
script prints one JSON line last, which is what the test reads."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RASA_PYTHON = ROOT / ".venv" / "bin" / "python"


def run_in_rasa(script: str) -> dict:
    done = subprocess.run([str(RASA_PYTHON), "-c", script], cwd=ROOT, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin"},
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
