"""Boot the real servers (action server, Rasa, web) on test ports for end-to-end tests."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
PORTS = {"RASA_PORT": "15005", "ACTION_PORT": "15055", "WEB_PORT": "18000"}
TOKEN = "e2e-test-token"
STARTUP_SECONDS = 240


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
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


@pytest.fixture(scope="session")
def servers() -> Iterator[dict[str, str]]:
    workdir = Path(tempfile.mkdtemp(prefix="lotse-e2e-"))
    env = dict(os.environ, **PORTS, RASA_AUTH_TOKEN=TOKEN, LOG_LEVEL="INFO",
               ACTION_SERVER_URL=f"http://localhost:{PORTS['ACTION_PORT']}/webhook",
               TRACKER_DB=str(workdir / "tracker.db"),
               DATABASE_URL=f"sqlite:///{workdir / 'lotse.db'}")
    commands = {
        "actions": [str(ROOT / ".venv-app/bin/python"), "-m", "rasa_sdk", "--actions", "actions",
                    "--port", PORTS["ACTION_PORT"]],
        "rasa": [str(ROOT / "bin/run-rasa")],
        "web": [sys.executable, "-m", "web"],
    }
    health = {
        "actions": f"http://localhost:{PORTS['ACTION_PORT']}/health",
        "rasa": f"http://localhost:{PORTS['RASA_PORT']}/",
        "web": f"http://localhost:{PORTS['WEB_PORT']}/health",
    }
    # A small demo catalogue, loaded by the project's own command as `make run` does.
    for command in (["init-db"], ["demo-catalogue", "--count", "4000"]):
        subprocess.run([str(ROOT / ".venv-app/bin/python"), "-m", "lotse.cli", *command], cwd=ROOT,
                       env=env, check=True, stdout=subprocess.DEVNULL)
    processes = {}
    try:
        for name, command in commands.items():
            log = workdir / f"{name}.log"
            processes[name] = (subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"),
                                                stderr=subprocess.STDOUT), log)
        for name, (process, log) in processes.items():
            _wait_until_up(health[name], process, log)
        yield {"rasa": health["rasa"].rstrip("/"), "web": f"http://localhost:{PORTS['WEB_PORT']}",
               "token": TOKEN, "workdir": str(workdir)}
    finally:
        for process, _ in processes.values():
            process.terminate()
        for process, _ in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
