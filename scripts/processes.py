"""Waiting for a started server (the benchmarks and the end-to-end tests start their own)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import requests


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 300) -> None:
    """Until `url` answers 200; RuntimeError with the end of `log` if the process ends first
    or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} did not come up:\n{log.read_text()[-3000:]}")
